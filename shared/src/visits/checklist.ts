/**
 * The visit checklist: what a curator should look at in a school, built from the
 * small summaries the device keeps per document (never from whole documents):
 * questionnaires of the current wave to collect, roadmap measures late or due by
 * the visit, steps agreed at earlier visits still open, and criteria a–e the
 * last held visit found partly or not met (seed 001, 2.2 and 3).
 */
import { CHECKLIST_TEXT, CRITERION_LABELS } from './messages.ts';
import { CRITERIA, type Criterion } from './model.ts';
import type { VisitSummary } from './summary.ts';

/** A questionnaire of the school, as its summary says (statuses as in dashboard/inputs.ts). */
export interface ChecklistQuestionnaire {
  kind: 'questionnaire';
  docId: string;
  formId: string;
  wave: string;
  /** Russian title of the form. */
  title: string;
  status: 'not_started' | 'in_progress' | 'submitted';
  /** Answered questions and questions in the form. */
  filled: number;
  total: number;
}

/** A roadmap measure, as the roadmap summary lists it. */
export interface ChecklistMeasure {
  id: string;
  title: string;
  /** Deadline `YYYY-MM-DD`, or null. */
  due: string | null;
  status: 'planned' | 'in_progress' | 'done' | 'cancelled';
}

/** A roadmap of the school. */
export interface ChecklistRoadmap {
  kind: 'roadmap';
  docId: string;
  measures: readonly ChecklistMeasure[];
}

/** An earlier visit of the school. */
export interface ChecklistVisit {
  kind: 'visit';
  summary: VisitSummary;
}

/** The minimal summaries of a school's documents the checklist reads. */
export type ChecklistSource = ChecklistQuestionnaire | ChecklistRoadmap | ChecklistVisit;

/** What the checklist is built for. */
export interface ChecklistOptions {
  /** Day of the coming visit, `YYYY-MM-DD`. */
  visitDate: string;
  /** The monitoring wave in progress; only its questionnaires are to collect. */
  wave?: string;
  /** Forms the wave expects of the school, to flag those not even started. */
  expectedForms?: readonly { formId: string; title: string }[];
  /** Measures due up to this many days after the visit are reviewed too (default 14). */
  dueWindowDays?: number;
}

/** Kinds of checklist items, in the order they are listed. */
export const CHECKLIST_KINDS = [
  'reviewLateMeasure',
  'stepAwaitingSchool',
  'collectQuestionnaire',
  'startQuestionnaire',
  'reviewDueMeasure',
  'stepInProgress',
  'recheckCriterion',
] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

/** One thing to do or check at the visit. */
export interface ChecklistItem {
  kind: ChecklistKind;
  /** The document it concerns ('' for a questionnaire not created yet). */
  docId: string;
  /** The measure, step or criterion within it. */
  itemId: string;
  /** Russian text: what to do. */
  title: string;
  /** Russian text: the object (form title, measure, step, criterion) and a detail. */
  detail: string;
}

function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) return date;
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** Builds the checklist of a coming visit from the school's document summaries. */
export function buildVisitChecklist(
  sources: readonly ChecklistSource[],
  options: ChecklistOptions,
): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const horizon = addDays(options.visitDate, options.dueWindowDays ?? 14);
  const formsSeen = new Set<string>();
  const visits: VisitSummary[] = [];
  for (const src of sources) {
    if (src.kind === 'questionnaire') {
      if (options.wave !== undefined && src.wave !== options.wave) continue;
      formsSeen.add(src.formId);
      if (src.status === 'submitted') continue;
      items.push({
        kind: src.status === 'not_started' ? 'startQuestionnaire' : 'collectQuestionnaire',
        docId: src.docId,
        itemId: src.formId,
        title:
          src.status === 'not_started'
            ? CHECKLIST_TEXT.startQuestionnaire
            : CHECKLIST_TEXT.collectQuestionnaire,
        detail: `${src.title}: ${CHECKLIST_TEXT.filled(src.filled, src.total)}`,
      });
    } else if (src.kind === 'roadmap') {
      for (const m of src.measures) {
        if (m.status === 'done' || m.status === 'cancelled' || m.due === null) continue;
        const late = m.due < options.visitDate;
        if (!late && m.due > horizon) continue;
        items.push({
          kind: late ? 'reviewLateMeasure' : 'reviewDueMeasure',
          docId: src.docId,
          itemId: m.id,
          title: late ? CHECKLIST_TEXT.reviewLateMeasure : CHECKLIST_TEXT.reviewDueMeasure,
          detail: `${m.title}: ${CHECKLIST_TEXT.dueOn(m.due)}`,
        });
      }
    } else visits.push(src.summary);
  }
  for (const f of options.expectedForms ?? []) {
    if (formsSeen.has(f.formId)) continue;
    items.push({
      kind: 'startQuestionnaire',
      docId: '',
      itemId: f.formId,
      title: CHECKLIST_TEXT.startQuestionnaire,
      detail: f.title,
    });
  }
  for (const v of visits) {
    if (v.status === 'cancelled') continue;
    for (const s of v.openSteps)
      items.push({
        kind: s.state === 'proposed' ? 'stepAwaitingSchool' : 'stepInProgress',
        docId: v.docId,
        itemId: s.id,
        title:
          s.state === 'proposed'
            ? CHECKLIST_TEXT.stepAwaitingSchool
            : CHECKLIST_TEXT.stepInProgress,
        detail: s.due ? `${s.text}: ${CHECKLIST_TEXT.dueOn(s.due)}` : s.text,
      });
  }
  // Only the latest held visit before this one judges the criteria now.
  const last = visits
    .filter((v) => v.status === 'done' && v.date !== '' && v.date <= options.visitDate)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .pop();
  for (const c of last?.weakCriteria ?? [])
    if ((CRITERIA as string[]).includes(c))
      items.push({
        kind: 'recheckCriterion',
        docId: last!.docId,
        itemId: c,
        title: CHECKLIST_TEXT.recheckCriterion,
        detail: CRITERION_LABELS[c as Criterion],
      });
  const rank = (k: ChecklistKind) => CHECKLIST_KINDS.indexOf(k);
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(a.item.kind) - rank(b.item.kind) || a.i - b.i)
    .map((x) => x.item);
}
