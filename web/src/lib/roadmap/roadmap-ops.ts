/**
 * What the roadmap screen does to its document, without runes: the rune class
 * (roadmap-doc.svelte.ts) wraps this so the logic is testable in Node.
 *
 * - Texts are edited as the smallest splice of their Y.Text (text-diff.ts), so
 *   two people typing in one paragraph both keep their words.
 * - Moves up and down become placements (`after` a neighbour); the shared
 *   editor writes an order key, never moving the item physically.
 * - Every write goes through RoadmapEditor with the app's local origin, so the
 *   outbox picks it up and the history records who did it.
 */
import type * as Y from 'yjs';
import {
  DocInputError,
  RoadmapEditor,
  readRoadmap,
  type Actor,
  type ChangeEntry,
  type FieldState,
  type MeasureStatus,
  type ProblemTextField,
  type RoadmapSnapshot,
  type TargetKind,
} from '@opora/shared';
import { spliceBetween } from '$lib/documents/text-diff';

/** Which long text a field on screen edits. */
export type TextTarget =
  | { kind: 'problem'; id: string; field: ProblemTextField }
  | { kind: 'task'; id: string }
  | { kind: 'indicator'; id: string; field: 'name' | 'method' }
  | { kind: 'measure'; id: string; field: 'title' | 'description' }
  | { kind: 'resource'; id: string; field: 'title' | 'description' }
  | { kind: 'conclusion'; sectionKey: string };

/** Up or down one place. */
export type MoveDirection = 'up' | 'down';

/**
 * The placement that moves item `id` one step in `dir` within `ids` (display
 * order); null when it is already at that end or unknown.
 */
export function placementFor(
  ids: readonly string[],
  id: string,
  dir: MoveDirection,
): { after: string | null } | null {
  const i = ids.indexOf(id);
  if (i < 0) return null;
  if (dir === 'up') {
    if (i === 0) return null;
    return { after: i >= 2 ? (ids[i - 2] as string) : null };
  }
  if (i === ids.length - 1) return null;
  return { after: ids[i + 1] as string };
}

/** Applies the smallest splice turning `text` into `next`. Returns true when something changed. */
export function spliceText(text: Y.Text, next: string): boolean {
  const s = spliceBetween(text.toString(), next);
  if (!s) return false;
  if (s.remove > 0) text.delete(s.index, s.remove);
  if (s.insert) text.insert(s.index, s.insert);
  return true;
}

/** Today as YYYY-MM-DD in the device's time zone. */
export function todayIso(now: Date = new Date()): string {
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${m}-${d}`;
}

/** Parses a number typed with a comma or a dot; null for empty, undefined when not a number. */
export function parseNumberInput(raw: string): number | null | undefined {
  const s = raw.trim().replace(/\s/g, '').replace(',', '.');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Names of the people who wrote to the document, by user id (from its history and comments). */
export function authorNames(r: {
  history: readonly ChangeEntry[];
  comments?: readonly { by: string; byName: string }[];
}): Map<string, string> {
  const names = new Map<string, string>();
  for (const h of r.history) if (h.byName) names.set(h.by, h.byName);
  for (const c of r.comments ?? []) if (c.byName) names.set(c.by, c.byName);
  return names;
}

/** The distinct values of a field in conflict, each with the newest author and time. */
export function conflictChoices<T>(
  f: FieldState<T>,
): { value: T; by: string; at: number; key: string }[] {
  const byKey = new Map<string, { value: T; by: string; at: number; key: string }>();
  for (const v of f.versions) {
    const key = JSON.stringify(v.value);
    const seen = byKey.get(key);
    if (!seen || v.at > seen.at) byKey.set(key, { value: v.value, by: v.by, at: v.at, key });
  }
  return [...byKey.values()].sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

/** Edits one roadmap document on behalf of one person. */
export class RoadmapOps {
  readonly editor: RoadmapEditor;

  constructor(
    readonly doc: Y.Doc,
    actor: Actor,
    private readonly origin: unknown,
    now?: () => number,
  ) {
    this.editor = new RoadmapEditor(doc, { actor, origin, ...(now ? { now } : {}) });
  }

  /** The document as plain data. */
  snapshot(): RoadmapSnapshot {
    return readRoadmap(this.doc);
  }

  /** Writes kind and version into a new document (a no-op on an initialised one). */
  init(): void {
    const meta = this.doc.getMap('meta');
    if (meta.get('kind') === undefined || meta.get('schemaVersion') === undefined)
      this.editor.init();
  }

  /** The Y.Text behind a text target (a conclusion's slot is created on first use). */
  textOf(t: TextTarget): Y.Text {
    const e = this.editor;
    switch (t.kind) {
      case 'problem':
        return e.problemText(t.id, t.field);
      case 'task':
        return e.taskText(t.id);
      case 'indicator':
        return e.indicatorText(t.id, t.field);
      case 'measure':
        return e.measureText(t.id, t.field);
      case 'resource':
        return e.resourceText(t.id, t.field);
      case 'conclusion':
        return e.conclusionText(t.sectionKey);
    }
  }

  /** Replaces a text with what the field now shows, as one local transaction. */
  editText(t: TextTarget, next: string): void {
    this.doc.transact(() => {
      this.init();
      spliceText(this.textOf(t), next);
    }, this.origin);
  }

  /** Records in the history that a text was edited (when the field loses focus). */
  noteTextEdited(t: TextTarget): void {
    const kind: TargetKind = t.kind === 'conclusion' ? 'report' : t.kind;
    const id = t.kind === 'conclusion' ? t.sectionKey : t.id;
    const field = t.kind === 'task' ? 'text' : t.kind === 'conclusion' ? 'conclusion' : t.field;
    this.editor.noteTextEdited(kind, id, field);
  }

  /** Moves a problem one place up or down. */
  moveProblem(id: string, dir: MoveDirection): void {
    const ids = this.snapshot().problems.map((p) => p.id);
    const at = placementFor(ids, id, dir);
    if (at) this.editor.moveProblem(id, at);
  }

  /** Moves a task, indicator or measure one place within its problem. */
  moveItem(kind: 'task' | 'indicator' | 'measure', id: string, dir: MoveDirection): void {
    const key = kind === 'task' ? 'tasks' : kind === 'indicator' ? 'indicators' : 'measures';
    for (const p of this.snapshot().problems) {
      const ids = p[key].map((x) => x.id);
      if (!ids.includes(id)) continue;
      const at = placementFor(ids, id, dir);
      if (at) this.editor.moveItem(kind, id, at);
      return;
    }
  }

  /** Moves an external resource one place. */
  moveResource(id: string, dir: MoveDirection): void {
    const at = placementFor(
      this.snapshot().resources.map((r) => r.id),
      id,
      dir,
    );
    if (at) this.editor.moveResource(id, at);
  }

  /** Sets a measure's status (also picks a value after a conflict). */
  setMeasureStatus(id: string, status: MeasureStatus): void {
    this.editor.setMeasureField(id, 'status', status);
  }

  /**
   * Sets an indicator's baseline or target from what was typed. Returns false
   * (and writes nothing) when it is not a number.
   */
  setIndicatorNumber(id: string, field: 'baseline' | 'target', raw: string): boolean {
    const n = parseNumberInput(raw);
    if (n === undefined) return false;
    this.editor.setIndicatorField(id, field, n);
    return true;
  }

  /** Records a value of an indicator; false when the date or the number is not valid. */
  addIndicatorValue(id: string, date: string, raw: string, note = ''): boolean {
    const n = parseNumberInput(raw);
    if (n === undefined || n === null || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
    try {
      this.editor.addIndicatorValue(id, { date, value: n, note: note.trim() });
    } catch (e) {
      if (e instanceof DocInputError) return false;
      throw e;
    }
    return true;
  }
}
