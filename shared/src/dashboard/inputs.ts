/**
 * What the dashboards read. Dashboards are built from summaries (small records a
 * device keeps per document), never from whole documents, so a view of 2,000
 * schools stays fast (DESIGN.md, "Scale"). These are the narrowest shapes the
 * aggregations need; the summaries of `questionnaires/`, `roadmap/` and `visits/`
 * are adapted to them by a small mapping function each, so those modules can grow
 * without touching the dashboards.
 *
 * Dates are ISO strings: `YYYY-MM-DD` for days, ISO 8601 with an offset for
 * instants.
 */

/** Where a questionnaire of one wave stands. */
export type QuestionnaireStatus = 'not_started' | 'in_progress' | 'submitted';

/** One school's questionnaire in one monitoring wave (from a questionnaire summary). */
export interface QuestionnaireSummaryInput {
  schoolId: string;
  /** Form id, as in the document id (`risk-profile`, `environment`, …). */
  formId: string;
  /** Wave id, as in the document id. */
  wave: string;
  status: QuestionnaireStatus;
  /** Share of the questions answered, 0–100. */
  percentComplete: number;
  /** When it was submitted; null while not submitted. */
  submittedAt: string | null;
  /** Last edit; null when nobody has touched it. */
  updatedAt: string | null;
}

/** A monitoring wave (входной, промежуточный, итоговый мониторинг) and its period. */
export interface WaveInput {
  id: string;
  /** Russian name, e.g. «Входной мониторинг 2026». */
  label: string;
  /** First day of the wave. */
  start: string;
  /** Deadline: last day to submit. */
  end: string;
}

/** The level of one risk factor in a school's risk profile. */
export type RiskLevel = 'low' | 'medium' | 'high';

/** A risk factor column of the heatmap (the list itself is owned by `questionnaires/`). */
export interface RiskFactorColumn {
  id: string;
  /** Russian name, e.g. «Низкая учебная мотивация обучающихся». */
  label: string;
}

/** A school's risk profile from one wave of the risk questionnaire. */
export interface RiskProfileInput {
  schoolId: string;
  wave: string;
  /** Level per factor id; a missing or null entry is "not assessed". */
  levels: Readonly<Record<string, RiskLevel | null | undefined>>;
  /** When the profile was computed; the latest one wins when no wave is asked for. */
  assessedAt: string | null;
}

/** A school's roadmap for one year (from a roadmap summary). */
export interface RoadmapSummaryInput {
  schoolId: string;
  year: number;
  measures: {
    /** Measures reported done. */
    done: number;
    /** Measures past their due date and not done. */
    late: number;
    /** Measures not done and not yet due. */
    planned: number;
  };
  indicators: {
    total: number;
    /** Indicators whose current value is on the way to the target. */
    onTrack: number;
  };
  /** Last edit of the roadmap; null when never edited. */
  updatedAt: string | null;
}

/** Where a curator's visit stands. */
export type VisitInputStatus = 'planned' | 'done' | 'cancelled';

/** One curator's visit to (or interview with) a school (from a visit summary). */
export interface VisitSummaryInput {
  schoolId: string;
  visitId: string;
  curatorId: string;
  /** Day of the visit (planned or held). */
  date: string;
  status: VisitInputStatus;
  /** Last edit of the report. */
  updatedAt: string | null;
}

/** A curator and the schools assigned to them (from the directory's memberships). */
export interface CuratorInput {
  /** User id. */
  id: string;
  name: string;
  schoolIds: readonly string[];
}

/** Any other dated trace of a school's activity (a calendar mark, an exam entry, an upload). */
export interface ActivityEventInput {
  schoolId: string;
  at: string;
}
