/** The bearer-token check in front of every /api route but the public ones. */
import type { MiddlewareHandler } from 'hono';
import type { AuthVariables } from '../context.ts';
import { Unauthorized } from '../errors.ts';
import type { AuthService } from '../services/auth.ts';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer[ ]+([A-Za-z0-9_\-.~+/]+=*)\s*$/i.exec(header ?? '');
  return m?.[1] ?? null;
}

/**
 * Requires a valid device token and sets `c.var.session`; paths in `open` pass
 * without one. Unknown or revoked tokens and disabled users get 401.
 */
export function requireAuth(
  auth: AuthService,
  open: ReadonlySet<string>,
): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    if (open.has(c.req.path)) return next();
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new Unauthorized('Требуется вход в систему.');
    c.set('session', auth.authenticate(token));
    await next();
  };
}
