import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyInstance } from 'fastify';
import type { AccessTokenClaims } from '../auth/authenticated-user.js';
import type { Actor } from '../access/actor.js';
import { notFound } from '../common/domain-error.js';
import type { ErrorBody } from '../common/error-body.js';

/** Marks the API calls pages make in-process (not logged twice); a client cannot guess it. */
export const INTERNAL_CALL_HEADER = 'x-web-interface';
export const INTERNAL_CALL_TOKEN = randomBytes(16).toString('hex');

export type ApiResult<T> =
  { ok: true; status: number; body: T } | { ok: false; status: number; error: ErrorBody };

export interface ApiFile {
  status: number;
  contentType: string;
  disposition: string | undefined;
  payload: Buffer;
  error?: ErrorBody;
}

const SAFE_SEGMENT = /^[A-Za-z0-9_.~-]+$/;

export type Query = Record<string, string | number | boolean | undefined | null>;

/** An API error the page did not expect to handle itself: the web filter renders it. */
export class ApiCallFailed extends Error {
  constructor(readonly error: ErrorBody) {
    super(error.message);
  }
}

/**
 * The JSON API as one signed-in user sees it. Pages call it in-process (Fastify's inject: no
 * socket) with a token minted for this call only, so a page can do nothing the API would not
 * let the same user do, and gets the API's own validation, authorization and error messages.
 */
export class ApiClient {
  constructor(
    private readonly instance: FastifyInstance,
    private readonly token: Promise<string>,
    private readonly requestId: string | null,
  ) {}

  get<T>(path: string, query: Query = {}): Promise<ApiResult<T>> {
    return this.call<T>('GET', path, query);
  }

  post<T>(path: string, body: unknown = {}): Promise<ApiResult<T>> {
    return this.call<T>('POST', path, {}, body);
  }

  put<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    return this.call<T>('PUT', path, {}, body);
  }

  patch<T>(path: string, body: unknown): Promise<ApiResult<T>> {
    return this.call<T>('PATCH', path, {}, body);
  }

  /** A GET whose answer the page needs: anything but 2xx is shown as an error page. */
  async read<T>(path: string, query: Query = {}): Promise<T> {
    const result = await this.get<T>(path, query);
    if (!result.ok) throw new ApiCallFailed(result.error);
    return result.body;
  }

  /** Every item of a list endpoint, 100 a call (the API's page limit), at most `max`. */
  async readAll<T>(path: string, query: Query = {}, max = 2000): Promise<T[]> {
    const items: T[] = [];
    for (;;) {
      const page = await this.read<{ items: T[]; total: number }>(path, {
        ...query,
        limit: 100,
        offset: items.length,
      });
      items.push(...page.items);
      if (page.items.length === 0 || items.length >= page.total || items.length >= max)
        return items;
    }
  }

  /** A file (docx, xlsx) to pass through to the browser as the API answers it. */
  async file(path: string, query: Query = {}): Promise<ApiFile> {
    const res = await this.inject('GET', path, query);
    const contentType = String(res.headers['content-type'] ?? 'application/octet-stream');
    return {
      status: res.statusCode,
      contentType,
      disposition: res.headers['content-disposition'] as string | undefined,
      payload: res.rawPayload,
      error: res.statusCode >= 400 ? (res.json() as ErrorBody) : undefined,
    };
  }

  private async call<T>(
    method: string,
    path: string,
    query: Query,
    body?: unknown,
  ): Promise<ApiResult<T>> {
    const res = await this.inject(method, path, query, body);
    const parsed: unknown = res.body ? res.json() : undefined;
    return res.statusCode < 400
      ? { ok: true, status: res.statusCode, body: parsed as T }
      : { ok: false, status: res.statusCode, error: parsed as ErrorBody };
  }

  private async inject(method: string, path: string, query: Query, body?: unknown) {
    // Pages put ids from their own address into these paths: a segment that could step out of
    // the resource ("..", "%2F", "?") is not an id of ours, and the page is not found.
    const segments = path.split('/').slice(1);
    if (segments.some((seg) => !SAFE_SEGMENT.test(seg) || seg === '.' || seg === '..')) {
      throw notFound('trang này');
    }
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
    }
    const qs = search.toString();
    return this.instance.inject({
      method: method as 'GET',
      url: `/api/v1${path}${qs ? `?${qs}` : ''}`,
      headers: {
        authorization: `Bearer ${await this.token}`,
        [INTERNAL_CALL_HEADER]: INTERNAL_CALL_TOKEN,
        ...(this.requestId ? { 'x-request-id': this.requestId } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      payload: body !== undefined ? JSON.stringify(body) : undefined,
    });
  }
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
    return new ApiClient(
      this.adapterHost.httpAdapter.getInstance<FastifyInstance>(),
      this.jwt.signAsync(claims, { expiresIn: 60 }),
      actor.requestId,
    );
  }
}
