/**
 * The school's risk profile as the profile page shows it: every factor with
 * its level, the answers that drove it (question wording and the answer as
 * text) and the school coordinator's «программа работает с этим фактором»
 * mark. Scoring is the shared `riskProfile`; this module only phrases it.
 */
import type * as Y from 'yjs';
import {
  RISK_FACTORS,
  evaluateQuestionnaire,
  findQuestion,
  riskProfile,
  selectFactor,
  selectedFactors,
  type FactorRiskLevel,
  type FormDefinition,
  type RiskFactorId,
} from '@opora/shared';
import { LOCAL_ORIGIN } from '$lib/documents/origins';
import { formatAnswer, formatNumber } from './format';
import type { DocHandle } from './questionnaire-model';

/** One answer behind a factor's level. */
export interface DriverLine {
  /** Question wording or computed value's label. */
  label: string;
  /** The answer as text. */
  answer: string;
  points: number;
  maxPoints: number;
}

/** One factor as the page shows it. */
export interface FactorLine {
  id: RiskFactorId;
  title: string;
  level: FactorRiskLevel;
  applies: boolean;
  /** Answered share of the factor, 0–100. */
  coverage: number;
  points: number;
  maxPoints: number;
  drivers: DriverLine[];
  /** Who marked it as addressed by the programme, when marked. */
  selected: { by: string; at: number } | null;
}

/** Reads the profile of a risk-diagnostic document. */
export function readRiskProfile(doc: Y.Doc, form: FormDefinition): FactorLine[] {
  const { evaluation } = evaluateQuestionnaire(doc, form);
  const selection = new Map(selectedFactors(doc).map((s) => [s.factor, s]));
  const titles = new Map<string, string>(RISK_FACTORS.map((f) => [f.id, f.title]));
  return riskProfile(evaluation, form).map((f) => ({
    id: f.factor,
    title: titles.get(f.factor) ?? f.factor,
    level: f.level,
    applies: f.applies,
    coverage: Math.round(f.coverage * 100),
    points: f.points,
    maxPoints: f.maxPoints,
    drivers: f.drivers.map((d) => {
      if (d.computedId !== undefined) {
        const c = form.computed?.find((x) => x.id === d.computedId);
        const n = typeof d.value === 'number' ? d.value : Number.NaN;
        return {
          label: c?.label ?? d.computedId,
          answer: `${formatNumber(n, c?.decimals ?? (Number.isInteger(n) ? 0 : 1))}${c?.unit ? ` ${c.unit}` : ''}`,
          points: d.points,
          maxPoints: d.maxPoints,
        };
      }
      const q = d.questionId ? findQuestion(form, d.questionId) : undefined;
      return {
        label: q?.text ?? d.questionId ?? '',
        answer: q ? formatAnswer(q, d.value) : String(d.value),
        points: d.points,
        maxPoints: d.maxPoints,
      };
    }),
    selected: selection.has(f.factor)
      ? { by: selection.get(f.factor)!.by, at: selection.get(f.factor)!.at }
      : null,
  }));
}

/** Marks (or unmarks) a factor as addressed by the programme, as a local change. */
export function markFactor(
  handle: DocHandle,
  factor: RiskFactorId,
  selected: boolean,
  by: string,
  at = Date.now(),
): void {
  handle.transact((doc) => selectFactor(doc, factor, selected, by, { origin: LOCAL_ORIGIN, at }));
}
