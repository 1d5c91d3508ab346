/**
 * Questionnaire completion matrix: schools × (questionnaire, wave), each cell
 * telling whether the school filled that questionnaire in that wave and whether
 * it is late (DOMAIN.md, "What coordinators watch").
 *
 * Late rule (the wave's `end` is its deadline, inclusive):
 * - submitted on or before the deadline → `done`;
 * - submitted after the deadline → `done_late` (counts as done, flagged late);
 * - not submitted and the deadline has passed (asOf > end) → `overdue` (late);
 * - not submitted, deadline not passed → `in_progress` when anything was
 *   answered, `not_started` otherwise.
 * A form may apply to some schools only (the leader-school survey); other cells
 * are `not_applicable` and count nowhere. The share done is done cells over
 * applicable cells, per row, per column and overall.
 */
import type { School } from '../domain/directory.ts';
import { dayNumber } from './dates.ts';
import { matchesFilter, type SchoolFilter } from './filters.ts';
import type { QuestionnaireSummaryInput, WaveInput } from './inputs.ts';

/** A questionnaire form as a column group of the matrix. */
export interface CompletionFormInput {
  id: string;
  /** Russian name, e.g. «Качество школьной среды». */
  label: string;
  /** The schools this form is for; all schools when unset. */
  appliesTo?: SchoolFilter;
  /** The waves this form is filled in; all waves when unset. */
  waves?: readonly string[];
}

/** The state of one cell. */
export type CompletionState =
  'done' | 'done_late' | 'in_progress' | 'not_started' | 'overdue' | 'not_applicable';

/** Russian names of the cell states (legend and exports). */
export const COMPLETION_LABELS = {
  states: {
    done: 'Заполнена',
    done_late: 'Заполнена с опозданием',
    in_progress: 'Заполняется',
    not_started: 'Не начата',
    overdue: 'Просрочена',
    not_applicable: '—',
  } satisfies Record<CompletionState, string>,
  school: 'Школа',
  done: 'Заполнено',
  late: 'С опозданием / просрочено',
  shareDone: 'Доля заполненных, %',
} as const;

/** A column of the matrix: one form in one wave. */
export interface CompletionColumn {
  formId: string;
  formLabel: string;
  wave: string;
  waveLabel: string;
  /** The wave's deadline. */
  deadline: string;
}

/** One cell: a school's questionnaire in a wave. */
export interface CompletionCell {
  state: CompletionState;
  /** True for `done_late` and `overdue`. */
  late: boolean;
  /** 0–100; 0 when there is no summary. */
  percentComplete: number;
  submittedAt: string | null;
}

/** Done and late counts over applicable cells, and the share done (0–1; 0 when nothing applies). */
export interface CompletionTotals {
  applicable: number;
  done: number;
  late: number;
  shareDone: number;
}

/** One school's row. */
export interface CompletionRow extends CompletionTotals {
  school: School;
  cells: CompletionCell[];
}

/** The matrix with its totals. */
export interface CompletionMatrix {
  columns: CompletionColumn[];
  rows: CompletionRow[];
  columnTotals: CompletionTotals[];
  totals: CompletionTotals;
}

/** Builds the completion matrix for these schools, forms and waves as of a day. */
export function buildCompletionMatrix(args: {
  schools: readonly School[];
  forms: readonly CompletionFormInput[];
  waves: readonly WaveInput[];
  summaries: readonly QuestionnaireSummaryInput[];
  /** Today (ISO date). */
  asOf: string;
}): CompletionMatrix {
  const { schools, forms, waves, summaries, asOf } = args;
  const today = dayNumber(asOf);
  // school → `form\u0000wave` → summary: one string key per summary and per column, not per cell.
  const bySchool = new Map<string, Map<string, QuestionnaireSummaryInput>>();
  for (const s of summaries) {
    let own = bySchool.get(s.schoolId);
    if (!own) bySchool.set(s.schoolId, (own = new Map()));
    own.set(`${s.formId}\u0000${s.wave}`, s);
  }

  const columns: {
    col: CompletionColumn;
    form: CompletionFormInput;
    key: string;
    deadline: number;
  }[] = [];
  for (const form of forms)
    for (const wave of waves)
      if (!form.waves || form.waves.includes(wave.id))
        columns.push({
          col: {
            formId: form.id,
            formLabel: form.label,
            wave: wave.id,
            waveLabel: wave.label,
            deadline: wave.end,
          },
          form,
          key: `${form.id}\u0000${wave.id}`,
          deadline: dayNumber(wave.end),
        });
  // A cell without a summary depends on its deadline only: one shared (read-only) cell per column.
  const blank = columns.map(({ deadline }) => cellOf(undefined, deadline, today));

  const colTotals = columns.map(() => emptyTotals());
  const all = emptyTotals();
  const rows = schools.map((school): CompletionRow => {
    const row = emptyTotals();
    const own = bySchool.get(school.id);
    const applies = new Map<CompletionFormInput, boolean>();
    const cells = columns.map(({ form, key, deadline }, i): CompletionCell => {
      if (form.appliesTo) {
        let ok = applies.get(form);
        if (ok === undefined) applies.set(form, (ok = matchesFilter(school, form.appliesTo)));
        if (!ok) return NOT_APPLICABLE;
      }
      const s = own?.get(key);
      const cell = s ? cellOf(s, deadline, today) : (blank[i] as CompletionCell);
      const done = cell.state === 'done' || cell.state === 'done_late' ? 1 : 0;
      const late = cell.late ? 1 : 0;
      const col = colTotals[i] as CompletionTotals;
      row.applicable++;
      row.done += done;
      row.late += late;
      col.applicable++;
      col.done += done;
      col.late += late;
      all.applicable++;
      all.done += done;
      all.late += late;
      return cell;
    });
    return { school, cells, ...withShare(row) };
  });
  return {
    columns: columns.map((c) => c.col),
    rows,
    columnTotals: colTotals.map(withShare),
    totals: withShare(all),
  };
}

const NOT_APPLICABLE: CompletionCell = {
  state: 'not_applicable',
  late: false,
  percentComplete: 0,
  submittedAt: null,
};

function cellOf(
  s: QuestionnaireSummaryInput | undefined,
  deadline: number,
  today: number,
): CompletionCell {
  const percentComplete = s?.percentComplete ?? 0;
  const submittedAt = s?.status === 'submitted' ? s.submittedAt : null;
  if (s?.status === 'submitted') {
    // A submission without a date is taken as on time: the summary could not say otherwise.
    const late = submittedAt !== null && dayNumber(submittedAt) > deadline;
    return { state: late ? 'done_late' : 'done', late, percentComplete, submittedAt };
  }
  if (today > deadline) return { state: 'overdue', late: true, percentComplete, submittedAt };
  const started = s !== undefined && (s.status === 'in_progress' || percentComplete > 0);
  return {
    state: started ? 'in_progress' : 'not_started',
    late: false,
    percentComplete,
    submittedAt,
  };
}

function emptyTotals(): CompletionTotals {
  return { applicable: 0, done: 0, late: 0, shareDone: 0 };
}

function withShare(t: CompletionTotals): CompletionTotals {
  return { ...t, shareDone: t.applicable === 0 ? 0 : t.done / t.applicable };
}
