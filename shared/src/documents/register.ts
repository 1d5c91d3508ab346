/**
 * Multi-value register over a flat Y.Map: concurrent changes of one field are
 * never lost silently.
 *
 * What: every write of field `f` stores a fresh key `f\u0001<writeId>` holding
 * `{ v, by, at }` and, in the same transaction, deletes every key of `f` this
 * replica has seen. Two replicas that write `f` without having seen each other's
 * write each delete only what they saw, so after they sync both new keys remain:
 * `values(f)` then returns two entries, a conflict that names who gave which value.
 * Any later ordinary write (made after seeing both) deletes both and supersedes
 * them; that is how a conflict is resolved, and the deletion reaches every replica.
 *
 * Why this way: a plain `map.set(f, v)` is last-writer-wins by client id, so one
 * of two concurrent answers silently disappears. A nested Y.Map per field would
 * keep both, but two clients creating the nested type at the same key
 * concurrently lose one whole nested map. Flat keys with unique write ids have
 * neither problem, and a key is only ever created once and deleted once, so the
 * map's tombstones stay small (Yjs keeps one per deleted key).
 *
 * Values must be JSON-like (no Y types): a long collaborative text does not live
 * in a register; see `questionnaires/document.ts` for where it lives.
 *
 * Every mutating function runs in one `doc.transact(fn, origin)`; pass the
 * app's local origin so its outbox picks the change up.
 */
import * as Y from 'yjs';
import * as random from 'lib0/random';

/** Separates the field from the write id inside a key. Field names must not contain it. */
export const REGISTER_SEPARATOR = '\u0001';

/** What is stored under one key: the value, who wrote it and when (epoch ms). */
export interface RegisterEntry<V = unknown> {
  v: V;
  by: string;
  at: number;
  /** Optional schema version the writer used (questionnaires store the form version). */
  ver?: number;
}

/** One live value of a field, with the key it is stored under. */
export interface RegisterValue<V = unknown> extends RegisterEntry<V> {
  /** The map key (`field\u0001writeId`). */
  key: string;
  writeId: string;
}

/** The state of one field: nothing, one value, or a conflict of several. */
export type RegisterRead<V = unknown> =
  | { state: 'empty' }
  | { state: 'single'; value: V; entry: RegisterValue<V> }
  | { state: 'conflict'; values: RegisterValue<V>[] };

/** Options of a write. */
export interface WriteOptions {
  /** Time of the write (epoch ms); defaults to Date.now(). */
  at?: number;
  /** Schema version recorded in the entry. */
  ver?: number;
  /** More keys to delete in the same transaction (e.g. entries of a renamed field). */
  supersede?: readonly string[];
  /** Transaction origin (the app's local origin, so the outbox sees the change). */
  origin?: unknown;
  /** Write id to use instead of a random one (tests only). */
  writeId?: string;
}

/** Builds the map key of one write. */
export function registerKey(field: string, writeId: string): string {
  return `${field}${REGISTER_SEPARATOR}${writeId}`;
}

/** Splits a key into field and write id; null when it is not a register key. */
export function parseRegisterKey(key: string): { field: string; writeId: string } | null {
  const i = key.lastIndexOf(REGISTER_SEPARATOR);
  if (i <= 0 || i === key.length - 1) return null;
  return { field: key.slice(0, i), writeId: key.slice(i + 1) };
}

/** A fresh random write id (12 base-36 characters, ~62 bits). */
export function newWriteId(): string {
  const a = random.uint32().toString(36).padStart(7, '0').slice(-7);
  const b = random.uint32().toString(36).padStart(7, '0').slice(-5);
  return a + b;
}

/** True when `x` has the shape of a stored entry (guards against hostile or old clients). */
export function isRegisterEntry(x: unknown): x is RegisterEntry {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || x instanceof Y.AbstractType)
    return false;
  const o = x as Record<string, unknown>;
  return (
    'v' in o &&
    typeof o.by === 'string' &&
    typeof o.at === 'number' &&
    Number.isFinite(o.at) &&
    (o.ver === undefined || (typeof o.ver === 'number' && Number.isInteger(o.ver) && o.ver >= 1))
  );
}

function order(a: RegisterValue, b: RegisterValue): number {
  // Deterministic on every replica: by time, then by write id.
  return a.at - b.at || (a.writeId < b.writeId ? -1 : a.writeId > b.writeId ? 1 : 0);
}

/**
 * All live values of every field, in one pass over the map (use this to read a
 * whole questionnaire). Keys that are not well-formed entries are skipped; list
 * them with `malformedKeys`.
 */
export function indexRegister(map: Y.Map<unknown>): Map<string, RegisterValue[]> {
  const out = new Map<string, RegisterValue[]>();
  for (const [key, raw] of map.entries()) {
    const parsed = parseRegisterKey(key);
    if (!parsed || !isRegisterEntry(raw)) continue;
    const list = out.get(parsed.field) ?? [];
    list.push({ ...raw, key, writeId: parsed.writeId });
    out.set(parsed.field, list);
  }
  for (const list of out.values()) list.sort(order);
  return out;
}

/** Live values of one field, oldest first; more than one means a conflict. */
export function registerValues<V = unknown>(
  map: Y.Map<unknown>,
  field: string,
): RegisterValue<V>[] {
  const prefix = field + REGISTER_SEPARATOR;
  const out: RegisterValue<V>[] = [];
  for (const [key, raw] of map.entries()) {
    if (!key.startsWith(prefix)) continue;
    const parsed = parseRegisterKey(key);
    if (!parsed || parsed.field !== field || !isRegisterEntry(raw)) continue;
    out.push({ ...(raw as RegisterEntry<V>), key, writeId: parsed.writeId });
  }
  return out.sort(order);
}

/** Reads one field: empty, a single value, or a conflict with every value and its author. */
export function readRegister<V = unknown>(map: Y.Map<unknown>, field: string): RegisterRead<V> {
  return toRead(registerValues<V>(map, field));
}

/** Classifies a list of live values (as returned by `registerValues` / `indexRegister`). */
export function toRead<V>(values: RegisterValue<V>[]): RegisterRead<V> {
  const [first] = values;
  if (first === undefined) return { state: 'empty' };
  if (values.length === 1) return { state: 'single', value: first.v, entry: first };
  return { state: 'conflict', values };
}

/** Current value when the field holds exactly one; undefined when empty or in conflict. */
export function currentValue<V = unknown>(map: Y.Map<unknown>, field: string): V | undefined {
  const r = readRegister<V>(map, field);
  return r.state === 'single' ? r.value : undefined;
}

function transact(map: Y.Map<unknown>, origin: unknown, fn: () => void): void {
  const doc = map.doc;
  if (!doc) throw new Error('register: the map must belong to a Y.Doc');
  doc.transact(fn, origin);
}

function keysOf(map: Y.Map<unknown>, field: string): string[] {
  const prefix = field + REGISTER_SEPARATOR;
  const out: string[] = [];
  for (const key of map.keys()) {
    if (key.startsWith(prefix) && parseRegisterKey(key)?.field === field) out.push(key);
  }
  return out;
}

/**
 * Writes a value: deletes every key of the field this replica has seen (and
 * `opts.supersede`) and stores the value under a fresh key. Resolving a conflict
 * is this same call. Returns the new write id.
 */
export function writeRegister<V>(
  map: Y.Map<unknown>,
  field: string,
  value: V,
  by: string,
  opts: WriteOptions = {},
): string {
  if (field.length === 0 || field.includes(REGISTER_SEPARATOR))
    throw new Error(`register: bad field name ${JSON.stringify(field)}`);
  if (value instanceof Y.AbstractType) throw new Error('register: values must not be Y types');
  const writeId = opts.writeId ?? newWriteId();
  const entry: RegisterEntry<V> = { v: value, by, at: opts.at ?? Date.now() };
  if (opts.ver !== undefined) entry.ver = opts.ver;
  transact(map, opts.origin, () => {
    for (const key of keysOf(map, field)) map.delete(key);
    for (const key of opts.supersede ?? []) map.delete(key);
    map.set(registerKey(field, writeId), entry);
  });
  return writeId;
}

/**
 * Clears a field: deletes every key of it this replica has seen (and
 * `supersede`). A concurrent write elsewhere survives, so nothing is lost.
 */
export function clearRegister(
  map: Y.Map<unknown>,
  field: string,
  opts: Pick<WriteOptions, 'origin' | 'supersede'> = {},
): void {
  transact(map, opts.origin, () => {
    for (const key of keysOf(map, field)) map.delete(key);
    for (const key of opts.supersede ?? []) map.delete(key);
  });
}

/** Distinct fields that hold at least one live value, sorted. */
export function registerFields(map: Y.Map<unknown>): string[] {
  return [...indexRegister(map).keys()].sort();
}

/** Fields whose live values are more than one (conflicts), sorted. */
export function conflictedFields(map: Y.Map<unknown>): string[] {
  const out: string[] = [];
  for (const [field, list] of indexRegister(map)) if (list.length > 1) out.push(field);
  return out.sort();
}

/** Keys of the map that are not well-formed register entries (old or hostile clients). */
export function malformedKeys(map: Y.Map<unknown>): string[] {
  const out: string[] = [];
  for (const [key, raw] of map.entries()) {
    if (!parseRegisterKey(key) || !isRegisterEntry(raw)) out.push(key);
  }
  return out.sort();
}
