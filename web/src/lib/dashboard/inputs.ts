/**
 * From the device's document index to the dashboards' inputs
 * (shared/src/dashboard/inputs.ts). Dashboards read only the summary details
 * (documents/summary-detail.ts), never whole documents, so 2,000 schools'
 * worth of rows turns into every table in one pass.
 *
 * Mapping:
 * - questionnaire: submitted and accepted count as submitted (at `statusAt`),
 *   returned and drafts with answers as in progress; the risk diagnostic's
 *   factor levels give the risk profile ('unknown' is "not assessed");
 * - roadmap: late measures are counted apart (a late one is also planned or in
 *   progress), so planned = total − done − cancelled − late; indicators reached
 *   count as on track;
 * - visit: the visit summary is already the dashboards' shape;
 * - exams: `<year>:<indicator>` → average; the plan's `examAverages` are the
 *   regional averages of the plan's year;
 * - tutoring: an agreement signed, active or completed is a partnership signed.
 */
import {
  FORMS,
  RISK_FACTORS,
  isExamIndicator,
  parseDocId,
  parseWaveId,
  type CompletionFormInput,
  type CuratorInput,
  type DirectoryCurator,
  type DirectorySnapshot,
  type ExamResult,
  type Membership,
  type Municipality,
  type Partnership,
  type QuestionnaireSummaryInput,
  type RegionalAverage,
  type RiskFactorColumn,
  type RiskLevel,
  type RiskProfileInput,
  type RoadmapSummaryInput,
  type School,
  type VisitSummaryInput,
  type WaveDescriptor,
} from '@opora/shared';
import type { DocRow, SummaryDetail } from '$lib/db/database';
import { personName } from '$lib/directory/people';

/** An index row as the dashboards read it (no Y.Doc). */
export type SummaryRow = Pick<DocRow, 'id' | 'kind' | 'schoolId' | 'updatedAt'> & {
  detail: SummaryDetail | null | undefined;
};

/** Everything the dashboards read, from the summaries on the device. */
export interface DashboardInputs {
  questionnaires: QuestionnaireSummaryInput[];
  riskProfiles: RiskProfileInput[];
  roadmaps: RoadmapSummaryInput[];
  visits: VisitSummaryInput[];
  examResults: ExamResult[];
  regionalAverages: RegionalAverage[];
  /** Partnerships whose agreement is signed, active or completed. */
  signedPartnerships: Partnership[];
  /** Tutoring details per participant school id (for the school card). */
  tutoring: Map<string, Extract<SummaryDetail, { kind: 'tutoring' }>['data'][]>;
  /** Rows without a detail yet (the backfill is computing them). */
  pendingDetails: number;
}

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined || !Number.isFinite(ms) || ms <= 0
    ? null
    : new Date(ms).toISOString();

/** Maps the index rows to the dashboards' inputs. */
export function inputsFromRows(rows: readonly SummaryRow[]): DashboardInputs {
  const out: DashboardInputs = {
    questionnaires: [],
    riskProfiles: [],
    roadmaps: [],
    visits: [],
    examResults: [],
    regionalAverages: [],
    signedPartnerships: [],
    tutoring: new Map(),
    pendingDetails: 0,
  };
  for (const row of rows) {
    const d = row.detail;
    if (d === undefined) {
      out.pendingDetails++;
      continue;
    }
    if (d === null) continue;
    switch (d.kind) {
      case 'questionnaire': {
        const q = d.data;
        const submitted = q.status === 'submitted' || q.status === 'accepted';
        const touched = q.percent > 0 || q.lastChangeAt !== null;
        out.questionnaires.push({
          schoolId: row.schoolId,
          formId: q.formId,
          wave: q.wave,
          status: submitted ? 'submitted' : touched ? 'in_progress' : 'not_started',
          percentComplete: q.percent,
          submittedAt: submitted ? iso(q.statusAt) : null,
          updatedAt: iso(q.lastChangeAt),
        });
        if (q.factorLevels) {
          const levels: Record<string, RiskLevel | null> = {};
          let assessed = false;
          for (const [id, level] of Object.entries(q.factorLevels)) {
            levels[id] = level === 'unknown' ? null : level;
            if (level !== 'unknown') assessed = true;
          }
          if (assessed)
            out.riskProfiles.push({
              schoolId: row.schoolId,
              wave: q.wave,
              levels,
              assessedAt: iso(q.lastChangeAt) ?? iso(row.updatedAt),
            });
        }
        break;
      }
      case 'roadmap': {
        const ref = parseDocId(row.id);
        if (ref?.kind !== 'roadmap') break;
        const m = d.data.measures;
        const i = d.data.indicators;
        out.roadmaps.push({
          schoolId: row.schoolId,
          year: ref.year,
          measures: {
            done: m.done,
            late: m.late,
            planned: Math.max(0, m.total - m.done - m.cancelled - m.late),
          },
          indicators: { total: i.total - i.notSet, onTrack: i.onTrack + i.reached },
          updatedAt: iso(d.data.lastChange?.at),
        });
        break;
      }
      case 'visit': {
        const v = d.data;
        out.visits.push({
          schoolId: v.schoolId,
          visitId: v.visitId,
          curatorId: v.curatorId,
          date: v.date,
          status: v.status,
          updatedAt: v.updatedAt,
        });
        break;
      }
      case 'exams':
        for (const [key, average] of Object.entries(d.results)) {
          const [year, indicator] = key.split(':');
          if (isExamIndicator(indicator))
            out.examResults.push({
              schoolId: row.schoolId,
              year: Number(year),
              indicator,
              average,
            });
        }
        break;
      case 'plan': {
        const ref = parseDocId(row.id);
        if (ref?.kind !== 'plan') break;
        for (const [indicator, average] of Object.entries(d.examAverages))
          if (isExamIndicator(indicator))
            out.regionalAverages.push({ year: ref.year, indicator, average });
        break;
      }
      case 'tutoring': {
        const ref = parseDocId(row.id);
        if (ref?.kind !== 'tutoring') break;
        const status = d.data.status;
        if (status === 'signed' || status === 'active' || status === 'completed')
          out.signedPartnerships.push({
            leaderSchoolId: ref.leaderSchoolId,
            schoolId: ref.schoolId,
            year: ref.year,
          });
        const list = out.tutoring.get(ref.schoolId) ?? [];
        list.push(d.data);
        out.tutoring.set(ref.schoolId, list);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** The municipalities a user coordinates (municipal ones, and every one of a coordinated region). */
export function coordinatedMunicipalities(
  memberships: readonly Membership[],
  dir: DirectorySnapshot,
): Municipality[] {
  const munis = new Set<string>();
  const regions = new Set<string>();
  for (const m of memberships) {
    if (m.role === 'municipal_coordinator' && m.municipalityId) munis.add(m.municipalityId);
    if (m.role === 'regional_coordinator' && m.regionId) regions.add(m.regionId);
  }
  return dir.municipalities.filter((m) => munis.has(m.id) || regions.has(m.regionId));
}

/**
 * The schools a coordinator's dashboards cover: those of the coordinated
 * municipalities only. A partner school from another municipality is in the
 * device's directory (to name the partnership) but never in the dashboards.
 */
export function schoolsInScope(
  memberships: readonly Membership[],
  dir: DirectorySnapshot,
): School[] {
  const munis = new Set(coordinatedMunicipalities(memberships, dir).map((m) => m.id));
  return dir.schools.filter((s) => munis.has(s.municipalityId));
}

/** True when the user coordinates a municipality or a region. */
export function isCoordinator(memberships: readonly Membership[]): boolean {
  return memberships.some(
    (m) => m.role === 'municipal_coordinator' || m.role === 'regional_coordinator',
  );
}

/** The questionnaires as completion columns; the programme surveys apply to their schools only. */
export function completionForms(): CompletionFormInput[] {
  return FORMS.map((f): CompletionFormInput => {
    if (f.id === 'programme_participant')
      return {
        id: f.id,
        label: f.title,
        appliesTo: { flags: ['lowResults', 'unfavourableConditions'] },
      };
    if (f.id === 'programme_leader')
      return { id: f.id, label: f.title, appliesTo: { flags: ['leader'] } };
    return { id: f.id, label: f.title };
  });
}

/** The ten risk factors as heatmap columns. */
export function riskFactorColumns(): RiskFactorColumn[] {
  return RISK_FACTORS.map((f) => ({ id: f.id, label: f.title }));
}

/** The waves regional coordinators opened (the region's waves documents on the device). */
export function storedWavesOf(rows: readonly SummaryRow[]): WaveDescriptor[] {
  const out: WaveDescriptor[] = [];
  for (const r of rows) if (r.detail?.kind === 'waves') out.push(...r.detail.waves);
  return out;
}

/** The years the questionnaires on the device were filled in, newest first, with `current`. */
export function yearsOf(inputs: DashboardInputs, current: number): number[] {
  const years = new Set<number>([current]);
  // A few distinct waves among thousands of questionnaires: parse each once.
  for (const wave of new Set(inputs.questionnaires.map((q) => q.wave))) {
    const w = parseWaveId(wave);
    if (w) years.add(w.year);
  }
  for (const r of inputs.roadmaps) years.add(r.year);
  return [...years].sort((a, b) => b - a);
}

/**
 * The curators of the workspace: those the directory names for the coordinated
 * schools (their assignments, as /api/me gives them to coordinators), plus
 * anyone else who visited or interviewed (a coordinator, a curator since
 * reassigned), named from the directory or `names`, else by id. A curator's
 * schools are their assignments; the schools they only visited are added by
 * `buildCuratorActivity` as not assigned.
 */
export function curatorsOf(
  assigned: readonly DirectoryCurator[],
  visits: readonly VisitSummaryInput[],
  names: ReadonlyMap<string, string> = new Map(),
): CuratorInput[] {
  const out = new Map<string, CuratorInput>(
    assigned.map((c) => [c.id, { id: c.id, name: c.name, schoolIds: c.schoolIds }]),
  );
  for (const v of visits)
    if (v.curatorId && !out.has(v.curatorId))
      out.set(v.curatorId, {
        id: v.curatorId,
        name: personName(names, v.curatorId),
        schoolIds: [],
      });
  return [...out.values()].sort(byName);
}

/**
 * The curators as the filter shows them: each narrowed to their shown schools;
 * one with none shown and no visit among `visits` (the shown schools' visits) drops out.
 */
export function curatorsShown(
  curators: readonly CuratorInput[],
  visits: readonly VisitSummaryInput[],
  shown: ReadonlySet<string>,
): CuratorInput[] {
  const visitors = new Set(visits.map((v) => v.curatorId));
  return curators
    .map((c) => ({ ...c, schoolIds: c.schoolIds.filter((id) => shown.has(id)) }))
    .filter((c) => c.schoolIds.length > 0 || visitors.has(c.id));
}

/** The current calendar year on this device. */
export function thisYear(): number {
  return new Date().getFullYear();
}

/** Ids of a list of things, as a set (plain data for derived state). */
export function idSet(list: readonly { id: string }[]): ReadonlySet<string> {
  return new Set(list.map((x) => x.id));
}

/** Things by id (plain data for derived state). */
export function byId<T extends { id: string }>(list: readonly T[]): ReadonlyMap<string, T> {
  return new Map(list.map((x) => [x.id, x]));
}

/** Names by id (plain data for derived state). */
export function nameMap(
  list: readonly { id: string; name: string }[],
): ReadonlyMap<string, string> {
  return new Map(list.map((x) => [x.id, x.name]));
}

/** Distinct values, sorted (newest year first for numbers). */
export function distinctDesc(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => b - a);
}

/** Groups items by a key (plain data for a one-off computation). */
export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

const collator = new Intl.Collator('ru');

/** Orders things by their Russian name (one shared collator: localeCompare per call is slow). */
export function byName(a: { name: string }, b: { name: string }): number {
  return collator.compare(a.name, b.name);
}
