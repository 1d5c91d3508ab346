/**
 * Which documents a school is expected to have, and their titles. The real
 * form definitions come later (they will live in shared/); until then a school
 * has the four questionnaires of each monitoring wave and this year's roadmap.
 */
import {
  formatDocId,
  parseDocId,
  parseWaveId,
  waveLabel,
  type DocKind,
  type DocRef,
} from '@opora/shared';
import { FORM_TITLES } from '@opora/shared/questionnaires/form-titles';
import type * as Y from 'yjs';
import { readVisitField, type VisitKind } from '@opora/shared/visits/model';
import type { DocSummary } from '$lib/db/database';
import { t } from '$lib/i18n/ru';
import { formatDay, tv } from '$lib/i18n/visits';

/** Questionnaire forms, in the order a school fills them. */
export const FORM_IDS = ['risk-profile', 'environment', 'management', 'teaching'] as const;

/** Monitoring waves. */
export const WAVES = ['entry', 'intermediate', 'final'] as const;

/** The documents every school is expected to have in a year (and its exam results). */
export function expectedDocIds(schoolId: string, year: number): string[] {
  const ids: string[] = [];
  for (const wave of WAVES)
    for (const formId of FORM_IDS)
      ids.push(formatDocId({ kind: 'questionnaire', schoolId, formId, wave }));
  ids.push(formatDocId({ kind: 'roadmap', schoolId, year }));
  // Exam averages are entered by the school itself (seed 000); one document across years.
  ids.push(formatDocId({ kind: 'exams', schoolId }));
  return ids;
}

/** What a visit's title is made of, when known: its kind and day (from the summary or the document). */
export interface VisitTitleFacts {
  kind?: VisitKind | null;
  date?: string | null;
}

/** The day a visit id starts with (`20260312-k3x9q2` → `2026-03-12`), or null. */
export function visitDayOfId(visitId: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})-/.exec(visitId);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * «Посещение школы 12 марта 2026 г.», «Собеседование с директором …» from the
 * visit's kind and day; without its kind (not on the device yet), «Посещение
 * куратора» and the day its id was made for; never the raw id.
 */
export function visitTitle(visitId: string, facts: VisitTitleFacts = {}): string {
  const date = facts.date || visitDayOfId(visitId);
  if (facts.kind && facts.kind in tv.kinds) return tv.title(facts.kind, date);
  return date ? t.docTitle.visit(formatDay(date)) : t.docKinds.visit!;
}

/** A visit's kind and day from a document summary, when it holds them. */
export function visitFactsOf(summary: DocSummary | null | undefined): VisitTitleFacts {
  const d = summary?.detail;
  return d && d.kind === 'visit' ? { kind: d.data.kind, date: d.data.date } : {};
}

/** A visit's kind and day from its document (left out while in conflict or unset). */
export function visitFactsOfDoc(doc: Y.Doc): VisitTitleFacts {
  const kind = readVisitField(doc, 'visitKind');
  const date = readVisitField(doc, 'date');
  return {
    kind: kind.state === 'single' ? kind.value : null,
    date: date.state === 'single' ? date.value : null,
  };
}

/** The human title of a document (a visit's kind and day come from its summary when given). */
export function docTitle(ref: DocRef, summary?: DocSummary | null): string {
  switch (ref.kind) {
    case 'questionnaire': {
      const form = FORM_TITLES[ref.formId] ?? t.forms[ref.formId] ?? ref.formId;
      const wave = parseWaveId(ref.wave) ? waveLabel(ref.wave) : (t.waves[ref.wave] ?? ref.wave);
      return `${form} — ${wave}`;
    }
    case 'roadmap':
      return t.docTitle.roadmap(ref.year);
    case 'visit':
      return visitTitle(ref.visitId, visitFactsOf(summary));
    case 'tutoring':
      return t.docTitle.tutoring(ref.year);
    case 'calendar':
      return t.docTitle.calendar(ref.year);
    case 'plan':
      return t.docTitle.plan(ref.year);
    default: {
      // A kind newer than this screen: its name, or its id.
      const kind: string = (ref as { kind: string }).kind;
      return t.docKinds[kind] ?? kind;
    }
  }
}

/** Title by id ('' for an invalid id), with the document's summary when at hand. */
export function docTitleOf(docId: string, summary?: DocSummary | null): string {
  const ref = parseDocId(docId);
  return ref ? docTitle(ref, summary) : '';
}

/** A scalar field of the generic editor. */
export interface FieldSpec {
  key: string;
  type: 'text' | 'number' | 'date' | 'longtext';
  min?: number;
  max?: number;
}

/** A section of the generic editor: a map root with its known fields. */
export interface SectionSpec {
  root: string;
  fields: FieldSpec[];
}

/** Fields the generic editor offers per kind (extra keys found in a document are shown too). */
export const EDITOR_SPECS: Partial<Record<DocKind, SectionSpec[]>> = {
  questionnaire: [
    {
      root: 'answers',
      fields: [
        { key: 'respondent', type: 'text' },
        { key: 'date', type: 'date' },
        { key: 'studentsTotal', type: 'number', min: 0 },
        { key: 'atRiskShare', type: 'number', min: 0, max: 100 },
        { key: 'parentsInvolved', type: 'number', min: 1, max: 5 },
        { key: 'mainProblem', type: 'longtext' },
      ],
    },
  ],
  roadmap: [
    {
      root: 'report',
      fields: [
        { key: 'goal', type: 'longtext' },
        { key: 'summary', type: 'longtext' },
      ],
    },
  ],
  visit: [
    {
      root: 'fields',
      fields: [
        { key: 'date', type: 'date' },
        { key: 'summary', type: 'longtext' },
      ],
    },
  ],
  tutoring: [{ root: 'program', fields: [{ key: 'goal', type: 'longtext' }] }],
};

/**
 * Where a kind keeps its free notes as Y.Text: a root of type text, or a slot
 * of a map root (the questionnaire's `texts`, created deterministically so two
 * devices creating it offline share one Y.Text: shared/questionnaires/document.ts).
 */
export const NOTES_LOCATION: Partial<Record<DocKind, { root: string; key?: string }>> = {
  questionnaire: { root: 'texts', key: 'notes' },
  tutoring: { root: 'essay' },
};
