/**
 * A school's questionnaires of the current year: every form × every wave
 * (входной, промежуточный, итоговый), each with its summary computed on the
 * device by the shared `summarizeQuestionnaire` (the same function the relay
 * runs, so the school's list and the dashboards agree).
 */
import * as Y from 'yjs';
import {
  FORMS,
  WAVE_KINDS,
  formatDocId,
  summarizeQuestionnaire,
  waveId,
  waveLabel,
  type AccessScope,
  type QuestionnaireSummary,
} from '@opora/shared';
import type { OporaDb } from '$lib/db/database';
import { storedState } from '$lib/documents/doc-repo';

/** One line of the list. */
export interface QuestionnaireItem {
  docId: string;
  formId: string;
  formTitle: string;
  wave: string;
  waveLabel: string;
  /** Null when the document is not on this device yet. */
  summary: QuestionnaireSummary | null;
  canWrite: boolean;
}

/** The summaries of a school with nothing stored. */
export const NO_SUMMARIES: ReadonlyMap<string, QuestionnaireSummary> = new Map();

/** The waves of a year, in order. */
export function yearWaves(year: number): string[] {
  return WAVE_KINDS.map((k) => waveId(year, k));
}

/** Summaries of the school's questionnaires stored on the device, by document id. */
export async function loadSummaries(
  db: OporaDb,
  schoolId: string,
): Promise<Map<string, QuestionnaireSummary>> {
  const rows = await db.docs.where('schoolId').equals(schoolId).toArray();
  const out = new Map<string, QuestionnaireSummary>();
  for (const row of rows) {
    if (row.kind !== 'questionnaire') continue;
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, await storedState(db, row.id));
      const summary = summarizeQuestionnaire(doc, row.id);
      if (summary) out.set(row.id, summary);
    } finally {
      doc.destroy();
    }
  }
  return out;
}

/** The forms × waves of a year that the user may read, with their summaries. */
export function buildQuestionnaireList(
  schoolId: string,
  year: number,
  summaries: ReadonlyMap<string, QuestionnaireSummary>,
  scope: AccessScope,
): QuestionnaireItem[] {
  const items: QuestionnaireItem[] = [];
  for (const wave of yearWaves(year)) {
    for (const form of FORMS) {
      const docId = formatDocId({ kind: 'questionnaire', schoolId, formId: form.id, wave });
      if (!scope.canRead(docId)) continue;
      items.push({
        docId,
        formId: form.id,
        formTitle: form.title,
        wave,
        waveLabel: waveLabel(wave),
        summary: summaries.get(docId) ?? null,
        canWrite: scope.canWrite(docId),
      });
    }
  }
  return items;
}
