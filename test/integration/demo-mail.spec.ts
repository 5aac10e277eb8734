import { DataSource } from 'typeorm';
import { recipientsFor } from '../../src/escalation/recipients.js';
import { DigestService } from '../../src/digest/digest.service.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Demo accounts left in a production database receive no mail (they cannot sign in there). */
describe('mail to demo accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: { isProduction: true } });
    // One real leadership account beside the demo ones.
    await t.app.get(DataSource).query(
      `INSERT INTO app_user (email, name, role, password_hash, is_demo)
       VALUES ('chutich@khanhhoa.gov.vn', 'Chủ tịch UBND tỉnh', 'LEADERSHIP', 'x', false)`,
    );
  });
  afterAll(() => t.close());

  it('leaves demo accounts out of escalation recipients in production, and keeps them elsewhere', async () => {
    const ds = t.app.get(DataSource);
    const [{ id }] = await ds.query(
      `SELECT id FROM recommendation WHERE document_number = '4338/SYT-TCHC'`,
    );
    const day = '2026-12-02';
    const production = await recipientsFor(
      ds.manager,
      id,
      ['LEADERSHIP', 'SECRETARIAT'],
      { isProduction: true },
      day,
    );
    expect(production.recipients.map((r) => r.email)).toEqual(['chutich@khanhhoa.gov.vn']);
    const development = await recipientsFor(
      ds.manager,
      id,
      ['LEADERSHIP', 'SECRETARIAT'],
      { isProduction: false },
      day,
    );
    expect(development.recipients.map((r) => r.email)).toEqual(
      expect.arrayContaining([
        'chutich@khanhhoa.gov.vn',
        'lanhdao@demo.example',
        'thuky@demo.example',
      ]),
    );
  });

  it('sends the leadership digest to no demo account in production', async () => {
    const summary = await t.app
      .get(DigestService)
      .send({ trigger: 'manual', requestId: 'demo-mail-test' });
    expect(summary.recipients).toBe(1);
    const rows = await t.app
      .get(DataSource)
      .query(
        `SELECT recipient_email FROM notification WHERE idempotency_key LIKE 'digest:manual:demo-mail-test:%'`,
      );
    expect(rows).toEqual([{ recipient_email: 'chutich@khanhhoa.gov.vn' }]);
  });
});
