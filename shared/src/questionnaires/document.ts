/**
 * A questionnaire as a Yjs document: how answers are stored, read (with
 * migrations and conflicts) and written.
 *
 * Roots (LAYOUTS.questionnaire in `documents/layout.ts`):
 * - `meta` map: kind, schemaVersion, formId, formVersion (highest version that
 *   initialised it), wave, and `touched/<userId>` → epoch ms of that user's last
 *   long-text edit (so "last change" covers texts too);
 * - `answers` map: a multi-value register (`documents/register.ts`). Field paths:
 *   `<questionId>` for an answer, `<tableId>/<rowId>` for a table row marker
 *   `{ pos }`, `<tableId>/<rowId>/<columnId>` for a cell. Entries carry the form
 *   version they were written under (`ver`), for `migrate.ts`;
 * - `texts` map: one Y.Text per long-text question, keyed by question id;
 * - `status` map: a register with the review status and the factor selection
 *   (`status.ts`, `risk-profile.ts`);
 * - `comments` array: review comments (`status.ts`).
 *
 * Long text, and why `texts` holds *deterministic* slots: a Y.Text must be
 * created once and shared, or two people typing the same answer offline would
 * each create their own text at the same key and one text would vanish when
 * they sync (Yjs map keys are last-writer-wins). So the slot for question q is
 * created by a fixed, tiny update: a `texts.set(q, new Y.Text())` authored by
 * the reserved client id `textSlotClientId(formId, q)` at clock 0. Every device
 * builds byte-identical structs, so when two devices both create the slot
 * offline Yjs sees one and the same item twice and keeps one: both people's
 * typing lands in the same Y.Text and merges character by character. No device
 * has to wait for anyone to "create the document" first, and a question added in
 * version k+1 gets its slot the first time a k+1 device opens the document.
 * (A real replica drawing the same random 32-bit id would have to do so for this
 * very document before the slot exists there; `ensureTextSlots` runs on open,
 * before any edit, which makes even that harmless.) A renamed long-text question
 * reads the old slot while the new one is empty (see `longTextFor`).
 *
 * Every writer takes an `origin`: pass the app's local origin so the outbox
 * sends the change (text slots too: an edit inside a slot depends on it).
 */
import * as Y from 'yjs';
import {
  clearRegister,
  indexRegister,
  isRegisterEntry,
  newWriteId,
  type RegisterEntry,
  parseRegisterKey,
  writeRegister,
  type RegisterValue,
} from '../documents/register.ts';
import { initDocMeta } from '../documents/layout.ts';
import { evaluate, valueFitsQuestion, type Evaluation } from './engine.ts';
import {
  findQuestion,
  longTextQuestions,
  type AnswerValue,
  type FormDefinition,
  type Question,
  type ScalarAnswer,
  type TableQuestion,
  type TableRow,
} from './form.ts';
import { FIELD_PATH_SEPARATOR, translateAnswer } from './migrate.ts';

/** Root names of a questionnaire document. */
export const QUESTIONNAIRE_ROOTS = {
  meta: 'meta',
  answers: 'answers',
  texts: 'texts',
  status: 'status',
  comments: 'comments',
} as const;

/** Options of every write. */
export interface EditOptions {
  /** Epoch ms of the change; defaults to Date.now(). */
  at?: number;
  /** Transaction origin (the app's local origin). */
  origin?: unknown;
}

/** One of several concurrent values of an answer or a cell. */
export interface ConflictValue {
  value: AnswerValue;
  by: string;
  at: number;
  writeId: string;
}

/** A stored field (answer or table cell) with two or more different live values. */
export interface AnswerConflict {
  /** The stored field path: `q` or `table/row/col`. */
  field: string;
  questionId: string;
  rowId?: string;
  columnId?: string;
  /** Oldest first. */
  values: ConflictValue[];
}

/** Why a stored entry is not used. */
export type InvalidReason = 'unknown_question' | 'wrong_type' | 'malformed';

/** A stored entry the form cannot use (old or hostile client); kept, ignored, reported. */
export interface InvalidEntry {
  key: string;
  field: string;
  reason: InvalidReason;
  /** The question it was stored for, when the form knows it (shown there, marked invalid). */
  questionId?: string;
  /** The stored value (for `wrong_type`), shown to the user as it is. */
  value?: unknown;
}

/** Who last gave an answer, and when. */
export interface Attribution {
  by: string;
  at: number;
}

/** A questionnaire document read against a form definition. */
export interface QuestionnaireState {
  /** One value per answered question; for a conflict the latest value (flagged in `conflicts`). */
  values: Readonly<Record<string, AnswerValue>>;
  /** Fields with different concurrent values («Два разных ответа»). */
  conflicts: readonly AnswerConflict[];
  /** Questions with a conflict in their answer or in one of their cells. */
  conflictQuestions: ReadonlySet<string>;
  /** Who last gave each question's answer (latest writer for tables). */
  attribution: ReadonlyMap<string, Attribution>;
  /** Entries that cannot be used. */
  invalid: readonly InvalidEntry[];
  /** Entries written by a newer form version than this device knows (shown as «обновите приложение»). */
  newerVersionEntries: number;
  /** Latest change to answers, texts, status or comments; null for an untouched document. */
  lastChange: Attribution | null;
}

function answersOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(QUESTIONNAIRE_ROOTS.answers);
}

function textsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(QUESTIONNAIRE_ROOTS.texts);
}

/** FNV-1a, 32 bits: the reserved client id of a long-text slot. */
export function textSlotClientId(formId: string, questionId: string): number {
  let h = 0x811c9dc5;
  const s = `opora:text-slot:${formId}:${questionId}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const slotUpdates = new Map<string, Uint8Array>();

/** The fixed update that creates the Y.Text slot of one long-text question. */
export function textSlotUpdate(formId: string, questionId: string): Uint8Array {
  const key = `${formId}:${questionId}`;
  const cached = slotUpdates.get(key);
  if (cached) return cached;
  const tmp = new Y.Doc({ gc: false });
  tmp.clientID = textSlotClientId(formId, questionId);
  tmp.getMap(QUESTIONNAIRE_ROOTS.texts).set(questionId, new Y.Text());
  const update = Y.encodeStateAsUpdate(tmp);
  tmp.destroy();
  slotUpdates.set(key, update);
  return update;
}

/** Creates the missing long-text slots of a form (idempotent; run on every open). */
export function ensureTextSlots(doc: Y.Doc, form: FormDefinition, origin?: unknown): void {
  const texts = textsOf(doc);
  doc.transact(() => {
    for (const q of longTextQuestions(form)) {
      if (texts.has(q.id)) continue;
      Y.applyUpdate(doc, textSlotUpdate(form.id, q.id), origin);
    }
  }, origin);
}

/**
 * Prepares a questionnaire document for a form and wave: kind and schema
 * version, formId, wave, formVersion, and the long-text slots. Idempotent; call
 * it whenever a document is opened.
 */
export function initQuestionnaireDoc(
  doc: Y.Doc,
  form: FormDefinition,
  wave: string,
  origin?: unknown,
): void {
  doc.transact(() => {
    initDocMeta(doc, 'questionnaire');
    const meta = doc.getMap(QUESTIONNAIRE_ROOTS.meta);
    if (meta.get('formId') === undefined) meta.set('formId', form.id);
    if (meta.get('wave') === undefined) meta.set('wave', wave);
    const v = meta.get('formVersion');
    if (typeof v !== 'number' || v < form.version) meta.set('formVersion', form.version);
  }, origin);
  ensureTextSlots(doc, form, origin);
}

/**
 * The Y.Text a long-text question edits (bind it to the text area). For a
 * question renamed by a migration, the slot of an older name is used while it
 * has text and the new slot is empty. Undefined when the slot is missing
 * (call `ensureTextSlots`) or was overwritten by a hostile client.
 */
export function longTextFor(
  doc: Y.Doc,
  form: FormDefinition,
  questionId: string,
): Y.Text | undefined {
  const texts = textsOf(doc);
  const own = texts.get(questionId);
  if (own instanceof Y.Text && own.length > 0) return own;
  for (const old of formerIds(form, questionId)) {
    const t = texts.get(old);
    if (t instanceof Y.Text && t.length > 0) return t;
  }
  return own instanceof Y.Text ? own : undefined;
}

/** Older ids of a question (from rename migrations), newest first. */
export function formerIds(form: FormDefinition, questionId: string): string[] {
  const out: string[] = [];
  let id = questionId;
  for (const m of [...(form.migrations ?? [])].reverse()) {
    for (const op of m.ops) {
      if (op.op === 'rename' && op.to === id) {
        id = op.from;
        out.push(id);
      }
    }
  }
  return out;
}

/** Records that a user edited a long text now (the renderer calls it on input, throttled). */
export function markTouched(doc: Y.Doc, by: string, opts: EditOptions = {}): void {
  doc.transact(() => {
    doc.getMap(QUESTIONNAIRE_ROOTS.meta).set(`touched/${by}`, opts.at ?? Date.now());
  }, opts.origin);
}

interface Located {
  questionId: string;
  question: Question;
  rowId?: string;
  columnId?: string;
}

function locate(form: FormDefinition, field: string): Located | null {
  const [qid, rowId, columnId, extra] = field.split(FIELD_PATH_SEPARATOR);
  if (qid === undefined || extra !== undefined) return null;
  const question = findQuestion(form, qid);
  if (!question) return null;
  if (rowId === undefined) return question.type === 'table' ? null : { questionId: qid, question };
  if (question.type !== 'table') return null;
  if (columnId === undefined) return { questionId: qid, question, rowId };
  const col = question.columns.find((c) => c.id === columnId);
  return col ? { questionId: qid, question: col, rowId, columnId } : null;
}

/**
 * How one stored answers-map entry reads under a form: translated to its
 * current field and located, or why it cannot be used. The app marks such
 * entries invalid; the relay refuses an update that writes one
 * (`content-check.ts`). Removed questions' entries are legitimate (kept, ignored).
 */
export type EntryReading =
  | { state: 'ok'; field: string; value: unknown; entry: RegisterEntry; writeId: string }
  | { state: 'invalid'; reason: InvalidReason; field: string; questionId?: string; value?: unknown }
  | { state: 'ignored'; reason: 'removed' | 'newer_version'; field: string };

/** Reads one stored entry of the answers map against a form (see EntryReading). */
export function readEntry(form: FormDefinition, key: string, raw: unknown): EntryReading {
  const parsed = parseRegisterKey(key);
  if (!parsed || !isRegisterEntry(raw))
    return { state: 'invalid', reason: 'malformed', field: parsed?.field ?? key };
  const t = translateAnswer(form, parsed.field, raw.v, raw.ver ?? 1);
  if (!t.ok) return { state: 'ignored', reason: t.reason, field: parsed.field };
  const loc = locate(form, t.field);
  if (!loc) return { state: 'invalid', reason: 'unknown_question', field: t.field };
  const isMarker = loc.rowId !== undefined && loc.columnId === undefined;
  const fits = isMarker ? isRowMarker(t.value) : valueFitsQuestion(loc.question, t.value);
  if (!fits)
    return {
      state: 'invalid',
      reason: 'wrong_type',
      field: t.field,
      questionId: loc.questionId,
      value: t.value,
    };
  return { state: 'ok', field: t.field, value: t.value, entry: raw, writeId: parsed.writeId };
}

interface Live {
  value: unknown;
  /** False for a wrong-typed value: reported invalid, never read, superseded by a new answer. */
  fits: boolean;
  entry: RegisterValue;
}

/** Usable entries of the answers map grouped by the current-version field they translate to. */
function translated(
  doc: Y.Doc,
  form: FormDefinition,
): { byField: Map<string, Live[]>; invalid: InvalidEntry[]; newer: number } {
  const byField = new Map<string, Live[]>();
  const push = (field: string, l: Live) => {
    const list = byField.get(field);
    if (list) list.push(l);
    else byField.set(field, [l]);
  };
  const invalid: InvalidEntry[] = [];
  let newer = 0;
  for (const [key, raw] of answersOf(doc).entries()) {
    const r = readEntry(form, key, raw);
    if (r.state === 'ignored') {
      if (r.reason === 'newer_version') newer++;
      continue;
    }
    if (r.state === 'invalid') {
      const { reason, field, questionId, value } = r;
      invalid.push({
        key,
        field,
        reason,
        ...(questionId !== undefined ? { questionId, value } : {}),
      });
      // A wrong-typed value sits at a real field: a new answer there supersedes it.
      if (reason === 'wrong_type' && isRegisterEntry(raw)) {
        const writeId = parseRegisterKey(key)?.writeId ?? '';
        push(field, { value, fits: false, entry: { ...raw, key, writeId } });
      }
      continue;
    }
    push(r.field, { value: r.value, fits: true, entry: { ...r.entry, key, writeId: r.writeId } });
  }
  return { byField, invalid, newer };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Reads a questionnaire document against a form (migrations applied, conflicts found). */
export function readQuestionnaire(doc: Y.Doc, form: FormDefinition): QuestionnaireState {
  const { byField, invalid, newer } = translated(doc, form);
  const values: Record<string, AnswerValue> = {};
  const conflicts: AnswerConflict[] = [];
  const conflictQuestions = new Set<string>();
  const attribution = new Map<string, Attribution>();
  const rows = new Map<string, Map<string, { pos: number; cells: Record<string, ScalarAnswer> }>>();
  let last: Attribution | null = null;
  const seeLast = (a: Attribution) => {
    if (last === null || a.at > last.at) last = { by: a.by, at: a.at };
  };
  const attribute = (qid: string, a: Attribution) => {
    const prev = attribution.get(qid);
    if (!prev || a.at > prev.at) attribution.set(qid, { by: a.by, at: a.at });
  };

  for (const [field, lives] of byField) {
    const good = lives.filter((l) => l.fits);
    if (good.length === 0) continue;
    // readEntry located every entry it let through.
    const loc = locate(form, field) as Located;
    const isMarker = loc.rowId !== undefined && loc.columnId === undefined;
    good.sort((a, b) => a.entry.at - b.entry.at || cmp(a.entry.writeId, b.entry.writeId));
    for (const l of good) seeLast(l.entry);
    const latest = good[good.length - 1] as Live;
    attribute(loc.questionId, latest.entry);

    if (loc.rowId !== undefined) {
      const table = rows.get(loc.questionId) ?? new Map();
      rows.set(loc.questionId, table);
      const row = table.get(loc.rowId) ?? { pos: Number.POSITIVE_INFINITY, cells: {} };
      table.set(loc.rowId, row);
      if (isMarker) {
        row.pos = Math.min(...good.map((l) => (l.value as { pos: number }).pos));
        continue;
      }
      row.cells[loc.columnId as string] = latest.value as ScalarAnswer;
    } else {
      values[loc.questionId] = latest.value as AnswerValue;
    }
    if (!isMarker && good.some((l) => !sameValue(l.value, latest.value))) {
      conflictQuestions.add(loc.questionId);
      conflicts.push({
        field,
        questionId: loc.questionId,
        ...(loc.rowId !== undefined ? { rowId: loc.rowId } : {}),
        ...(loc.columnId !== undefined ? { columnId: loc.columnId } : {}),
        values: good.map((l) => ({
          value: l.value as AnswerValue,
          by: l.entry.by,
          at: l.entry.at,
          writeId: l.entry.writeId,
        })),
      });
    }
  }

  for (const [qid, table] of rows) {
    const list: TableRow[] = [...table.entries()]
      .sort(([ra, a], [rb, b]) => a.pos - b.pos || cmp(ra, rb))
      .map(([rowId, r]) => ({ rowId, cells: r.cells }));
    values[qid] = list;
  }

  for (const q of longTextQuestions(form)) {
    const t = longTextFor(doc, form, q.id);
    const s = t?.toString() ?? '';
    if (s.length > 0) values[q.id] = s;
  }

  for (const [k, v] of doc.getMap(QUESTIONNAIRE_ROOTS.meta).entries()) {
    if (k.startsWith('touched/') && typeof v === 'number') seeLast({ by: k.slice(8), at: v });
  }
  for (const entries of indexRegister(doc.getMap(QUESTIONNAIRE_ROOTS.status)).values())
    for (const e of entries) seeLast(e);
  for (const c of doc.getArray<unknown>(QUESTIONNAIRE_ROOTS.comments).toArray()) {
    if (typeof c === 'object' && c !== null) {
      const { by, at } = c as { by?: unknown; at?: unknown };
      if (typeof by === 'string' && typeof at === 'number') seeLast({ by, at });
    }
  }

  conflicts.sort((a, b) => cmp(a.field, b.field));
  invalid.sort((a, b) => cmp(a.key, b.key));
  return {
    values,
    conflicts,
    conflictQuestions,
    attribution,
    invalid,
    newerVersionEntries: newer,
    lastChange: last,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRowMarker(v: unknown): v is { pos: number } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { pos?: unknown }).pos === 'number' &&
    Number.isFinite((v as { pos: number }).pos)
  );
}

/** Reads and evaluates in one call: what a renderer or a summary needs. */
export function evaluateQuestionnaire(
  doc: Y.Doc,
  form: FormDefinition,
): { state: QuestionnaireState; evaluation: Evaluation } {
  const state = readQuestionnaire(doc, form);
  const evaluation = evaluate(form, { values: state.values, conflicts: state.conflictQuestions });
  return { state, evaluation };
}

/** Keys of entries that translate to `field` under the current version but are stored elsewhere. */
function supersededKeys(doc: Y.Doc, form: FormDefinition, field: string): string[] {
  const { byField } = translated(doc, form);
  return (byField.get(field) ?? [])
    .filter((l) => parseRegisterKey(l.entry.key)?.field !== field)
    .map((l) => l.entry.key);
}

function normalise(q: Question, v: AnswerValue): AnswerValue {
  if (q.type === 'multi' && Array.isArray(v)) {
    // One order everywhere, so equal selections compare equal (no false conflicts).
    const chosen = new Set(v as readonly string[]);
    const known = q.options.map((o) => o.value).filter((x) => chosen.has(x));
    const unknown = [...chosen].filter((x) => !q.options.some((o) => o.value === x)).sort();
    return [...known, ...unknown];
  }
  return v;
}

function requireQuestion(form: FormDefinition, id: string): Question {
  const q = findQuestion(form, id);
  if (!q) throw new Error(`questionnaire: no question "${id}" in form ${form.id}`);
  return q;
}

/**
 * Answers a question (any type but long text and table), superseding every value
 * of it this replica has seen, including values stored under an older name.
 * This is also how a conflict is resolved. Throws on a value of the wrong type.
 */
export function setAnswer(
  doc: Y.Doc,
  form: FormDefinition,
  questionId: string,
  value: AnswerValue,
  by: string,
  opts: EditOptions = {},
): void {
  const q = requireQuestion(form, questionId);
  if (q.type === 'longText' || q.type === 'table')
    throw new Error(`questionnaire: ${questionId} is ${q.type}; use its own editor`);
  if (!valueFitsQuestion(q, value))
    throw new Error(`questionnaire: value of the wrong type for ${questionId}`);
  writeRegister(answersOf(doc), questionId, normalise(q, value), by, {
    ...opts,
    ver: form.version,
    supersede: supersededKeys(doc, form, questionId),
  });
}

/** Removes the answer to a question (a table: all its rows; a long text: its text). */
export function clearAnswer(
  doc: Y.Doc,
  form: FormDefinition,
  questionId: string,
  opts: EditOptions = {},
): void {
  const q = requireQuestion(form, questionId);
  doc.transact(() => {
    if (q.type === 'longText') {
      for (const id of [questionId, ...formerIds(form, questionId)]) {
        const t = textsOf(doc).get(id);
        if (t instanceof Y.Text && t.length > 0) t.delete(0, t.length);
      }
      return;
    }
    const { byField } = translated(doc, form);
    const prefix = questionId + FIELD_PATH_SEPARATOR;
    for (const [field, lives] of byField) {
      if (field !== questionId && !field.startsWith(prefix)) continue;
      clearRegister(answersOf(doc), field, { supersede: lives.map((l) => l.entry.key) });
    }
  }, opts.origin);
}

/**
 * Resolves a conflict at a field path (`q` or `table/row/col`) by choosing a
 * value (usually one of the conflicting ones): an ordinary write that
 * supersedes them all, on every replica once synced.
 */
export function resolveConflict(
  doc: Y.Doc,
  form: FormDefinition,
  field: string,
  value: AnswerValue,
  by: string,
  opts: EditOptions = {},
): void {
  const [qid, rowId, columnId] = field.split(FIELD_PATH_SEPARATOR);
  if (qid !== undefined && rowId !== undefined && columnId !== undefined)
    setTableCell(doc, form, qid, rowId, columnId, value as ScalarAnswer, by, opts);
  else setAnswer(doc, form, field, value, by, opts);
}

function requireTable(form: FormDefinition, id: string): TableQuestion {
  const q = requireQuestion(form, id);
  if (q.type !== 'table') throw new Error(`questionnaire: ${id} is not a table`);
  return q;
}

/** Adds a row to a table question; returns its id. Concurrent additions all survive. */
export function addTableRow(
  doc: Y.Doc,
  form: FormDefinition,
  tableId: string,
  by: string,
  opts: EditOptions = {},
): string {
  requireTable(form, tableId);
  const current = readQuestionnaire(doc, form).values[tableId];
  const rowsNow = Array.isArray(current) ? (current as readonly TableRow[]).length : 0;
  const rowId = `r${newWriteId()}`;
  writeRegister(answersOf(doc), `${tableId}/${rowId}`, { pos: rowsNow }, by, {
    ...opts,
    ver: form.version,
  });
  return rowId;
}

/** Removes a row and its cells. A concurrent edit of a cell elsewhere survives (and shows the row again). */
export function removeTableRow(
  doc: Y.Doc,
  form: FormDefinition,
  tableId: string,
  rowId: string,
  opts: EditOptions = {},
): void {
  requireTable(form, tableId);
  const prefix = `${tableId}/${rowId}`;
  const { byField } = translated(doc, form);
  doc.transact(() => {
    for (const [field, lives] of byField) {
      if (field !== prefix && !field.startsWith(prefix + FIELD_PATH_SEPARATOR)) continue;
      clearRegister(answersOf(doc), field, { supersede: lives.map((l) => l.entry.key) });
    }
  }, opts.origin);
}

/** Sets one cell of a table row. */
export function setTableCell(
  doc: Y.Doc,
  form: FormDefinition,
  tableId: string,
  rowId: string,
  columnId: string,
  value: ScalarAnswer,
  by: string,
  opts: EditOptions = {},
): void {
  const table = requireTable(form, tableId);
  const col = table.columns.find((c) => c.id === columnId);
  if (!col) throw new Error(`questionnaire: no column ${columnId} in ${tableId}`);
  if (!valueFitsQuestion(col, value))
    throw new Error(`questionnaire: value of the wrong type for ${tableId}/${columnId}`);
  const field = `${tableId}/${rowId}/${columnId}`;
  writeRegister(answersOf(doc), field, normalise(col, value), by, {
    ...opts,
    ver: form.version,
    supersede: supersededKeys(doc, form, field),
  });
}
