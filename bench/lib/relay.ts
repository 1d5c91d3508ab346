/**
 * Our relay for the benchmarks: the real sync service and sync route over a real
 * SQLite file, served over HTTP on a loopback port. Sessions are looked up by
 * bearer token from a table the bench fills (the auth layer is not what is
 * measured), and an in-process transport is offered for setting a scene up fast.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import {
  SYNC_CONTENT_TYPE,
  SYNC_PATH,
  type DirectorySnapshot,
  type Membership,
  type Transport,
} from '@opora/shared';
import type { AuthVariables, Session } from '../../sync-server/src/context.ts';
import { openDb, type OpenDb } from '../../sync-server/src/db/open.ts';
import { syncRoutes } from '../../sync-server/src/routes/sync.ts';
import { SyncService, type SyncServiceOptions } from '../../sync-server/src/services/sync.ts';
import { sessionFor } from '../../sync-server/src/testing/fixture.ts';

/** A relay under test. */
export interface BenchRelay {
  db: OpenDb;
  sync: SyncService;
  port: number;
  /** Registers a device; returns its bearer token. */
  addDevice(userId: string, memberships: Membership[], deviceId: string): string;
  session(token: string): Session;
  close(): Promise<void>;
}

/** Opens the database at `path` and serves the sync route on 127.0.0.1:0. */
export async function startRelay(
  path: string,
  directory: DirectorySnapshot,
  options: SyncServiceOptions = {},
): Promise<BenchRelay> {
  const db = openDb(path);
  const sync = new SyncService(db, options);
  const sessions = new Map<string, Session>();
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use('/api/*', async (c, next) => {
    const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const session = token ? sessions.get(token) : undefined;
    if (!session) return c.json({ error: { code: 'unauthorized', message: 'no session' } }, 401);
    c.set('session', session);
    await next();
  });
  app.route('/api', syncRoutes(sync));
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  let n = 0;
  return {
    db,
    sync,
    port: (server.address() as AddressInfo).port,
    addDevice(userId, memberships, deviceId) {
      const token = `${(++n).toString(36)}${'x'.repeat(42)}`.slice(0, 43);
      sessions.set(token, sessionFor(userId, memberships, deviceId, directory));
      return token;
    },
    session(token) {
      const s = sessions.get(token);
      if (!s) throw new Error('unknown token');
      return s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sync.close();
        server.close(() => {
          db.close();
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
