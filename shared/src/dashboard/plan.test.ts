import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateShape } from '../documents/layout.ts';
import { parseRussianPeriod } from './period.ts';
import {
  addPlanActivity,
  computePlanMetric,
  evaluatePlan,
  parsePlannedFigure,
  readPlanActivities,
  removePlanActivity,
  setPlanActual,
  updatePlanActivity,
  type PlanActivity,
} from './plan.ts';
import { school } from './test-fixtures.ts';

const activity = (number: number, over: Partial<PlanActivity>): PlanActivity => ({
  id: `a${number}`,
  number,
  title: `Мероприятие ${number}`,
  period: { text: '', start: null, end: null },
  planned: null,
  metric: null,
  actual: null,
  actualAt: null,
  actualBy: null,
  ...over,
});

describe('plan-schedule deviations (seed 002)', () => {
  const ten = parsePlannedFigure('10');
  const activities = [
    // 10: «Организация сетевого партнерства …, подписание партнерских договоров», март-апрель: 10.
    activity(10, {
      period: parseRussianPeriod('март-апрель', 2020),
      planned: ten,
      metric: { kind: 'partnerships' },
    }),
    activity(6, {
      period: parseRussianPeriod('февраль', 2020),
      planned: parsePlannedFigure('100%'),
      actual: 100,
    }),
    activity(17, {
      period: parseRussianPeriod('май, октябрь, ноябрь', 2020),
      planned: parsePlannedFigure('30 (по 3 в каждой школе)'),
      actual: 12,
    }),
    activity(9, { period: parseRussianPeriod('февраль - март', 2020), planned: ten, actual: 9 }),
    activity(7, { period: parseRussianPeriod('февраль', 2020), planned: ten }),
    activity(14, {
      period: parseRussianPeriod('апрель', 2020),
      planned: parsePlannedFigure('3'),
      actual: 1,
    }),
    activity(20, { period: parseRussianPeriod('декабрь', 2020), planned: ten }),
    activity(1, { period: parseRussianPeriod('Январь-февраль', 2020), planned: null }),
  ];
  const schools = Array.from({ length: 10 }, (_, i) => school(`s${i}`));
  const context = {
    year: 2020,
    schools,
    partnerships: [
      ...schools.slice(0, 7).map((s) => ({ leaderSchoolId: 'lead', schoolId: s.id, year: 2020 })),
      { leaderSchoolId: 'lead', schoolId: 's9', year: 2019 }, // another year: not counted
    ],
  };

  it('classifies every activity and highlights per the documented rule', () => {
    const rows = evaluatePlan({ activities, asOf: '2020-06-15', year: 2020, context });
    expect(rows.map((r) => [r.activity.number, r.status, r.highlight, r.actual, r.source])).toEqual(
      [
        [1, 'no_target', 'none', null, null],
        [6, 'met', 'none', 100, 'entered'],
        [7, 'missing', 'critical', null, null],
        [9, 'behind', 'warning', 9, 'entered'], // 9 of 10 is within 10 %
        [10, 'behind', 'critical', 7, 'computed'], // 7 agreements signed in 2020
        [14, 'behind', 'critical', 1, 'entered'],
        [17, 'in_progress', 'none', 12, 'entered'], // runs to November
        [20, 'not_due', 'none', null, null],
      ],
    );
    const ten = rows.find((r) => r.activity.number === 10);
    expect(ten?.deviation).toBe(-3);
    expect(ten?.ratio).toBe(0.7);
  });

  it('lets an entered figure win over a computed one, and a wider tolerance soften', () => {
    const entered = activities.map((a) => (a.number === 10 ? { ...a, actual: 10 } : a));
    const rows = evaluatePlan({
      activities: entered,
      asOf: '2020-06-15',
      year: 2020,
      context,
      tolerance: 0.5,
    });
    const ten = rows.find((r) => r.activity.number === 10);
    expect([ten?.status, ten?.actual, ten?.computed, ten?.source]).toEqual([
      'met',
      10,
      7,
      'entered',
    ]);
    expect(rows.find((r) => r.activity.number === 14)?.highlight).toBe('critical'); // 1 of 3 < 50 %
    expect(rows.find((r) => r.activity.number === 9)?.highlight).toBe('warning');
  });

  it('reads planned figures from the words of the plan', () => {
    expect(parsePlannedFigure('100%')).toEqual({ value: 100, unit: 'percent', text: '100%' });
    expect(parsePlannedFigure('10 команд (60 человек)')?.value).toBe(10);
    expect(parsePlannedFigure('30 (по 3 в каждой школе)')).toMatchObject({
      value: 30,
      unit: 'count',
    });
    expect(parsePlannedFigure('по запросу')).toBeNull();
  });

  it('computes questionnaire metrics as count or percent of schools', () => {
    const questionnaires = ['s0', 's1', 's2'].map((schoolId) => ({
      schoolId,
      formId: 'environment',
      wave: 'entry',
      status: 'submitted' as const,
      percentComplete: 100,
      submittedAt: '2020-03-10',
      updatedAt: null,
    }));
    const ctx = { ...context, questionnaires };
    expect(
      computePlanMetric(
        { kind: 'questionnaire_done', formId: 'environment', wave: 'entry', as: 'count' },
        ctx,
      ),
    ).toBe(3);
    expect(
      computePlanMetric(
        { kind: 'questionnaire_done', formId: 'environment', wave: 'entry', as: 'percent' },
        ctx,
      ),
    ).toBe(30);
    // A questionnaire of another wave, or one still in progress, does not count.
    const others = [
      { ...questionnaires[0]!, schoolId: 's3', wave: 'mid' },
      { ...questionnaires[0]!, schoolId: 's4', status: 'in_progress' as const },
    ];
    expect(
      computePlanMetric(
        { kind: 'questionnaire_done', formId: 'environment', wave: 'entry', as: 'count' },
        { ...ctx, questionnaires: [...questionnaires, ...others] },
      ),
    ).toBe(3);
  });

  it('computes the share of schools with a roadmap for a plan written in percent', () => {
    // Four schools (one with two versions) and one roadmap of another year.
    const roadmaps = [...['s0', 's1', 's2', 's3', 's3'], 's4'].map((schoolId, i) => ({
      schoolId,
      year: i === 5 ? 2019 : 2020,
      measures: { done: 0, late: 0, planned: 1 },
      indicators: { total: 0, onTrack: 0 },
      updatedAt: null,
    }));
    const ctx = { ...context, roadmaps };
    expect(computePlanMetric({ kind: 'schools_with_roadmap' }, ctx)).toBe(4);
    expect(computePlanMetric({ kind: 'schools_with_roadmap', as: 'percent' }, ctx)).toBe(40);
    const doc = new Y.Doc();
    const id = addPlanActivity(doc, {
      number: 3,
      title: 'Разработка дорожных карт школ',
      period: parseRussianPeriod('до 1 марта', 2020),
      planned: parsePlannedFigure('100%'),
      metric: { kind: 'schools_with_roadmap', as: 'percent' },
    });
    const [status] = evaluatePlan({
      activities: readPlanActivities(doc),
      asOf: '2020-04-01',
      year: 2020,
      context: ctx,
    });
    expect(status?.activity.id).toBe(id);
    expect(status).toMatchObject({ actual: 40, source: 'computed', status: 'behind' });
    expect(status?.highlight).toBe('critical');
  });
});

describe('plan document', () => {
  it('stores activities with planned and actual figures', () => {
    const doc = new Y.Doc();
    const id = addPlanActivity(doc, {
      number: 10,
      title: 'Подписание партнерских договоров',
      period: parseRussianPeriod('март-апрель', 2020),
      planned: parsePlannedFigure('10'),
      metric: { kind: 'partnerships' },
    });
    expect(setPlanActual(doc, id, 8, { by: 'rc', at: '2020-05-01T10:00:00Z' })).toBe(true);
    updatePlanActivity(doc, id, { planned: null });
    const [a] = readPlanActivities(doc);
    expect(a).toEqual({
      id,
      number: 10,
      title: 'Подписание партнерских договоров',
      period: { text: 'март-апрель', start: '2020-03-01', end: '2020-04-30' },
      planned: null,
      metric: { kind: 'partnerships' },
      actual: 8,
      actualAt: '2020-05-01T10:00:00Z',
      actualBy: 'rc',
    });
    setPlanActual(doc, id, null, { by: 'rc', at: '2020-05-02T10:00:00Z' });
    expect(readPlanActivities(doc)[0]?.actual).toBeNull();
    expect(() => validateShape(doc, 'plan')).not.toThrow();
    expect(removePlanActivity(doc, id)).toBe(true);
    expect(readPlanActivities(doc)).toEqual([]);
  });
});
