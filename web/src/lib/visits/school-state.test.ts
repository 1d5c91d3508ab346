import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStep, createVisit } from '@opora/shared/visits/model';
import { summarizeVisit } from '@opora/shared/visits/summary';
import { buildVisitChecklist } from '@opora/shared/visits/checklist';
import { SUMMARY_DETAIL_VERSION } from '$lib/db/database';
import type { DocIndexRow } from '$lib/documents/doc-list';
import { checklistSources, schoolVisitState } from './school-state';

function visitRow(
  visitId: string,
  date: string,
  status: 'planned' | 'done',
  steps = 0,
): DocIndexRow {
  const id = `school:s1:visit:${visitId}`;
  const doc = new Y.Doc();
  createVisit(doc, { kind: 'visit', date, status, curatorId: 'u1' }, { by: 'u1' });
  for (let i = 0; i < steps; i++) addStep(doc, { text: `шаг ${i}` }, { by: 'u1' });
  const data = summarizeVisit(id, doc);
  return {
    id,
    kind: 'visit',
    schoolId: 's1',
    summary: {
      filled: 1,
      textLength: 0,
      detail: { dv: SUMMARY_DETAIL_VERSION, kind: 'visit', data },
    },
    updatedAt: 0,
  };
}

const questionnaire: DocIndexRow = {
  id: 'school:s1:questionnaire:management:2043-entry',
  kind: 'questionnaire',
  schoolId: 's1',
  summary: { filled: 2, textLength: 0 },
  updatedAt: 0,
};

describe('schoolVisitState', () => {
  it('finds the last visit held, the next planned one, open steps, unsent and refused changes', () => {
    const rows = [
      visitRow('a', '2026-02-01', 'done', 1),
      visitRow('b', '2026-03-01', 'done'),
      visitRow('c', '2026-05-10', 'planned'),
      visitRow('d', '2026-06-10', 'planned'),
      questionnaire,
    ];
    const outbox = [
      { docId: questionnaire.id, status: 'pending' },
      { docId: questionnaire.id, status: 'refused' },
      { docId: 'school:s2:visit:x', status: 'pending' },
    ];
    const s = schoolVisitState(rows, outbox, '2026-04-01');
    expect(s.lastContact).toBe('2026-03-01');
    expect(s.nextVisit).toBe('2026-05-10');
    expect(s.visits.map((v) => v.date)).toEqual([
      '2026-06-10',
      '2026-05-10',
      '2026-03-01',
      '2026-02-01',
    ]);
    expect(s.pending).toBe(1);
    expect(s.refused).toBe(1);
    expect(s.questionnairesOpen).toBe(1);
    expect(s.stepsAwaitingSchool).toBe(1);
  });

  it('builds checklist sources the shared checklist understands', () => {
    const rows = [visitRow('a', '2026-02-01', 'done', 1), questionnaire];
    const sources = checklistSources(
      rows,
      {
        docId: 'school:s1:roadmap:2026',
        measures: [{ id: 'm1', title: 'Семинар', due: '2026-03-01', status: 'planned' }],
      },
      () => 'Анкета',
    );
    const kinds = buildVisitChecklist(sources, { visitDate: '2026-04-01' }).map((i) => i.kind);
    expect(kinds).toEqual(['reviewLateMeasure', 'stepAwaitingSchool', 'collectQuestionnaire']);
  });
});
