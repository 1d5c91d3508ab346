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
    const snapshot = directory.snapshotFor(s.memberships);
    // Coordinators name the curators of their schools (curators' activity, seed 004); nobody else gets them.
    const coordinated = directory.coordinatedSchools(s.memberships);
    if (coordinated.size > 0) snapshot.curators = auth.curatorsAt(coordinated);
    // Names of whoever may appear as an author in the user's documents (docs/http-api.md).
    snapshot.people = auth.peopleIn({
      schoolIds: [...snapshot.schools, ...(snapshot.partnerSchools ?? [])].map((s) => s.id),
      municipalityIds: snapshot.municipalities.map((m) => m.id),
      regionIds: snapshot.regions.map((r) => r.id),
    });
    return c.json<MeResponse>({
      user: auth.user(s.userId),
      memberships: s.memberships,
      directory: snapshot,
    });
  });
  return app;
}
