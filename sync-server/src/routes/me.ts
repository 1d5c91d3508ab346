/** GET /me: who the device is signed in as, and the part of the directory they may see. */
import type { DirectorySnapshot, Membership } from '@opora/shared';
import { Hono } from 'hono';
import type { AuthVariables } from '../context.ts';
import type { AuthService, PublicUser } from '../services/auth.ts';
import type { DirectoryService } from '../services/directory.ts';

/** Answer of GET /api/me. */
export interface MeResponse {
  user: PublicUser;
  memberships: Membership[];
  directory: DirectorySnapshot;
}

/** The /me route. */
export function meRoutes(
  auth: AuthService,
  directory: DirectoryService,
): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.get('/me', (c) => {
    const s = c.var.session;
    c.header('Cache-Control', 'no-store');
    return c.json<MeResponse>({
      user: auth.user(s.userId),
      memberships: s.memberships,
      directory: directory.snapshotFor(s.memberships),
    });
  });
  return app;
}
