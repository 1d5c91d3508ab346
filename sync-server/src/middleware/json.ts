/** Reading a small JSON body with the relay's errors (415, 413, 400), never a 500. */
import type { Context } from 'hono';
import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from '../errors.ts';

/** Largest JSON body the relay reads. */
export const MAX_JSON_BYTES = 16 * 1024;

/** Reads and parses the JSON body; the caller validates its shape. */
export async function readJson(c: Context, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new UnsupportedMediaType('Ожидается JSON.');
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBytes) throw new PayloadTooLarge();
  const reader = c.req.raw.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new PayloadTooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BadRequest('Тело запроса не является корректным JSON.');
  }
}

/** A required string field of 1..max characters. */
export function requiredString(body: unknown, key: string, max: number): string {
  const v = isRecord(body) ? body[key] : undefined;
  if (typeof v !== 'string' || v.length === 0 || v.length > max)
    throw new BadRequest(`Поле «${key}» обязательно (строка до ${max} символов).`);
  return v;
}

/** An optional string field of at most max characters. */
export function optionalString(body: unknown, key: string, max: number): string | undefined {
  const v = isRecord(body) ? body[key] : undefined;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > max)
    throw new BadRequest(`Поле «${key}» должно быть строкой до ${max} символов.`);
  return v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
