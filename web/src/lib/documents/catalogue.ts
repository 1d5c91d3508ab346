/**
 * Document titles, and the documents a school's «Документы» list always shows.
 * Questionnaires (the forms of shared/questionnaires × monitoring waves),
 * roadmaps, tutoring plans and visits have their own sections on the school's
 * screens (documents/school-sections.svelte); only what no section covers is
 * listed here.
 */
import { formatDocId, parseDocId, parseWaveId, waveLabel, type DocRef } from '@opora/shared';
import { FORM_TITLES } from '@opora/shared/questionnaires/form-titles';
import type * as Y from 'yjs';
import { readVisitField, type VisitKind } from '@opora/shared/visits/model';
import type { DocSummary } from '$lib/db/database';
import { t } from '$lib/i18n/ru';
import { formatDay, tv } from '$lib/i18n/visits';

/** The documents a school's «Документы» list shows even before they exist: its exam results. */
export function expectedDocIds(schoolId: string): string[] {
  // Exam averages are entered by the school itself (seed 000); one document across years.
  return [formatDocId({ kind: 'exams', schoolId })];
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
      // A form or wave this app does not know keeps its raw id (its page says «Анкета не найдена»).
      const form = FORM_TITLES[ref.formId] ?? ref.formId;
      const wave = parseWaveId(ref.wave) ? waveLabel(ref.wave) : ref.wave;
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

/** A scalar field of the generic editor (kinds without their own editor: calendar, plan). */
export interface FieldSpec {
  key: string;
  type: 'text' | 'number';
}
