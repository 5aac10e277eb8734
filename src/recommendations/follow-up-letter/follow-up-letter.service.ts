import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertAllowed, type Actor } from '../../access/actor.js';
import { CalendarService } from '../../calendar/calendar.service.js';
import { Clock } from '../../common/clock.js';
import { localDay } from '../../common/domain/local-time.js';
import { fieldError, notFound } from '../../common/domain-error.js';
import { FOLLOW_UP_MIN_LEVEL } from '../domain/follow-up-letter-rule.js';
import { RecommendationReadService } from '../recommendation-read.service.js';
import { buildFollowUpLetter } from './follow-up-letter.model.js';
import { loadFollowUpLetterSource } from './follow-up-letter.source.js';

export interface FollowUpLetterFile {
  fileName: string;
  bytes: Buffer;
}

/** The draft follow-up letter (công văn đôn đốc) of a sent, unanswered letter, as a .docx. */
@Injectable()
export class FollowUpLetterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly reads: RecommendationReadService,
  ) {}

  /** 403 unless secretariat or leadership; 404 / 409 from the letter's state (see the source). */
  async draft(actor: Actor, id: string): Promise<FollowUpLetterFile> {
    assertAllowed(actor, 'followUpLetter.draft');
    const source = await loadFollowUpLetterSource(
      this.dataSource,
      id,
      this.clock.now(),
      await this.calendars.current(),
    );
    const letter = buildFollowUpLetter(source);
    // docx is loaded on the first letter drafted, not at start-up.
    const { renderFollowUpLetterDocx } = await import('./follow-up-letter.docx.js');
    return { fileName: letter.fileName, bytes: await renderFollowUpLetterDocx(letter) };
  }

  /**
   * The follow-up letters of every letter now at escalation level `level` (sent, unanswered,
   * the level it has reached — the list's "Mức đôn đốc"), in one .docx, one letter a section,
   * most overdue first. Each is the letter `draft` makes. 404 when no letter is at that level.
   */
  async draftAtLevel(actor: Actor, level: number): Promise<FollowUpLetterFile & { count: number }> {
    assertAllowed(actor, 'followUpLetter.draft');
    if (!Number.isInteger(level) || level < FOLLOW_UP_MIN_LEVEL || level > 20)
      throw fieldError(
        'level',
        `level phải là số nguyên từ ${FOLLOW_UP_MIN_LEVEL} (mức bắt đầu soạn công văn đôn đốc)`,
      );
    const ids: string[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await this.reads.list(
        { state: 'SENT', sort: 'urgency', limit: 100, offset },
        actor,
      );
      for (const r of page.items) if (r.activeEscalationLevel === level) ids.push(r.id);
      if (page.items.length === 0 || offset + page.items.length >= page.total) break;
    }
    if (ids.length === 0) throw notFound(`kiến nghị nào đang ở mức đôn đốc ${level}`);
    const now = this.clock.now();
    const calendar = await this.calendars.current();
    const letters = [];
    for (const id of ids)
      letters.push(
        buildFollowUpLetter(await loadFollowUpLetterSource(this.dataSource, id, now, calendar)),
      );
    const { renderFollowUpLettersDocx } = await import('./follow-up-letter.docx.js');
    const bytes = await renderFollowUpLettersDocx(
      letters,
      `Dự thảo công văn đôn đốc: ${letters.length} kiến nghị ở mức đôn đốc ${level}`,
    );
    return { fileName: `don-doc-muc-${level}-${localDay(now)}.docx`, bytes, count: letters.length };
  }
}
