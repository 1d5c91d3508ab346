/** The smallest single splice turning one string into another, to edit a Y.Text from a textarea. */

/** A splice: delete `remove` characters at `index`, then insert `insert`. */
export interface Splice {
  index: number;
  remove: number;
  insert: string;
}

/** Common prefix and suffix are kept; the middle is replaced. Null when equal. */
export function spliceBetween(before: string, after: string): Splice | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (
    endB > start &&
    endA > start &&
    before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)
  ) {
    endB--;
    endA--;
  }
  return { index: start, remove: endB - start, insert: after.slice(start, endA) };
}
