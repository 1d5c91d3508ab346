/**
 * GET /events: Server-Sent Events for a signed-in device. `event: changed` with
 * `{"seq":N}` when a document in its scope changed (from another device), and a
 * `: ping` comment every 25 s so proxies keep the connection; the stream ends
 * when the device is revoked or the relay shuts down. Browsers' EventSource
 * cannot send an Authorization header, so the app reads this with fetch.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AuthVariables } from '../context.ts';
import type { AuthService } from '../services/auth.ts';
import type { ChangeHub } from '../services/events.ts';

/** Writes a stalled client may leave pending before its stream is ended. */
const MAX_UNREAD = 64;

/** Options of the events route. */
export interface EventsOptions {
  /** Interval of keep-alive comments (default 25 s). */
  pingMs?: number;
}

/** The /events route. */
export function eventRoutes(
  hub: ChangeHub,
  auth: AuthService,
  options: EventsOptions = {},
): Hono<{ Variables: AuthVariables }> {
  const pingMs = options.pingMs ?? 25_000;
  const app = new Hono<{ Variables: AuthVariables }>();
  app.get('/events', (c) => {
    const session = c.var.session;
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let finish = () => {};
      const finished = new Promise<void>((resolve) => (finish = resolve));
      // A client that stops reading must not make the relay queue nudges forever.
      let unread = 0;
      const send = (text: string) => {
        if (++unread > MAX_UNREAD) return finish();
        void stream.write(text).then(() => unread--);
      };
      const unsubscribe = hub.subscribe({
        deviceId: session.deviceId,
        memberships: session.memberships,
        changed: (seq) => send(`event: changed\ndata: ${JSON.stringify({ seq })}\n\n`),
        end: finish,
      });
      stream.onAbort(finish);
      const ping = setInterval(() => {
        if (!auth.deviceActive(session.deviceId)) finish();
        else send(': ping\n\n');
      }, pingMs);
      try {
        await stream.write('retry: 10000\n: connected\n\n');
        await finished;
      } finally {
        clearInterval(ping);
        unsubscribe();
      }
    });
  });
  return app;
}
