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
import { t } from '$lib/i18n/ru';

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

/** The human title of a document. */
export function docTitle(ref: DocRef): string {
  switch (ref.kind) {
    case 'questionnaire': {
      const form = FORM_TITLES[ref.formId] ?? t.forms[ref.formId] ?? ref.formId;
      const wave = parseWaveId(ref.wave) ? waveLabel(ref.wave) : (t.waves[ref.wave] ?? ref.wave);
      return `${form} — ${wave}`;
    }
    case 'roadmap':
      return t.docTitle.roadmap(ref.year);
    case 'visit':
      return t.docTitle.visit(ref.visitId);
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

/** Title by id ('' for an invalid id). */
export function docTitleOf(docId: string): string {
  const ref = parseDocId(docId);
  return ref ? docTitle(ref) : '';
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
