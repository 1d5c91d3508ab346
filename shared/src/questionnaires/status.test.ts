import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initQuestionnaireDoc, longTextFor, setAnswer } from './document.ts';
import { riskDiagnosticForm } from './forms/risk-diagnostic.ts';
import { selectFactor } from './risk-profile.ts';
import {
  addComment,
  applyStatusAction,
  availableActions,
  currentStatus,
  returnForRevision,
  reviewHistory,
  submitForReview,
} from './status.ts';
import { summarizeQuestionnaire } from './summary.ts';
import { checkWave, compareWaveIds, parseWaveId, waveId, waveLabel, wavePhase } from './waves.ts';

const DOC_ID = 'school:s1:questionnaire:risk_diagnostic:2026-entry';

describe('review status', () => {
  it('submit and return with a comment; answers stay editable', () => {
    const doc = new Y.Doc();
    expect(currentStatus(doc)).toEqual({ status: 'draft', by: '', at: 0 });
    submitForReview(doc, 'teacher1', { at: 10 });
    expect(currentStatus(doc)).toEqual({ status: 'submitted', by: 'teacher1', at: 10 });
    expect(() => returnForRevision(doc, 'curator1', '  ', { at: 11 })).toThrow(/comment/);
    returnForRevision(doc, 'curator1', 'Уточните число вакансий', { at: 12 });
    expect(currentStatus(doc).status).toBe('returned');
    setAnswer(doc, riskDiagnosticForm, 'st_vacancies', 2, 'teacher1', { at: 13 });
    addComment(doc, 'teacher1', 'Исправлено', { at: 14, questionId: 'st_vacancies' });
    expect(reviewHistory(doc).map((c) => [c.kind, c.status ?? null, c.text, c.by])).toEqual([
      ['status', 'submitted', '', 'teacher1'],
      ['status', 'returned', 'Уточните число вакансий', 'curator1'],
      ['comment', null, 'Исправлено', 'teacher1'],
    ]);
  });

  it('concurrent status changes: the latest is current, both are in the history', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    applyStatusAction(a, 'submit', 'teacher1', '', { at: 5 });
    applyStatusAction(b, 'accept', 'curator1', '', { at: 6 });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(currentStatus(a)).toEqual(currentStatus(b));
    expect(currentStatus(a).status).toBe('accepted');
    expect(reviewHistory(b)).toHaveLength(2);
  });

  it('offers actions by role and status', () => {
    expect(availableActions('draft', ['teacher'])).toEqual(['submit']);
    expect(availableActions('submitted', ['curator'])).toEqual(['return', 'accept']);
    expect(availableActions('submitted', ['teacher'])).toEqual(['reopen']);
  });
});

describe('summary', () => {
  it('summarises status, progress, wave, last change, conflicts and factor levels', () => {
    const doc = new Y.Doc();
    initQuestionnaireDoc(doc, riskDiagnosticForm, '2026-entry');
    setAnswer(doc, riskDiagnosticForm, 'students_total', 100, 'anna', { at: 100 });
    setAnswer(doc, riskDiagnosticForm, 'pa_meetings', 'few', 'anna', { at: 101 });
    setAnswer(doc, riskDiagnosticForm, 'pa_governance', false, 'anna', { at: 102 });
    setAnswer(doc, riskDiagnosticForm, 'pa_events', 0, 'anna', { at: 103 });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setAnswer(doc, riskDiagnosticForm, 'settlement', 'village', 'anna', { at: 104 });
    setAnswer(other, riskDiagnosticForm, 'settlement', 'town', 'boris', { at: 105 });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    longTextFor(doc, riskDiagnosticForm, 'main_reasons')?.insert(0, 'Кадры');
    submitForReview(doc, 'anna', { at: 200 });
    selectFactor(doc, 'parent_involvement', true, 'dir', { at: 150 });

    const s = summarizeQuestionnaire(doc, DOC_ID);
    expect(s).toMatchObject({
      formId: 'risk_diagnostic',
      wave: '2026-entry',
      status: 'submitted',
      statusBy: 'anna',
      conflicts: 1,
      invalid: 0,
      lastChangeAt: 200,
      lastChangeBy: 'anna',
    });
    expect(s?.percent).toBeGreaterThan(0);
    expect(s?.percent).toBeLessThan(50);
    expect(s?.factorLevels?.parent_involvement).toBe('high');
    expect(s?.factorLevels?.low_equipment).toBe('unknown');
    // Same state, same summary: what the relay computes equals the device's.
    const relay = new Y.Doc();
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(doc));
    expect(summarizeQuestionnaire(relay, DOC_ID)).toEqual(s);
    expect(JSON.stringify(s).length).toBeLessThan(800);
    expect(summarizeQuestionnaire(doc, 'school:s1:roadmap:2026')).toBeNull();
    expect(summarizeQuestionnaire(doc, 'school:s1:questionnaire:unknown:2026-entry')).toBeNull();
  });
});

describe('waves', () => {
  it('formats, parses, orders and checks wave ids', () => {
    expect(waveId(2026, 'mid')).toBe('2026-mid');
    expect(parseWaveId('2026-final')).toEqual({ year: 2026, kind: 'final' });
    expect(parseWaveId('2026-spring')).toBeNull();
    expect(waveLabel('2026-entry')).toBe('Входной мониторинг 2026');
    expect(['2027-entry', '2026-final', '2026-entry', '2026-mid'].sort(compareWaveIds)).toEqual([
      '2026-entry',
      '2026-mid',
      '2026-final',
      '2027-entry',
    ]);
    const w = {
      id: '2026-entry',
      year: 2026,
      kind: 'entry' as const,
      opensOn: '2026-09-01',
      closesOn: '2026-09-30',
      formIds: ['risk_diagnostic'],
      openedBy: 'region',
      openedAt: 1,
    };
    expect(checkWave(w)).toEqual([]);
    expect(checkWave({ ...w, closesOn: '2026-08-01', kind: 'mid' })).toEqual([
      'wave id does not match year and kind',
      'the wave closes before it opens',
    ]);
    expect(['2026-08-31', '2026-09-30', '2026-10-01'].map((d) => wavePhase(w, d))).toEqual([
      'upcoming',
      'open',
      'closed',
    ]);
  });
});
