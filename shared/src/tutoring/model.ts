/**
 * The tutor-support document of a partnership (`partnership:<leader>:<school>:<year>`):
 * the partnership agreement, the programme, its events, mentor pairs, the
 * priority matrix of seed 003 and the essay «Мы – одна команда!».
 *
 * Layout (roots from documents/layout.ts):
 * - `meta` (map): kind, schemaVersion; register `lastChange` ({at, by}), written by
 *   documents of the first version only (read as a fallback for them).
 * - `agreement` (map): registers `model`, `status`, `number`, `signedOn`,
 *   `startDate`, `endDate`; per catalogue clause registers `clause:<code>`
 *   (included, boolean) and `clauseNote:<code>`; custom clauses under keys
 *   `custom␂<id>` → Y.Map {id, order, Y.Text text; registers provider, included}.
 * - `program` (map): slotted texts `goal` and `priorityGoal:<n>`; tasks under
 *   `task␂<id>` → Y.Map {id, order, Y.Text text}; actions under `action␂<id>` →
 *   Y.Map {id, order, Y.Text text; registers stage, period, responsible, done}.
 * - `events` (array of Y.Map): id, order, Y.Text title and notes; registers type,
 *   date, stage, done; `participants` Y.Array of plain {id, name, side, role}.
 * - `mentors` (array of Y.Map): id, order; registers mentor, teacher, subject,
 *   since; Y.Text focus (the teacher's deficit the pair works on).
 * - `matrix` (array of Y.Map): id, order; register priority; Y.Text task,
 *   action, deficit, capability.
 * - `essay` (text).
 * - `history` (array of plain entries, append-only): who changed what, when;
 *   one entry per editor call, in the same transaction (roadmap/change-log.ts).
 *
 * The same rules as the roadmap (roadmap/model.ts, roadmap/crdt-kit.ts): nested
 * types are created by the inserter under keys holding a fresh id; a stage
 * change of an action or a priority change of a matrix row is a field write, not
 * a move; concurrent scalar changes stay as conflicts until someone picks.
 */
import * as Y from 'yjs';
import {
  DocEditor,
  DocInputError,
  editableSlot,
  fieldInConflict,
  indexOfItem,
  is,
  mergeTextSlots,
  orderedItems,
  readField,
  readSlotted,
  textOf,
  type FieldState,
  type SlottedText,
} from '../roadmap/crdt-kit.ts';
import { compareOrdered } from '../roadmap/order-key.ts';
import { readChangeLog, textEditLogged, type ChangeEntry } from '../roadmap/change-log.ts';
import {
  AGREEMENT_CLAUSES,
  AGREEMENT_STATUSES,
  CLAUSE_PROVIDERS,
  EVENT_TYPES,
  PARTNERSHIP_MODELS,
  PRIORITIES,
  PROGRAM_STAGES,
  type AgreementStatus,
  type ClauseProvider,
  type EventType,
  type MatrixTemplateRow,
  type PartnershipModel,
  type Priority,
  type ProgramStage,
} from './catalogue.ts';

type YMap = Y.Map<unknown>;
type YArr = Y.Array<unknown>;

const SEP = '\u0002';

/** Kinds of items a history entry of the plan can point at. */
export const TUTORING_TARGET_KINDS = [
  'agreement',
  'clause',
  'goal',
  'task',
  'action',
  'event',
  'mentor',
  'matrix',
  'essay',
] as const;
/** Kind of a history entry's target. */
export type TutoringTargetKind = (typeof TUTORING_TARGET_KINDS)[number];
/** One entry of the plan's history of changes. */
export type TutoringHistoryEntry = ChangeEntry<TutoringTargetKind>;

/** A clause of the agreement's checklist (catalogue or custom). */
export interface ClauseState {
  /** Catalogue code, or the custom clause's id. */
  code: string;
  custom: boolean;
  provider: FieldState<ClauseProvider>;
  title: string;
  text: string;
  included: FieldState<boolean>;
  note: FieldState<string>;
}

/** The agreement. */
export interface AgreementSnapshot {
  model: FieldState<PartnershipModel>;
  status: FieldState<AgreementStatus>;
  number: FieldState<string>;
  signedOn: FieldState<string | null>;
  startDate: FieldState<string | null>;
  endDate: FieldState<string | null>;
  /** Catalogue clauses first (catalogue order), then custom ones. */
  clauses: ClauseState[];
}

/** A task of the programme. */
export interface ProgramTask {
  id: string;
  order: string;
  text: string;
}

/** An action of the programme, by stage. */
export interface ProgramAction {
  id: string;
  order: string;
  text: string;
  stage: FieldState<ProgramStage>;
  period: FieldState<string>;
  responsible: FieldState<string>;
  done: FieldState<boolean>;
}

/** A participant of an event. */
export interface Participant {
  id: string;
  name: string;
  side: 'leader' | 'participant' | 'other';
  role: string;
}

/** A joint event. */
export interface EventSnapshot {
  id: string;
  order: string;
  title: string;
  notes: string;
  type: FieldState<EventType>;
  date: FieldState<string | null>;
  stage: FieldState<ProgramStage>;
  done: FieldState<boolean>;
  participants: Participant[];
}

/** A mentor–teacher pair. */
export interface MentorPair {
  id: string;
  order: string;
  mentor: FieldState<string>;
  teacher: FieldState<string>;
  subject: FieldState<string>;
  since: FieldState<string | null>;
  focus: string;
}

/** A row of the priority matrix. */
export interface MatrixRow {
  id: string;
  order: string;
  priority: FieldState<Priority>;
  task: string;
  action: string;
  deficit: string;
  capability: string;
}

/** A field holding concurrent values. */
export interface TutoringConflict {
  part: 'agreement' | 'clause' | 'program' | 'action' | 'event' | 'mentor' | 'matrix';
  id: string;
  field: string;
}

/** The whole tutor-support document as plain data. */
export interface TutoringSnapshot {
  agreement: AgreementSnapshot;
  goal: SlottedText;
  /** Goals per priority, when the programme states its own. */
  priorityGoals: Partial<Record<Priority, SlottedText>>;
  tasks: ProgramTask[];
  /** Actions grouped by stage, each in order. */
  actions: Record<ProgramStage, ProgramAction[]>;
  /** Events by date (undated last), then order. */
  events: EventSnapshot[];
  mentors: MentorPair[];
  /** Matrix rows grouped by priority, each in order. */
  matrix: Record<Priority, MatrixRow[]>;
  essay: string;
  /** The latest change (from the history; the `meta` register for first-version documents). */
  lastChange: { at: number; by: string } | null;
  /** History of changes, oldest first. */
  history: TutoringHistoryEntry[];
  conflicts: TutoringConflict[];
}

const isPriority = (x: unknown): x is Priority => PRIORITIES.includes(x as Priority);
const isLastChange = (x: unknown): x is { at: number; by: string } =>
  typeof x === 'object' &&
  x !== null &&
  is.number((x as { at?: unknown }).at) &&
  is.string((x as { by?: unknown }).by);

function keyed(map: YMap, prefix: string): { id: string; order: string; map: YMap }[] {
  const out: { id: string; order: string; map: YMap }[] = [];
  for (const [key, v] of map.entries()) {
    if (!key.startsWith(prefix + SEP) || !(v instanceof Y.Map)) continue;
    const id = v.get('id');
    const order = v.get('order');
    if (typeof id === 'string' && typeof order === 'string')
      out.push({ id, order, map: v as YMap });
  }
  return out.sort(compareOrdered);
}

/** The roots of a tutoring document, typed (works on the relay's untyped roots too). */
export function tutoringRoots(doc: Y.Doc): {
  meta: YMap;
  agreement: YMap;
  program: YMap;
  events: YArr;
  mentors: YArr;
  matrix: YArr;
  essay: Y.Text;
  history: YArr;
} {
  return {
    meta: doc.getMap('meta'),
    agreement: doc.getMap('agreement'),
    program: doc.getMap('program'),
    events: doc.getArray('events'),
    mentors: doc.getArray('mentors'),
    matrix: doc.getArray('matrix'),
    history: doc.getArray('history'),
    essay: doc.getText('essay'),
  };
}

/** Reads the whole tutoring document into plain data. */
export function readTutoring(doc: Y.Doc): TutoringSnapshot {
  const r = tutoringRoots(doc);
  const conflicts: TutoringConflict[] = [];
  const note = (
    map: YMap,
    part: TutoringConflict['part'],
    id: string,
    fields: readonly string[],
  ): void => {
    for (const f of fields) if (fieldInConflict(map, f)) conflicts.push({ part, id, field: f });
  };
  const a = r.agreement;
  note(a, 'agreement', '', ['model', 'status', 'number', 'signedOn', 'startDate', 'endDate']);
  const clauses: ClauseState[] = AGREEMENT_CLAUSES.map((c) => {
    note(a, 'clause', c.code, [`clause:${c.code}`, `clauseNote:${c.code}`]);
    return {
      code: c.code,
      custom: false,
      provider: { value: c.provider, conflict: false, versions: [] },
      title: c.title,
      text: c.text,
      included: readField(a, `clause:${c.code}`, is.boolean),
      note: readField(a, `clauseNote:${c.code}`, is.string),
    };
  });
  for (const c of keyed(a, 'custom')) {
    note(c.map, 'clause', c.id, ['provider', 'included', 'note']);
    const text = textOf(c.map, 'text');
    clauses.push({
      code: c.id,
      custom: true,
      provider: readField(c.map, 'provider', is.oneOf(CLAUSE_PROVIDERS)),
      title: text.split('\n')[0] ?? '',
      text,
      included: readField(c.map, 'included', is.boolean),
      note: readField(c.map, 'note', is.string),
    });
  }
  const priorityGoals: Partial<Record<Priority, SlottedText>> = {};
  for (const n of PRIORITIES) {
    const s = readSlotted(r.program, `priorityGoal:${n}`);
    if (s.variants.length > 0) priorityGoals[n] = s;
    if (s.conflict) conflicts.push({ part: 'program', id: '', field: `priorityGoal:${n}` });
  }
  const goal = readSlotted(r.program, 'goal');
  if (goal.conflict) conflicts.push({ part: 'program', id: '', field: 'goal' });

  const actions: Record<ProgramStage, ProgramAction[]> = {
    organizational: [],
    main: [],
    analytical: [],
  };
  for (const x of keyed(r.program, 'action')) {
    note(x.map, 'action', x.id, ['stage', 'period', 'responsible', 'done']);
    const stage = readField(x.map, 'stage', is.oneOf(PROGRAM_STAGES));
    actions[stage.value ?? 'main'].push({
      id: x.id,
      order: x.order,
      text: textOf(x.map, 'text'),
      stage,
      period: readField(x.map, 'period', is.string),
      responsible: readField(x.map, 'responsible', is.string),
      done: readField(x.map, 'done', is.boolean),
    });
  }
  const events = orderedItems(r.events).map(({ id, order, map }) => {
    note(map, 'event', id, ['type', 'date', 'stage', 'done']);
    const participants: Participant[] = [];
    const list = map.get('participants');
    if (list instanceof Y.Array)
      for (const p of list.toArray() as unknown[]) {
        if (typeof p !== 'object' || p === null) continue;
        const o = p as Record<string, unknown>;
        if (typeof o.id !== 'string' || typeof o.name !== 'string') continue;
        const side = o.side === 'leader' || o.side === 'participant' ? o.side : 'other';
        participants.push({
          id: o.id,
          name: o.name,
          side,
          role: typeof o.role === 'string' ? o.role : '',
        });
      }
    return {
      id,
      order,
      title: textOf(map, 'title'),
      notes: textOf(map, 'notes'),
      type: readField(map, 'type', is.oneOf(EVENT_TYPES)),
      date: readField(map, 'date', is.isoDateOrNull),
      stage: readField(map, 'stage', is.oneOf(PROGRAM_STAGES)),
      done: readField(map, 'done', is.boolean),
      participants,
    };
  });
  events.sort((x, y) => {
    const dx = x.date.value ?? '9999-99-99';
    const dy = y.date.value ?? '9999-99-99';
    return dx !== dy ? (dx < dy ? -1 : 1) : compareOrdered(x, y);
  });
  const mentors = orderedItems(r.mentors).map(({ id, order, map }) => {
    note(map, 'mentor', id, ['mentor', 'teacher', 'subject', 'since']);
    return {
      id,
      order,
      mentor: readField(map, 'mentor', is.string),
      teacher: readField(map, 'teacher', is.string),
      subject: readField(map, 'subject', is.string),
      since: readField(map, 'since', is.isoDateOrNull),
      focus: textOf(map, 'focus'),
    };
  });
  const matrix: Record<Priority, MatrixRow[]> = { 1: [], 2: [], 3: [], 4: [] };
  for (const { id, order, map } of orderedItems(r.matrix)) {
    note(map, 'matrix', id, ['priority']);
    const priority = readField(map, 'priority', isPriority);
    matrix[priority.value ?? 1].push({
      id,
      order,
      priority,
      task: textOf(map, 'task'),
      action: textOf(map, 'action'),
      deficit: textOf(map, 'deficit'),
      capability: textOf(map, 'capability'),
    });
  }
  const history = readChangeLog(r.history, is.oneOf(TUTORING_TARGET_KINDS));
  const touches = readField(r.meta, 'lastChange', isLastChange).versions.map((v) => v.value);
  const latest = history[history.length - 1];
  if (latest) touches.push({ at: latest.at, by: latest.by });
  const lastChange = touches.reduce<{ at: number; by: string } | null>(
    (acc, t) => (acc === null || t.at > acc.at ? t : acc),
    null,
  );
  return {
    agreement: {
      model: readField(a, 'model', is.oneOf(PARTNERSHIP_MODELS)),
      status: readField(a, 'status', is.oneOf(AGREEMENT_STATUSES)),
      number: readField(a, 'number', is.string),
      signedOn: readField(a, 'signedOn', is.isoDateOrNull),
      startDate: readField(a, 'startDate', is.isoDateOrNull),
      endDate: readField(a, 'endDate', is.isoDateOrNull),
      clauses,
    },
    goal,
    priorityGoals,
    tasks: keyed(r.program, 'task').map((t) => ({
      id: t.id,
      order: t.order,
      text: textOf(t.map, 'text'),
    })),
    actions,
    events,
    mentors,
    matrix,
    essay: r.essay.toString(),
    lastChange,
    history,
    conflicts,
  };
}

/** Where to put an item: after this id, null for first, omitted for last. */
export interface TutoringPlacement {
  after?: string | null;
}

/** Scalar fields of the agreement. */
export type AgreementField = 'model' | 'status' | 'number' | 'signedOn' | 'startDate' | 'endDate';

const AGREEMENT_GUARDS: Record<AgreementField, (x: unknown) => boolean> = {
  model: is.oneOf(PARTNERSHIP_MODELS),
  status: is.oneOf(AGREEMENT_STATUSES),
  number: is.string,
  signedOn: is.isoDateOrNull,
  startDate: is.isoDateOrNull,
  endDate: is.isoDateOrNull,
};

const ACTION_GUARDS = {
  stage: is.oneOf(PROGRAM_STAGES),
  period: is.string,
  responsible: is.string,
  done: is.boolean,
} as const;

const EVENT_GUARDS = {
  type: is.oneOf(EVENT_TYPES),
  date: is.isoDateOrNull,
  stage: is.oneOf(PROGRAM_STAGES),
  done: is.boolean,
} as const;

const MENTOR_GUARDS = {
  mentor: is.string,
  teacher: is.string,
  subject: is.string,
  since: is.isoDateOrNull,
} as const;

/** A task's or an action's text, as the history labels it. */
const textLabel = (m: YMap): string => textOf(m, 'text');

/** The history's target kind of each list. */
const LISTED_KIND = { events: 'event', mentors: 'mentor', matrix: 'matrix' } as const;

/**
 * Edits one tutoring document on behalf of one person; every call is one
 * transaction and appends a history entry (who changed what, when).
 */
export class TutoringEditor extends DocEditor<TutoringTargetKind> {
  protected readonly kind = 'tutoring';
  private readonly roots = tutoringRoots(this.doc);

  /** The current state as plain data. */
  snapshot(): TutoringSnapshot {
    return readTutoring(this.doc);
  }

  // ------------------------------------------------ agreement

  /** Sets a scalar field of the agreement (dates YYYY-MM-DD or null). */
  setAgreementField(field: AgreementField, value: string | null): void {
    if (!AGREEMENT_GUARDS[field](value)) throw new DocInputError(`bad value for ${field}`);
    this.edit(() => {
      this.writeField(this.roots.agreement, field, value);
      this.record('update', 'agreement', '', '', field, value);
    });
  }

  /** Ticks (or unticks) a clause of the checklist, catalogue or custom. */
  setClauseIncluded(code: string, included: boolean): void {
    this.edit(() => {
      const custom = this.customClause(code);
      if (custom) this.writeField(custom, 'included', included);
      else this.writeField(this.roots.agreement, `clause:${this.catalogueCode(code)}`, included);
      this.record('update', 'clause', code, this.clauseLabel(code), 'included', included);
    });
  }

  /** Sets the note of a clause (e.g. which subjects, which equipment). */
  setClauseNote(code: string, note: string): void {
    this.edit(() => {
      const custom = this.customClause(code);
      if (custom) this.writeField(custom, 'note', note);
      else this.writeField(this.roots.agreement, `clauseNote:${this.catalogueCode(code)}`, note);
      this.record('update', 'clause', code, this.clauseLabel(code), 'note', note);
    });
  }

  /** Adds a clause of the partners' own; returns its id (its code in the checklist). */
  addCustomClause(text: string, provider: ClauseProvider): string {
    if (!is.oneOf(CLAUSE_PROVIDERS)(provider)) throw new DocInputError('unknown provider');
    const id = this.newId();
    this.edit(() => {
      const m = new Y.Map<unknown>();
      m.set('id', id);
      m.set('order', this.keyAfterLast(keyed(this.roots.agreement, 'custom')));
      m.set('text', new Y.Text(text));
      this.roots.agreement.set(`custom${SEP}${id}`, m);
      this.writeField(m, 'provider', provider);
      this.writeField(m, 'included', true);
      this.record('create', 'clause', id, text);
    });
    return id;
  }

  /** Deletes a custom clause. */
  deleteCustomClause(id: string): void {
    if (!this.customClause(id)) throw new DocInputError(`no custom clause ${id}`);
    this.edit(() => {
      this.record('delete', 'clause', id, this.clauseLabel(id));
      this.roots.agreement.delete(`custom${SEP}${id}`);
    });
  }

  /** The text of a custom clause. */
  customClauseText(id: string): Y.Text {
    return this.textAt(this.customClause(id), 'text');
  }

  // ------------------------------------------------ programme

  /** The programme's goal, to bind to an editor. */
  goalText(): Y.Text {
    return this.tx(() => editableSlot(this.roots.program, 'goal', this.newId()));
  }

  /** The programme's own goal for a matrix priority. */
  priorityGoalText(priority: Priority): Y.Text {
    if (!isPriority(priority)) throw new DocInputError('unknown priority');
    return this.tx(() =>
      editableSlot(this.roots.program, `priorityGoal:${priority}`, this.newId()),
    );
  }

  /** Joins concurrent first drafts of the goal (or of a priority goal) into one. */
  mergeGoal(priority?: Priority): void {
    this.edit(() => {
      mergeTextSlots(
        this.roots.program,
        priority === undefined ? 'goal' : `priorityGoal:${priority}`,
      );
      this.record('update', 'goal', priority === undefined ? '' : String(priority), '', 'merge');
    });
  }

  /** Adds a task of the programme; returns its id. */
  addTask(text = '', at: TutoringPlacement = {}): string {
    return this.addKeyed('task', text, at, (m) => m.set('text', new Y.Text(text)));
  }

  /** Adds an action to a stage; returns its id. */
  addAction(
    stage: ProgramStage,
    input: { text?: string; period?: string; responsible?: string } = {},
    at: TutoringPlacement = {},
  ): string {
    if (!ACTION_GUARDS.stage(stage)) throw new DocInputError('unknown stage');
    return this.edit(() => {
      const id = this.addKeyed('action', input.text ?? '', at, (m) =>
        m.set('text', new Y.Text(input.text ?? '')),
      );
      const m = this.keyedMap('action', id);
      this.writeField(m, 'stage', stage);
      this.writeField(m, 'done', false);
      if (input.period !== undefined) this.writeField(m, 'period', input.period);
      if (input.responsible !== undefined) this.writeField(m, 'responsible', input.responsible);
      return id;
    });
  }

  /** Sets a scalar field of an action (a stage change moves it to another stage). */
  setActionField<F extends keyof typeof ACTION_GUARDS>(
    id: string,
    field: F,
    value: string | boolean,
  ): void {
    const guard: (x: unknown) => boolean = ACTION_GUARDS[field];
    if (!guard(value)) throw new DocInputError(`bad value for action ${field}`);
    this.updateItem('action', id, () => this.keyedMap('action', id), textLabel, field, value);
  }

  /** The text of a task or an action. */
  programItemText(kind: 'task' | 'action', id: string): Y.Text {
    return this.textAt(this.keyedMap(kind, id), 'text');
  }

  /** Moves a task, or an action within the order of its stage. */
  moveProgramItem(kind: 'task' | 'action', id: string, at: TutoringPlacement): void {
    this.edit(() => {
      const m = this.keyedMap(kind, id);
      m.set('order', this.placeKey(keyed(this.roots.program, kind), at, id));
      this.record('move', kind, id, textOf(m, 'text'));
    });
  }

  /** Deletes a task or an action. */
  deleteProgramItem(kind: 'task' | 'action', id: string): void {
    const m = this.keyedMap(kind, id);
    this.edit(() => {
      this.record('delete', kind, id, textOf(m, 'text'));
      this.roots.program.delete(`${kind}${SEP}${id}`);
    });
  }

  // ------------------------------------------------ events, mentors, matrix

  /** Adds a joint event; returns its id. */
  addEvent(input: {
    type: EventType;
    title?: string;
    date?: string | null;
    stage?: ProgramStage;
  }): string {
    if (!EVENT_GUARDS.type(input.type)) throw new DocInputError('unknown event type');
    if (input.date !== undefined && !is.isoDateOrNull(input.date))
      throw new DocInputError('date must be YYYY-MM-DD');
    return this.edit(() => {
      const id = this.addListed('events', input.title ?? '', {}, (m) => {
        m.set('title', new Y.Text(input.title ?? ''));
        m.set('notes', new Y.Text(''));
        m.set('participants', new Y.Array<unknown>());
      });
      const m = this.listedMap(this.roots.events, id);
      this.writeField(m, 'type', input.type);
      this.writeField(m, 'done', false);
      this.writeField(m, 'stage', input.stage ?? 'main');
      if (input.date !== undefined) this.writeField(m, 'date', input.date);
      return id;
    });
  }

  /** Sets a scalar field of an event (`done` marks it held). */
  setEventField<F extends keyof typeof EVENT_GUARDS>(
    id: string,
    field: F,
    value: string | boolean | null,
  ): void {
    const guard: (x: unknown) => boolean = EVENT_GUARDS[field];
    if (!guard(value)) throw new DocInputError(`bad value for event ${field}`);
    const event = () => this.listedMap(this.roots.events, id);
    this.updateItem('event', id, event, (m) => textOf(m, 'title'), field, value);
  }

  /** A long text of an event. */
  eventText(id: string, field: 'title' | 'notes'): Y.Text {
    return this.textAt(this.listedMap(this.roots.events, id), field);
  }

  /** Adds a participant to an event; returns the participant entry's id. */
  addParticipant(
    eventId: string,
    p: { name: string; side: Participant['side']; role?: string },
  ): string {
    if (p.name.trim() === '') throw new DocInputError('participant needs a name');
    const id = this.newId();
    this.edit(() => {
      const event = this.listedMap(this.roots.events, eventId);
      const list = event.get('participants');
      if (!(list instanceof Y.Array)) throw new DocInputError('event has no participants list');
      list.push([{ id, name: p.name.trim(), side: p.side, role: p.role ?? '' }]);
      this.record(
        'update',
        'event',
        eventId,
        textOf(event, 'title'),
        'participants',
        p.name.trim(),
      );
    });
    return id;
  }

  /** Removes a participant from an event. */
  removeParticipant(eventId: string, participantId: string): void {
    this.edit(() => {
      const event = this.listedMap(this.roots.events, eventId);
      const list = event.get('participants');
      if (!(list instanceof Y.Array)) return;
      const entries = list.toArray() as unknown[];
      const i = entries.findIndex(
        (x) => typeof x === 'object' && x !== null && (x as { id?: unknown }).id === participantId,
      );
      if (i < 0) return;
      const name = (entries[i] as { name?: unknown }).name;
      list.delete(i, 1);
      // A removal is written as the name with a leading minus, as the roadmap's sets do.
      const label = textOf(event, 'title');
      this.record('update', 'event', eventId, label, 'participants', `-${String(name ?? '')}`);
    });
  }

  /** Adds a mentor–teacher pair; returns its id. */
  addMentorPair(input: {
    mentor: string;
    teacher: string;
    subject?: string;
    since?: string | null;
    focus?: string;
  }): string {
    if (input.since !== undefined && !is.isoDateOrNull(input.since))
      throw new DocInputError('since must be YYYY-MM-DD');
    return this.edit(() => {
      const id = this.addListed('mentors', `${input.mentor} — ${input.teacher}`, {}, (m) =>
        m.set('focus', new Y.Text(input.focus ?? '')),
      );
      const m = this.listedMap(this.roots.mentors, id);
      this.writeField(m, 'mentor', input.mentor);
      this.writeField(m, 'teacher', input.teacher);
      if (input.subject !== undefined) this.writeField(m, 'subject', input.subject);
      if (input.since !== undefined) this.writeField(m, 'since', input.since);
      return id;
    });
  }

  /** Sets a field of a mentor pair. */
  setMentorField<F extends keyof typeof MENTOR_GUARDS>(
    id: string,
    field: F,
    value: string | null,
  ): void {
    const guard: (x: unknown) => boolean = MENTOR_GUARDS[field];
    if (!guard(value)) throw new DocInputError(`bad value for mentor ${field}`);
    const pair = () => this.listedMap(this.roots.mentors, id);
    this.updateItem('mentor', id, pair, (m) => this.mentorLabel(m), field, value);
  }

  /** The focus (the teacher's deficit the pair works on). */
  mentorFocusText(id: string): Y.Text {
    return this.textAt(this.listedMap(this.roots.mentors, id), 'focus');
  }

  /** Adds a matrix row to a priority; returns its id. */
  addMatrixRow(
    priority: Priority,
    row: Partial<Omit<MatrixTemplateRow, 'priority'>> = {},
    at: TutoringPlacement = {},
  ): string {
    if (!isPriority(priority)) throw new DocInputError('unknown priority');
    return this.edit(() => {
      const id = this.addListed('matrix', row.action || row.task || '', at, (m) => {
        for (const f of ['task', 'action', 'deficit', 'capability'] as const)
          m.set(f, new Y.Text(row[f] ?? ''));
      });
      this.writeField(this.listedMap(this.roots.matrix, id), 'priority', priority);
      return id;
    });
  }

  /** Adds the given template rows (e.g. MATRIX_TEMPLATE_RU filtered by priority); returns their ids. */
  addMatrixRowsFromTemplate(rows: readonly MatrixTemplateRow[]): string[] {
    return this.edit(() => rows.map((r) => this.addMatrixRow(r.priority, r)));
  }

  /** Changes a row's priority (a field write, not a move). */
  setMatrixPriority(id: string, priority: Priority): void {
    if (!isPriority(priority)) throw new DocInputError('unknown priority');
    const row = () => this.listedMap(this.roots.matrix, id);
    const label = (m: YMap) => this.listedLabel('matrix', m);
    this.updateItem('matrix', id, row, label, 'priority', priority);
  }

  /** A cell of a matrix row. */
  matrixText(id: string, field: 'task' | 'action' | 'deficit' | 'capability'): Y.Text {
    return this.textAt(this.listedMap(this.roots.matrix, id), field);
  }

  /** Moves an event, mentor pair or matrix row (writes its order key only). */
  moveListed(list: 'events' | 'mentors' | 'matrix', id: string, at: TutoringPlacement): void {
    this.edit(() => {
      const arr = this.roots[list];
      const m = this.listedMap(arr, id);
      m.set('order', this.placeKey(orderedItems(arr), at, id));
      this.record('move', LISTED_KIND[list], id, this.listedLabel(list, m));
    });
  }

  /** Deletes an event, mentor pair or matrix row. */
  deleteListed(list: 'events' | 'mentors' | 'matrix', id: string): void {
    const arr = this.roots[list];
    const i = indexOfItem(arr, id);
    if (i < 0) throw new DocInputError(`no item ${id} in ${list}`);
    this.edit(() => {
      this.record('delete', LISTED_KIND[list], id, this.listedLabel(list, arr.get(i) as YMap));
      arr.delete(i, 1);
    });
  }

  // ------------------------------------------------ essay

  /** The essay «Мы – одна команда!», to bind to an editor. */
  essayText(): Y.Text {
    return this.roots.essay;
  }

  /**
   * Notes in the history that this person edited a text (call when an editing
   * session ends). Coalesced: one entry per person, item and field per 10 minutes.
   * `targetId` is the item's id, the priority for a priority goal, '' otherwise.
   */
  noteTextEdited(targetKind: TutoringTargetKind, targetId: string, field: string): void {
    const history = readChangeLog(this.roots.history, is.oneOf(TUTORING_TARGET_KINDS));
    if (textEditLogged(history, this.ctx.actor.userId, targetKind, targetId, field, this.now()))
      return;
    this.edit(() =>
      this.record('edit_text', targetKind, targetId, this.labelOf(targetKind, targetId), field),
    );
  }

  // ------------------------------------------------ internals

  /** Runs a change in one transaction (the change records its own history entry). */
  private edit<R>(fn: () => R): R {
    return this.tx(fn);
  }

  /** The title of a history target as it reads now ('' when it has none). */
  private labelOf(kind: TutoringTargetKind, id: string): string {
    switch (kind) {
      case 'clause':
        return this.clauseLabel(id);
      case 'task':
      case 'action': {
        const m = this.roots.program.get(`${kind}${SEP}${id}`);
        return m instanceof Y.Map ? textOf(m as YMap, 'text') : '';
      }
      case 'event':
      case 'mentor':
      case 'matrix': {
        const list = kind === 'event' ? 'events' : kind === 'mentor' ? 'mentors' : 'matrix';
        const i = indexOfItem(this.roots[list], id);
        return i < 0 ? '' : this.listedLabel(list, this.roots[list].get(i) as YMap);
      }
      default:
        return '';
    }
  }

  private clauseLabel(code: string): string {
    const custom = this.customClause(code);
    if (custom) return textOf(custom, 'text').split('\n')[0] ?? '';
    return AGREEMENT_CLAUSES.find((c) => c.code === code)?.title ?? code;
  }

  private mentorLabel(m: YMap): string {
    const v = (f: string) => readField(m, f, is.string).value ?? '';
    return `${v('mentor')} — ${v('teacher')}`;
  }

  private listedLabel(list: keyof typeof LISTED_KIND, m: YMap): string {
    if (list === 'events') return textOf(m, 'title');
    if (list === 'mentors') return this.mentorLabel(m);
    return textOf(m, 'action') || textOf(m, 'task');
  }

  private catalogueCode(code: string): string {
    if (!AGREEMENT_CLAUSES.some((c) => c.code === code))
      throw new DocInputError(`unknown clause ${code}`);
    return code;
  }

  private customClause(id: string): YMap | undefined {
    const m = this.roots.agreement.get(`custom${SEP}${id}`);
    return m instanceof Y.Map ? (m as YMap) : undefined;
  }

  private keyAfterLast(sorted: { id: string; order: string }[]): string {
    return this.placeKey(sorted, {});
  }

  private addKeyed(
    kind: 'task' | 'action',
    label: string,
    at: TutoringPlacement,
    fill: (m: YMap) => void,
  ): string {
    const id = this.newId();
    this.edit(() => {
      const m = new Y.Map<unknown>();
      m.set('id', id);
      m.set('order', this.placeKey(keyed(this.roots.program, kind), at));
      fill(m);
      this.roots.program.set(`${kind}${SEP}${id}`, m);
      this.record('create', kind, id, label);
    });
    return id;
  }

  private keyedMap(kind: 'task' | 'action', id: string): YMap {
    const m = this.roots.program.get(`${kind}${SEP}${id}`);
    if (!(m instanceof Y.Map)) throw new DocInputError(`no ${kind} ${id}`);
    return m as YMap;
  }

  private addListed(
    name: keyof typeof LISTED_KIND,
    label: string,
    at: TutoringPlacement,
    fill: (m: YMap) => void,
  ): string {
    const list = this.roots[name];
    const id = this.newId();
    this.edit(() => {
      const m = new Y.Map<unknown>();
      m.set('id', id);
      m.set('order', this.placeKey(orderedItems(list), at));
      fill(m);
      list.push([m]);
      this.record('create', LISTED_KIND[name], id, label);
    });
    return id;
  }

  private listedMap(list: YArr, id: string): YMap {
    const i = indexOfItem(list, id);
    if (i < 0) throw new DocInputError(`no item ${id}`);
    return list.get(i) as YMap;
  }

  private textAt(map: YMap | undefined, key: string): Y.Text {
    const t = map?.get(key);
    if (!(t instanceof Y.Text)) throw new DocInputError(`no text "${key}"`);
    return t;
  }
}
