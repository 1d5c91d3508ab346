/**
 * A school's «Документы» list: the documents no section of the school's screen
 * shows (questionnaires, plans and visits have their own sections,
 * documents/school-sections.svelte), i.e. its exam results and whatever else
 * the device holds (past years' questionnaires and roadmaps, say), each once.
 */
import {
  formatDocId,
  parseDocId,
  type AccessScope,
  type DirectorySnapshot,
  type Partnership,
  type School,
  type StoredWave,
} from '@opora/shared';
import type { DocRow, DocSummary } from '$lib/db/database';
import { NO_SUMMARIES, buildQuestionnaireList } from '$lib/questionnaires/school-questionnaires';
import { docTitleOf, expectedDocIds } from './catalogue';

/** One line of a school's document list. */
export interface DocListItem {
  id: string;
  title: string;
  /** Null when the document does not exist on this device yet. */
  summary: DocSummary | null;
  pending: number;
  refused: number;
  canWrite: boolean;
}

/** An index row without its Y.Doc. */
export type DocIndexRow = Omit<DocRow, 'content'>;

/** The current calendar year (the year of roadmaps and plans). */
export function currentYear(): number {
  return new Date().getFullYear();
}

/** What the sections above the list show, so the list leaves it out. */
export interface SectionsShown {
  year: number;
  /** The region's monitoring waves stored on the device. */
  waves: readonly StoredWave[];
  /** Today, `YYYY-MM-DD` (which opened waves are not over). */
  today: string;
  partnerships: readonly Partnership[];
}

/**
 * The ids the school's sections show: its questionnaires (the same list the
 * questionnaire section builds), this year's roadmap, the tutoring plans of its
 * partnerships; visits are matched by kind (the visits section lists them all).
 */
export function sectionDocIds(
  schoolId: string,
  scope: AccessScope,
  shown: SectionsShown,
): Set<string> {
  const ids = new Set(
    buildQuestionnaireList(schoolId, shown.year, NO_SUMMARIES, scope, shown.waves, shown.today).map(
      (i) => i.docId,
    ),
  );
  ids.add(formatDocId({ kind: 'roadmap', schoolId, year: shown.year }));
  for (const p of shown.partnerships)
    if (p.leaderSchoolId === schoolId || p.schoolId === schoolId)
      ids.add(formatDocId({ kind: 'tutoring', ...p }));
  return ids;
}

/** Builds the list: the exam results first, then any other document the device holds that no section shows. */
export function buildDocList(
  schoolId: string,
  rows: readonly DocIndexRow[],
  outbox: readonly { docId: string; status: string }[],
  scope: AccessScope,
  shown: SectionsShown,
): DocListItem[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ids = expectedDocIds(schoolId);
  const seen = new Set([...ids, ...sectionDocIds(schoolId, scope, shown)]);
  for (const r of rows)
    if (!seen.has(r.id) && parseDocId(r.id)?.kind !== 'visit') {
      seen.add(r.id);
      ids.push(r.id);
    }
  const counts = new Map<string, { pending: number; refused: number }>();
  for (const o of outbox) {
    const c = counts.get(o.docId) ?? { pending: 0, refused: 0 };
    if (o.status === 'refused') c.refused++;
    else c.pending++;
    counts.set(o.docId, c);
  }
  return ids
    .filter((id) => scope.canRead(id))
    .map((id) => ({
      id,
      title: docTitleOf(id, byId.get(id)?.summary),
      summary: byId.get(id)?.summary ?? null,
      pending: counts.get(id)?.pending ?? 0,
      refused: counts.get(id)?.refused ?? 0,
      canWrite: scope.canWrite(id),
    }));
}

/** A school's flags as short labels (ШНОР, ШНСУ, школа-лидер). */
export function schoolFlags(
  s: School,
  labels: Record<'lowResults' | 'unfavourableConditions' | 'leader', string>,
): string[] {
  const out: string[] = [];
  if (s.lowResults) out.push(labels.lowResults);
  if (s.unfavourableConditions) out.push(labels.unfavourableConditions);
  if (s.leader) out.push(labels.leader);
  return out;
}

/** The region of a school by the directory on the device (null when it does not say). */
export function schoolRegionId(directory: DirectorySnapshot, schoolId: string): string | null {
  const m = directory.schools.find((s) => s.id === schoolId)?.municipalityId;
  return directory.municipalities.find((x) => x.id === m)?.regionId ?? null;
}
