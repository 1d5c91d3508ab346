/** A school's document list: the expected documents and those on the device, with their state. */
import type { AccessScope, School } from '@opora/shared';
import type { DocRow, DocSummary } from '$lib/db/database';
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

/** Builds the list: expected documents first, then any other the device holds, readable only. */
export function buildDocList(
  schoolId: string,
  year: number,
  rows: readonly DocIndexRow[],
  outbox: readonly { docId: string; status: string }[],
  scope: AccessScope,
): DocListItem[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ids = expectedDocIds(schoolId, year);
  const seen = new Set(ids);
  for (const r of rows) if (!seen.has(r.id)) ids.push(r.id);
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
