/**
 * A school's questionnaires: every form × every wave (входной, промежуточный,
 * итоговый) of the current year, plus every wave the region opened that is not
 * over yet (its period and forms from the region's waves document,
 * questionnaires/waves-doc.ts); each with its summary computed on the device by
 * the shared `summarizeQuestionnaire` (the same function the relay runs, so the
 * school's list and the dashboards agree).
 */
import * as Y from 'yjs';
import {
  FORMS,
  WAVE_KINDS,
  compareWaveIds,
  currentWaves,
  formatDocId,
  readWaves,
  summarizeQuestionnaire,
  waveId,
  waveLabel,
  wavePhase,
  type AccessScope,
  type QuestionnaireSummary,
  type StoredWave,
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
  /** The wave's period when the region opened it (null: not opened, default deadlines). */
  period: { opensOn: string; closesOn: string; phase: 'upcoming' | 'open' | 'closed' } | null;
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

/** The monitoring waves of a region stored on the device (none when it has not synced them). */
export async function loadWaves(db: OporaDb, regionId: string | null): Promise<StoredWave[]> {
  if (!regionId) return [];
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, await storedState(db, formatDocId({ kind: 'waves', regionId })));
    return readWaves(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The forms × waves the user may read, with their summaries: the waves of
 * `year`, and the opened waves not over on `today`; an opened wave lists its own
 * forms and carries its period.
 */
export function buildQuestionnaireList(
  schoolId: string,
  year: number,
  summaries: ReadonlyMap<string, QuestionnaireSummary>,
  scope: AccessScope,
  waves: readonly StoredWave[] = [],
  today = '',
): QuestionnaireItem[] {
  const opened = new Map(waves.map((w) => [w.wave.id, w.wave]));
  const ids = new Set(yearWaves(year));
  for (const w of currentWaves(waves, today)) ids.add(w.wave.id);
  const items: QuestionnaireItem[] = [];
  for (const wave of [...ids].sort(compareWaveIds)) {
    const stored = opened.get(wave);
    const period = stored
      ? { opensOn: stored.opensOn, closesOn: stored.closesOn, phase: wavePhase(stored, today) }
      : null;
    for (const form of FORMS) {
      if (stored && !stored.formIds.includes(form.id)) continue;
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
        period,
      });
    }
  }
  return items;
}
