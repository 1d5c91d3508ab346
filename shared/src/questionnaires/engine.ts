/**
 * The form engine: pure functions from a definition and a set of answers to
 * relevance, computed values, issues, progress and the next place to jump to.
 * No Yjs here: `document.ts` reads a document into `AnswerValues` first, so the
 * engine is the same on the device, on the relay and in tests.
 *
 * Evaluation is one pass in definition order (why: relevance may only read
 * earlier questions, checked by `checkFormDefinition`, so one pass is exact):
 * 1. a section is relevant when its condition holds; a question when its section
 *    is and its own condition holds over the *effective* answers so far;
 * 2. the effective answers are the answers of relevant questions only, so a
 *    stale answer to a question that became irrelevant neither shows in scores
 *    nor switches on later questions (relevance chains collapse correctly);
 * 3. computed values are evaluated over the effective answers, in order;
 * 4. issues: «required» for a relevant required question without an answer,
 *    type/range issues for answers, form constraints, and «conflict» for a
 *    question with two concurrent answers.
 *
 * Conditions are three-valued: a comparison with an unanswered question is
 * "unknown". Relevance treats unknown as false (ask only when the answer says
 * so); a constraint treats unknown as satisfied (do not complain about a
 * comparison the user has not made possible yet).
 */
import {
  findQuestion,
  questionsOf,
  type AnswerValue,
  type AnswerValues,
  type ChoiceOption,
  type ColumnQuestion,
  type Condition,
  type Expr,
  type FormDefinition,
  type Question,
  type ScalarAnswer,
  type Section,
  type TableRow,
} from './form.ts';
import { issueMessage, type IssueCode, type MessageParams } from './messages.ts';

/** One problem at a question (or at one cell of a table). */
export interface Issue {
  questionId: string;
  sectionId: string;
  rowId?: string;
  columnId?: string;
  code: IssueCode;
  params?: MessageParams;
  /** The Russian text (from `messages.ts` or the form's own constraint message). */
  message: string;
}

/** Input of an evaluation. */
export interface EngineInput {
  /** One value per question (for a conflict, any of the values: the engine flags it). */
  values: AnswerValues;
  /** Questions with two or more concurrent answers. */
  conflicts?: ReadonlySet<string>;
}

/** Progress over the questions that are currently asked. */
export interface Progress {
  /** Relevant questions. */
  total: number;
  answered: number;
  /** 0–100, whole; 100 when nothing is asked. */
  percent: number;
  required: number;
  requiredAnswered: number;
}

/** Where a question sits. */
export interface QuestionRef {
  sectionId: string;
  questionId: string;
}

/** Everything the renderer and the summaries need from one evaluation. */
export interface Evaluation {
  relevantSections: ReadonlySet<string>;
  relevantQuestions: ReadonlySet<string>;
  /** Answers of relevant questions only. */
  effective: AnswerValues;
  /** Computed values by id; null when an input is missing. */
  computed: Readonly<Record<string, number | null>>;
  issues: readonly Issue[];
  issuesByQuestion: ReadonlyMap<string, readonly Issue[]>;
  progress: Progress;
  sectionProgress: ReadonlyMap<string, Progress>;
  /** The first relevant required question without an answer, for «перейти к пропущенному». */
  firstUnansweredRequired: QuestionRef | null;
  /** The first question with any issue other than `required`. */
  firstProblem: QuestionRef | null;
}

type Tri = boolean | null;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when a date string is a real calendar date `YYYY-MM-DD`. */
export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isStringArray(v: unknown): v is readonly string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function isTableRows(v: unknown): v is readonly TableRow[] {
  return (
    Array.isArray(v) &&
    v.every(
      (r: unknown) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as TableRow).rowId === 'string' &&
        typeof (r as TableRow).cells === 'object' &&
        (r as TableRow).cells !== null,
    )
  );
}

/**
 * True when a value has the JS type a question stores (string for single choice,
 * string[] for multiple, number for scale/number, boolean for yes/no, rows for a
 * table…). Range and option checks are issues, not type errors.
 */
export function valueFitsQuestion(q: Question, v: unknown): v is AnswerValue {
  switch (q.type) {
    case 'single':
    case 'shortText':
    case 'longText':
    case 'date':
      return typeof v === 'string';
    case 'multi':
      return isStringArray(v);
    case 'scale':
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'yesNo':
      return typeof v === 'boolean';
    case 'table':
      return (
        isTableRows(v) &&
        v.every((row) =>
          Object.entries(row.cells).every(([col, cell]) => {
            const c = q.columns.find((x) => x.id === col);
            return c !== undefined && valueFitsQuestion(c, cell);
          }),
        )
      );
  }
}

/** True when a value counts as an answer (non-empty text, a selection, a row with a cell…). */
export function isAnswered(q: Question, v: AnswerValue | undefined): boolean {
  if (v === undefined) return false;
  if (typeof v === 'string') return v.trim().length > 0;
  if (typeof v === 'number' || typeof v === 'boolean') return true;
  if (q.type === 'table')
    return isTableRows(v) && v.some((r) => Object.values(r.cells).some((c) => cellAnswered(c)));
  return v.length > 0;
}

function cellAnswered(c: ScalarAnswer): boolean {
  if (typeof c === 'string') return c.trim().length > 0;
  if (Array.isArray(c)) return c.length > 0;
  return true;
}

function optionScore(options: readonly ChoiceOption[], value: string): number | null {
  return options.find((o) => o.value === value)?.score ?? null;
}

/** The score of an answer (chosen option scores, yes/no scores, scale value); null when none. */
export function answerScore(q: Question, v: AnswerValue | undefined): number | null {
  if (v === undefined) return null;
  switch (q.type) {
    case 'single':
      return typeof v === 'string' ? optionScore(q.options, v) : null;
    case 'multi': {
      if (!isStringArray(v)) return null;
      let sum = 0;
      for (const x of v) sum += optionScore(q.options, x) ?? 0;
      return sum;
    }
    case 'yesNo':
      return typeof v === 'boolean' ? (v ? (q.yesScore ?? 1) : (q.noScore ?? 0)) : null;
    case 'scale':
    case 'number':
      return typeof v === 'number' ? v : null;
    default:
      return null;
  }
}

/** Evaluates an expression; null when it cannot be computed. */
export function evaluateExpr(
  form: FormDefinition,
  e: Expr,
  values: AnswerValues,
  computed: Readonly<Record<string, number | null>> = {},
): number | null {
  const rec = (x: Expr) => evaluateExpr(form, x, values, computed);
  switch (e.op) {
    case 'const':
      return e.value;
    case 'answer': {
      const v = values[e.q];
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      return null;
    }
    case 'score': {
      const q = findQuestion(form, e.q);
      return q ? answerScore(q, values[e.q]) : null;
    }
    case 'count': {
      const v = values[e.q];
      return Array.isArray(v) ? v.length : null;
    }
    case 'computed':
      return computed[e.id] ?? null;
    case 'sum':
    case 'min':
    case 'max':
    case 'avg': {
      const xs = e.of.map(rec).filter((x): x is number => x !== null);
      if (xs.length === 0) return null;
      if (e.op === 'sum') return xs.reduce((a, b) => a + b, 0);
      if (e.op === 'avg') return xs.reduce((a, b) => a + b, 0) / xs.length;
      return e.op === 'min' ? Math.min(...xs) : Math.max(...xs);
    }
    case 'percent': {
      const part = rec(e.part);
      const whole = rec(e.whole);
      return part === null || whole === null || whole === 0 ? null : (100 * part) / whole;
    }
    default: {
      const a = rec(e.a);
      const b = rec(e.b);
      if (a === null || b === null) return null;
      if (e.op === 'add') return a + b;
      if (e.op === 'sub') return a - b;
      if (e.op === 'mul') return a * b;
      return b === 0 ? null : a / b;
    }
  }
}

/** Evaluates a condition three-valued: true, false, or null (unknown: an input is unanswered). */
export function evaluateCondition(
  form: FormDefinition,
  c: Condition,
  values: AnswerValues,
  computed: Readonly<Record<string, number | null>> = {},
): Tri {
  switch (c.op) {
    case 'eq':
    case 'ne': {
      const v = values[c.q];
      if (v === undefined || Array.isArray(v)) return null;
      return (v === c.value) === (c.op === 'eq');
    }
    case 'in': {
      const v = values[c.q];
      return typeof v === 'string' ? c.values.includes(v) : null;
    }
    case 'has': {
      const v = values[c.q];
      return isStringArray(v) ? v.includes(c.value) : null;
    }
    case 'answered': {
      const q = findQuestion(form, c.q);
      return q ? isAnswered(q, values[c.q]) : false;
    }
    case 'cmp': {
      const a = evaluateExpr(form, c.a, values, computed);
      const b = evaluateExpr(form, c.b, values, computed);
      if (a === null || b === null) return null;
      switch (c.cmp) {
        case 'lt':
          return a < b;
        case 'lte':
          return a <= b;
        case 'gt':
          return a > b;
        case 'gte':
          return a >= b;
        case 'eq':
          return a === b;
        case 'ne':
          return a !== b;
      }
      return null;
    }
    case 'all': {
      let unknown = false;
      for (const x of c.of) {
        const r = evaluateCondition(form, x, values, computed);
        if (r === false) return false;
        if (r === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'any': {
      let unknown = false;
      for (const x of c.of) {
        const r = evaluateCondition(form, x, values, computed);
        if (r === true) return true;
        if (r === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'not': {
      const r = evaluateCondition(form, c.of, values, computed);
      return r === null ? null : !r;
    }
  }
}

type Push = (
  code: IssueCode,
  params?: MessageParams,
  cell?: { rowId: string; columnId: string },
) => void;

/** Type, option and range checks of one value (no `required`, no form constraints). */
function checkValue(
  q: Question | ColumnQuestion,
  v: AnswerValue,
  push: Push,
  cell?: { rowId: string; columnId: string },
): void {
  if (!valueFitsQuestion(q, v)) {
    push('wrongType', {}, cell);
    return;
  }
  switch (q.type) {
    case 'single':
      if (typeof v === 'string' && v !== '' && !q.options.some((o) => o.value === v))
        push('unknownOption', {}, cell);
      return;
    case 'multi': {
      const xs = v as readonly string[];
      if (xs.some((x) => !q.options.some((o) => o.value === x))) push('unknownOption', {}, cell);
      const excl = q.options.find((o) => o.exclusive && xs.includes(o.value));
      if (excl && xs.length > 1) push('exclusive', { label: excl.label }, cell);
      if (xs.length > 0 && q.minSelected !== undefined && xs.length < q.minSelected)
        push('minSelected', { min: q.minSelected }, cell);
      if (q.maxSelected !== undefined && xs.length > q.maxSelected)
        push('maxSelected', { max: q.maxSelected }, cell);
      return;
    }
    case 'scale': {
      const n = v as number;
      if (!Number.isInteger(n) || n < q.min || n > q.max)
        push('scaleRange', { min: q.min, max: q.max }, cell);
      return;
    }
    case 'number': {
      const n = v as number;
      if (q.integer && !Number.isInteger(n)) push('integer', {}, cell);
      if (q.min !== undefined && n < q.min) push('numberMin', { min: q.min }, cell);
      if (q.max !== undefined && n > q.max) push('numberMax', { max: q.max }, cell);
      return;
    }
    case 'shortText':
    case 'longText': {
      const s = v as string;
      if (q.maxLength !== undefined && s.length > q.maxLength)
        push('tooLong', { max: q.maxLength }, cell);
      if (q.type === 'shortText' && q.pattern && s !== '' && !new RegExp(q.pattern.regex).test(s))
        push('pattern', { message: q.pattern.message }, cell);
      return;
    }
    case 'date': {
      const s = v as string;
      if (s === '') return;
      if (!isDate(s)) {
        push('dateFormat', {}, cell);
        return;
      }
      if (q.min !== undefined && s < q.min) push('dateMin', { min: formatDateRu(q.min) }, cell);
      if (q.max !== undefined && s > q.max) push('dateMax', { max: formatDateRu(q.max) }, cell);
      return;
    }
    case 'yesNo':
      return;
    case 'table': {
      const rows = v as readonly TableRow[];
      if (rows.length > 0 && q.minRows !== undefined && rows.length < q.minRows)
        push('minRows', { min: q.minRows });
      if (q.maxRows !== undefined && rows.length > q.maxRows) push('maxRows', { max: q.maxRows });
      for (const row of rows) {
        for (const col of q.columns) {
          const c = row.cells[col.id];
          const at = { rowId: row.rowId, columnId: col.id };
          if (c === undefined || !cellAnswered(c)) {
            if (col.required) push('required', {}, at);
          } else checkValue(col, c, push, at);
        }
      }
    }
  }
}

/** `YYYY-MM-DD` → `ДД.ММ.ГГГГ` for messages. */
export function formatDateRu(iso: string): string {
  const m = DATE.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

function progressOf(
  total: number,
  answered: number,
  required: number,
  requiredAnswered: number,
): Progress {
  return {
    total,
    answered,
    percent: total === 0 ? 100 : Math.floor((100 * answered) / total),
    required,
    requiredAnswered,
  };
}

/** Evaluates a form over a set of answers (see the module header for the rules). */
export function evaluate(form: FormDefinition, input: EngineInput): Evaluation {
  const conflicts = input.conflicts ?? new Set<string>();
  const relevantSections = new Set<string>();
  const relevantQuestions = new Set<string>();
  const effective: Record<string, AnswerValue> = {};
  const asked: { section: Section; question: Question }[] = [];

  for (const section of form.sections) {
    const sOk = !section.relevant || evaluateCondition(form, section.relevant, effective) === true;
    if (!sOk) continue;
    relevantSections.add(section.id);
    for (const question of section.questions) {
      if (question.relevant && evaluateCondition(form, question.relevant, effective) !== true)
        continue;
      relevantQuestions.add(question.id);
      asked.push({ section, question });
      const v = input.values[question.id];
      // Only a well-typed value takes part in later relevance and in scores.
      if (v !== undefined && valueFitsQuestion(question, v)) effective[question.id] = v;
    }
  }

  const computed: Record<string, number | null> = {};
  for (const c of form.computed ?? [])
    computed[c.id] = evaluateExpr(form, c.expr, effective, computed);

  const issues: Issue[] = [];
  const byQuestion = new Map<string, Issue[]>();
  const sectionCounts = new Map<string, [number, number, number, number]>();
  let answered = 0;
  let required = 0;
  let requiredAnswered = 0;
  let firstUnansweredRequired: QuestionRef | null = null;
  let firstProblem: QuestionRef | null = null;

  for (const { section, question } of asked) {
    const push: Push = (code, params = {}, cell) => {
      const issue: Issue = {
        questionId: question.id,
        sectionId: section.id,
        code,
        params,
        message: issueMessage(code, params),
        ...(cell ?? {}),
      };
      issues.push(issue);
      const list = byQuestion.get(question.id) ?? [];
      list.push(issue);
      byQuestion.set(question.id, list);
      if (code !== 'required' && firstProblem === null)
        firstProblem = { sectionId: section.id, questionId: question.id };
    };
    const raw = input.values[question.id];
    const has = conflicts.has(question.id) || (raw !== undefined && isAnswered(question, raw));
    const counts = sectionCounts.get(section.id) ?? [0, 0, 0, 0];
    counts[0]++;
    if (has) {
      answered++;
      counts[1]++;
    }
    if (question.required) {
      required++;
      counts[2]++;
      if (has) {
        requiredAnswered++;
        counts[3]++;
      } else {
        push('required');
        firstUnansweredRequired ??= { sectionId: section.id, questionId: question.id };
      }
    }
    sectionCounts.set(section.id, counts);
    if (conflicts.has(question.id)) push('conflict');
    if (raw === undefined) continue;
    checkValue(question, raw, push);
    if (!has || effective[question.id] === undefined) continue;
    for (const c of question.constraints ?? []) {
      if (c.when && evaluateCondition(form, c.when, effective, computed) !== true) continue;
      if (evaluateCondition(form, c.check, effective, computed) === false)
        push('constraint', { message: c.message });
    }
  }

  const sectionProgress = new Map<string, Progress>();
  for (const [id, [t, a, r, ra]] of sectionCounts) sectionProgress.set(id, progressOf(t, a, r, ra));

  return {
    relevantSections,
    relevantQuestions,
    effective,
    computed,
    issues,
    issuesByQuestion: byQuestion,
    progress: progressOf(relevantQuestions.size, answered, required, requiredAnswered),
    sectionProgress,
    firstUnansweredRequired,
    firstProblem,
  };
}

/**
 * The next relevant required question without an answer after `afterQuestionId`
 * in form order, wrapping around; null when there is none. For a «следующий
 * пропущенный» button that cycles.
 */
export function nextUnansweredRequired(
  form: FormDefinition,
  evaluation: Evaluation,
  afterQuestionId: string | null,
): QuestionRef | null {
  const missing = questionsOf(form).filter(({ question }) =>
    (evaluation.issuesByQuestion.get(question.id) ?? []).some(
      (i) => i.code === 'required' && i.rowId === undefined,
    ),
  );
  if (missing.length === 0) return null;
  const all = questionsOf(form).map((x) => x.question.id);
  const after = afterQuestionId === null ? -1 : all.indexOf(afterQuestionId);
  const next =
    missing.find(({ question }) => all.indexOf(question.id) > after) ?? missing[0] ?? null;
  return next && { sectionId: next.section.id, questionId: next.question.id };
}
