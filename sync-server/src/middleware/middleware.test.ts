import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError } from '../errors.ts';
import { bearerToken } from './auth.ts';
import { clientAddress } from './client-address.ts';
import { optionalString, readJson, requiredString } from './json.ts';

describe('bearerToken', () => {
  it.each([
    ['Bearer abc_DEF-123', 'abc_DEF-123'],
    ['bearer   tok=', 'tok='],
    ['Bearer', null],
    ['Basic abc', null],
    ['Bearer a b', null],
    [undefined, null],
  ])('%s → %s', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('clientAddress', () => {
  const app = (trust: boolean) => {
    const a = new Hono();
    a.get('/', (c) => c.text(clientAddress(c, trust)));
    return a;
  };
  it('uses the socket, or the last forwarded hop behind a trusted proxy', async () => {
    const env = { incoming: { socket: { remoteAddress: '10.1.1.1' } } };
    const xff = { 'x-forwarded-for': '6.6.6.6, 7.7.7.7' };
    expect(await (await app(false).request('/', { headers: xff }, env)).text()).toBe('10.1.1.1');
    expect(await (await app(true).request('/', { headers: xff }, env)).text()).toBe('7.7.7.7');
    expect(await (await app(false).request('/')).text()).toBe('unknown');
  });
});

describe('readJson', () => {
  const app = new Hono();
  app.onError(handleError());
  app.post('/', async (c) => {
    const body = await readJson(c, 100);
    return c.json({ a: requiredString(body, 'a', 5), b: optionalString(body, 'b', 5) ?? null });
  });
  const post = (body: string, type = 'application/json; charset=utf-8') =>
    app.request('/', { method: 'POST', headers: { 'content-type': type }, body });

  it('reads and validates', async () => {
    expect(await (await post('{"a":"x"}')).json()).toEqual({ a: 'x', b: null });
    expect((await post('{"a":"x","b":7}')).status).toBe(400);
    expect((await post('{"a":"toolong"}')).status).toBe(400);
    expect((await post('{"a":')).status).toBe(400);
    expect((await post('{"a":"x"}', 'text/plain')).status).toBe(415);
    expect((await post(JSON.stringify({ a: 'x', pad: 'y'.repeat(200) }))).status).toBe(413);
  });
});
