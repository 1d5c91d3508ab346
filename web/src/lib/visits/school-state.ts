/**
 * What the curator sees of a school without opening a document: its visits
 * (from the visit summaries on the device), last contact and next planned
 * visit, what is waiting to be sent or was refused, questionnaires not handed
 * in, and the sources of the visit checklist (shared buildVisitChecklist).
 */
import type { DocIndexRow } from '$lib/documents/doc-list';
import type { VisitSummary } from '@opora/shared/visits/summary';
import type { ChecklistMeasure, ChecklistSource } from '@opora/shared/visits/checklist';

/** A school's state for the curator's home and the school page. */
export interface SchoolVisitState {
  /** Visits and interviews, latest first. */
  visits: VisitSummary[];
  /** Day of the last visit held (YYYY-MM-DD), or null. */
  lastContact: string | null;
  /** Day of the next planned visit from today on, or null. */
  nextVisit: string | null;
  /** Local changes waiting to be sent, and those the relay refused. */
  pending: number;
  refused: number;
  /** Questionnaires on the device neither submitted nor accepted. */
  questionnairesOpen: number;
  /** Steps of visits waiting for the school's decision. */
  stepsAwaitingSchool: number;
}

/** Today on the device as YYYY-MM-DD (local calendar day). */
export function localDay(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

function visitOf(row: DocIndexRow): VisitSummary | null {
  const d = row.summary.detail;
  return d && d.kind === 'visit' ? d.data : null;
}

/** Builds a school's state from its index rows and the outbox's rows of its documents. */
export function schoolVisitState(
  rows: readonly DocIndexRow[],
  outbox: readonly { docId: string; status: string }[],
  today: string,
): SchoolVisitState {
  const ids = new Set(rows.map((r) => r.id));
  const visits = rows
    .map(visitOf)
    .filter((v): v is VisitSummary => v !== null)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.docId < b.docId ? 1 : -1));
  const held = visits.filter((v) => v.status === 'done' && v.date !== '' && v.date <= today);
  const planned = visits
    .filter((v) => v.status === 'planned' && v.date >= today)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let pending = 0;
  let refused = 0;
  for (const o of outbox) {
    if (!ids.has(o.docId)) continue;
    if (o.status === 'refused') refused++;
    else pending++;
  }
  let questionnairesOpen = 0;
  for (const r of rows) {
    const d = r.summary.detail;
    if (r.kind !== 'questionnaire') continue;
    const status = d && d.kind === 'questionnaire' ? d.data.status : 'draft';
    if (status !== 'submitted' && status !== 'accepted') questionnairesOpen++;
  }
  return {
    visits,
    lastContact: held[0]?.date ?? null,
    nextVisit: planned[0]?.date ?? null,
    pending,
    refused,
    questionnairesOpen,
    stepsAwaitingSchool: visits
      .filter((v) => v.status !== 'cancelled')
      .reduce((n, v) => n + v.stepsAwaitingSchool, 0),
  };
}

/** The checklist's sources: questionnaires, the roadmap's measures, earlier visits. */
export function checklistSources(
  rows: readonly DocIndexRow[],
  roadmap: { docId: string; measures: ChecklistMeasure[] } | null,
  titleOf: (docId: string) => string,
): ChecklistSource[] {
  const out: ChecklistSource[] = [];
  for (const r of rows) {
    const d = r.summary.detail;
    if (r.kind === 'questionnaire') {
      const q = d && d.kind === 'questionnaire' ? d.data : null;
      const [, , , formId = '', wave = ''] = r.id.split(':');
      const percent = q?.percent ?? (r.summary.filled > 0 ? 1 : 0);
      out.push({
        kind: 'questionnaire',
        docId: r.id,
        formId,
        wave,
        title: titleOf(r.id),
        status:
          q && (q.status === 'submitted' || q.status === 'accepted')
            ? 'submitted'
            : percent > 0
              ? 'in_progress'
              : 'not_started',
        filled: Math.round(percent),
        total: 100,
      });
    } else if (d && d.kind === 'visit') out.push({ kind: 'visit', summary: d.data });
  }
  if (roadmap) out.push({ kind: 'roadmap', docId: roadmap.docId, measures: roadmap.measures });
  return out;
}
