/**
 * The curator's visit report (one document per visit, `school:<id>:visit:<id>`),
 * and the interview with a director (собеседование, seed 004) as a kind of it.
 *
 * Layout (documents/layout.ts, kind `visit`):
 * - `meta`: kind and schema version;
 * - `fields`: a multi-value register (documents/register.ts) of the scalar
 *   fields — visitKind, date, status, purpose, curatorId — plus two Y.Text
 *   under the plain keys `observations` and `changesSeen`, created with the
 *   document by its one author (so no two replicas ever create them at once);
 * - `evaluation`: a register of `<criterion>.level` and `<criterion>.comment`
 *   for the criteria a–e of seed 001 (section 2.2: the management cycle of each
 *   key problem of the programme);
 * - `steps`: a list of Y.Map, one per agreed next step: a plain `id` set at
 *   insertion and register fields text, owner, due, becomes, state, reason,
 *   link. A step is proposed by the curator, then accepted or declined by the
 *   school; an accepted step becomes a roadmap measure or comment (`link`);
 * - `participants`: a list of plain objects, added and removed whole.
 *
 * Why registers: two people changing the same field offline (the curator on the
 * road, the director at school) keep both values and see a conflict instead of
 * losing one silently; other fields merge independently.
 */
import * as Y from 'yjs';
import * as random from 'lib0/random';
import { initDocMeta } from '../documents/layout.ts';
import {
  conflictedFields,
  readRegister,
  writeRegister,
  type RegisterRead,
} from '../documents/register.ts';
import {
  CRITERION_LABELS,
  CRITERION_LEVEL_LABELS,
  INTERVIEW_PURPOSE_LABELS,
  STEP_STATE_LABELS,
  STEP_TARGET_LABELS,
  VISIT_KIND_LABELS,
  VISIT_STATUS_LABELS,
} from './messages.ts';

type KeysOf<T> = (keyof T & string)[];

/** Kinds of a visit report: a visit to the school, or an interview with its director. */
export const VISIT_KINDS = Object.keys(VISIT_KIND_LABELS) as KeysOf<typeof VISIT_KIND_LABELS>;
export type VisitKind = keyof typeof VISIT_KIND_LABELS;

/** Where a visit stands (the dashboards' VisitStatus). */
export const VISIT_STATUSES = Object.keys(VISIT_STATUS_LABELS) as KeysOf<
  typeof VISIT_STATUS_LABELS
>;
export type VisitStatus = keyof typeof VISIT_STATUS_LABELS;

/** Why an interview is held (seed 004). */
export const INTERVIEW_PURPOSES = Object.keys(INTERVIEW_PURPOSE_LABELS) as KeysOf<
  typeof INTERVIEW_PURPOSE_LABELS
>;
export type InterviewPurpose = keyof typeof INTERVIEW_PURPOSE_LABELS;

/** The criteria a–e of seed 001. */
export const CRITERIA = Object.keys(CRITERION_LABELS) as KeysOf<typeof CRITERION_LABELS>;
export type Criterion = keyof typeof CRITERION_LABELS;

/** Met, partly met, not met. */
export const CRITERION_LEVELS = Object.keys(CRITERION_LEVEL_LABELS) as KeysOf<
  typeof CRITERION_LEVEL_LABELS
>;
export type CriterionLevel = keyof typeof CRITERION_LEVEL_LABELS;

/** Acceptance state of an agreed step. */
export const STEP_STATES = Object.keys(STEP_STATE_LABELS) as KeysOf<typeof STEP_STATE_LABELS>;
export type StepState = keyof typeof STEP_STATE_LABELS;

/** What an accepted step becomes in the roadmap. */
export const STEP_TARGETS = Object.keys(STEP_TARGET_LABELS) as KeysOf<typeof STEP_TARGET_LABELS>;
export type StepTarget = keyof typeof STEP_TARGET_LABELS;

/** Allowed changes of a step's state (the school decides; a decision can be reopened). */
export const STEP_TRANSITIONS: Readonly<Record<StepState, readonly StepState[]>> = {
  proposed: ['accepted', 'declined'],
  accepted: ['done', 'declined', 'proposed'],
  declined: ['proposed'],
  done: ['accepted'],
};

/** The long texts of a report, each a Y.Text under `fields`. */
export const VISIT_TEXTS = ['observations', 'changesSeen'] as const;
export type VisitText = (typeof VISIT_TEXTS)[number];

/** Scalar fields of a report kept in the `fields` register. */
export interface VisitFieldValues {
  visitKind: VisitKind;
  /** Day of the visit, `YYYY-MM-DD`. */
  date: string;
  status: VisitStatus;
  /** For interviews; null for visits. */
  purpose: InterviewPurpose | null;
  /** The user who visits or interviews (curator, coordinator). */
  curatorId: string;
}
export type VisitField = keyof VisitFieldValues;

/** A person present at a visit or interview. */
export interface Participant {
  id: string;
  name: string;
  /** Free text: «директор», «заместитель директора по УВР», «куратор». */
  role: string;
  /** The user, when the participant has an account. */
  userId?: string;
}

/** Where an accepted step went in the roadmap. */
export interface StepLink {
  roadmapDocId: string;
  target: StepTarget;
  /** The measure's or comment's id in the roadmap. */
  itemId: string;
}

/** One criterion's evaluation; `conflict` when two experts set different levels offline. */
export interface CriterionEvaluation {
  level: CriterionLevel | null;
  comment: string;
  conflict: boolean;
}

/** One agreed next step. */
export interface StepSnapshot {
  id: string;
  text: string;
  /** Who is responsible at the school. */
  owner: string;
  /** Agreed deadline, `YYYY-MM-DD`, or null. */
  due: string | null;
  becomes: StepTarget;
  state: StepState;
  /** Why the school declined it, or ''. */
  reason: string;
  link: StepLink | null;
  /** Register fields of this step holding more than one value. */
  conflicts: string[];
}

/** A whole report, read once for a screen. */
export interface VisitSnapshot {
  kind: VisitKind;
  date: string | null;
  status: VisitStatus;
  purpose: InterviewPurpose | null;
  curatorId: string | null;
  observations: string;
  changesSeen: string;
  participants: Participant[];
  evaluation: Record<Criterion, CriterionEvaluation>;
  steps: StepSnapshot[];
  /** Paths of fields in conflict: `fields.date`, `evaluation.a.level`, `steps.<id>.state`. */
  conflicts: string[];
  /** Latest write time seen in the registers (epoch ms), or null. */
  updatedAt: number | null;
}

/** What a new report starts with. */
export interface NewVisit {
  kind: VisitKind;
  date: string;
  curatorId: string;
  status?: VisitStatus;
  purpose?: InterviewPurpose | null;
  participants?: Omit<Participant, 'id'>[];
}

/** Who writes, and the transaction origin (the app's local origin, so the outbox sees it). */
export interface Writer {
  by: string;
  origin?: unknown;
  /** Write time (epoch ms); defaults to now. */
  at?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function fieldsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('fields');
}
function evaluationOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('evaluation');
}
function stepsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>('steps');
}
function participantsOf(doc: Y.Doc): Y.Array<Participant> {
  return doc.getArray<Participant>('participants');
}

function oneOf<T extends string>(list: readonly T[], v: unknown): T | null {
  return typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : null;
}

function isDate(v: unknown): v is string {
  return typeof v === 'string' && DATE.test(v);
}

/** The value to show: the single one, or in a conflict the latest (deterministic everywhere). */
function shown<V>(read: RegisterRead<V>): V | undefined {
  if (read.state === 'single') return read.value;
  if (read.state === 'conflict') return read.values[read.values.length - 1]?.v;
  return undefined;
}

function latestAt(map: Y.Map<unknown>, current: number | null): number | null {
  let at = current;
  for (const v of map.values())
    if (typeof v === 'object' && v !== null && 'at' in v && typeof v.at === 'number')
      at = at === null ? v.at : Math.max(at, v.at);
  return at;
}

/** A fresh visit id (a document id segment): the day and a random part, e.g. `20260312-k3x9q2`. */
export function newVisitId(date: string): string {
  const day = isDate(date) ? date.replaceAll('-', '') : 'visit';
  return `${day}-${random.uint32().toString(36)}`;
}

/** A fresh id for a step or participant. */
function newItemId(): string {
  return random.uint32().toString(36) + random.uint32().toString(36).slice(0, 3);
}

/** Writes a new report into an empty document (meta, fields, texts, participants). */
export function createVisit(doc: Y.Doc, input: NewVisit, w: Writer): void {
  if (!isDate(input.date)) throw new Error(`visit date must be YYYY-MM-DD, got ${input.date}`);
  doc.transact(() => {
    initDocMeta(doc, 'visit');
    const fields = fieldsOf(doc);
    const opts = { origin: w.origin, at: w.at };
    writeRegister(fields, 'visitKind', input.kind, w.by, opts);
    writeRegister(fields, 'date', input.date, w.by, opts);
    writeRegister(fields, 'status', input.status ?? 'planned', w.by, opts);
    writeRegister(fields, 'curatorId', input.curatorId, w.by, opts);
    if (input.kind === 'interview' || input.purpose)
      writeRegister(fields, 'purpose', input.purpose ?? 'other', w.by, opts);
    for (const t of VISIT_TEXTS) if (!fields.has(t)) fields.set(t, new Y.Text());
    for (const p of input.participants ?? []) participantsOf(doc).push([{ ...p, id: newItemId() }]);
  }, w.origin);
}

/** Reads one scalar field with every value when in conflict (for the resolve dialog). */
export function readVisitField<F extends VisitField>(
  doc: Y.Doc,
  field: F,
): RegisterRead<VisitFieldValues[F]> {
  return readRegister<VisitFieldValues[F]>(fieldsOf(doc), field);
}

/** Sets one scalar field (also how a conflict is resolved). */
export function setVisitField<F extends VisitField>(
  doc: Y.Doc,
  field: F,
  value: VisitFieldValues[F],
  w: Writer,
): void {
  if (field === 'date' && !isDate(value)) throw new Error(`visit date must be YYYY-MM-DD`);
  writeRegister(fieldsOf(doc), field, value, w.by, { origin: w.origin, at: w.at });
}

/** The collaborative text of observations or changes seen; null in a report made without it. */
export function visitText(doc: Y.Doc, which: VisitText): Y.Text | null {
  const t = fieldsOf(doc).get(which);
  return t instanceof Y.Text ? t : null;
}

/** Sets a criterion's level and/or comment. */
export function setCriterion(
  doc: Y.Doc,
  criterion: Criterion,
  change: { level?: CriterionLevel | null; comment?: string },
  w: Writer,
): void {
  const map = evaluationOf(doc);
  doc.transact(() => {
    const opts = { origin: w.origin, at: w.at };
    if (change.level !== undefined)
      writeRegister(map, `${criterion}.level`, change.level, w.by, opts);
    if (change.comment !== undefined)
      writeRegister(map, `${criterion}.comment`, change.comment, w.by, opts);
  }, w.origin);
}

/** Reads a criterion's level with every value when in conflict. */
export function readCriterionLevel(
  doc: Y.Doc,
  criterion: Criterion,
): RegisterRead<CriterionLevel | null> {
  return readRegister<CriterionLevel | null>(evaluationOf(doc), `${criterion}.level`);
}

/** Adds a participant; returns its id. */
export function addParticipant(doc: Y.Doc, p: Omit<Participant, 'id'>, w: Writer): string {
  const id = newItemId();
  doc.transact(() => participantsOf(doc).push([{ ...p, id }]), w.origin);
  return id;
}

/** Removes a participant (every copy, should it have been added twice). */
export function removeParticipant(doc: Y.Doc, id: string, w: Writer): void {
  const list = participantsOf(doc);
  doc.transact(() => {
    for (let i = list.length - 1; i >= 0; i--) if (list.get(i).id === id) list.delete(i, 1);
  }, w.origin);
}

/** A new agreed step, proposed to the school. */
export interface NewStep {
  text: string;
  owner?: string;
  due?: string | null;
  becomes?: StepTarget;
}

/** Appends an agreed step in state `proposed`; returns its id. */
export function addStep(doc: Y.Doc, step: NewStep, w: Writer): string {
  if (step.due && !isDate(step.due)) throw new Error('step due date must be YYYY-MM-DD');
  const id = newItemId();
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('id', id);
    stepsOf(doc).push([map]);
    const opts = { origin: w.origin, at: w.at };
    writeRegister(map, 'text', step.text, w.by, opts);
    writeRegister(map, 'owner', step.owner ?? '', w.by, opts);
    writeRegister(map, 'due', step.due ?? null, w.by, opts);
    writeRegister(map, 'becomes', step.becomes ?? 'measure', w.by, opts);
    writeRegister(map, 'state', 'proposed', w.by, opts);
  }, w.origin);
  return id;
}

function stepMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  for (const m of stepsOf(doc)) if (m instanceof Y.Map && m.get('id') === id) return m;
  throw new Error(`no step ${id}`);
}

/** Edits a step's text, owner, due date or target. */
export function editStep(
  doc: Y.Doc,
  id: string,
  change: Partial<Pick<StepSnapshot, 'text' | 'owner' | 'due' | 'becomes'>>,
  w: Writer,
): void {
  if (change.due && !isDate(change.due)) throw new Error('step due date must be YYYY-MM-DD');
  const map = stepMap(doc, id);
  doc.transact(() => {
    const opts = { origin: w.origin, at: w.at };
    for (const [k, v] of Object.entries(change))
      if (v !== undefined) writeRegister(map, k, v, w.by, opts);
  }, w.origin);
}

/**
 * The school's decision on a step (or the curator marking it done). Throws on a
 * change STEP_TRANSITIONS does not allow from the state this device sees.
 */
export function setStepState(
  doc: Y.Doc,
  id: string,
  next: StepState,
  w: Writer,
  details: { reason?: string } = {},
): void {
  const map = stepMap(doc, id);
  const current = oneOf(STEP_STATES, shown(readRegister(map, 'state'))) ?? 'proposed';
  if (current !== next && !STEP_TRANSITIONS[current].includes(next))
    throw new Error(`step ${id}: ${current} → ${next} is not allowed`);
  doc.transact(() => {
    const opts = { origin: w.origin, at: w.at };
    writeRegister(map, 'state', next, w.by, opts);
    if (details.reason !== undefined) writeRegister(map, 'reason', details.reason, w.by, opts);
  }, w.origin);
}

/** Records the roadmap measure or comment an accepted step became. */
export function linkStep(doc: Y.Doc, id: string, link: StepLink, w: Writer): void {
  const map = stepMap(doc, id);
  const state = oneOf(STEP_STATES, shown(readRegister(map, 'state')));
  if (state !== 'accepted' && state !== 'done')
    throw new Error(`step ${id} is ${state ?? 'unknown'}: only accepted steps go to the roadmap`);
  writeRegister(map, 'link', link, w.by, { origin: w.origin, at: w.at });
}

/** Removes a step. */
export function removeStep(doc: Y.Doc, id: string, w: Writer): void {
  const list = stepsOf(doc);
  doc.transact(() => {
    for (let i = list.length - 1; i >= 0; i--) {
      const m = list.get(i);
      if (m instanceof Y.Map && m.get('id') === id) list.delete(i, 1);
    }
  }, w.origin);
}

function isLink(v: unknown): v is StepLink {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.roadmapDocId === 'string' &&
    typeof o.itemId === 'string' &&
    oneOf(STEP_TARGETS, o.target) !== null
  );
}

function isParticipant(v: unknown): v is Participant {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.name === 'string' && typeof o.role === 'string';
}

function readStep(map: Y.Map<unknown>): StepSnapshot | null {
  const id = map.get('id');
  if (typeof id !== 'string') return null;
  const str = (f: string) => {
    const v = shown(readRegister(map, f));
    return typeof v === 'string' ? v : '';
  };
  const due = shown(readRegister(map, 'due'));
  const link = shown(readRegister(map, 'link'));
  return {
    id,
    text: str('text'),
    owner: str('owner'),
    due: isDate(due) ? due : null,
    becomes: oneOf(STEP_TARGETS, shown(readRegister(map, 'becomes'))) ?? 'measure',
    state: oneOf(STEP_STATES, shown(readRegister(map, 'state'))) ?? 'proposed',
    reason: str('reason'),
    link: isLink(link) ? link : null,
    conflicts: conflictedFields(map),
  };
}

/** Reads a whole report. Values of the wrong type (old or hostile clients) read as unset. */
export function readVisit(doc: Y.Doc): VisitSnapshot {
  const fields = fieldsOf(doc);
  const evaluation = evaluationOf(doc);
  const conflicts: string[] = [];
  for (const f of conflictedFields(fields)) conflicts.push(`fields.${f}`);
  for (const f of conflictedFields(evaluation)) conflicts.push(`evaluation.${f}`);
  const byCriterion = {} as Record<Criterion, CriterionEvaluation>;
  for (const c of CRITERIA) {
    const level = readRegister(evaluation, `${c}.level`);
    const comment = shown(readRegister(evaluation, `${c}.comment`));
    byCriterion[c] = {
      level: oneOf(CRITERION_LEVELS, shown(level)),
      comment: typeof comment === 'string' ? comment : '',
      conflict: level.state === 'conflict',
    };
  }
  const steps: StepSnapshot[] = [];
  let updatedAt = latestAt(evaluation, latestAt(fields, null));
  for (const m of stepsOf(doc)) {
    if (!(m instanceof Y.Map)) continue;
    const s = readStep(m);
    if (!s) continue;
    steps.push(s);
    for (const f of s.conflicts) conflicts.push(`steps.${s.id}.${f}`);
    updatedAt = latestAt(m, updatedAt);
  }
  const date = shown(readRegister(fields, 'date'));
  const curatorId = shown(readRegister(fields, 'curatorId'));
  return {
    kind: oneOf(VISIT_KINDS, shown(readRegister(fields, 'visitKind'))) ?? 'visit',
    date: isDate(date) ? date : null,
    status: oneOf(VISIT_STATUSES, shown(readRegister(fields, 'status'))) ?? 'planned',
    purpose: oneOf(INTERVIEW_PURPOSES, shown(readRegister(fields, 'purpose'))),
    curatorId: typeof curatorId === 'string' ? curatorId : null,
    observations: visitText(doc, 'observations')?.toString() ?? '',
    changesSeen: visitText(doc, 'changesSeen')?.toString() ?? '',
    participants: participantsOf(doc).toArray().filter(isParticipant),
    evaluation: byCriterion,
    steps,
    conflicts,
    updatedAt,
  };
}
