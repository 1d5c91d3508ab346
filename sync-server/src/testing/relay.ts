/**
 * Test helpers for the whole relay: an in-memory relay seeded with the demo
 * region (cheap password hashes), and sign-in through the real route.
 */
import { expect } from 'vitest';
import { createRelay, type Relay, type RelayOptions } from '../app.ts';
import { DEMO_LOGINS, seedDemo, type DemoLogin } from '../demo/seed.ts';
import type { LoginResponse } from '../routes/auth.ts';
import type { ScryptParams } from '../services/password.ts';

/** A scrypt cost low enough for tests. */
export const CHEAP_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };

/** A relay over a fresh in-memory database holding the demo region. */
export function demoRelay(options: Partial<RelayOptions> = {}): Relay {
  const relay = createRelay({ databasePath: ':memory:', webRoot: null, ...options });
  seedDemo(relay.db, Date.now(), CHEAP_SCRYPT);
  return relay;
}

/** The demo user with this login. */
export function demoUser(login: string): DemoLogin {
  const u = DEMO_LOGINS.find((d) => d.login === login);
  if (!u) throw new Error(`no demo user ${login}`);
  return u;
}

/** POSTs JSON to the relay. */
export function postJson(relay: Relay, path: string, body: unknown, headers: Record<string, string> = {}) {
  return relay.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Signs a demo user in and returns the answer (asserting success). */
export async function signIn(relay: Relay, login: string, deviceName?: string) {
  const res = await postJson(relay, '/api/auth/login', {
    login,
    password: demoUser(login.trim().toLowerCase()).password,
    deviceName,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as LoginResponse;
}

/** An Authorization header for a token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
