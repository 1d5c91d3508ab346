/**
 * Read-time migration of stored answers from the form version they were written
 * under to the current one.
 *
 * Why read-time and not a rewrite of the document: devices on versions k and
 * k+1 fill the same document offline at the same time. A rewrite would race
 * with the old device's writes (and two devices migrating would duplicate
 * work); translating on read is a pure function of (field, value, version), so
 * every replica shows the same thing and the old device keeps working. A write
 * under k+1 supersedes every entry that translates to the same question, so old
 * names fade out as people answer.
 */
import type { FormDefinition } from './form.ts';

/** Separates a table id, a row id and a column id in a stored field path. */
export const FIELD_PATH_SEPARATOR = '/';

/** The result of translating one stored answer to the current version. */
export type Translation =
  | { ok: true; field: string; value: unknown }
  /** The question was removed in a later version: kept in the document, ignored. */
  | { ok: false; reason: 'removed' }
  /** Written by a newer version of the form than this device knows. */
  | { ok: false; reason: 'newer_version' };

/**
 * Translates a stored field path (`q`, `table/row`, `table/row/col`) and its
 * value, written under form version `ver`, to the current version of `form`.
 */
export function translateAnswer(
  form: FormDefinition,
  field: string,
  value: unknown,
  ver: number,
): Translation {
  if (ver > form.version) return { ok: false, reason: 'newer_version' };
  const parts = field.split(FIELD_PATH_SEPARATOR);
  let base = parts[0] ?? field;
  let v = value;
  for (const m of form.migrations ?? []) {
    if (m.from < ver || m.from >= form.version) continue;
    for (const op of m.ops) {
      if (op.op === 'rename' && op.from === base) base = op.to;
      else if (op.op === 'remove' && op.id === base) return { ok: false, reason: 'removed' };
      else if (op.op === 'recode' && op.id === base && parts.length === 1) v = recode(v, op.map);
    }
  }
  parts[0] = base;
  return { ok: true, field: parts.join(FIELD_PATH_SEPARATOR), value: v };
}

function recode(v: unknown, map: Readonly<Record<string, string | null>>): unknown {
  const one = (x: string): string | null => (x in map ? (map[x] ?? null) : x);
  if (typeof v === 'string') return one(v) ?? '';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return v.map(one).filter((x): x is string => x !== null);
  return v;
}
