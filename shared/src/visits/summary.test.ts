import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStep, createVisit, setCriterion, setStepState, setVisitField } from './model.ts';
import { summarizeVisit } from './summary.ts';
import { buildVisitChecklist, type ChecklistSource } from './checklist.ts';

const W = { by: 'cur', at: Date.UTC(2026, 2, 12) };
const DOC = 'school:s1:visit:20260312-a1';

function heldVisit(): Y.Doc {
  const doc = new Y.Doc();
  createVisit(doc, { kind: 'visit', date: '2026-03-12', curatorId: 'cur', status: 'done' }, W);
  setCriterion(doc, 'a', { level: 'met' }, W);
  setCriterion(doc, 'b', { level: 'partly' }, W);
  setCriterion(doc, 'd', { level: 'notMet' }, W);
  const s1 = addStep(doc, { text: 'Добавить способ сбора данных', due: '2026-04-01' }, W);
  const s2 = addStep(doc, { text: 'Провести родительское собрание' }, W);
  addStep(doc, { text: 'Составить план наставничества' }, W);
  setStepState(doc, s1, 'accepted', W);
  setStepState(doc, s2, 'declined', W);
  return doc;
}

describe('visit summary', () => {
  it('tallies criteria and open steps, and fits the dashboards input', () => {
    const s = summarizeVisit(DOC, heldVisit());
    expect(s).toMatchObject({
      schoolId: 's1',
      visitId: '20260312-a1',
      kind: 'visit',
      date: '2026-03-12',
      status: 'done',
      curatorId: 'cur',
      criteria: { met: 1, partly: 1, notMet: 1, unset: 2 },
      weakCriteria: ['b', 'd'],
      stepsOpen: 2,
      stepsAwaitingSchool: 1,
      stepsTotal: 3,
      conflicts: 0,
      updatedAt: '2026-03-12T00:00:00.000Z',
    });
    // The dashboards' VisitSummaryInput (dashboard/inputs.ts), spelled out.
    const input: {
      schoolId: string;
      visitId: string;
      curatorId: string;
      date: string;
      status: 'planned' | 'done' | 'cancelled';
      updatedAt: string | null;
    } = s;
    expect(input.status).toBe('done');
    expect(() => summarizeVisit('school:s1:roadmap:2026', heldVisit())).toThrow();
  });
});

describe('visit checklist', () => {
  it('lists what to collect and review, most urgent first', () => {
    const previous = summarizeVisit(DOC, heldVisit());
    const planned = new Y.Doc();
    createVisit(planned, { kind: 'visit', date: '2026-04-20', curatorId: 'cur' }, W);
    setVisitField(planned, 'status', 'cancelled', W);
    addStep(planned, { text: 'не в счёт' }, W);
    const sources: ChecklistSource[] = [
      {
        kind: 'questionnaire',
        docId: 'school:s1:questionnaire:risk:2026-mid',
        formId: 'risk',
        wave: '2026-mid',
        title: 'Рисковый профиль',
        status: 'in_progress',
        filled: 40,
        total: 120,
      },
      {
        kind: 'questionnaire',
        docId: 'school:s1:questionnaire:climate:2026-mid',
        formId: 'climate',
        wave: '2026-mid',
        title: 'Качество школьной среды',
        status: 'submitted',
        filled: 60,
        total: 60,
      },
      {
        kind: 'questionnaire',
        docId: 'school:s1:questionnaire:risk:2026-entry',
        formId: 'risk',
        wave: '2026-entry',
        title: 'Рисковый профиль',
        status: 'in_progress',
        filled: 1,
        total: 120,
      },
      {
        kind: 'roadmap',
        docId: 'school:s1:roadmap:2026',
        measures: [
          { id: 'm1', title: 'Семинар для учителей', due: '2026-04-01', status: 'planned' },
          { id: 'm2', title: 'Диагностика 5 классов', due: '2026-04-25', status: 'in_progress' },
          { id: 'm3', title: 'Закупка оборудования', due: '2026-09-01', status: 'planned' },
          { id: 'm4', title: 'Выполнено', due: '2026-03-01', status: 'done' },
        ],
      },
      { kind: 'visit', summary: previous },
      { kind: 'visit', summary: summarizeVisit('school:s1:visit:20260420-b2', planned) },
    ];
    const list = buildVisitChecklist(sources, {
      visitDate: '2026-04-15',
      wave: '2026-mid',
      expectedForms: [
        { formId: 'risk', title: 'Рисковый профиль' },
        { formId: 'teaching', title: 'Качество преподавания' },
      ],
    });
    expect(list.map((i) => [i.kind, i.itemId])).toEqual([
      ['reviewLateMeasure', 'm1'],
      ['stepAwaitingSchool', previous.openSteps.find((s) => s.state === 'proposed')!.id],
      ['collectQuestionnaire', 'risk'],
      ['startQuestionnaire', 'teaching'],
      ['reviewDueMeasure', 'm2'],
      ['stepInProgress', previous.openSteps.find((s) => s.state === 'accepted')!.id],
      ['recheckCriterion', 'b'],
      ['recheckCriterion', 'd'],
    ]);
    expect(list[2]!.detail).toBe('Рисковый профиль: заполнено 40 из 120');
    expect(list[0]!.detail).toBe('Семинар для учителей: срок 2026-04-01');
  });
});
