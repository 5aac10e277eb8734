import { TEST_PASSWORD } from './database.js';
import type { EscalationPolicy } from '../../src/escalation/domain/policy.js';
import { digestValues } from '../../src/web/settings/policy.view.js';
import type { TestApp } from './app.js';

export interface WebResponse {
  status: number;
  location: string | null;
  headers: Headers;
  html: string;
}

/**
 * A browser without a browser: keeps cookies, reads the CSRF token off the last page and sends
 * forms as `application/x-www-form-urlencoded`, the way an HTML form posts.
 */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  static async of(app: TestApp): Promise<WebClient> {
    return new WebClient(await app.app.getUrl());
  }

  /** Signs in through the sign-in form; throws unless it lands on a page. */
  static async signedIn(app: TestApp, email: string, password = TEST_PASSWORD): Promise<WebClient> {
    const client = await WebClient.of(app);
    await client.get('/dang-nhap');
    const res = await client.post('/dang-nhap', { email, password });
    if (res.status !== 303) throw new Error(`sign-in of ${email} failed: ${res.status}`);
    await client.get('/mo-hinh'); // picks up the session's CSRF token
    return client;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<WebResponse> {
    return this.send('GET', path, undefined, headers);
  }

  /** Posts a form; the CSRF token of the last page is added unless `_csrf` is given. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<WebResponse> {
    const form = new URLSearchParams();
    if (options.csrf !== false && this.csrf && fields._csrf === undefined)
      form.set('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) {
      for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    }
    return this.send('POST', path, form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...options.headers,
    });
  }

  /** Follows a 303 the way a browser does after a form. */
  async follow(res: WebResponse): Promise<WebResponse> {
    if (!res.location) throw new Error(`no redirect (status ${res.status})`);
    return this.get(res.location);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async send(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<WebResponse> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookies.size
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
          : {}),
        ...headers,
      },
      body,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair.split('=');
      const v = value.join('=');
      if (v === '' || /max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), v);
    }
    const html = await res.text();
    const token =
      /name="_csrf" value="([^"]+)"/.exec(html) ?? /"x-csrf-token":"([^"]+)"/.exec(html);
    if (token) this.csrf = token[1];
    return {
      status: res.status,
      location: res.headers.get('location'),
      headers: res.headers,
      html,
    };
  }
}

/** The visible text of a fragment of HTML, whitespace collapsed: for asserting what a user reads. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The escalation policy form's fields, named like the API's paths, as a browser posts them. */
export function policyFields(
  policy: EscalationPolicy,
  version: number,
): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {
    version: String(version),
    responseWorkingDays: String(policy.responseWorkingDays),
    repeatEveryWorkingDays: String(policy.repeatEveryWorkingDays),
    digestCron: policy.digestCron,
    ...digestValues(policy.digestCron),
    reportCutoffDay: String(policy.reportCutoffDay),
  };
  policy.levels.forEach((l, i) => {
    fields[`levels.${i}.name`] = l.name;
    fields[`levels.${i}.afterWorkingDays`] = String(l.afterWorkingDays);
    fields[`levels.${i}.notify`] = l.notify;
  });
  return fields;
}
