/**
 * One questionnaire document on a screen, without runes (so it runs in unit
 * tests): reads the Y.Doc against its form (answers, conflicts, evaluation,
 * status, history), cached until the document changes, and writes every edit
 * as one local Yjs transaction through the shared writers. The rune class
 * (`questionnaire-editor.svelte.ts`) wraps it for the components.
 *
 * Why the writes skip unchanged values: each register write leaves a tombstone
 * in the document, so re-writing the same answer (a blur after no change, a
 * click on the chosen radio) would grow it for nothing.
 */
import type * as Y from 'yjs';
import {
  addTableRow,
  applyStatusAction,
  availableActions,
  clearAnswer,
  clearRegister,
  currentStatus,
  evaluateQuestionnaire,
  findQuestion,
  initQuestionnaireDoc,
  longTextFor,
  markTouched,
  nextUnansweredRequired,
  QUESTIONNAIRE_ROOTS,
  removeTableRow,
  resolveConflict,
  reviewHistory,
  setAnswer,
  setTableCell,
  type AnswerConflict,
  type AnswerValue,
  type DirectorySnapshot,
  type Evaluation,
  type FormDefinition,
  type InvalidEntry,
  type Membership,
  type MultiChoiceQuestion,
  type Question,
  type QuestionnaireState,
  type QuestionRef,
  type ReviewComment,
  type Role,
  type ScalarAnswer,
  type Section,
  type StatusAction,
  type StatusRecord,
  type TableRow,
} from '@opora/shared';
import { LOCAL_ORIGIN } from '$lib/documents/origins';
import { spliceBetween } from '$lib/documents/text-diff';

/** What the model needs of an open document (`OpenDoc` fits). */
export interface DocHandle {
  doc: Y.Doc;
  /** Runs changes as one local transaction (stored and queued for the relay). */
  transact(fn: (doc: Y.Doc) => void): void;
}

/** Who is editing and what they may do. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
  canWrite: boolean;
}

/** A read of the document against its form. */
export interface QuestionnaireView {
  state: QuestionnaireState;
  evaluation: Evaluation;
  status: StatusRecord;
  history: ReviewComment[];
  /** Sections currently asked, in order. */
  sections: Section[];
}

/** Minimum time between two «touched» marks while typing a long answer. */
export const TOUCH_INTERVAL_MS = 10_000;

/** The roles a user holds over a school: its own memberships plus coordinators above it. */
export function rolesAtSchool(
  memberships: readonly Membership[],
  schoolId: string,
  directory: DirectorySnapshot,
): Role[] {
  const school = directory.schools.find((s) => s.id === schoolId);
  const regionOf = (mId: string) => directory.municipalities.find((m) => m.id === mId)?.regionId;
  const out = new Set<Role>();
  for (const m of memberships) {
    if (m.schoolId === schoolId) out.add(m.role);
    else if (
      m.role === 'municipal_coordinator' &&
      school &&
      m.municipalityId === school.municipalityId
    )
      out.add(m.role);
    else if (
      m.role === 'regional_coordinator' &&
      school &&
      m.regionId === regionOf(school.municipalityId)
    )
      out.add(m.role);
  }
  return [...out];
}

/**
 * The new selection of a multiple-choice question after (un)checking one
 * option: an exclusive option («Нет», «Затрудняюсь ответить») clears the
 * others, and any other option clears the exclusive ones.
 */
export function toggleOption(
  q: MultiChoiceQuestion,
  current: readonly string[],
  value: string,
  checked: boolean,
): string[] {
  if (!checked) return current.filter((x) => x !== value);
  const option = q.options.find((o) => o.value === value);
  if (option?.exclusive) return [value];
  const exclusive = new Set(q.options.filter((o) => o.exclusive).map((o) => o.value));
  const next = current.filter((x) => x !== value && !exclusive.has(x));
  next.push(value);
  return q.options.map((o) => o.value).filter((x) => next.includes(x));
}

/** Parses a number typed by a person («12», «3,5», « 7 »): null for empty, NaN when not a number. */
export function parseNumberInput(raw: string): number | null {
  const s = raw.trim().replace(/\s/g, '').replace(',', '.');
  if (s === '') return null;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return Number.NaN;
  return Number(s);
}

/** A number as a person writes it in Russian (decimal comma). */
export function formatNumberInput(n: number): string {
  return String(n).replace('.', ',');
}

function sameAnswer(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The document of one questionnaire, read and edited against its form. */
export class QuestionnaireModel {
  private cache: QuestionnaireView | null = null;
  private lastTouch = 0;

  constructor(
    private readonly handle: DocHandle,
    readonly form: FormDefinition,
    readonly wave: string,
    readonly actor: Actor,
    private readonly now: () => number = Date.now,
  ) {
    handle.doc.on('update', this.invalidate);
  }

  private readonly invalidate = () => {
    this.cache = null;
  };

  /** Stops following the document. */
  dispose(): void {
    this.handle.doc.off('update', this.invalidate);
  }

  /** Prepares the document (meta, long-text slots) when the user may write; idempotent. */
  init(): void {
    if (!this.actor.canWrite) return;
    // Not inside `handle.transact`: the slot updates are applied as remote-style updates, and
    // a local write in the same transaction would make Yjs think its client id is taken.
    initQuestionnaireDoc(this.handle.doc, this.form, this.wave, LOCAL_ORIGIN);
  }

  get doc(): Y.Doc {
    return this.handle.doc;
  }

  /** The current read (recomputed only after a change). */
  get view(): QuestionnaireView {
    if (this.cache) return this.cache;
    const { state, evaluation } = evaluateQuestionnaire(this.handle.doc, this.form);
    this.cache = {
      state,
      evaluation,
      status: currentStatus(this.handle.doc),
      history: reviewHistory(this.handle.doc),
      sections: this.form.sections.filter((s) => evaluation.relevantSections.has(s.id)),
    };
    return this.cache;
  }

  /** The value shown for a question (for a conflict, the latest one). */
  value(questionId: string): AnswerValue | undefined {
    return this.view.state.values[questionId];
  }

  /** The conflicts of a question (its own answer or its cells). */
  conflictsOf(questionId: string): AnswerConflict[] {
    return this.view.state.conflicts.filter((c) => c.questionId === questionId);
  }

  /**
   * Stored values of a question that do not fit it (a wrong type from an old or
   * hostile client, e.g. brought by a transfer file): shown at the question,
   * marked invalid, never counted; answering the question supersedes them.
   */
  invalidAnswers(questionId: string): InvalidEntry[] {
    return this.view.state.invalid.filter((e) => e.questionId === questionId);
  }

  private writable(): boolean {
    return this.actor.canWrite;
  }

  private opts() {
    return { origin: LOCAL_ORIGIN, at: this.now() };
  }

  /** Answers a question, or clears it with null. Unchanged values are not written again. */
  answer(questionId: string, value: AnswerValue | null): void {
    if (!this.writable()) return;
    const q = findQuestion(this.form, questionId);
    if (!q) return;
    const conflict = this.view.state.conflictQuestions.has(questionId);
    const current = this.value(questionId);
    if (value === null || (typeof value === 'string' && value === '')) {
      if (current === undefined && !conflict) return;
      this.handle.transact((doc) => clearAnswer(doc, this.form, questionId, this.opts()));
      return;
    }
    if (!conflict && sameAnswer(current, value)) return;
    this.handle.transact((doc) =>
      setAnswer(doc, this.form, questionId, value, this.actor.userId, this.opts()),
    );
  }

  /** Checks or unchecks one option of a multiple-choice question. */
  toggle(questionId: string, option: string, checked: boolean): void {
    const q = findQuestion(this.form, questionId);
    if (!q || q.type !== 'multi') return;
    const current = this.value(questionId);
    const list = Array.isArray(current) ? (current as readonly string[]) : [];
    const next = toggleOption(q, list, option, checked);
    this.answer(questionId, next.length === 0 ? null : next);
  }

  /** The Y.Text a long answer is bound to (undefined before the slot exists). */
  longText(questionId: string): Y.Text | undefined {
    return longTextFor(this.handle.doc, this.form, questionId);
  }

  /**
   * Replaces a long answer with a text area's value as the smallest splice, so
   * two people typing in the same answer merge character by character.
   */
  setLongText(questionId: string, next: string): void {
    if (!this.writable()) return;
    if (!this.longText(questionId)) this.init();
    const text = this.longText(questionId);
    if (!text) return;
    const splice = spliceBetween(text.toString(), next);
    if (!splice) return;
    const at = this.now();
    const touch = at - this.lastTouch >= TOUCH_INTERVAL_MS;
    if (touch) this.lastTouch = at;
    this.handle.transact((doc) => {
      if (splice.remove > 0) text.delete(splice.index, splice.remove);
      if (splice.insert) text.insert(splice.index, splice.insert);
      if (touch) markTouched(doc, this.actor.userId, { at, origin: LOCAL_ORIGIN });
    });
  }

  /** Rows of a table question, in order. */
  rows(tableId: string): readonly TableRow[] {
    const v = this.value(tableId);
    return Array.isArray(v) && v.every((r) => typeof r === 'object' && r !== null && 'rowId' in r)
      ? (v as readonly TableRow[])
      : [];
  }

  /** Adds a row to a table; returns its id (null when read-only). */
  addRow(tableId: string): string | null {
    if (!this.writable()) return null;
    let id: string | null = null;
    this.handle.transact((doc) => {
      id = addTableRow(doc, this.form, tableId, this.actor.userId, this.opts());
    });
    return id;
  }

  /** Removes a row and its cells. */
  removeRow(tableId: string, rowId: string): void {
    if (!this.writable()) return;
    this.handle.transact((doc) => removeTableRow(doc, this.form, tableId, rowId, this.opts()));
  }

  /** Sets one cell, or clears it with null. */
  setCell(tableId: string, rowId: string, columnId: string, value: ScalarAnswer | null): void {
    if (!this.writable()) return;
    const field = `${tableId}/${rowId}/${columnId}`;
    const conflict = this.view.state.conflicts.some((c) => c.field === field);
    const current = this.rows(tableId).find((r) => r.rowId === rowId)?.cells[columnId];
    if (value === null || value === '') {
      if (current === undefined && !conflict) return;
      this.handle.transact((doc) =>
        clearRegister(doc.getMap(QUESTIONNAIRE_ROOTS.answers), field, { origin: LOCAL_ORIGIN }),
      );
      return;
    }
    if (!conflict && sameAnswer(current, value)) return;
    this.handle.transact((doc) =>
      setTableCell(doc, this.form, tableId, rowId, columnId, value, this.actor.userId, this.opts()),
    );
  }

  /** Keeps one of the values of a conflict (on every device, once synced). */
  resolve(field: string, value: AnswerValue): void {
    if (!this.writable()) return;
    this.handle.transact((doc) =>
      resolveConflict(doc, this.form, field, value, this.actor.userId, this.opts()),
    );
  }

  /** Status actions this user may take now. */
  get actions(): StatusAction[] {
    if (!this.writable()) return [];
    return availableActions(this.view.status.status, this.actor.roles);
  }

  /** Takes a status action (a return needs a comment; the caller checks it first). */
  act(action: StatusAction, comment = ''): void {
    if (!this.actions.includes(action)) return;
    if (action === 'return' && comment.trim() === '') return;
    this.handle.transact((doc) =>
      applyStatusAction(doc, action, this.actor.userId, comment.trim(), this.opts()),
    );
  }

  /** Where «к следующему вопросу без ответа» goes after `after` (null: from the start). */
  nextMissing(after: string | null): QuestionRef | null {
    return nextUnansweredRequired(this.form, this.view.evaluation, after);
  }

  /** Questions of a section that are asked now. */
  questionsOf(section: Section): Question[] {
    const asked = this.view.evaluation.relevantQuestions;
    return section.questions.filter((q) => asked.has(q.id));
  }
}
