/**
 * The relay assembled: database, services, routes. `createRelay` is what
 * main.ts serves and what tests call in process with `relay.app.request()`.
 */
import { Hono } from 'hono';
import type { AuthVariables } from './context.ts';
import { openDb, type OpenDb } from './db/open.ts';
import { errorBody, handleError, type ErrorLogger } from './errors.ts';
import { requireAuth } from './middleware/auth.ts';
import { AuditRepo } from './repo/audit-repo.ts';
import { DirectoryRepo } from './repo/directory-repo.ts';
import { UserRepo } from './repo/user-repo.ts';
import { authRoutes } from './routes/auth.ts';
import { eventRoutes } from './routes/events.ts';
import { meRoutes } from './routes/me.ts';
import { syncRoutes } from './routes/sync.ts';
import { webRoutes } from './routes/web.ts';
import { AuthService, type AuthOptions } from './services/auth.ts';
import { DirectoryService } from './services/directory.ts';
import { ChangeHub } from './services/events.ts';
import { SyncService, type SyncServiceOptions } from './services/sync.ts';

/** Options of a relay. */
export interface RelayOptions {
  /** SQLite file, or ':memory:'. */
  databasePath: string;
  /** Folder of the web build; null or missing: no static files. */
  webRoot?: string | null;
  /** Clock in milliseconds (tests). */
  now?: () => number;
  /** Trust X-Forwarded-For for the client address (behind a reverse proxy). */
  trustProxy?: boolean;
  /** Auth tunables (rate limits) for tests. */
  auth?: Omit<AuthOptions, 'now'>;
  /** Sync tunables for tests. */
  sync?: Omit<SyncServiceOptions, 'now'>;
  /** Keep-alive interval of /api/events. */
  pingMs?: number;
  /** Where unexpected errors are logged. */
  logError?: ErrorLogger;
}

/** A running relay: the app and its parts. */
export interface Relay {
  app: Hono;
  db: OpenDb;
  sync: SyncService;
  auth: AuthService;
  directory: DirectoryService;
  events: ChangeHub;
  audit: AuditRepo;
  /** Ends event streams, stops background work and closes the database. */
  close(): void;
}

/** Paths under /api that need no token. */
const PUBLIC_PATHS = new Set(['/api/health', '/api/auth/login']);

/** Builds the relay over the database at `options.databasePath`. */
export function createRelay(options: RelayOptions): Relay {
  const now = options.now ?? Date.now;
  const db = openDb(options.databasePath);
  const audit = new AuditRepo(db, now);
  const directory = new DirectoryService(new DirectoryRepo(db));
  const auth = new AuthService(new UserRepo(db), audit, directory, { ...options.auth, now });
  const sync = new SyncService(db, { ...options.sync, now });
  const events = new ChangeHub(sync, directory);

  const api = new Hono<{ Variables: AuthVariables }>();
  api.use('*', requireAuth(auth, PUBLIC_PATHS));
  api.get('/health', (c) => c.json({ ok: true }));
  api.route('/', authRoutes(auth, { trustProxy: options.trustProxy ?? false }));
  api.route('/', meRoutes(auth, directory));
  api.route('/', syncRoutes(sync));
  api.route('/', eventRoutes(events, auth, { pingMs: options.pingMs }));
  api.all('*', (c) => c.json(errorBody('not_found', 'Нет такого адреса API.'), 404));

  const app = new Hono();
  app.onError(handleError(options.logError));
  app.notFound((c) => c.json(errorBody('not_found', 'Не найдено.'), 404));
  app.route('/api', api);
  app.route('/', webRoutes(options.webRoot));

  let closed = false;
  return {
    app,
    db,
    sync,
    auth,
    directory,
    events,
    audit,
    close() {
      if (closed) return;
      closed = true;
      events.close();
      sync.close();
      db.close();
    },
  };
}
