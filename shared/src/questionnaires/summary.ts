/**
 * The small JSON summary of one questionnaire document, for lists and
 * dashboards. The device and the relay run this same function on the same
 * document state, so a coordinator's dashboard (built from the relay's
 * summaries) and the school's own list never disagree about a document.
 *
 * Deterministic: no clock, no randomness; every field comes from the document
 * and the form definition. Keep it small (it is stored per document and sent in
 * lists): counts and levels, not answers.
 */
import * as Y from 'yjs';
import { parseDocId } from '../documents/ids.ts';
import { evaluateQuestionnaire } from './document.ts';
import { formById } from './forms/index.ts';
import type { RiskFactorId } from './risk-factors.ts';
import { factorLevels, riskProfile, type FactorRiskLevel } from './risk-profile.ts';
import { currentStatus, type ReviewStatus } from './status.ts';

/** Current version of the summary shape; bump when a field changes meaning. */
export const SUMMARY_VERSION = 1;

/** The summary of one questionnaire document. */
export interface QuestionnaireSummary {
  v: typeof SUMMARY_VERSION;
  formId: string;
  formVersion: number;
  wave: string;
  status: ReviewStatus;
  statusBy: string;
  statusAt: number;
  /** Answered share of the questions currently asked, 0–100. */
  percent: number;
  requiredMissing: number;
  /** Last change to answers, texts, status or comments; null when untouched. */
  lastChangeAt: number | null;
  lastChangeBy: string | null;
  /** Answers with two different concurrent values. */
  conflicts: number;
  /** Stored entries the form cannot use (old or hostile clients). */
  invalid: number;
  /** Only for the risk diagnostic. */
  factorLevels?: Record<RiskFactorId, FactorRiskLevel>;
}

/**
 * Summarises a questionnaire document. `docId` gives form and wave; returns
 * null when the id is not a questionnaire's or names an unknown form.
 */
export function summarizeQuestionnaire(doc: Y.Doc, docId: string): QuestionnaireSummary | null {
  const ref = parseDocId(docId);
  if (!ref || ref.kind !== 'questionnaire') return null;
  const form = formById(ref.formId);
  if (!form) return null;
  const { state, evaluation } = evaluateQuestionnaire(doc, form);
  const status = currentStatus(doc);
  const summary: QuestionnaireSummary = {
    v: SUMMARY_VERSION,
    formId: form.id,
    formVersion: form.version,
    wave: ref.wave,
    status: status.status,
    statusBy: status.by,
    statusAt: status.at,
    percent: evaluation.progress.percent,
    requiredMissing: evaluation.progress.required - evaluation.progress.requiredAnswered,
    lastChangeAt: state.lastChange?.at ?? null,
    lastChangeBy: state.lastChange?.by ?? null,
    conflicts: state.conflicts.length,
    invalid: state.invalid.length,
  };
  if (form.id === 'risk_diagnostic')
    summary.factorLevels = factorLevels(riskProfile(evaluation, form));
  return summary;
}
