/**
 * The Yjs layout of each document kind: which root types a document may hold and
 * of what type. The relay checks a document against its layout after applying an
 * update and before storing it, so a client cannot plant stray roots or change a
 * root's type under everyone else (DESIGN.md, "Sync": "leave the document in a
 * valid shape").
 *
 * Every document has a `meta` map holding at least `kind` and `schemaVersion`.
 */
import * as Y from 'yjs';
import type { DocKind } from './ids.ts';

/** The type of a root: a keyed map, a list, or collaborative text. */
export type RootType = 'map' | 'array' | 'text';

/** Roots each kind may hold. Features extend these; removing a root needs a migration. */
export const LAYOUTS: Record<DocKind, Readonly<Record<string, RootType>>> = {
  questionnaire: {
    meta: 'map',
    answers: 'map',
    // One Y.Text per long-text question, keyed by question id (questionnaires/document.ts).
    texts: 'map',
    status: 'map',
    comments: 'array',
  },
  roadmap: {
    meta: 'map',
    problems: 'array',
    directions: 'array',
    resources: 'array',
    comments: 'array',
    history: 'array',
    report: 'map',
  },
  visit: { meta: 'map', fields: 'map', evaluation: 'map', steps: 'array', participants: 'array' },
  tutoring: {
    meta: 'map',
    agreement: 'map',
    program: 'map',
    events: 'array',
    mentors: 'array',
    matrix: 'array',
    essay: 'text',
    // Who changed what, when (tutoring/model.ts, roadmap/change-log.ts).
    history: 'array',
  },
  calendar: { meta: 'map', items: 'array' },
  // examAverages: the regional average per exam indicator for the plan's year (dashboard/exams.ts).
  plan: { meta: 'map', activities: 'array', examAverages: 'map' },
  // One per school, all years: results maps `<year>:<indicator>` to the school's average.
  exams: { meta: 'map', results: 'map' },
};

/** Current schema version of each kind's layout. */
export const SCHEMA_VERSIONS: Record<DocKind, number> = {
  questionnaire: 1,
  roadmap: 1,
  visit: 1,
  tutoring: 1,
  calendar: 1,
  plan: 1,
  exams: 1,
};

/** Why a document's shape is invalid, for logs and error messages. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

type ListLike = { _start: Y.Item | null };

function listIsText(type: ListLike): boolean | null {
  // An untyped root (as the relay sees it) is text when its items are strings or formats.
  let item = type._start;
  let verdict: boolean | null = null;
  while (item !== null) {
    const c = item.content;
    const text =
      c instanceof Y.ContentString || c instanceof Y.ContentFormat || c instanceof Y.ContentEmbed;
    const deleted = c instanceof Y.ContentDeleted;
    if (!deleted) {
      if (verdict === null) verdict = text;
      else if (verdict !== text) throw new ShapeError('root mixes text and list content');
    }
    item = item.right;
  }
  return verdict;
}

/**
 * Checks that a document holds only the roots of its kind's layout, each of the
 * right type, and that `meta.kind` (when set) names this kind. Throws ShapeError.
 */
export function validateShape(doc: Y.Doc, kind: DocKind): void {
  const layout = LAYOUTS[kind];
  for (const [name, type] of doc.share) {
    const expected = layout[name];
    if (expected === undefined) throw new ShapeError(`unexpected root "${name}"`);
    const hasList = type._start !== null;
    const hasKeys = type._map.size > 0;
    if (expected === 'map' && hasList) throw new ShapeError(`root "${name}" must be a map`);
    if (expected !== 'map' && hasKeys) throw new ShapeError(`root "${name}" must be a list`);
    if (expected !== 'map') {
      const isText = listIsText(type);
      if (isText !== null && isText !== (expected === 'text'))
        throw new ShapeError(`root "${name}" must be ${expected}`);
    }
  }
  if (doc.share.has('meta')) {
    const meta = doc.getMap('meta');
    const k = meta.get('kind');
    if (k !== undefined && k !== kind)
      throw new ShapeError(`meta.kind is "${String(k)}", not "${kind}"`);
    const v = meta.get('schemaVersion');
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 1))
      throw new ShapeError('meta.schemaVersion must be a positive integer');
  }
}

/** Writes kind and schema version into a new document's meta (idempotent). */
export function initDocMeta(doc: Y.Doc, kind: DocKind): void {
  const meta = doc.getMap('meta');
  if (meta.get('kind') === undefined) meta.set('kind', kind);
  if (meta.get('schemaVersion') === undefined) meta.set('schemaVersion', SCHEMA_VERSIONS[kind]);
}
