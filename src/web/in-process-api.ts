import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyInstance } from 'fastify';
import createClient, { type Client } from 'openapi-fetch';
import type { AccessTokenClaims } from '../auth/authenticated-user.js';
import type { Actor } from '../access/actor.js';
import { notFound } from '../common/domain-error.js';
import type { components, paths } from './api/openapi-types.js';

/** Marks the API calls pages make in-process (not logged twice); a client cannot guess it. */
export const INTERNAL_CALL_HEADER = 'x-web-interface';
export const INTERNAL_CALL_TOKEN = randomBytes(16).toString('hex');

/** The API's types, generated from its OpenAPI document (`npm run openapi`). */
export type Schemas = components['schemas'];
/** The one error shape of the API, as its OpenAPI document declares it. */
export type ApiError = Schemas['ErrorBodyDoc'];

/**
 * The JSON API as one signed-in user sees it, typed by the API's OpenAPI document:
 * `web.api.GET('/api/v1/pilots/{number}', { params: { path: { number: '6' } } })` answers
 * `{ data, error, response }` with `data` of the declared success type and `error` of the
 * declared error shape; a path or field the API does not have does not compile.
 */
export type ApiClient = Client<paths, `${string}/json`>;

export type ApiResult<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; error: ApiError };

export interface ApiFile {
  status: number;
  contentType: string;
  disposition: string | undefined;
  payload: Buffer;
  error?: ApiError;
}

/** What an ApiClient call answers (openapi-fetch's FetchResponse), for any success type. */
type Answer<T> =
  | { data: T; error?: never; response: Response }
  | { data?: never; error: ApiError; response: Response };
/** The success type of a call's answer. */
type DataOf<A> = A extends { data: infer T; error?: never } ? T : never;
interface ListPage {
  items: unknown[];
  total: number;
}
/** The item type of a list endpoint's answer. */
type ItemOf<A> = A extends { data: { items: (infer T)[] }; error?: never } ? T : never;

/**
 * What the user typed or picked, handed to the API where it declares a narrower type (a number,
 * one of its codes) without checking it here: pages pass form fields and filters on as sent, so
 * that the API's own validation refuses a wrong one and its message shows beside the field. The
 * one place the web does not hold the API's request types to what it sends, on purpose.
 */
export const unchecked = (sent: string | number | undefined): never => sent as never;

/** An API error the page did not expect to handle itself: the web filter renders it. */
export class ApiCallFailed extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** A call's answer as the page handles it: the body, or the API's error with its status. */
export function apiResult<A extends Answer<unknown>>(
  call: Promise<A>,
): Promise<ApiResult<DataOf<A>>>;
export async function apiResult(call: Promise<Answer<unknown>>): Promise<ApiResult<unknown>> {
  const answer = await call;
  return answer.error === undefined
    ? { ok: true, status: answer.response.status, body: answer.data }
    : { ok: false, status: answer.response.status, error: answer.error };
}

/** A read whose answer the page needs: anything but 2xx is shown as an error page. */
export function read<A extends Answer<unknown>>(call: Promise<A>): Promise<DataOf<A>>;
export async function read(call: Promise<Answer<unknown>>): Promise<unknown> {
  const result = await apiResult(call);
  if (!result.ok) throw new ApiCallFailed(result.error);
  return result.body;
}

/**
 * Every item of a list endpoint, 100 a call (the API's page limit), at most `max`:
 * `readAll((page) => web.api.GET('/api/v1/agencies', { params: { query: page } }))`.
 */
export function readAll<A extends Answer<ListPage>>(
  list: (page: { limit: number; offset: number }) => Promise<A>,
  max?: number,
): Promise<ItemOf<A>[]>;
export async function readAll(
  list: (page: { limit: number; offset: number }) => Promise<Answer<ListPage>>,
  max = 2000,
): Promise<unknown[]> {
  const items: unknown[] = [];
  for (;;) {
    const page = await read(list({ limit: 100, offset: items.length }));
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total || items.length >= max) return items;
  }
}

/**
 * A file (docx, xlsx) to pass through to the browser as the API answers it; the call asks
 * for the bytes: `download(web.api.GET(path, { ..., parseAs: 'arrayBuffer' }))`.
 */
export async function download(call: Promise<Answer<ArrayBuffer>>): Promise<ApiFile> {
  const { data, error, response } = await call;
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    disposition: response.headers.get('content-disposition') ?? undefined,
    payload: data === undefined ? Buffer.alloc(0) : Buffer.from(data),
    error,
  };
}

const SAFE_SEGMENT = /^[A-Za-z0-9_.~-]+$/;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Requests never leave the process: this origin only satisfies `Request`. */
const IN_PROCESS_ORIGIN = 'http://in-process.invalid';

/**
 * Path parameters into the path. Pages put ids from their own address there: a segment that
 * could step out of the resource ("..", "%2F", "?") is not an id of ours, and the page is not
 * found.
 */
function pathWith(pathname: string, params: Record<string, unknown>): string {
  return pathname.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(params[name] ?? '');
    if (!SAFE_SEGMENT.test(value) || value === '.' || value === '..') throw notFound('trang này');
    return encodeURIComponent(value);
  });
}

/** The query as pages give it: absent, null and blank values are left out. */
function queryString(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  return search.toString();
}

/**
 * Pages call the API in-process (Fastify's inject: no socket) with a token minted for this
 * page only, so a page can do nothing the API would not let the same user do, and gets the
 * API's own validation, authorization and error messages.
 */
function inProcessClient(
  instance: FastifyInstance,
  token: Promise<string>,
  requestId: string | null,
): ApiClient {
  const send = async (request: Request): Promise<Response> => {
    const method = METHODS.find((m) => m === request.method);
    if (!method) throw new Error(`the API has no ${request.method} operation`);
    const url = new URL(request.url);
    const payload = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const contentType = request.headers.get('content-type');
    const res = await instance.inject({
      method,
      url: `${url.pathname}${url.search}`,
      headers: {
        authorization: `Bearer ${await token}`,
        [INTERNAL_CALL_HEADER]: INTERNAL_CALL_TOKEN,
        ...(requestId ? { 'x-request-id': requestId } : {}),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      payload,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
    }
    const empty = res.statusCode === 204 || res.statusCode === 304;
    const body = empty ? null : new Uint8Array(res.rawPayload);
    return new Response(body, { status: res.statusCode, headers });
  };
  return createClient<paths, `${string}/json`>({
    baseUrl: IN_PROCESS_ORIGIN,
    fetch: send,
    pathSerializer: pathWith,
    querySerializer: queryString,
  });
}

@Injectable()
export class InProcessApi {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly jwt: JwtService,
  ) {}

  /** The API as this user: the token lives for one minute and never leaves the process. */
  as(actor: Actor): ApiClient {
    const claims: AccessTokenClaims = { sub: actor.id, role: actor.role };
    return inProcessClient(
      this.adapterHost.httpAdapter.getInstance<FastifyInstance>(),
      this.jwt.signAsync(claims, { expiresIn: 60 }),
      actor.requestId,
    );
  }
}
