/**
 * Test helpers for the whole relay: an in-memory relay seeded with the demo
 * region (cheap password hashes), and sign-in through the real route.
 */
import {
  SYNC_CONTENT_TYPE,
  SYNC_PATH,
  decodeResponse,
  encodeRequest,
  initDocMeta,
  type DocKind,
  type SyncRequest,
} from '@opora/shared';
import { expect } from 'vitest';
import * as Y from 'yjs';
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
export function postJson(
  relay: Relay,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
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

/** Sends one sync request through the route and decodes the answer (asserting 200). */
export async function syncCall(relay: Relay, token: string, req: Partial<SyncRequest>) {
  const body = encodeRequest({ cursor: '', maxBytes: 0, pushes: [], vectors: [], ...req });
  const res = await relay.app.request(SYNC_PATH, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': SYNC_CONTENT_TYPE },
    body,
  });
  expect(res.status).toBe(200);
  return decodeResponse(new Uint8Array(await res.arrayBuffer()));
}

/** A full update of a new, valid document of this kind with one field set. */
export function docUpdate(kind: DocKind, field = 'x', value = 'v'): Uint8Array {
  const doc = new Y.Doc();
  initDocMeta(doc, kind);
  doc.getMap('meta').set(field, value);
  return Y.encodeStateAsUpdate(doc);
}

/** Reads an SSE response body chunk by chunk. */
export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  /** Everything received so far. */
  text = '';

  constructor(res: Response) {
    if (!res.body) throw new Error('no body');
    this.reader = res.body.getReader();
  }

  /** Reads until the received text matches `pattern`; returns the match. */
  async until(pattern: RegExp): Promise<RegExpExecArray> {
    for (;;) {
      const m = pattern.exec(this.text);
      if (m) return m;
      const { done, value } = await this.reader.read();
      if (done) throw new Error(`stream ended before ${pattern}: ${this.text}`);
      this.text += this.decoder.decode(value, { stream: true });
    }
  }

  /** Reads until the stream ends. */
  async end(): Promise<void> {
    for (;;) if ((await this.reader.read()).done) return;
  }

  /** Cancels the stream (the client disconnects). */
  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}
