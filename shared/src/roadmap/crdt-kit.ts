/**
 * Small building blocks shared by the roadmap and tutoring documents: who edits,
 * stable ids, register-backed scalar fields, ordered item lists and "text slots".
 *
 * The Yjs rules they encode (see also documents/register.ts):
 * - A nested Y type is created once, by the replica that inserts its item, inside
 *   that item (a Y.Map pushed into a Y.Array, or stored under a key that contains
 *   a fresh random id). Two replicas never create a nested type at the same key,
 *   because one of the two would be silently dropped.
 * - Scalar fields people may change concurrently are multi-value registers, so a
 *   concurrent change keeps both values until someone picks one.
 * - Order is a field (`order`, an order key), never a physical move.
 * - A text that may be first written by two replicas at once (a conclusion of
 *   the report, the programme's goal) lives in "slots": `text␂<name>␂<slotId>`
 *   keys of a map, each a Y.Text created by one replica. Normally there is one
 *   slot; after a concurrent first write there are two, shown as a conflict the
 *   user merges (mergeTextSlots), so no text is lost.
 */
import * as Y from 'yjs';
import type { DocKind } from '../documents/ids.ts';
import { initDocMeta } from '../documents/layout.ts';
import {
  indexRegister,
  registerValues,
  toRead,
  writeRegister,
  type RegisterValue,
} from '../documents/register.ts';
import { appendChange, type ChangeAction } from './change-log.ts';
import { orderKeyAfter } from './order-key.ts';

/** The person making changes through an editor. */
export interface Actor {
  /** User id (the register's `by`, the history's author). */
  userId: string;
  /** Display name kept in history entries, so history stays readable offline. */
  name?: string;
}

/** What an editor needs besides the document. */
export interface EditContext {
  actor: Actor;
  /** Clock (defaults to Date.now); tests pass a fixed one. */
  now?: () => number;
  /** Random source in [0, 1) for ids and order keys (defaults to Math.random). */
  random?: () => number;
  /** Transaction origin: the app's local origin, so its outbox picks the change up. */
  origin?: unknown;
}

/** Thrown when an editor call is given invalid input or an unknown item id. */
export class DocInputError extends Error {
  override name = 'DocInputError';
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh item id: 14 base-36 characters (~72 bits) from `random`. */
export function newItemId(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 14; i++) s += ID_ALPHABET[Math.floor(random() * 36)] as string;
  return s;
}

/** One value of a scalar field, with its author and time (epoch ms). */
export interface FieldVersion<T> {
  value: T;
  by: string;
  at: number;
  writeId: string;
}

/**
 * A scalar field as screens show it. `value` is the single value or, during a
 * conflict, the most recent write (rules use it so progress stays computable);
 * `versions` lists every live value, and `conflict` tells the screen to offer a
 * choice (resolve with the field's setter).
 */
export interface FieldState<T> {
  value: T | undefined;
  conflict: boolean;
  versions: FieldVersion<T>[];
}

// The register entries of each map by field, while a whole document is read (`readingWhole`).
let wholeRead: WeakMap<Y.Map<unknown>, Map<string, RegisterValue[]>> | null = null;

/**
 * Runs a read of a whole document: each map's register entries are then
 * indexed once for all its fields instead of scanned once per field (a roadmap
 * of hundreds of measures reads each measure's map eight times). Nothing may be
 * written while it runs.
 */
export function readingWhole<T>(read: () => T): T {
  const outer = wholeRead;
  wholeRead = new WeakMap();
  try {
    return read();
  } finally {
    wholeRead = outer;
  }
}

function valuesOf(map: Y.Map<unknown>, field: string): RegisterValue[] {
  if (!wholeRead) return registerValues(map, field);
  let index = wholeRead.get(map);
  if (!index) wholeRead.set(map, (index = indexRegister(map)));
  return index.get(field) ?? [];
}

/** Reads a register field, keeping only values accepted by `guard` (old or hostile data). */
export function readField<T>(
  map: Y.Map<unknown>,
  field: string,
  guard: (x: unknown) => x is T,
): FieldState<T> {
  const versions: FieldVersion<T>[] = [];
  for (const e of valuesOf(map, field)) {
    if (guard(e.v)) versions.push({ value: e.v, by: e.by, at: e.at, writeId: e.writeId });
  }
  const last = versions[versions.length - 1];
  // Nearly every field holds one value: no need to compare serialized values then.
  const conflict =
    versions.length > 1 && new Set(versions.map((v) => JSON.stringify(v.value))).size > 1;
  return { value: last?.value, conflict, versions };
}

/** True when the field holds more than one distinct value. */
export function fieldInConflict(map: Y.Map<unknown>, field: string): boolean {
  const r = toRead(valuesOf(map, field));
  if (r.state !== 'conflict') return false;
  return new Set(r.values.map((v) => JSON.stringify(v.v))).size > 1;
}

/** Guards for field values. */
export const is = {
  string: (x: unknown): x is string => typeof x === 'string',
  number: (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x),
  numberOrNull: (x: unknown): x is number | null =>
    x === null || (typeof x === 'number' && Number.isFinite(x)),
  boolean: (x: unknown): x is boolean => typeof x === 'boolean',
  isoDateOrNull: (x: unknown): x is string | null => x === null || isIsoDate(x),
  oneOf:
    <T extends string>(values: readonly T[]) =>
    (x: unknown): x is T =>
      typeof x === 'string' && (values as readonly string[]).includes(x),
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(x: unknown): x is string {
  if (typeof x !== 'string') return false;
  const m = ISO_DATE.exec(x);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === x;
}

/** Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The base of the roadmap and tutoring editors: context, transactions, fields,
 * placements and the history (`K` is the document's history target kind).
 */
export abstract class DocEditor<K extends string = string> {
  /** The Yjs document this editor writes. */
  readonly doc: Y.Doc;
  protected readonly ctx: EditContext;
  /** The kind a new document is marked with (`init`). */
  protected abstract readonly kind: DocKind;
  /** Inside `typing`: writes are keystrokes, not recorded in the history. */
  private typingNow = false;
  /** The write id each field's keystrokes reuse, by map and field (see `typing`). */
  private readonly typingIds = new WeakMap<Y.Map<unknown>, Map<string, string>>();

  constructor(doc: Y.Doc, ctx: EditContext) {
    if (!ctx.actor.userId) throw new DocInputError('an editor needs an actor with a user id');
    this.doc = doc;
    this.ctx = ctx;
  }

  /** Writes kind and schema version into a new document (idempotent, safe on every replica). */
  init(): void {
    this.tx(() => initDocMeta(this.doc, this.kind));
  }

  /**
   * Runs setter calls made as a one-line field is typed, one per keystroke:
   * each writes the value at once (so a reload keeps it) but records nothing in
   * the history, and the keystrokes of a field overwrite their own register key
   * instead of adding one each (one superseded entry per keystroke, no growing
   * list of keys; another replica's value is superseded or kept as a conflict
   * exactly as by any write). The setter called once more, outside `typing`,
   * when the field is left writes the value with a fresh key and records the
   * edit: one history entry per edit.
   */
  typing<R>(fn: () => R): R {
    const outer = this.typingNow;
    this.typingNow = true;
    try {
      return fn();
    } finally {
      this.typingNow = outer;
    }
  }

  /** Current time in epoch ms. */
  protected now(): number {
    return (this.ctx.now ?? Date.now)();
  }

  /** The random source. */
  protected rand(): number {
    return (this.ctx.random ?? Math.random)();
  }

  /** A fresh id from this editor's random source. */
  protected newId(): string {
    return newItemId(() => this.rand());
  }

  /** Runs `fn` in one transaction with this editor's origin. */
  protected tx<R>(fn: () => R): R {
    let out: R | undefined;
    this.doc.transact(() => {
      out = fn();
    }, this.ctx.origin);
    return out as R;
  }

  /**
   * Appends this person's entry to the document's history (the `history` root
   * of every editable document, change-log.ts), in the current transaction.
   */
  protected record(
    action: ChangeAction,
    targetKind: K,
    targetId: string,
    label: string,
    field = '',
    value: string | number | boolean | null = null,
  ): void {
    if (this.typingNow) return;
    appendChange(this.doc.getArray('history'), {
      id: this.newId(),
      at: this.now(),
      by: this.ctx.actor.userId,
      byName: this.ctx.actor.name ?? '',
      action,
      targetKind,
      targetId,
      label,
      field,
      value,
    });
  }

  /** Writes a register field (supersedes every value this replica has seen). */
  protected writeField(map: Y.Map<unknown>, field: string, value: unknown): void {
    let ids = this.typingIds.get(map);
    let writeId: string;
    if (this.typingNow) {
      if (!ids) this.typingIds.set(map, (ids = new Map()));
      writeId = ids.get(field) ?? this.newId();
      ids.set(field, writeId);
    } else {
      ids?.delete(field);
      writeId = this.newId();
    }
    writeRegister(map, field, value, this.ctx.actor.userId, {
      at: this.now(),
      origin: this.ctx.origin,
      writeId,
    });
  }

  /**
   * Writes a register field of the item `item()` finds and records the update
   * under the item's label, in one transaction.
   */
  protected updateItem(
    targetKind: K,
    targetId: string,
    item: () => Y.Map<unknown>,
    label: (m: Y.Map<unknown>) => string,
    field: string,
    value: string | number | boolean | null,
  ): void {
    this.tx(() => {
      const m = item();
      this.writeField(m, field, value);
      this.record('update', targetKind, targetId, label(m), field, value);
    });
  }

  /**
   * The order key that puts an item at `at` (after an id, null for first,
   * omitted for last) among `sorted`, its list in display order; `movingId` is
   * the item being moved, if any. A bad placement is a DocInputError.
   */
  protected placeKey(
    sorted: readonly { id: string; order: string }[],
    at: { after?: string | null },
    movingId?: string,
  ): string {
    let after: string | null;
    if (at.after === undefined) {
      const rest = sorted.filter((i) => i.id !== movingId);
      after = rest.length > 0 ? (rest[rest.length - 1] as { id: string }).id : null;
    } else after = at.after;
    if (after !== null && after === movingId)
      throw new DocInputError('cannot place an item after itself');
    try {
      return orderKeyAfter(sorted, after, () => this.rand(), movingId);
    } catch (e) {
      throw new DocInputError(e instanceof Error ? e.message : String(e));
    }
  }
}

/** Items of a Y.Array of Y.Maps, with their id and order, sorted by (order, id). */
export function orderedItems(
  list: Y.Array<unknown>,
): { id: string; order: string; map: Y.Map<unknown> }[] {
  const out: { id: string; order: string; map: Y.Map<unknown> }[] = [];
  for (const item of list.toArray()) {
    if (!(item instanceof Y.Map)) continue;
    const id = item.get('id');
    const order = item.get('order');
    if (typeof id !== 'string' || typeof order !== 'string') continue;
    out.push({ id, order, map: item as Y.Map<unknown> });
  }
  return out.sort((x, y) =>
    x.order !== y.order ? (x.order < y.order ? -1 : 1) : x.id < y.id ? -1 : x.id > y.id ? 1 : 0,
  );
}

/** Index of the item with `id` in a Y.Array of Y.Maps, or -1. */
export function indexOfItem(list: Y.Array<unknown>, id: string): number {
  let i = 0;
  for (const item of list) {
    if (item instanceof Y.Map && item.get('id') === id) return i;
    i++;
  }
  return -1;
}

/** The string of a Y.Text stored at `key`, or '' when absent. */
export function textOf(map: Y.Map<unknown>, key: string): string {
  const t = map.get(key);
  return t instanceof Y.Text ? t.toString() : '';
}

const SLOT_SEP = '\u0002';

/** One slot of a slotted text. */
export interface TextSlot {
  slotId: string;
  text: Y.Text;
}

/** The slots of text `name` in `map`, by slot id (the first is the canonical one). */
export function textSlots(map: Y.Map<unknown>, name: string): TextSlot[] {
  const prefix = `text${SLOT_SEP}${name}${SLOT_SEP}`;
  const out: TextSlot[] = [];
  for (const [key, value] of map.entries()) {
    if (key.startsWith(prefix) && value instanceof Y.Text) {
      out.push({ slotId: key.slice(prefix.length), text: value });
    }
  }
  return out.sort((a, b) => (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0));
}

/** A slotted text as screens show it: the text, and every slot when there are several. */
export interface SlottedText {
  text: string;
  conflict: boolean;
  variants: string[];
}

/** Reads a slotted text; several slots are joined with a blank line and flagged. */
export function readSlotted(map: Y.Map<unknown>, name: string): SlottedText {
  const variants = textSlots(map, name).map((s) => s.text.toString());
  return { text: variants.join('\n\n'), conflict: variants.length > 1, variants };
}

/** The Y.Text to edit for `name`: the canonical slot, created (with a random slot id) when none exists. */
export function editableSlot(map: Y.Map<unknown>, name: string, slotId: string): Y.Text {
  const first = textSlots(map, name)[0];
  if (first) return first.text;
  const text = new Y.Text();
  map.set(`text${SLOT_SEP}${name}${SLOT_SEP}${slotId}`, text);
  return text;
}

/** Appends every other slot's text to the canonical one and deletes the others. */
export function mergeTextSlots(map: Y.Map<unknown>, name: string): void {
  const [first, ...rest] = textSlots(map, name);
  if (!first) return;
  for (const slot of rest) {
    const s = slot.text.toString();
    if (s.length > 0)
      first.text.insert(first.text.length, (first.text.length > 0 ? '\n\n' : '') + s);
    map.delete(`text${SLOT_SEP}${name}${SLOT_SEP}${slot.slotId}`);
  }
}

/** Number of slotted texts in `map` that have more than one slot. */
export function slotConflicts(map: Y.Map<unknown>): number {
  const counts = new Map<string, number>();
  for (const key of map.keys()) {
    const parts = key.split(SLOT_SEP);
    if (parts.length === 3 && parts[0] === 'text') {
      const name = parts[1] as string;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  let n = 0;
  for (const c of counts.values()) if (c > 1) n++;
  return n;
}
