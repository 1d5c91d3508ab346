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
  WAVE_KINDS,
  compareWaveIds,
  currentWaves,
  formatDocId,
  readWaves,
  waveId,
  waveLabel,
  wavePhase,
  type AccessScope,
  type QuestionnaireSummary,
  type StoredWave,
} from '@opora/shared';
import { FORM_IDS, FORM_TITLES } from '@opora/shared/questionnaires/form-titles';
import { SUMMARY_DETAIL_VERSION, type OporaDb } from '$lib/db/database';
import { storedState } from '$lib/documents/doc-repo';
import { loadDetailSummarizers } from '$lib/documents/summary';

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

/**
 * Summaries of the school's questionnaires stored on the device, by document id:
 * the summary the sync stored with each document (documents/summary.ts) when it
 * is current, else computed here from the stored state by the shared summarizer,
 * loaded only then (the form definitions stay off the first screen).
 */
export async function loadSummaries(
  db: OporaDb,
  schoolId: string,
): Promise<Map<string, QuestionnaireSummary>> {
  const rows = await db.docs.where('schoolId').equals(schoolId).toArray();
  const out = new Map<string, QuestionnaireSummary>();
  for (const row of rows) {
    if (row.kind !== 'questionnaire') continue;
    const detail = row.summary.detail;
    if (detail === null) continue; // not summarisable (an unknown form)
    if (detail?.kind === 'questionnaire' && detail.dv === SUMMARY_DETAIL_VERSION) {
      out.set(row.id, detail.data);
      continue;
    }
    const { computeDetail } = await loadDetailSummarizers();
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, await storedState(db, row.id));
      const computed = computeDetail(doc, 'questionnaire', row.id);
      if (computed?.kind === 'questionnaire') out.set(row.id, computed.data);
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
    for (const formId of FORM_IDS) {
      if (stored && !stored.formIds.includes(formId)) continue;
      const docId = formatDocId({ kind: 'questionnaire', schoolId, formId, wave });
      if (!scope.canRead(docId)) continue;
      items.push({
        docId,
        formId,
        formTitle: FORM_TITLES[formId] ?? formId,
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
