/**
 * POST /api/sync: the one request that syncs a device both ways. The body is a
 * binary frame (docs/sync-protocol.md), optionally gzip-compressed; it is
 * refused before being read whole when over the limit.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  MAX_REQUEST_BYTES,
  REMAINING_HEADER,
  SYNC_CONTENT_TYPE,
  type ErrorBody,
} from '@opora/shared';
import type { AuthVariables } from '../context.ts';
import type { SyncService } from '../services/sync.ts';

/** Responses smaller than this are sent uncompressed: gzip would not pay for its header. */
const COMPRESS_FROM = 1024;

const tooLarge: ErrorBody = {
  error: { code: 'payload_too_large', message: 'Слишком большой запрос синхронизации.' },
};

/** The sync route, to be mounted under /api behind the auth middleware. */
export function syncRoutes(sync: SyncService): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.post(
    '/sync',
    bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: (c) => c.json(tooLarge, 413) }),
    async (c) => {
      const type = c.req.header('content-type')?.split(';')[0]?.trim();
      if (type !== SYNC_CONTENT_TYPE && type !== 'application/octet-stream') {
        const body: ErrorBody = {
          error: { code: 'unsupported_media_type', message: 'Ожидается кадр синхронизации.' },
        };
        return c.json(body, 415);
      }
      let raw = new Uint8Array(await c.req.arrayBuffer());
      const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
      if (encoding === 'gzip') {
        try {
          raw = new Uint8Array(gunzipSync(raw, { maxOutputLength: MAX_REQUEST_BYTES }));
        } catch (e) {
          if (e instanceof RangeError) return c.json(tooLarge, 413);
          const body: ErrorBody = {
            error: { code: 'bad_request', message: 'Повреждённое сжатие запроса.' },
          };
          return c.json(body, 400);
        }
      } else if (encoding && encoding !== 'identity') {
        const body: ErrorBody = {
          error: { code: 'unsupported_media_type', message: 'Неизвестное сжатие запроса.' },
        };
        return c.json(body, 415);
      }
      const { frame: answer, remaining } = await sync.handleWithProgress(c.var.session, raw);
      c.header('Content-Type', SYNC_CONTENT_TYPE);
      c.header('Cache-Control', 'no-store');
      if (remaining !== null) c.header(REMAINING_HEADER, String(remaining));
      const accepts = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
      if (accepts && answer.byteLength >= COMPRESS_FROM) {
        const packed = gzipSync(answer, { level: 6 });
        if (packed.byteLength < answer.byteLength) {
          c.header('Content-Encoding', 'gzip');
          return c.body(new Uint8Array(packed));
        }
      }
      return c.body(new Uint8Array(answer));
    },
  );
  return app;
}
