/**
 * The history of changes of the roadmap and tutoring documents: who changed
 * what, when (issue 5; seed 001 expects the roadmap to be adjusted during the
 * year, and the adjustments must be visible).
 *
 * Why a log of plain entries: Yjs keeps no author or time per change, and its
 * deleted content is garbage-collected. So each editor call appends one plain
 * entry to the document's `history` array in the same transaction as the change
 * itself: the entry and the change travel together, a replica that has one has
 * the other, and the record (with the item's title at the time) outlives the
 * item's deletion. Entries are never edited; concurrent appends all survive and
 * are shown in time order.
 *
 * Text typing is not logged keystroke by keystroke: the screen reports an
 * editing session when it ends, and one entry per person, item and field per
 * `TEXT_EDIT_COALESCE_MS` is kept.
 */
import * as Y from 'yjs';

/** Actions recorded in a history. */
export type ChangeAction =
  'create' | 'update' | 'delete' | 'move' | 'edit_text' | 'resolve' | 'reopen';

const CHANGE_ACTIONS: readonly ChangeAction[] = [
  'create',
  'update',
  'delete',
  'move',
  'edit_text',
  'resolve',
  'reopen',
];

/** One entry of a history of changes (who changed what, when). */
export interface ChangeEntry<K extends string = string> {
  id: string;
  at: number;
  by: string;
  /** The author's display name at the time, so the history reads offline. */
  byName: string;
  action: ChangeAction;
  targetKind: K;
  targetId: string;
  /** Title of the target at the time of the change (readable after deletion). */
  label: string;
  /** Changed field, '' for whole-item actions. */
  field: string;
  /** New value of a scalar field (JSON-like), null otherwise or when removed. */
  value: string | number | boolean | null;
}

/** Longest label or string value kept in an entry. */
export const CHANGE_TEXT_MAX = 120;

/** One entry per person, item and field per this many ms for text editing sessions. */
export const TEXT_EDIT_COALESCE_MS = 10 * 60_000;

/** Appends an entry (labels and string values cut to `CHANGE_TEXT_MAX`). */
export function appendChange<K extends string>(list: Y.Array<unknown>, e: ChangeEntry<K>): void {
  list.push([
    {
      ...e,
      label: e.label.slice(0, CHANGE_TEXT_MAX),
      value: typeof e.value === 'string' ? e.value.slice(0, CHANGE_TEXT_MAX) : e.value,
    },
  ]);
}

/** Reads a history, oldest first, keeping only well-formed entries of known kinds. */
export function readChangeLog<K extends string>(
  list: Y.Array<unknown>,
  isKind: (x: unknown) => x is K,
): ChangeEntry<K>[] {
  const out: ChangeEntry<K>[] = [];
  for (const x of list.toArray()) {
    if (typeof x !== 'object' || x === null || Array.isArray(x) || x instanceof Y.AbstractType)
      continue;
    const e = x as Record<string, unknown>;
    if (typeof e.id !== 'string' || !isKind(e.targetKind)) continue;
    if (!CHANGE_ACTIONS.includes(e.action as ChangeAction)) continue;
    const v = e.value;
    out.push({
      id: e.id,
      at: typeof e.at === 'number' && Number.isFinite(e.at) ? e.at : 0,
      by: typeof e.by === 'string' ? e.by : '',
      byName: typeof e.byName === 'string' ? e.byName : '',
      action: e.action as ChangeAction,
      targetKind: e.targetKind,
      targetId: typeof e.targetId === 'string' ? e.targetId : '',
      label: typeof e.label === 'string' ? e.label : '',
      field: typeof e.field === 'string' ? e.field : '',
      value: typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null,
    });
  }
  return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** True when `by` already has a text-edit entry for this item and field within the coalescing window. */
export function textEditLogged(
  entries: readonly ChangeEntry[],
  by: string,
  targetKind: string,
  targetId: string,
  field: string,
  now: number,
): boolean {
  for (let i = entries.length - 1; i >= 0; i--) {
    const h = entries[i] as ChangeEntry;
    if (now - h.at > TEXT_EDIT_COALESCE_MS) return false;
    if (
      h.action === 'edit_text' &&
      h.by === by &&
      h.targetKind === targetKind &&
      h.targetId === targetId &&
      h.field === field
    )
      return true;
  }
  return false;
}
