import {
  draftSummary,
  letterRequestCommandRefusal,
  letterRequestCommandsFor,
  letterRequestStateAfter,
  LETTER_REQUEST_STATES,
} from '../../src/letter-requests/domain/letter-request-lifecycle.js';

describe('a letter request’s steps', () => {
  const author = { id: 'a', role: 'AGENCY_OFFICER' as const };
  const colleague = { id: 'b', role: 'AGENCY_OFFICER' as const };
  const secretariat = { id: 's', role: 'SECRETARIAT' as const };
  const leadership = { id: 'l', role: 'LEADERSHIP' as const };
  const request = { requestedById: 'a' };

  it('moves only from OPEN: to DRAFTED, DECLINED or WITHDRAWN', () => {
    expect(letterRequestStateAfter('draft', 'OPEN')).toBe('DRAFTED');
    expect(letterRequestStateAfter('decline', 'OPEN')).toBe('DECLINED');
    expect(letterRequestStateAfter('withdraw', 'OPEN')).toBe('WITHDRAWN');
    for (const from of LETTER_REQUEST_STATES.filter((s) => s !== 'OPEN'))
      for (const command of ['draft', 'decline', 'withdraw'] as const)
        expect(letterRequestStateAfter(command, from)).toBeNull();
  });

  it('gives drafting and declining to the secretariat, withdrawing to the author alone', () => {
    expect(letterRequestCommandsFor('OPEN', author, request)).toEqual(['withdraw']);
    expect(letterRequestCommandsFor('OPEN', colleague, request)).toEqual([]);
    expect(letterRequestCommandsFor('OPEN', secretariat, request)).toEqual(['draft', 'decline']);
    expect(letterRequestCommandsFor('OPEN', leadership, request)).toEqual([]);
    expect(letterRequestCommandsFor('OPEN', secretariat, { requestedById: 's' })).toEqual([
      'draft',
      'decline',
      'withdraw',
    ]);
    expect(letterRequestCommandsFor('DRAFTED', secretariat, request)).toEqual([]);
    expect(letterRequestCommandRefusal('withdraw', secretariat, request)).toBe('author-only');
    expect(letterRequestCommandRefusal('decline', author, request)).toBe('handler-only');
  });

  it('drafts the letter’s summary from what to ask, then why', () => {
    expect(draftSummary({ question: 'Đề nghị Bộ hướng dẫn.', impact: 'Mô hình dừng.' })).toBe(
      'Đề nghị Bộ hướng dẫn.\n\nLý do: Mô hình dừng.',
    );
  });
});
