/**
 * Types and constants of the roadmap document (дорожная карта): the plain
 * snapshots screens read, and the enumerations stored in fields. The Yjs layout
 * these come from is described in model.ts.
 */
import type { ChangeAction, ChangeEntry } from './change-log.ts';
import type { FieldState, SlottedText } from './crdt-kit.ts';

/** Statuses of a measure (мероприятие). */
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
/** Status of a measure. */
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** Which way an indicator should move. */
export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
/** Direction of an indicator. */
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

/** Progress state of an indicator (rules.ts, indicatorProgress). */
export type IndicatorState = 'reached' | 'on_track' | 'behind' | 'no_data' | 'not_set';

/**
 * Priority directions of change, seed 000 ("предметные результаты; оценивание и
 * учет результатов; партнерство с родителями; поддержка профразвития"), plus
 * `other` with a title of the school's own.
 */
export const PRIORITY_DIRECTIONS = [
  'subject_results',
  'assessment',
  'parents',
  'professional_growth',
  'other',
] as const;
/** A priority direction. */
export type PriorityDirection = (typeof PRIORITY_DIRECTIONS)[number];

/** The recommended number of priority directions (seed 000: "2-4"). */
export const DIRECTION_COUNT = { min: 2, max: 4 } as const;

/** Levels of external resources (seed 000: "с учетом внешних (муниципальных и региональных) ресурсов"). */
export const RESOURCE_LEVELS = ['municipal', 'regional', 'federal', 'partner', 'other'] as const;
/** Level of an external resource. */
export type ResourceLevel = (typeof RESOURCE_LEVELS)[number];

/**
 * A risk factor as this module needs it. The ids come from the risk-profile
 * questionnaire (shared/src/questionnaires/); the roadmap stores only the id.
 */
export interface RiskFactorRef {
  id: string;
  title: string;
}

/** Kinds of items a comment or a history entry can point at. */
export const TARGET_KINDS = [
  'roadmap',
  'problem',
  'task',
  'indicator',
  'measure',
  'direction',
  'resource',
  'report',
  'comment',
] as const;
/** Kind of a target item. */
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Long-text fields of a problem (each a Y.Text). */
export const PROBLEM_TEXT_FIELDS = [
  'title',
  'description',
  'goal',
  'analysis',
  'criteriaQualitative',
  'criteriaQuantitative',
] as const;
/** A long-text field of a problem. */
export type ProblemTextField = (typeof PROBLEM_TEXT_FIELDS)[number];

/** A task (задача) of a problem. */
export interface TaskSnapshot {
  id: string;
  order: string;
  text: string;
}

/** One measured value of an indicator. */
export interface IndicatorValue {
  id: string;
  /** Date of the measurement, YYYY-MM-DD. */
  date: string;
  value: number;
  note: string;
  /** Who entered it and when (epoch ms). */
  by: string;
  at: number;
}

/** An indicator (показатель) with its values over time. */
export interface IndicatorSnapshot {
  id: string;
  order: string;
  problemId: string;
  name: string;
  /** Способ сбора данных (seed 001, criterion c). */
  method: string;
  unit: FieldState<string>;
  baseline: FieldState<number | null>;
  target: FieldState<number | null>;
  /** When the target should be reached; the roadmap's period end when unset. */
  targetDate: FieldState<string | null>;
  direction: FieldState<IndicatorDirection>;
  /** Values sorted by date, then by entry time. */
  values: IndicatorValue[];
}

/** Evidence attached to a measure: a note or a link to a document. */
export interface EvidenceItem {
  id: string;
  kind: 'note' | 'link';
  text: string;
  url: string;
  by: string;
  at: number;
}

/** A measure (мероприятие) of the plan. */
export interface MeasureSnapshot {
  id: string;
  order: string;
  problemId: string;
  title: string;
  description: string;
  start: FieldState<string | null>;
  end: FieldState<string | null>;
  responsible: FieldState<string>;
  status: FieldState<MeasureStatus>;
  evidence: EvidenceItem[];
}

/** A key problem with its whole management cycle (seed 001, criteria a–e). */
export interface ProblemSnapshot {
  id: string;
  order: string;
  title: string;
  description: string;
  /** Risk factors this problem addresses (ids from the risk profile), sorted. */
  factorIds: string[];
  /** Priority directions this problem belongs to, sorted. */
  directions: PriorityDirection[];
  goal: string;
  tasks: TaskSnapshot[];
  indicators: IndicatorSnapshot[];
  measures: MeasureSnapshot[];
  analysis: string;
  criteriaQualitative: string;
  criteriaQuantitative: string;
}

/** A chosen priority direction (concurrent picks of the same code are shown once). */
export interface DirectionSnapshot {
  code: PriorityDirection;
  /** The school's own title for `other`, '' otherwise. */
  title: string;
  /** Every stored entry for this choice (more than one after concurrent picks). */
  entryIds: string[];
}

/** An external resource used by the programme. */
export interface ResourceSnapshot {
  id: string;
  order: string;
  title: string;
  description: string;
  level: FieldState<ResourceLevel>;
  url: FieldState<string>;
}

/** A comment on an item (curators comment; anyone resolves). */
export interface CommentSnapshot {
  id: string;
  targetKind: TargetKind;
  targetId: string;
  /** The comment this one answers, or ''. */
  replyTo: string;
  text: string;
  by: string;
  byName: string;
  at: number;
  resolved: FieldState<boolean>;
  /** False when the target item was deleted since. */
  targetExists: boolean;
}

/** Actions recorded in the history. */
export type HistoryAction = ChangeAction;

/** One entry of the roadmap's history of changes (who changed what, when). */
export type HistoryEntry = ChangeEntry<TargetKind>;

/** A field currently holding concurrent values. */
export interface ConflictRef {
  targetKind: TargetKind;
  targetId: string;
  field: string;
}

/** The whole roadmap as plain data, in display order. */
export interface RoadmapSnapshot {
  title: FieldState<string>;
  periodStart: FieldState<string | null>;
  periodEnd: FieldState<string | null>;
  problems: ProblemSnapshot[];
  directions: DirectionSnapshot[];
  resources: ResourceSnapshot[];
  /** Comments, oldest first. */
  comments: CommentSnapshot[];
  /** History, oldest first. */
  history: HistoryEntry[];
  /** Editable conclusions of the report, by section key. */
  conclusions: Record<string, SlottedText>;
  conflicts: ConflictRef[];
}
