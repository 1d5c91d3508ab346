/**
 * Our relay for the benchmarks: `createRelay` (the app main.ts serves) over a
 * real SQLite file, served over HTTP on a loopback port. The directory and the
 * users are written straight through the relay's repositories; devices sign in
 * through the real login route, and every sync request passes the real auth
 * middleware. An in-process transport is offered for setting a scene up fast.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import {
  SYNC_CONTENT_TYPE,
  SYNC_PATH,
  type DirectorySnapshot,
  type Membership,
  type Transport,
} from '@opora/shared';
import { createRelay, type Relay } from '../../sync-server/src/app.ts';
import type { Session } from '../../sync-server/src/context.ts';
import { DirectoryRepo } from '../../sync-server/src/repo/directory-repo.ts';
import { UserRepo } from '../../sync-server/src/repo/user-repo.ts';
import { hashPasswordSync } from '../../sync-server/src/services/password.ts';
import type { SyncService, SyncServiceOptions } from '../../sync-server/src/services/sync.ts';

/** A password hash cheap enough for a bench that signs many devices in. */
const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };
const PASSWORD = 'bench-password';

/** A relay under test, listening on 127.0.0.1. */
export interface BenchRelay {
  relay: Relay;
  sync: SyncService;
  port: number;
  /** Creates a user with these memberships (login = id). */
  addUser(id: string, memberships: Membership[]): void;
  /** Signs a device in through POST /api/auth/login; returns its token. */
  login(userId: string, deviceName: string): Promise<string>;
  /** The session the auth layer builds for a token. */
  session(token: string): Session;
  close(): Promise<void>;
}

/** Opens the database at `path`, writes the directory, and serves the relay on port 0. */
export async function startRelay(
  path: string,
  directory: DirectorySnapshot,
  sync: Omit<SyncServiceOptions, 'now'> = {},
): Promise<BenchRelay> {
  const relay = createRelay({ databasePath: path, webRoot: null, sync });
  new DirectoryRepo(relay.db).createMany(directory);
  const users = new UserRepo(relay.db);
  const hash = hashPasswordSync(PASSWORD, CHEAP_SCRYPT);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: relay.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    relay,
    sync: relay.sync,
    port,
    addUser(id, memberships) {
      users.createUser({ id, login: id, name: id, passwordHash: hash, createdAt: Date.now() });
      for (const m of memberships) users.grant(id, m);
    },
    async login(userId, deviceName) {
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: userId, password: PASSWORD, deviceName }),
      });
      if (!res.ok) throw new Error(`login answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    session: (token) => relay.auth.authenticate(token),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          relay.close();
          resolve();
        });
        // Keep-alive sockets would hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/** A transport calling the service in process (no HTTP), for setting a scene up. */
export function directTransport(sync: SyncService, session: Session): Transport {
  return async (body) => sync.handle(session, body);
}

/** The app's transport: one POST per frame, as web/src/lib/sync/transport.ts sends it. */
export function httpTransport(port: number, token: string): Transport {
  const url = `http://127.0.0.1:${port}${SYNC_PATH}`;
  return async (body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': SYNC_CONTENT_TYPE,
        accept: SYNC_CONTENT_TYPE,
      },
      body: body as Uint8Array<ArrayBuffer>,
    });
    if (!res.ok) throw new Error(`sync answered ${res.status}: ${await res.text()}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}
