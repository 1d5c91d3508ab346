/** POST /auth/login and POST /auth/logout (mounted under /api). */
import { Hono } from 'hono';
import type { AuthVariables } from '../context.ts';
import { clientAddress } from '../middleware/client-address.ts';
import { optionalString, readJson, requiredString } from '../middleware/json.ts';
import type { AuthService, LoginResult } from '../services/auth.ts';

/** Body of POST /api/auth/login. */
export interface LoginRequest {
  login: string;
  password: string;
  deviceName?: string;
}

/** Answer of POST /api/auth/login. */
export type LoginResponse = LoginResult;

/** Sign-in and sign-out routes; login is public, logout needs the session. */
export function authRoutes(
  auth: AuthService,
  options: { trustProxy?: boolean } = {},
): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.post('/auth/login', async (c) => {
    const body = await readJson(c);
    const input = {
      login: requiredString(body, 'login', 200),
      password: requiredString(body, 'password', 1000),
      deviceName: optionalString(body, 'deviceName', 200),
    };
    const result = await auth.login(input, clientAddress(c, options.trustProxy ?? false));
    c.header('Cache-Control', 'no-store');
    return c.json<LoginResponse>(result);
  });
  app.post('/auth/logout', (c) => {
    auth.logout(c.var.session);
    return c.json({ ok: true });
  });
  return app;
}
