/**
 * Helpers of the sync tests that simulate devices: a seeded PRNG and a
 * comparable description of a document.
 */
import * as Y from 'yjs';
import { LAYOUTS, type DocKind } from '@opora/shared';

export { mulberry32 } from '@opora/shared/random';

/** Draws from a seeded PRNG: coin flips, integers below n, list picks. */
export class Rng {
  constructor(readonly next: () => number) {}
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[this.int(list.length)]!;
  }
}

/** Sorted-keys JSON, so maps whose keys arrived in another order compare equal. */
export function canon(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : value,
  );
}

/**
 * A document's content, root by root as its kind's layout types them, and its
 * state vector, as one string: two replicas are equal when their strings are.
 */
export function describeDoc(doc: Y.Doc, kind: DocKind): string {
  const content: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(LAYOUTS[kind])) {
    if (type === 'map') content[name] = doc.getMap(name).toJSON();
    else if (type === 'array') content[name] = doc.getArray(name).toJSON();
    else content[name] = doc.getText(name).toString();
  }
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]);
  return canon({ content, sv });
}

/**
 * Deletes one key that a random edit set (`k…`) from one of the map roots
 * `maps` of `doc`, picked with `rng`; the root and key, or null when there is none.
 */
export function deleteRandomKey(
  rng: Rng,
  doc: Y.Doc,
  maps: readonly string[],
): readonly [string, string] | null {
  const candidates = maps.flatMap((root) =>
    [...doc.getMap(root).keys()].filter((k) => k.startsWith('k')).map((k) => [root, k] as const),
  );
  if (candidates.length === 0) return null;
  const [root, key] = rng.pick(candidates);
  doc.getMap(root).delete(key);
  return [root, key];
}

/** The error of a failed schedule, naming its seed and the command that replays it. */
export function scheduleFailure(seed: number, replay: string, e: unknown): Error {
  if (e instanceof Error) {
    e.message = `schedule with seed ${seed} failed (replay: ${replay})\n${e.message}`;
    return e;
  }
  return new Error(`schedule with seed ${seed} failed (replay: ${replay}): ${String(e)}`);
}
