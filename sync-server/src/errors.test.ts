import { ProtocolError, type ErrorBody } from '@opora/shared';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import {
  BadRequest,
  Forbidden,
  InvalidCredentials,
  NotFound,
  PayloadTooLarge,
  RateLimited,
  Unauthorized,
  UnsupportedMediaType,
  handleError,
} from './errors.ts';

function appThrowing(err: unknown, logged: unknown[] = []) {
  const app = new Hono();
  app.onError(handleError((e) => logged.push(e)));
  app.get('/x', () => {
    throw err;
  });
  return app;
}

describe('handleError', () => {
  it.each([
    [new BadRequest(), 400, 'bad_request'],
    [new Unauthorized(), 401, 'unauthorized'],
    [new InvalidCredentials(), 401, 'invalid_credentials'],
    [new Forbidden(), 403, 'forbidden'],
    [new NotFound(), 404, 'not_found'],
    [new PayloadTooLarge(), 413, 'payload_too_large'],
    [new UnsupportedMediaType(), 415, 'unsupported_media_type'],
    [new RateLimited(90), 429, 'rate_limited'],
    [new ProtocolError('truncated'), 400, 'bad_request'],
    [new HTTPException(413), 413, 'payload_too_large'],
  ])('maps %s to its status and code', async (err, status, code) => {
    const logged: unknown[] = [];
    const res = await appThrowing(err, logged).request('/x');
    expect(res.status).toBe(status);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(logged).toEqual([]);
  });

  it('sets Retry-After on 429', async () => {
    const res = await appThrowing(new RateLimited(61.2)).request('/x');
    expect(res.headers.get('retry-after')).toBe('62');
  });

  it('answers 500 internal for an unknown error and logs it', async () => {
    const logged: unknown[] = [];
    const boom = new TypeError('boom');
    const res = await appThrowing(boom, logged).request('/x');
    expect(res.status).toBe(500);
    expect(((await res.json()) as ErrorBody).error.code).toBe('internal');
    expect(logged).toEqual([boom]);
  });
});
