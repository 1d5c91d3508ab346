/**
 * Order keys: the position of an item in a list, as a string that sorts between
 * its neighbours ("fractional indexing").
 *
 * Why: moving an item inside a Y.Array is a delete plus an insert, so an edit made
 * concurrently to the moved item would be lost with the deleted copy. Lists in
 * Opora's documents therefore never move items physically; each item carries an
 * `order` key (a plain last-writer-wins value of its Y.Map), and a move only writes
 * a new key. Readers sort by (order, id), so every replica shows the same order
 * even when two replicas produced the same key.
 *
 * Keys are base-62 fractions: "V" is 0.5, "0V" is 0.0078…; a key never ends with
 * the zero digit, so there is always room before it. A random suffix is added to
 * each new key so that two replicas inserting at the same place rarely produce the
 * same key (ties are still ordered, by id).
 */

/** The digits of order keys, in ascending character-code order. */
export const ORDER_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const ZERO = ORDER_DIGITS[0] as string;

function digit(i: number): string {
  return ORDER_DIGITS[i] as string;
}

/** True when `key` is a well-formed order key (non-empty, base-62, no trailing zero). */
export function isOrderKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 256) return false;
  for (const ch of key) if (!ORDER_DIGITS.includes(ch)) return false;
  return !key.endsWith(ZERO);
}

/** The fraction strictly between a ('' = 0) and b (null = 1); a < b. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const da = a.length > 0 ? ORDER_DIGITS.indexOf(a[0] as string) : 0;
  const db = b !== null ? ORDER_DIGITS.indexOf(b[0] as string) : ORDER_DIGITS.length;
  if (db - da > 1) return digit(Math.round((da + db) / 2));
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return digit(da) + midpoint(a.slice(1), null);
}

/**
 * A key strictly between `before` and `after` (null: open end). `random` in [0, 1)
 * picks the suffix that makes concurrent keys distinct; omit it for the
 * deterministic midpoint. Throws when before ≥ after.
 */
export function orderKeyBetween(
  before: string | null,
  after: string | null,
  random?: () => number,
): string {
  const a = before ?? '';
  if (after !== null && a >= after) throw new RangeError(`no key between "${a}" and "${after}"`);
  const mid = midpoint(a, after);
  if (random === undefined) return mid;
  for (let attempt = 0; attempt < 4; attempt++) {
    let suffix = '';
    for (let i = 0; i < 3; i++) suffix += digit(Math.floor(random() * ORDER_DIGITS.length));
    // Never end in the zero digit, so a key before this one always exists.
    suffix += digit(1 + Math.floor(random() * (ORDER_DIGITS.length - 1)));
    const candidate = mid + suffix;
    if (candidate > a && (after === null || candidate < after)) return candidate;
  }
  return mid;
}

/** Compares two ordered items by (order, id): the one order every replica shows. */
export function compareOrdered(
  x: { order: string; id: string },
  y: { order: string; id: string },
): number {
  if (x.order !== y.order) return x.order < y.order ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * The key for placing an item right after `afterId` (null: at the start) in a list
 * already sorted with compareOrdered. Items sharing a key with the anchor are
 * stepped over, so the result always sorts after the anchor.
 */
export function orderKeyAfter(
  sorted: readonly { order: string; id: string }[],
  afterId: string | null,
  random?: () => number,
  excludeId?: string,
): string {
  const list = excludeId === undefined ? sorted : sorted.filter((i) => i.id !== excludeId);
  let index = -1;
  if (afterId !== null) {
    index = list.findIndex((i) => i.id === afterId);
    if (index < 0) throw new RangeError(`no item "${afterId}" to place after`);
  }
  const prev = index >= 0 ? (list[index] as { order: string }).order : null;
  let next: string | null = null;
  for (let i = index + 1; i < list.length; i++) {
    const o = (list[i] as { order: string }).order;
    if (prev === null || o > prev) {
      next = o;
      break;
    }
  }
  return orderKeyBetween(prev, next, random);
}
