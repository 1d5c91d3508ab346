/** The address a request came from, for rate limits and the audit trail. */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/**
 * The client's address: the socket's peer, or behind a trusted proxy the last
 * X-Forwarded-For entry (the one the proxy appended; earlier ones are the
 * client's own claims). 'unknown' when neither is there (in-process tests).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const last = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (last) return last.slice(0, 64);
  }
  const env = c.env as Partial<HttpBindings> | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
