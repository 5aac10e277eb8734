import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** OpenAPI 3.0 as /api/docs-json writes it: only what this test reads. */
interface Media {
  schema?: Schema;
}
interface Operation {
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
  security?: unknown[];
}
type Schema = { [key: string]: unknown };
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const JSON_TYPE = 'application/json';
const ROLES = {
  secretariat: 'thuky@demo.example',
  leadership: 'lanhdao@demo.example',
  admin: 'admin@demo.example',
  officer: 'syt@demo.example',
} as const;

/**
 * OpenAPI 3.0's schema as JSON Schema: `nullable` becomes a null alternative, and an object
 * with declared properties allows no others, so a field the API sends but does not declare
 * fails too.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as Schema).map(([p, s]) => [p, toJsonSchema(s)]))
        : key === '$ref'
          ? String(value).replace('#/components/schemas/', 'openapi#/components/schemas/')
          : toJsonSchema(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (nullable !== true) return out;
  if (out.allOf || out.$ref) return { anyOf: [out, { type: 'null' }] };
  if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

function operations(doc: OpenApiDocument) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

const successOf = (op: Operation) =>
  Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));

describe('OpenAPI contract: /api/docs-json describes every answer', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let ajv: Ajv;
  const validators = new Map<Schema, ValidateFunction>();
  const tokens: Record<string, string> = {};

  const validatorFor = (schema: Schema): ValidateFunction => {
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile(toJsonSchema(schema) as Schema);
      validators.set(schema, validate);
    }
    return validate;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2024-01-15T03:00:00Z')) });
    const res = await t.request<OpenApiDocument>('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema(
      {
        $id: 'openapi',
        components: {
          schemas: Object.fromEntries(
            Object.entries(doc.components.schemas).map(([n, s]) => [n, toJsonSchema(s)]),
          ),
        },
      },
      'openapi',
    );
    for (const [role, email] of Object.entries(ROLES)) tokens[role] = await t.login(email);
  });
  afterAll(() => t.close());

  it('declares a success answer for every operation: a schema, a binary file or no content', () => {
    const missing = operations(doc)
      .filter(({ op }) => {
        const success = successOf(op);
        return !success.some(
          ([status, r]) =>
            status === '204' || Object.values(r.content ?? {}).some((m) => m.schema !== undefined),
        );
      })
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
  });

  it('declares every error in the one error shape, and 401 wherever a token is needed', () => {
    const problems: string[] = [];
    for (const { method, path, op } of operations(doc)) {
      for (const [status, r] of Object.entries(op.responses)) {
        if (!/^[45]\d\d$/.test(status)) continue;
        const ref = r.content?.[JSON_TYPE]?.schema?.$ref;
        if (ref !== '#/components/schemas/ErrorBodyDoc')
          problems.push(`${method} ${path} ${status}: no error shape`);
      }
      if (op.security?.length && !op.responses['401']) problems.push(`${method} ${path}: no 401`);
    }
    expect(problems).toEqual([]);
  });

  it('answers every GET, as every role, with a body its declared schema accepts', async () => {
    const secretariat = tokens.secretariat;
    const pilot = (await t.request('GET', '/api/v1/pilots/2', { token: secretariat })).body;
    const recommendations = (
      await t.request('GET', '/api/v1/recommendations?limit=100', { token: secretariat })
    ).body.items as { id: string; state: string; cycle: number }[];
    const blocker = (await t.request('GET', '/api/v1/blockers?limit=1', { token: secretariat }))
      .body.items[0];
    const user = (await t.request('GET', '/api/v1/users?limit=1', { token: tokens.admin })).body
      .items[0];
    const milestone = (await t.request('GET', '/api/v1/milestones?limit=1', { token: secretariat }))
      .body.items[0];
    // A letter request about pilot 6's CENTRAL blocker (SYT's), so the lists and the queue have one.
    const central = (
      await t.request('GET', '/api/v1/blockers?pilot=6&authority=CENTRAL', { token: secretariat })
    ).body.items[0];
    const letterRequest = (
      await t.request('POST', '/api/v1/letter-requests', {
        token: tokens.officer,
        body: { blockerId: central.id, addresseeCode: 'BYT', question: 'Đề nghị', impact: 'Vì' },
      })
    ).body;
    // A sent letter that reached level 2 (the row the engine would write), so the follow-up
    // letter answers with its .docx.
    const sent = recommendations.find((r) => r.state === 'SENT' && r.cycle === 1)!;
    await t.app.get(DataSource).query(
      `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name, outcome, due_at, occurred_at, working_days_overdue)
       SELECT r.id, ra.agency_id, 1, 2, 0, 'Đôn đốc', 'FIRED', r.response_due_at, r.response_due_at, 10
         FROM recommendation r JOIN recommendation_addressee ra ON ra.recommendation_id = r.id WHERE r.id = $1
       ON CONFLICT DO NOTHING`,
      [sent.id],
    );
    // An answer with a PDF on the sent letter and an image on pilot 2's December 2023 report,
    // so the attachment lists and the download answer with something.
    const [response] = (await t.app.get(DataSource).query(
      `INSERT INTO recommendation_response (recommendation_id, document_number, date, summary, recorded_at)
       VALUES ($1, '1/TL', '2024-01-05', 'Trả lời', now()) RETURNING id`,
      [sent.id],
    )) as { id: string }[];
    const form = new FormData();
    form.append(
      'file',
      new Blob([new TextEncoder().encode('%PDF-1.4\ntrailer << >>\n%%EOF\n')]),
      'tra-loi.pdf',
    );
    const uploaded = await fetch(
      new URL(
        `/api/v1/recommendations/${sent.id}/responses/${response.id}/attachments`,
        await t.app.getUrl(),
      ),
      { method: 'POST', headers: { authorization: `Bearer ${secretariat}` }, body: form },
    );
    expect(uploaded.status).toBe(201);
    const attachment = (await uploaded.json()) as { id: string };
    const pathValues: Record<string, string> = {
      number: String(pilot.number),
      code: 'SYT',
      responseId: response.id,
      period: '2023-12',
    };
    const idFor = (path: string) =>
      path.startsWith('/api/v1/recommendations')
        ? sent.id
        : path.startsWith('/api/v1/blockers')
          ? blocker.id
          : path.startsWith('/api/v1/users')
            ? user.id
            : path.startsWith('/api/v1/letter-requests')
              ? letterRequest.id
              : path.startsWith('/api/v1/attachments')
                ? attachment.id
                : path.startsWith('/api/v1/milestones')
                  ? milestone.id
                  : undefined;
    const query: Record<string, string> = {
      '/api/v1/calendar/working-days': 'from=2024-01-01&to=2024-02-29',
      '/api/v1/calendar/adjustments': 'year=2024',
      '/api/v1/audit': `entityType=pilot&entityId=${pilot.id}`,
      '/api/v1/reports/monthly': 'period=2023-12',
      '/api/v1/recommendations/follow-up-letters': 'level=2',
      '/api/v1/search': 'q=HIS',
    };

    const problems: string[] = [];
    const gets: string[] = [];
    const answered = new Set<string>();
    for (const { method, path, op } of operations(doc)) {
      if (method !== 'GET') continue;
      const url =
        path.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === 'id'
            ? idFor(path)!
            : name === 'code' && path.startsWith('/api/v1/indicators')
              ? 'hoSoTthcDaSoHoa'
              : pathValues[name],
        ) + (query[path] ? `?${query[path]}` : '');
      gets.push(path);
      for (const [role, token] of Object.entries(tokens)) {
        const res = await t.request('GET', url, { token });
        if (res.status < 300) answered.add(path);
        const declared = op.responses[String(res.status)];
        const where = `GET ${url} as ${role} → ${res.status}`;
        if (!declared) {
          problems.push(`${where}: status not declared`);
          continue;
        }
        const type = (res.headers['content-type'] ?? '').split(';')[0];
        const media = declared.content?.[type];
        if (!media?.schema) {
          problems.push(`${where}: ${type} not declared`);
          continue;
        }
        if (type !== JSON_TYPE) continue;
        const validate = validatorFor(media.schema);
        if (!validate(res.body))
          problems.push(`${where}: ${ajv.errorsText(validate.errors, { separator: '; ' })}`);
      }
    }
    expect(problems).toEqual([]);
    // Each GET answered with success to some role, so its success schema was tried.
    expect(gets.filter((path) => !answered.has(path))).toEqual([]);
  });

  it('answers sign-in and a refused request in their declared shapes', async () => {
    const login = doc.paths['/api/v1/auth/login'].post;
    const ok = await t.request('POST', '/api/v1/auth/login', {
      body: { email: ROLES.officer, password: 'demo-pilot-06' },
    });
    const wrong = await t.request('POST', '/api/v1/auth/login', {
      body: { email: ROLES.officer, password: 'not-the-password' },
    });
    const anonymous = await t.request('GET', '/api/v1/pilots');
    for (const [res, op] of [
      [ok, login],
      [wrong, login],
      [anonymous, doc.paths['/api/v1/pilots'].get],
    ] as const) {
      const schema = op.responses[String(res.status)]?.content?.[JSON_TYPE]?.schema;
      expect(schema).toBeDefined();
      const validate = validatorFor(schema!);
      expect({ status: res.status, valid: validate(res.body), errors: validate.errors }).toEqual({
        status: res.status,
        valid: true,
        errors: null,
      });
    }
  });
});
