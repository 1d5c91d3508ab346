/**
 * The declarative form-definition format: a questionnaire is typed data
 * (sections, questions, conditions, computed values, migrations), never UI code,
 * so the same definition drives the renderer on the device, the engine
 * (validation, relevance, completion, scoring) and the relay's summaries.
 *
 * Ids (form, section, question, option, column, computed) are stable slugs
 * `[a-z][a-z0-9_]*`: answers are stored under question ids, so an id is never
 * reused for a different question; a rename is declared as a migration.
 *
 * Versioning: `version` grows by one for each published change; `migrations`
 * holds one step per version k → k+1 (rename, remove, recode of option values).
 * Answers keep the form version they were written under, and reading translates
 * them step by step (see `translateAnswer`), so a document filled under k opens
 * and stays valid under k+1 while a device still on k keeps working too.
 */

/** A value of one answer, by question type (a table holds rows of cell values). */
export type ScalarAnswer = string | number | boolean | readonly string[];

/** One row of a table / repeat group: a stable row id and its cells by column id. */
export interface TableRow {
  rowId: string;
  cells: Readonly<Record<string, ScalarAnswer>>;
}

/** The value of any answer. */
export type AnswerValue = ScalarAnswer | readonly TableRow[];

/** Answers by question id (or computed id for expressions). */
export type AnswerValues = Readonly<Record<string, AnswerValue | undefined>>;

/** A numeric expression over answers (computed values, scores, constraints). */
export type Expr =
  | { op: 'const'; value: number }
  /** The numeric value of a number or scale answer; yes/no is 1/0; null when unanswered. */
  | { op: 'answer'; q: string }
  /** The score of the chosen option(s) (sum for multiple choice; yes/no uses yesScore/noScore). */
  | { op: 'score'; q: string }
  /** Options selected (multiple choice) or rows (table). */
  | { op: 'count'; q: string }
  /** Another computed value, defined earlier. */
  | { op: 'computed'; id: string }
  /** Aggregates ignore missing operands; null when all are missing. */
  | { op: 'sum' | 'min' | 'max' | 'avg'; of: readonly Expr[] }
  /** Arithmetic: null when an operand is missing or a division is by zero. */
  | { op: 'add' | 'sub' | 'mul' | 'div'; a: Expr; b: Expr }
  /** 100 · part / whole, null when whole is 0 or missing. */
  | { op: 'percent'; part: Expr; whole: Expr };

/** A condition over answers: relevance (skip logic) and constraints. */
export type Condition =
  | { op: 'eq' | 'ne'; q: string; value: string | number | boolean }
  /** Single choice answer is one of `values`. */
  | { op: 'in'; q: string; values: readonly string[] }
  /** Multiple choice answer includes `value`. */
  | { op: 'has'; q: string; value: string }
  /** The question has an answer. */
  | { op: 'answered'; q: string }
  /** Numeric comparison of two expressions. */
  | { op: 'cmp'; cmp: 'lt' | 'lte' | 'gt' | 'gte' | 'eq' | 'ne'; a: Expr; b: Expr }
  | { op: 'all' | 'any'; of: readonly Condition[] }
  | { op: 'not'; of: Condition };

/** A form-specific constraint: when `when` holds (or always), `check` must hold. */
export interface Constraint {
  check: Condition;
  when?: Condition;
  /** Russian message shown at the question. */
  message: string;
}

/** One option of a choice question. */
export interface ChoiceOption {
  /** Stable code stored in the answer. */
  value: string;
  label: string;
  /** Score used by `{ op: 'score' }` expressions. */
  score?: number;
  /** Multiple choice: selecting it excludes every other option («Нет», «Затрудняюсь ответить»). */
  exclusive?: boolean;
}

interface QuestionBase {
  /** Stable slug; answers are stored under it. */
  id: string;
  /** Question wording (Russian). */
  text: string;
  /** Help text shown under the question. */
  help?: string;
  /** Must be answered when relevant. */
  required?: boolean;
  /** Asked only when this holds over earlier answers. */
  relevant?: Condition;
  /** Form-specific checks with Russian messages. */
  constraints?: readonly Constraint[];
}

/** Choice of one option. */
export interface SingleChoiceQuestion extends QuestionBase {
  type: 'single';
  options: readonly ChoiceOption[];
}

/** Choice of several options. */
export interface MultiChoiceQuestion extends QuestionBase {
  type: 'multi';
  options: readonly ChoiceOption[];
  minSelected?: number;
  maxSelected?: number;
}

/** An integer on a scale from min to max (e.g. 1–5), with optional labels for each point. */
export interface ScaleQuestion extends QuestionBase {
  type: 'scale';
  min: number;
  max: number;
  /** Labels from min to max, when every point is named. */
  labels?: readonly string[];
  minLabel?: string;
  maxLabel?: string;
}

/** A number with a unit and range. */
export interface NumberQuestion extends QuestionBase {
  type: 'number';
  /** Unit shown after the field («чел.», «%», «шт.»). */
  unit?: string;
  min?: number;
  max?: number;
  /** Only whole numbers. */
  integer?: boolean;
}

/** One line of text. */
export interface ShortTextQuestion extends QuestionBase {
  type: 'shortText';
  maxLength?: number;
  /** A regular expression (source) the text must match, with its message. */
  pattern?: { regex: string; message: string };
}

/** A long answer, stored as collaborative text (Y.Text) and merged character by character. */
export interface LongTextQuestion extends QuestionBase {
  type: 'longText';
  maxLength?: number;
}

/** A calendar date, `YYYY-MM-DD`. */
export interface DateQuestion extends QuestionBase {
  type: 'date';
  min?: string;
  max?: string;
}

/** Да / Нет. */
export interface YesNoQuestion extends QuestionBase {
  type: 'yesNo';
  yesScore?: number;
  noScore?: number;
}

/** A column of a table: any question type except long text and table. */
export type ColumnQuestion =
  | SingleChoiceQuestion
  | MultiChoiceQuestion
  | ScaleQuestion
  | NumberQuestion
  | ShortTextQuestion
  | DateQuestion
  | YesNoQuestion;

/** A table / repeat group: rows added by the user, each with the same columns. */
export interface TableQuestion extends QuestionBase {
  type: 'table';
  columns: readonly ColumnQuestion[];
  minRows?: number;
  maxRows?: number;
  /** Label of the «add row» button («Добавить мероприятие»). */
  addLabel?: string;
}

/** Any question. */
export type Question = ColumnQuestion | LongTextQuestion | TableQuestion;

/** The type tag of a question. */
export type QuestionType = Question['type'];

/** A section: a screen on a phone, a heading on a laptop. */
export interface Section {
  id: string;
  title: string;
  description?: string;
  /** The whole section is asked only when this holds. */
  relevant?: Condition;
  questions: readonly Question[];
}

/** A value computed from answers (shown read-only, used by scores and risk rules). */
export interface ComputedValue {
  id: string;
  label: string;
  expr: Expr;
  unit?: string;
  /** Digits after the point when shown (rounding happens only on display). */
  decimals?: number;
}

/** One step of a migration from version k to k+1. */
export type MigrationOp =
  /** The question was renamed: answers under `from` are read as `to`. */
  | { op: 'rename'; from: string; to: string }
  /** The question was removed: its answers are kept in the document but ignored. */
  | { op: 'remove'; id: string }
  /** Option codes changed: old code → new code, or null when the option was removed. */
  | { op: 'recode'; id: string; map: Readonly<Record<string, string | null>> };

/** The changes from version `from` to `from + 1`. */
export interface Migration {
  from: number;
  ops: readonly MigrationOp[];
}

/** Who fills the form (shown in lists; access is decided elsewhere). */
export type Respondent = 'school_team' | 'director' | 'teacher' | 'leader_school';

/** A complete questionnaire definition. */
export interface FormDefinition {
  /** Stable slug, also the `formId` segment of the document id. */
  id: string;
  /** Grows by one per published change. */
  version: number;
  title: string;
  description?: string;
  respondent: Respondent;
  sections: readonly Section[];
  computed?: readonly ComputedValue[];
  /** Steps 1→2, 2→3, … up to `version`. */
  migrations?: readonly Migration[];
}

/** Slug rule shared by every id inside a definition. */
export const FORM_SLUG = /^[a-z][a-z0-9_]{0,47}$/;

/** Every question of a form in order, with its section. */
export function questionsOf(form: FormDefinition): { section: Section; question: Question }[] {
  return form.sections.flatMap((section) =>
    section.questions.map((question) => ({ section, question })),
  );
}

/** A question by id, or undefined. */
export function findQuestion(form: FormDefinition, id: string): Question | undefined {
  for (const s of form.sections) for (const q of s.questions) if (q.id === id) return q;
  return undefined;
}

/** The long-text questions of a form (they get a Y.Text slot each). */
export function longTextQuestions(form: FormDefinition): LongTextQuestion[] {
  return questionsOf(form)
    .map((x) => x.question)
    .filter((q): q is LongTextQuestion => q.type === 'longText');
}

function conditionRefs(c: Condition, out: string[]): void {
  switch (c.op) {
    case 'all':
    case 'any':
      for (const x of c.of) conditionRefs(x, out);
      return;
    case 'not':
      conditionRefs(c.of, out);
      return;
    case 'cmp':
      exprRefs(c.a, out);
      exprRefs(c.b, out);
      return;
    default:
      out.push(c.q);
  }
}

function exprRefs(e: Expr, out: string[]): void {
  switch (e.op) {
    case 'const':
      return;
    case 'answer':
    case 'score':
    case 'count':
      out.push(e.q);
      return;
    case 'computed':
      out.push(`#${e.id}`);
      return;
    case 'sum':
    case 'min':
    case 'max':
    case 'avg':
      for (const x of e.of) exprRefs(x, out);
      return;
    case 'percent':
      exprRefs(e.part, out);
      exprRefs(e.whole, out);
      return;
    default:
      exprRefs(e.a, out);
      exprRefs(e.b, out);
  }
}

/** Question ids (and `#computed` ids) a condition reads. */
export function conditionIds(c: Condition): string[] {
  const out: string[] = [];
  conditionRefs(c, out);
  return out;
}

/** Question ids (and `#computed` ids) an expression reads. */
export function exprIds(e: Expr): string[] {
  const out: string[] = [];
  exprRefs(e, out);
  return out;
}

/**
 * Checks a definition: unique slug ids, options, ranges, relevance that reads
 * only earlier questions (so there are no cycles), computed values that read
 * only earlier computed values, and contiguous migrations. Returns the problems
 * (English, for developers); an empty list means the definition is sound.
 */
export function checkFormDefinition(form: FormDefinition): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const sectionIds = new Set<string>();
  const slug = (id: string, what: string) => {
    if (!FORM_SLUG.test(id)) problems.push(`${what} "${id}" is not a slug`);
  };
  slug(form.id, 'form id');
  if (!Number.isInteger(form.version) || form.version < 1) problems.push('version must be ≥ 1');
  const computedSeen = new Set<string>();
  // Relevance reads earlier questions only (no computed values): evaluation is then one
  // pass in order and cannot loop. Constraints may read any question and computed value.
  const checkRefs = (refs: string[], where: string, allowed: Set<string>, computed: boolean) => {
    for (const r of refs) {
      if (r.startsWith('#')) {
        if (!computed) problems.push(`${where} reads computed ${r}; relevance reads answers only`);
        else if (!computedSeen.has(r.slice(1))) problems.push(`${where} reads unknown ${r}`);
      } else if (!allowed.has(r)) problems.push(`${where} reads "${r}", not an earlier question`);
    }
  };
  for (const c of form.computed ?? []) {
    slug(c.id, 'computed');
    // Computed values may read any question and earlier computed values.
    const refs = exprIds(c.expr);
    for (const r of refs) {
      if (r.startsWith('#') && !computedSeen.has(r.slice(1)))
        problems.push(`computed ${c.id} reads ${r} before it is defined`);
    }
    computedSeen.add(c.id);
  }
  const allQuestionIds = new Set(questionsOf(form).map((x) => x.question.id));
  for (const c of form.computed ?? []) {
    for (const r of exprIds(c.expr))
      if (!r.startsWith('#') && !allQuestionIds.has(r))
        problems.push(`computed ${c.id} reads unknown question "${r}"`);
  }
  for (const section of form.sections) {
    slug(section.id, 'section');
    if (sectionIds.has(section.id)) problems.push(`duplicate section "${section.id}"`);
    sectionIds.add(section.id);
    if (section.relevant)
      checkRefs(conditionIds(section.relevant), `section ${section.id}`, seen, false);
    for (const q of section.questions) {
      slug(q.id, 'question');
      if (seen.has(q.id) || computedSeen.has(q.id)) problems.push(`duplicate id "${q.id}"`);
      if (q.relevant) checkRefs(conditionIds(q.relevant), `question ${q.id}`, seen, false);
      for (const c of q.constraints ?? []) {
        const refs = [...conditionIds(c.check), ...(c.when ? conditionIds(c.when) : [])];
        checkRefs(refs, `constraint of ${q.id}`, allQuestionIds, true);
      }
      checkQuestion(q, problems);
      if (q.type === 'table') {
        const cols = new Set<string>();
        for (const col of q.columns) {
          slug(col.id, `column of ${q.id}`);
          if (cols.has(col.id)) problems.push(`duplicate column "${col.id}" in ${q.id}`);
          cols.add(col.id);
          checkQuestion(col, problems);
          if (col.relevant || col.constraints?.length)
            problems.push(`${q.id}.${col.id}: columns take no relevance or constraints`);
        }
      }
      seen.add(q.id);
    }
  }
  const migrations = form.migrations ?? [];
  migrations.forEach((m, i) => {
    if (m.from !== i + 1) problems.push(`migration ${i} must start at version ${i + 1}`);
  });
  if (migrations.length !== form.version - 1)
    problems.push(`expected ${form.version - 1} migrations, found ${migrations.length}`);
  const last = migrations.at(-1);
  for (const op of last?.ops ?? []) {
    if (op.op === 'rename' && !allQuestionIds.has(op.to))
      problems.push(`migration renames to unknown question "${op.to}"`);
    if (op.op === 'remove' && allQuestionIds.has(op.id))
      problems.push(`migration removes "${op.id}" that still exists`);
  }
  return problems;
}

function checkQuestion(q: Question, problems: string[]): void {
  if (q.type === 'single' || q.type === 'multi') {
    if (q.options.length < 2) problems.push(`${q.id}: a choice needs at least two options`);
    const values = new Set<string>();
    for (const o of q.options) {
      if (!FORM_SLUG.test(o.value)) problems.push(`${q.id}: option "${o.value}" is not a slug`);
      if (values.has(o.value)) problems.push(`${q.id}: duplicate option "${o.value}"`);
      values.add(o.value);
    }
  }
  if (q.type === 'scale') {
    if (!(Number.isInteger(q.min) && Number.isInteger(q.max) && q.min < q.max))
      problems.push(`${q.id}: scale needs integer min < max`);
    if (q.labels && q.labels.length !== q.max - q.min + 1)
      problems.push(`${q.id}: scale labels must name every point`);
  }
  if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max)
    problems.push(`${q.id}: min > max`);
}
