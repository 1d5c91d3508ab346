/**
 * The roadmap document (`school:<schoolId>:roadmap:<year>`): typed reading and
 * editing over Yjs.
 *
 * Layout (roots from documents/layout.ts):
 * - `meta` (map): kind, schemaVersion; registers `title`, `periodStart`, `periodEnd`.
 * - `problems` (array of Y.Map), one per key problem: `id`, `order`; Y.Text
 *   `title`, `description`, `goal`, `analysis`, `criteriaQualitative`,
 *   `criteriaQuantitative`; sets (Y.Map key → true) `factors`, `directions`;
 *   lists (Y.Array of Y.Map) `tasks`, `indicators`, `measures`.
 *   - task: `id`, `order`, Y.Text `text`.
 *   - indicator: `id`, `order`, Y.Text `name`, `method`; registers `unit`,
 *     `baseline`, `target`, `targetDate`, `direction`; `values` (Y.Array of plain
 *     `{id, date, value, note, by, at}`, append-only; a correction deletes and adds).
 *   - measure: `id`, `order`, Y.Text `title`, `description`; registers `start`,
 *     `end`, `responsible`, `status`; `evidence` (Y.Array of plain entries).
 * - `directions` (array of plain `{id, code, title}`): the chosen priority
 *   directions; a concurrent pick of the same code is shown once.
 * - `resources` (array of Y.Map): `id`, `order`, Y.Text `title`, `description`;
 *   registers `level`, `url`.
 * - `comments` (array of Y.Map): `id`, `targetKind`, `targetId`, `replyTo`,
 *   `text`, `by`, `byName`, `at` (written once), register `resolved`.
 * - `history` (array of plain entries, append-only), see below.
 * - `report` (map): slotted texts `conclusion:<sectionKey>` (crdt-kit.ts).
 *
 * Why this way:
 * - Every nested Y type is created by the inserter of its item, in the same
 *   transaction, so no two replicas ever create one at the same key.
 * - Order is the `order` field (order-key.ts); moving writes it, nothing is
 *   physically moved, so a concurrent edit of a moved item survives. Measures
 *   and indicators move only within their problem.
 * - Deleting removes the item from its list: a concurrent edit of a deleted item
 *   disappears with the item (and only then). The history keeps the deletion.
 * - Scalars people change concurrently (a measure's status, dates, responsible;
 *   an indicator's baseline and target) are multi-value registers: both values of
 *   a concurrent change stay until someone picks one (`snapshot.conflicts`).
 *
 * History: each editor call appends one plain entry to `history` in the same
 * transaction as the change (who, when, what, the item's title at the time);
 * see change-log.ts for why. Texts are edited directly through their Y.Text by
 * the screen's editor; the screen calls `noteTextEdited` when an editing session
 * ends (one entry per person, item and field per 10 minutes).
 */
import * as Y from 'yjs';
import {
  DocEditor,
  DocInputError,
  editableSlot,
  fieldInConflict,
  indexOfItem,
  is,
  isIsoDate,
  mergeTextSlots,
  orderedItems,
  readField,
  readingWhole,
  readSlotted,
  textOf,
  textSlots,
  type SlottedText,
} from './crdt-kit.ts';
import { readChangeLog, textEditLogged } from './change-log.ts';
import {
  INDICATOR_DIRECTIONS,
  MEASURE_STATUSES,
  PRIORITY_DIRECTIONS,
  PROBLEM_TEXT_FIELDS,
  RESOURCE_LEVELS,
  TARGET_KINDS,
  type CommentSnapshot,
  type ConflictRef,
  type DirectionSnapshot,
  type EvidenceItem,
  type HistoryEntry,
  type IndicatorDirection,
  type IndicatorSnapshot,
  type IndicatorValue,
  type MeasureSnapshot,
  type MeasureStatus,
  type PriorityDirection,
  type ProblemSnapshot,
  type ProblemTextField,
  type ResourceLevel,
  type ResourceSnapshot,
  type RoadmapSnapshot,
  type TargetKind,
  type TaskSnapshot,
} from './types.ts';

type YMap = Y.Map<unknown>;
type YArr = Y.Array<unknown>;

/** Where to put an item: after the item with this id, null for first, omitted for last. */
export interface Placement {
  after?: string | null;
}

/** Fields of a new measure. */
export interface MeasureInput {
  title?: string;
  description?: string;
  start?: string | null;
  end?: string | null;
  responsible?: string;
  status?: MeasureStatus;
}

/** Fields of a new indicator. */
export interface IndicatorInput {
  name?: string;
  method?: string;
  unit?: string;
  baseline?: number | null;
  target?: number | null;
  targetDate?: string | null;
  direction?: IndicatorDirection;
}

/** Scalar (register) fields of a measure. */
export type MeasureField = 'start' | 'end' | 'responsible' | 'status';
/** Scalar (register) fields of an indicator. */
export type IndicatorField = 'unit' | 'baseline' | 'target' | 'targetDate' | 'direction';

const MEASURE_GUARDS = {
  start: is.isoDateOrNull,
  end: is.isoDateOrNull,
  responsible: is.string,
  status: is.oneOf(MEASURE_STATUSES),
} as const;

const INDICATOR_GUARDS = {
  unit: is.string,
  baseline: is.numberOrNull,
  target: is.numberOrNull,
  targetDate: is.isoDateOrNull,
  direction: is.oneOf(INDICATOR_DIRECTIONS),
} as const;

function str(x: unknown): string {
  return typeof x === 'string' ? x : '';
}

function num(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}

function setOf(map: unknown): string[] {
  if (!(map instanceof Y.Map)) return [];
  const out: string[] = [];
  for (const [k, v] of map.entries()) if (v === true) out.push(k);
  return out.sort();
}

/** A nested list for reading; an empty stand-in when the item lacks it (old or hostile data). */
function arr(map: YMap, key: string): YArr {
  const a = map.get(key);
  return a instanceof Y.Array ? (a as YArr) : new Y.Array<unknown>();
}

/** A nested list for writing; refuses an item that lacks it. */
function list(map: YMap, key: string): YArr {
  const a = map.get(key);
  if (!(a instanceof Y.Array)) throw new DocInputError(`item has no list "${key}"`);
  return a as YArr;
}

function plainEntries(list: YArr): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const x of list.toArray()) {
    if (typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Y.AbstractType))
      out.push(x as Record<string, unknown>);
  }
  return out;
}

/** The roots of a roadmap document, typed. Works on the relay too (untyped roots). */
export function roadmapRoots(doc: Y.Doc): {
  meta: YMap;
  problems: YArr;
  directions: YArr;
  resources: YArr;
  comments: YArr;
  history: YArr;
  report: YMap;
} {
  return {
    meta: doc.getMap('meta'),
    problems: doc.getArray('problems'),
    directions: doc.getArray('directions'),
    resources: doc.getArray('resources'),
    comments: doc.getArray('comments'),
    history: doc.getArray('history'),
    report: doc.getMap('report'),
  };
}

/** The key under `report` of a section's conclusion. */
export function conclusionKey(sectionKey: string): string {
  return `conclusion:${sectionKey}`;
}

// ---------------------------------------------------------------- reading

function readTask(m: YMap): TaskSnapshot {
  return { id: str(m.get('id')), order: str(m.get('order')), text: textOf(m, 'text') };
}

function readIndicator(m: YMap, problemId: string): IndicatorSnapshot {
  const values: IndicatorValue[] = [];
  for (const e of plainEntries(arr(m, 'values'))) {
    if (typeof e.id !== 'string' || !isIsoDate(e.date) || !is.number(e.value)) continue;
    values.push({
      id: e.id,
      date: e.date,
      value: e.value,
      note: str(e.note),
      by: str(e.by),
      at: num(e.at),
    });
  }
  values.sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.at - b.at || (a.id < b.id ? -1 : 1),
  );
  return {
    id: str(m.get('id')),
    order: str(m.get('order')),
    problemId,
    name: textOf(m, 'name'),
    method: textOf(m, 'method'),
    unit: readField(m, 'unit', INDICATOR_GUARDS.unit),
    baseline: readField(m, 'baseline', INDICATOR_GUARDS.baseline),
    target: readField(m, 'target', INDICATOR_GUARDS.target),
    targetDate: readField(m, 'targetDate', INDICATOR_GUARDS.targetDate),
    direction: readField(m, 'direction', INDICATOR_GUARDS.direction),
    values,
  };
}

function readMeasure(m: YMap, problemId: string): MeasureSnapshot {
  const evidence: EvidenceItem[] = [];
  for (const e of plainEntries(arr(m, 'evidence'))) {
    if (typeof e.id !== 'string') continue;
    evidence.push({
      id: e.id,
      kind: e.kind === 'link' ? 'link' : 'note',
      text: str(e.text),
      url: str(e.url),
      by: str(e.by),
      at: num(e.at),
    });
  }
  evidence.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  return {
    id: str(m.get('id')),
    order: str(m.get('order')),
    problemId,
    title: textOf(m, 'title'),
    description: textOf(m, 'description'),
    start: readField(m, 'start', MEASURE_GUARDS.start),
    end: readField(m, 'end', MEASURE_GUARDS.end),
    responsible: readField(m, 'responsible', MEASURE_GUARDS.responsible),
    status: readField(m, 'status', MEASURE_GUARDS.status),
    evidence,
  };
}

function readProblem(m: YMap): ProblemSnapshot {
  const id = str(m.get('id'));
  const isDirection = is.oneOf(PRIORITY_DIRECTIONS);
  return {
    id,
    order: str(m.get('order')),
    title: textOf(m, 'title'),
    description: textOf(m, 'description'),
    factorIds: setOf(m.get('factors')),
    directions: setOf(m.get('directions')).filter(isDirection),
    goal: textOf(m, 'goal'),
    tasks: orderedItems(arr(m, 'tasks')).map((i) => readTask(i.map)),
    indicators: orderedItems(arr(m, 'indicators')).map((i) => readIndicator(i.map, id)),
    measures: orderedItems(arr(m, 'measures')).map((i) => readMeasure(i.map, id)),
    analysis: textOf(m, 'analysis'),
    criteriaQualitative: textOf(m, 'criteriaQualitative'),
    criteriaQuantitative: textOf(m, 'criteriaQuantitative'),
  };
}

function readDirections(list: YArr): DirectionSnapshot[] {
  const isCode = is.oneOf(PRIORITY_DIRECTIONS);
  const byKey = new Map<string, DirectionSnapshot>();
  const entries = plainEntries(list)
    .filter((e) => typeof e.id === 'string' && isCode(e.code))
    .sort((a, b) => (str(a.id) < str(b.id) ? -1 : 1));
  for (const e of entries) {
    const code = e.code as PriorityDirection;
    const title = code === 'other' ? str(e.title).trim() : '';
    const key = code === 'other' ? `other:${title.toLowerCase()}` : code;
    const found = byKey.get(key);
    if (found) found.entryIds.push(str(e.id));
    else byKey.set(key, { code, title, entryIds: [str(e.id)] });
  }
  const rank = (c: PriorityDirection): number => PRIORITY_DIRECTIONS.indexOf(c);
  return [...byKey.values()].sort(
    (a, b) => rank(a.code) - rank(b.code) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
}

function readResource(m: YMap): ResourceSnapshot {
  return {
    id: str(m.get('id')),
    order: str(m.get('order')),
    title: textOf(m, 'title'),
    description: textOf(m, 'description'),
    level: readField(m, 'level', is.oneOf(RESOURCE_LEVELS)),
    url: readField(m, 'url', is.string),
  };
}

function readHistory(list: YArr): HistoryEntry[] {
  return readChangeLog(list, is.oneOf(TARGET_KINDS));
}

/** Reads the whole roadmap document into plain data (same result on every replica with the same state). */
export function readRoadmap(doc: Y.Doc): RoadmapSnapshot {
  return readingWhole(() => readRoadmapNow(doc));
}

function readRoadmapNow(doc: Y.Doc): RoadmapSnapshot {
  const r = roadmapRoots(doc);
  const conflicts: ConflictRef[] = [];
  const noteConflicts = (
    map: YMap,
    kind: TargetKind,
    id: string,
    fields: readonly string[],
  ): void => {
    for (const f of fields)
      if (fieldInConflict(map, f)) conflicts.push({ targetKind: kind, targetId: id, field: f });
  };
  noteConflicts(r.meta, 'roadmap', '', ['title', 'periodStart', 'periodEnd']);

  const problems: ProblemSnapshot[] = [];
  const ids = new Set<string>(['']);
  for (const p of orderedItems(r.problems)) {
    const snap = readProblem(p.map);
    problems.push(snap);
    ids.add(snap.id);
    for (const t of orderedItems(arr(p.map, 'tasks'))) ids.add(t.id);
    for (const i of orderedItems(arr(p.map, 'indicators'))) {
      ids.add(i.id);
      noteConflicts(i.map, 'indicator', i.id, Object.keys(INDICATOR_GUARDS));
    }
    for (const m of orderedItems(arr(p.map, 'measures'))) {
      ids.add(m.id);
      noteConflicts(m.map, 'measure', m.id, Object.keys(MEASURE_GUARDS));
    }
  }
  const resources = orderedItems(r.resources).map((i) => {
    ids.add(i.id);
    noteConflicts(i.map, 'resource', i.id, ['level', 'url']);
    return readResource(i.map);
  });
  const directions = readDirections(r.directions);
  for (const d of directions) for (const e of d.entryIds) ids.add(e);

  const isKind = is.oneOf(TARGET_KINDS);
  const comments: CommentSnapshot[] = [];
  for (const c of r.comments.toArray()) {
    if (!(c instanceof Y.Map)) continue;
    const m = c as YMap;
    const id = m.get('id');
    const targetKind = m.get('targetKind');
    if (typeof id !== 'string' || !isKind(targetKind)) continue;
    ids.add(id);
    noteConflicts(m, 'comment', id, ['resolved']);
    comments.push({
      id,
      targetKind,
      targetId: str(m.get('targetId')),
      replyTo: str(m.get('replyTo')),
      text: str(m.get('text')),
      by: str(m.get('by')),
      byName: str(m.get('byName')),
      at: num(m.get('at')),
      resolved: readField(m, 'resolved', is.boolean),
      targetExists: true,
    });
  }
  comments.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const conclusions: Record<string, SlottedText> = {};
  const names = new Set<string>();
  for (const key of r.report.keys()) {
    const parts = key.split('\u0002');
    if (parts.length === 3 && parts[0] === 'text' && parts[1]?.startsWith('conclusion:'))
      names.add(parts[1]);
  }
  for (const name of [...names].sort()) {
    const s = readSlotted(r.report, name);
    const section = name.slice('conclusion:'.length);
    conclusions[section] = s;
    if (s.conflict)
      conflicts.push({ targetKind: 'report', targetId: section, field: 'conclusion' });
  }
  for (const c of comments) {
    c.targetExists = c.targetKind === 'report' || ids.has(c.targetId);
  }
  return {
    title: readField(r.meta, 'title', is.string),
    periodStart: readField(r.meta, 'periodStart', is.isoDateOrNull),
    periodEnd: readField(r.meta, 'periodEnd', is.isoDateOrNull),
    problems,
    directions,
    resources,
    comments,
    history: readHistory(r.history),
    conclusions,
    conflicts,
  };
}

// ---------------------------------------------------------------- editing

interface Located {
  kind: 'problem' | 'task' | 'indicator' | 'measure';
  map: YMap;
  list: YArr;
  problem: YMap;
}

/**
 * Edits one roadmap document on behalf of one person. Every method runs in one
 * transaction and appends a history entry; ids returned by `add*` are stable
 * across replicas. Read with `readRoadmap(editor.doc)` (or `snapshot()`).
 */
export class RoadmapEditor extends DocEditor<TargetKind> {
  protected readonly kind = 'roadmap';
  private readonly roots = roadmapRoots(this.doc);

  /** The current state as plain data. */
  snapshot(): RoadmapSnapshot {
    return readRoadmap(this.doc);
  }

  // ------------------------------------------------ meta

  /** Sets the roadmap's title or period (YYYY-MM-DD or null). */
  setMeta(field: 'title' | 'periodStart' | 'periodEnd', value: string | null): void {
    if (field === 'title' ? typeof value !== 'string' : !is.isoDateOrNull(value))
      throw new DocInputError(`bad value for ${field}`);
    this.tx(() => {
      this.writeField(this.roots.meta, field, value);
      this.record('update', 'roadmap', '', '', field, value);
    });
  }

  // ------------------------------------------------ problems

  /** Adds a key problem; returns its id. */
  addProblem(input: { title?: string; factorIds?: string[] } = {}, at: Placement = {}): string {
    const id = this.newId();
    this.tx(() => {
      const m = new Y.Map<unknown>();
      m.set('id', id);
      m.set('order', this.keyFor(this.roots.problems, at));
      for (const f of PROBLEM_TEXT_FIELDS)
        m.set(f, new Y.Text(f === 'title' ? (input.title ?? '') : ''));
      const factors = new Y.Map<unknown>();
      for (const f of input.factorIds ?? []) factors.set(f, true);
      m.set('factors', factors);
      m.set('directions', new Y.Map<unknown>());
      m.set('tasks', new Y.Array<unknown>());
      m.set('indicators', new Y.Array<unknown>());
      m.set('measures', new Y.Array<unknown>());
      this.roots.problems.push([m]);
      this.record('create', 'problem', id, input.title ?? '');
    });
    return id;
  }

  /** Moves a problem (writes its order key only). */
  moveProblem(id: string, at: Placement): void {
    this.tx(() => {
      const m = this.problemMap(id);
      m.set('order', this.keyFor(this.roots.problems, at, id));
      this.record('move', 'problem', id, textOf(m, 'title'));
    });
  }

  /** Deletes a problem with its tasks, indicators and measures. */
  deleteProblem(id: string): void {
    this.tx(() => {
      const i = indexOfItem(this.roots.problems, id);
      if (i < 0) throw new DocInputError(`no problem ${id}`);
      const m = this.roots.problems.get(i) as YMap;
      this.record('delete', 'problem', id, textOf(m, 'title'));
      this.roots.problems.delete(i, 1);
    });
  }

  /** A long text of a problem, to bind to an editor. */
  problemText(id: string, field: ProblemTextField): Y.Text {
    return this.textAt(this.problemMap(id), field);
  }

  /** Ties a problem to a risk factor (on) or unties it. */
  setProblemFactor(problemId: string, factorId: string, on: boolean): void {
    this.setMember(problemId, 'factors', factorId, on);
  }

  /** Puts a problem under a priority direction (on) or takes it out. */
  setProblemDirection(problemId: string, direction: PriorityDirection, on: boolean): void {
    if (!is.oneOf(PRIORITY_DIRECTIONS)(direction)) throw new DocInputError('unknown direction');
    this.setMember(problemId, 'directions', direction, on);
  }

  // ------------------------------------------------ tasks

  /** Adds a task to a problem; returns its id. */
  addTask(problemId: string, text = '', at: Placement = {}): string {
    return this.addChild(problemId, 'tasks', 'task', text, at, (m) =>
      m.set('text', new Y.Text(text)),
    );
  }

  /** The text of a task. */
  taskText(id: string): Y.Text {
    return this.textAt(this.child('task', id).map, 'text');
  }

  // ------------------------------------------------ indicators

  /** Adds an indicator to a problem; returns its id. */
  addIndicator(problemId: string, input: IndicatorInput = {}, at: Placement = {}): string {
    return this.tx(() => {
      const id = this.addChild(problemId, 'indicators', 'indicator', input.name ?? '', at, (m) => {
        m.set('name', new Y.Text(input.name ?? ''));
        m.set('method', new Y.Text(input.method ?? ''));
        m.set('values', new Y.Array<unknown>());
      });
      const m = this.child('indicator', id).map;
      this.setIndicatorFieldIn(m, 'direction', input.direction ?? 'higher_is_better');
      if (input.unit !== undefined) this.setIndicatorFieldIn(m, 'unit', input.unit);
      if (input.baseline !== undefined) this.setIndicatorFieldIn(m, 'baseline', input.baseline);
      if (input.target !== undefined) this.setIndicatorFieldIn(m, 'target', input.target);
      if (input.targetDate !== undefined)
        this.setIndicatorFieldIn(m, 'targetDate', input.targetDate);
      return id;
    });
  }

  /** Sets a scalar field of an indicator (also resolves a conflict on it). */
  setIndicatorField<F extends IndicatorField>(
    id: string,
    field: F,
    value: IndicatorInput[F],
  ): void {
    this.tx(() => {
      const m = this.child('indicator', id).map;
      this.setIndicatorFieldIn(m, field, value);
      this.record('update', 'indicator', id, textOf(m, 'name'), field, value ?? null);
    });
  }

  /** A long text of an indicator (`name`, `method`: the data-collection method). */
  indicatorText(id: string, field: 'name' | 'method'): Y.Text {
    return this.textAt(this.child('indicator', id).map, field);
  }

  /** Records a measured value of an indicator; returns its id. */
  addIndicatorValue(
    indicatorId: string,
    value: { date: string; value: number; note?: string },
  ): string {
    if (!isIsoDate(value.date)) throw new DocInputError('value date must be YYYY-MM-DD');
    if (!is.number(value.value)) throw new DocInputError('value must be a finite number');
    const id = this.newId();
    this.tx(() => {
      const m = this.child('indicator', indicatorId).map;
      list(m, 'values').push([
        {
          id,
          date: value.date,
          value: value.value,
          note: value.note ?? '',
          by: this.ctx.actor.userId,
          at: this.now(),
        },
      ]);
      this.record('update', 'indicator', indicatorId, textOf(m, 'name'), 'values', value.value);
    });
    return id;
  }

  /** Deletes a measured value (a correction is a delete and an add). */
  deleteIndicatorValue(indicatorId: string, valueId: string): void {
    this.tx(() => {
      const m = this.child('indicator', indicatorId).map;
      const values = list(m, 'values');
      const i = values
        .toArray()
        .findIndex(
          (e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === valueId,
        );
      if (i < 0) throw new DocInputError(`no value ${valueId}`);
      values.delete(i, 1);
      this.record('update', 'indicator', indicatorId, textOf(m, 'name'), 'values', null);
    });
  }

  // ------------------------------------------------ measures

  /** Adds a measure to a problem; returns its id. */
  addMeasure(problemId: string, input: MeasureInput = {}, at: Placement = {}): string {
    for (const f of ['start', 'end'] as const) {
      if (input[f] !== undefined && !is.isoDateOrNull(input[f]))
        throw new DocInputError(`${f} must be YYYY-MM-DD`);
    }
    if (input.status !== undefined && !MEASURE_GUARDS.status(input.status))
      throw new DocInputError('unknown status');
    return this.tx(() => {
      const id = this.addChild(problemId, 'measures', 'measure', input.title ?? '', at, (m) => {
        m.set('title', new Y.Text(input.title ?? ''));
        m.set('description', new Y.Text(input.description ?? ''));
        m.set('evidence', new Y.Array<unknown>());
      });
      const m = this.child('measure', id).map;
      this.writeField(m, 'status', input.status ?? 'planned');
      if (input.start !== undefined) this.writeField(m, 'start', input.start);
      if (input.end !== undefined) this.writeField(m, 'end', input.end);
      if (input.responsible !== undefined) this.writeField(m, 'responsible', input.responsible);
      return id;
    });
  }

  /** Sets a scalar field of a measure; writing it again after a conflict resolves the conflict. */
  setMeasureField<F extends MeasureField>(
    id: string,
    field: F,
    value: NonNullable<MeasureInput[F]> | null,
  ): void {
    const guard: (x: unknown) => boolean = MEASURE_GUARDS[field];
    if (!guard(value)) throw new DocInputError(`bad value for measure ${field}`);
    this.updateItem('measure', id, () => this.child('measure', id).map, titleOf, field, value);
  }

  /** A long text of a measure. */
  measureText(id: string, field: 'title' | 'description'): Y.Text {
    return this.textAt(this.child('measure', id).map, field);
  }

  /** Attaches evidence (a note, or a link to a document) to a measure; returns its id. */
  addEvidence(measureId: string, e: { kind: 'note' | 'link'; text: string; url?: string }): string {
    const id = this.newId();
    this.tx(() => {
      const m = this.child('measure', measureId).map;
      list(m, 'evidence').push([
        {
          id,
          kind: e.kind,
          text: e.text,
          url: e.url ?? '',
          by: this.ctx.actor.userId,
          at: this.now(),
        },
      ]);
      this.record('update', 'measure', measureId, textOf(m, 'title'), 'evidence', e.text);
    });
    return id;
  }

  /** Removes an evidence entry. */
  removeEvidence(measureId: string, evidenceId: string): void {
    this.tx(() => {
      const m = this.child('measure', measureId).map;
      const evidence = list(m, 'evidence');
      const i = evidence
        .toArray()
        .findIndex(
          (e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === evidenceId,
        );
      if (i < 0) throw new DocInputError(`no evidence ${evidenceId}`);
      evidence.delete(i, 1);
      this.record('update', 'measure', measureId, textOf(m, 'title'), 'evidence', null);
    });
  }

  // ------------------------------------------------ children: move and delete

  /** Moves a task, indicator or measure within its problem (writes its order key only). */
  moveItem(kind: 'task' | 'indicator' | 'measure', id: string, at: Placement): void {
    this.tx(() => {
      const loc = this.child(kind, id);
      loc.map.set('order', this.keyFor(loc.list, at, id));
      this.record('move', kind, id, labelOf(loc));
    });
  }

  /** Deletes a task, indicator or measure. */
  deleteItem(kind: 'task' | 'indicator' | 'measure', id: string): void {
    this.tx(() => {
      const loc = this.child(kind, id);
      this.record('delete', kind, id, labelOf(loc));
      loc.list.delete(indexOfItem(loc.list, id), 1);
    });
  }

  // ------------------------------------------------ directions and resources

  /** Chooses a priority direction (`title` names an `other` one). No-op when already chosen. */
  addDirection(code: PriorityDirection, title = ''): void {
    if (!is.oneOf(PRIORITY_DIRECTIONS)(code)) throw new DocInputError('unknown direction');
    if (code === 'other' && title.trim() === '')
      throw new DocInputError('an "other" direction needs a title');
    const own = code === 'other' ? title.trim() : '';
    const chosen = readDirections(this.roots.directions).some(
      (d) => d.code === code && d.title.toLowerCase() === own.toLowerCase(),
    );
    if (chosen) return;
    const id = this.newId();
    this.tx(() => {
      this.roots.directions.push([{ id, code, title: own }]);
      this.record('create', 'direction', id, own || code);
    });
  }

  /** Removes a chosen direction (every entry of it). */
  removeDirection(code: PriorityDirection, title = ''): void {
    const d = readDirections(this.roots.directions).find(
      (x) =>
        x.code === code &&
        (code !== 'other' || x.title.toLowerCase() === title.trim().toLowerCase()),
    );
    if (!d) return;
    this.tx(() => {
      const list = this.roots.directions;
      for (let i = list.length - 1; i >= 0; i--) {
        const e = list.get(i) as { id?: unknown } | null;
        if (e && typeof e === 'object' && typeof e.id === 'string' && d.entryIds.includes(e.id))
          list.delete(i, 1);
      }
      this.record('delete', 'direction', d.entryIds[0] ?? '', d.title || d.code);
    });
  }

  /** Adds an external resource; returns its id. */
  addResource(
    input: { title?: string; description?: string; level?: ResourceLevel; url?: string } = {},
    at: Placement = {},
  ): string {
    const id = this.newId();
    this.tx(() => {
      const m = new Y.Map<unknown>();
      m.set('id', id);
      m.set('order', this.keyFor(this.roots.resources, at));
      m.set('title', new Y.Text(input.title ?? ''));
      m.set('description', new Y.Text(input.description ?? ''));
      this.roots.resources.push([m]);
      this.writeField(m, 'level', input.level ?? 'municipal');
      if (input.url !== undefined) this.writeField(m, 'url', input.url);
      this.record('create', 'resource', id, input.title ?? '');
    });
    return id;
  }

  /** Sets a resource's level or link. */
  setResourceField(id: string, field: 'level' | 'url', value: string): void {
    if (field === 'level' && !is.oneOf(RESOURCE_LEVELS)(value))
      throw new DocInputError('unknown level');
    this.updateItem('resource', id, () => this.resourceMap(id), titleOf, field, value);
  }

  /** A long text of a resource. */
  resourceText(id: string, field: 'title' | 'description'): Y.Text {
    return this.textAt(this.resourceMap(id), field);
  }

  /** Moves a resource. */
  moveResource(id: string, at: Placement): void {
    this.tx(() => {
      const m = this.resourceMap(id);
      m.set('order', this.keyFor(this.roots.resources, at, id));
      this.record('move', 'resource', id, textOf(m, 'title'));
    });
  }

  /** Deletes a resource. */
  deleteResource(id: string): void {
    this.tx(() => {
      const i = indexOfItem(this.roots.resources, id);
      if (i < 0) throw new DocInputError(`no resource ${id}`);
      this.record('delete', 'resource', id, textOf(this.roots.resources.get(i) as YMap, 'title'));
      this.roots.resources.delete(i, 1);
    });
  }

  // ------------------------------------------------ comments

  /** Comments on an item (`targetId` '' for the roadmap as a whole, a section key for the report). */
  addComment(targetKind: TargetKind, targetId: string, text: string, replyTo = ''): string {
    if (text.trim() === '') throw new DocInputError('empty comment');
    const id = this.newId();
    this.tx(() => {
      const m = new Y.Map<unknown>();
      m.set('id', id);
      m.set('targetKind', targetKind);
      m.set('targetId', targetId);
      m.set('replyTo', replyTo);
      m.set('text', text);
      m.set('by', this.ctx.actor.userId);
      m.set('byName', this.ctx.actor.name ?? '');
      m.set('at', this.now());
      this.roots.comments.push([m]);
      this.record('create', 'comment', id, text);
    });
    return id;
  }

  /** Resolves (or reopens) a comment. */
  setCommentResolved(commentId: string, resolved: boolean): void {
    this.tx(() => {
      const i = indexOfItem(this.roots.comments, commentId);
      if (i < 0) throw new DocInputError(`no comment ${commentId}`);
      const m = this.roots.comments.get(i) as YMap;
      this.writeField(m, 'resolved', resolved);
      this.record(resolved ? 'resolve' : 'reopen', 'comment', commentId, str(m.get('text')));
    });
  }

  // ------------------------------------------------ report conclusions and history

  /** The editable conclusion of a report section, to bind to an editor. */
  conclusionText(sectionKey: string): Y.Text {
    return this.tx(() => editableSlot(this.roots.report, conclusionKey(sectionKey), this.newId()));
  }

  /** After concurrent first edits of a conclusion: joins its versions into one. */
  mergeConclusion(sectionKey: string): void {
    this.tx(() => {
      mergeTextSlots(this.roots.report, conclusionKey(sectionKey));
      this.record('update', 'report', sectionKey, sectionKey, 'conclusion');
    });
  }

  /**
   * Notes in the history that this person edited a text (call when an editing
   * session ends). Coalesced: one entry per person, item and field per 10 minutes.
   */
  noteTextEdited(targetKind: TargetKind, targetId: string, field: string): void {
    const history = readHistory(this.roots.history);
    if (textEditLogged(history, this.ctx.actor.userId, targetKind, targetId, field, this.now()))
      return;
    let label = targetKind === 'report' ? targetId : '';
    if (targetKind === 'problem') label = textOf(this.problemMap(targetId), 'title');
    else if (targetKind === 'task' || targetKind === 'indicator' || targetKind === 'measure')
      label = labelOf(this.child(targetKind, targetId));
    else if (targetKind === 'resource') label = textOf(this.resourceMap(targetId), 'title');
    this.tx(() => this.record('edit_text', targetKind, targetId, label, field));
  }

  // ------------------------------------------------ internals

  private keyFor(list: YArr, at: Placement, movingId?: string): string {
    return this.placeKey(orderedItems(list), at, movingId);
  }

  private problemMap(id: string): YMap {
    const i = indexOfItem(this.roots.problems, id);
    if (i < 0) throw new DocInputError(`no problem ${id}`);
    return this.roots.problems.get(i) as YMap;
  }

  private resourceMap(id: string): YMap {
    const i = indexOfItem(this.roots.resources, id);
    if (i < 0) throw new DocInputError(`no resource ${id}`);
    return this.roots.resources.get(i) as YMap;
  }

  private child(kind: 'task' | 'indicator' | 'measure', id: string): Located {
    const key = kind === 'task' ? 'tasks' : kind === 'indicator' ? 'indicators' : 'measures';
    for (const p of this.roots.problems) {
      if (!(p instanceof Y.Map)) continue;
      const list = arr(p as YMap, key);
      const i = indexOfItem(list, id);
      if (i >= 0) return { kind, map: list.get(i) as YMap, list, problem: p as YMap };
    }
    throw new DocInputError(`no ${kind} ${id}`);
  }

  private addChild(
    problemId: string,
    key: 'tasks' | 'indicators' | 'measures',
    kind: 'task' | 'indicator' | 'measure',
    label: string,
    at: Placement,
    fill: (m: YMap) => void,
  ): string {
    const id = this.newId();
    this.tx(() => {
      const items = list(this.problemMap(problemId), key);
      const m = new Y.Map<unknown>();
      m.set('id', id);
      m.set('order', this.keyFor(items, at));
      fill(m);
      items.push([m]);
      this.record('create', kind, id, label);
    });
    return id;
  }

  private textAt(map: YMap, key: string): Y.Text {
    const t = map.get(key);
    if (!(t instanceof Y.Text)) throw new DocInputError(`no text "${key}"`);
    return t;
  }

  private setMember(
    problemId: string,
    key: 'factors' | 'directions',
    member: string,
    on: boolean,
  ): void {
    this.tx(() => {
      const p = this.problemMap(problemId);
      const set = p.get(key);
      if (!(set instanceof Y.Map)) throw new DocInputError(`problem has no ${key}`);
      if (on) set.set(member, true);
      else set.delete(member);
      this.record(
        'update',
        'problem',
        problemId,
        textOf(p, 'title'),
        key,
        on ? member : `-${member}`,
      );
    });
  }

  private setIndicatorFieldIn(m: YMap, field: IndicatorField, value: unknown): void {
    const guard: (x: unknown) => boolean = INDICATOR_GUARDS[field];
    if (!guard(value)) throw new DocInputError(`bad value for indicator ${field}`);
    this.writeField(m, field, value);
  }
}

/** An item's title, as the history labels it. */
const titleOf = (m: YMap): string => textOf(m, 'title');

function labelOf(loc: Located): string {
  return textOf(
    loc.map,
    loc.kind === 'task' ? 'text' : loc.kind === 'indicator' ? 'name' : 'title',
  );
}

/** Every slot of a report conclusion (for a screen offering to merge concurrent first drafts). */
export function conclusionSlots(doc: Y.Doc, sectionKey: string): string[] {
  return textSlots(roadmapRoots(doc).report, conclusionKey(sectionKey)).map((s) =>
    s.text.toString(),
  );
}
