/**
 * Engagement: schools with no activity for N days («невовлечённые» школы, seed
 * 004 asks municipalities to support them with targeted plans).
 *
 * A school's last activity is the latest of: any questionnaire edit or
 * submission, any roadmap edit, any held visit or visit-report edit, and any other
 * dated trace passed in (a calendar participation mark, an exam entry). A school
 * is non-engaged when it has no activity at all, or when its last activity is N or
 * more whole days before asOf (N = 30: last active on 1 March, non-engaged from
 * 31 March). Planned visits are not activity: they have not happened yet.
 */
import type { School } from '../domain/directory.ts';
import { dayNumber } from './dates.ts';
import type {
  ActivityEventInput,
  QuestionnaireSummaryInput,
  RoadmapSummaryInput,
  VisitSummaryInput,
} from './inputs.ts';
import { rankByName } from './text.ts';

/** Russian headers of the engagement table. */
export const ENGAGEMENT_LABELS = {
  title: 'Невовлечённые школы',
  school: 'Школа',
  lastActivity: 'Последняя активность',
  daysSince: 'Дней без активности',
  never: 'Активности не было',
} as const;

/** The latest activity per school id, from every source of traces. */
export function lastActivityBySchool(sources: {
  questionnaires?: readonly QuestionnaireSummaryInput[];
  roadmaps?: readonly RoadmapSummaryInput[];
  visits?: readonly VisitSummaryInput[];
  events?: readonly ActivityEventInput[];
}): Map<string, string> {
  const last = new Map<string, { at: string; key: string }>();
  const see = (schoolId: string, at: string | null) => {
    if (at === null) return;
    const key = instantKey(at);
    if (key === null) return;
    const prev = last.get(schoolId);
    if (!prev || key > prev.key) last.set(schoolId, { at, key });
  };
  for (const q of sources.questionnaires ?? []) {
    see(q.schoolId, q.updatedAt);
    see(q.schoolId, q.submittedAt);
  }
  for (const r of sources.roadmaps ?? []) see(r.schoolId, r.updatedAt);
  for (const v of sources.visits ?? []) {
    if (v.status === 'done') see(v.schoolId, v.date);
    if (v.status !== 'planned') see(v.schoolId, v.updatedAt);
  }
  for (const e of sources.events ?? []) see(e.schoolId, e.at);
  return new Map([...last].map(([id, v]) => [id, v.at]));
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An instant as a UTC ISO string (`toISOString` form), which sorts as time does; a
 * date-only string is its midnight UTC; null when it does not parse. The summaries'
 * times are already in that form, so most need no Date.parse (30,000 of them here).
 */
function instantKey(at: string): string | null {
  if (CANONICAL.test(at)) return at;
  const ms = Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A non-engaged school. */
export interface NonEngagedSchool {
  school: School;
  /** null when the school has never been active. */
  lastActivityAt: string | null;
  /** Whole days since the last activity; null when never active. */
  daysSince: number | null;
}

/** Schools with no activity for `days` days, never-active ones first, then the longest idle. */
export function findNonEngagedSchools(args: {
  schools: readonly School[];
  lastActivity: ReadonlyMap<string, string>;
  asOf: string;
  days: number;
}): NonEngagedSchool[] {
  const today = dayNumber(args.asOf);
  const out: NonEngagedSchool[] = [];
  for (const school of args.schools) {
    const at = args.lastActivity.get(school.id) ?? null;
    const daysSince = at === null ? null : today - dayNumber(at);
    if (daysSince === null || daysSince >= args.days)
      out.push({ school, lastActivityAt: at, daysSince });
  }
  const rank = rankByName(out, (s) => s.school.name);
  return out.sort(
    (a, b) =>
      (b.daysSince ?? Infinity) - (a.daysSince ?? Infinity) ||
      (rank.get(a) ?? 0) - (rank.get(b) ?? 0),
  );
}
