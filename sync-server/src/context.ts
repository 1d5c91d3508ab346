/**
 * The seams between the relay's parts. Services are created once at start
 * (main.ts or a test) and handed to the routes through AppContext.
 */
import type { AccessDirectory, AccessScope, Membership } from '@opora/shared';
import type { OpenDb } from './db/open.ts';

/** The signed-in device of a request, set by the auth middleware. */
export interface Session {
  userId: string;
  deviceId: string;
  login: string;
  memberships: Membership[];
  /** The user's access, built from memberships and the current directory. */
  scope: AccessScope;
  /** Stable hash of the memberships; a cursor from another scope restarts the pull. */
  scopeKey: string;
}

/** Hono variables of an authenticated request. */
export interface AuthVariables {
  session: Session;
}

/** What the sync service tells listeners after a commit (for the nudge). */
export interface ChangeNotice {
  docIds: string[];
  deviceId: string;
  seq: number;
}

/** Directory facts access needs, cached and refreshed when the directory changes. */
export interface DirectoryAccess {
  access(): AccessDirectory;
}

/** Everything the routes need. */
export interface AppContext {
  db: OpenDb;
}
