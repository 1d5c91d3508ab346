import { describe, expect, it } from 'vitest';
import { buildCuratorActivity } from './curators.ts';
import { findNonEngagedSchools, lastActivityBySchool } from './engagement.ts';
import type { RoadmapSummaryInput, VisitSummaryInput } from './inputs.ts';
import { buildRoadmapExecution } from './roadmap-execution.ts';
import { school } from './test-fixtures.ts';

const schools = [
  school('a', { name: 'Альфа' }),
  school('b', { name: 'Бета' }),
  school('c', { name: 'Вега' }),
  school('d', { name: 'Гамма' }),
];
const visit = (
  schoolId: string,
  curatorId: string,
  date: string,
  status: VisitSummaryInput['status'],
): VisitSummaryInput => ({
  schoolId,
  curatorId,
  date,
  status,
  visitId: `${schoolId}-${date}`,
  updatedAt: null,
});

describe('engagement («невовлечённые» школы)', () => {
  const last = lastActivityBySchool({
    questionnaires: [
      {
        schoolId: 'a',
        formId: 'f',
        wave: 'w',
        status: 'in_progress',
        percentComplete: 5,
        submittedAt: null,
        updatedAt: '2026-03-01T09:00:00Z',
      },
    ],
    roadmaps: [
      {
        schoolId: 'b',
        year: 2026,
        measures: { done: 0, late: 0, planned: 1 },
        indicators: { total: 0, onTrack: 0 },
        updatedAt: '2026-02-01T00:00:00Z',
      },
    ],
    visits: [visit('b', 'k1', '2026-03-20', 'done'), visit('c', 'k1', '2026-03-30', 'planned')],
    events: [{ schoolId: 'a', at: '2026-02-15' }],
  });

  it('takes the latest trace per school and ignores planned visits', () => {
    expect(last.get('a')).toBe('2026-03-01T09:00:00Z');
    expect(last.get('b')).toBe('2026-03-20');
    expect(last.has('c')).toBe(false);
  });

  it('lists schools idle for N days or more, never-active first', () => {
    const list = findNonEngagedSchools({
      schools,
      lastActivity: last,
      asOf: '2026-03-31',
      days: 30,
    });
    // a: 30 days since 1 March → non-engaged (the boundary counts); b: 11 days → engaged.
    expect(list.map((n) => [n.school.id, n.daysSince])).toEqual([
      ['c', null],
      ['d', null],
      ['a', 30],
    ]);
    const dayBefore = findNonEngagedSchools({
      schools,
      lastActivity: last,
      asOf: '2026-03-30',
      days: 30,
    });
    expect(dayBefore.map((n) => n.school.id)).toEqual(['c', 'd']);
  });
});

describe('roadmap execution', () => {
  const roadmaps: RoadmapSummaryInput[] = [
    {
      schoolId: 'a',
      year: 2026,
      measures: { done: 6, late: 2, planned: 2 },
      indicators: { total: 4, onTrack: 3 },
      updatedAt: null,
    },
    {
      schoolId: 'b',
      year: 2026,
      measures: { done: 0, late: 0, planned: 5 },
      indicators: { total: 2, onTrack: 0 },
      updatedAt: null,
    },
    {
      schoolId: 'c',
      year: 2025,
      measures: { done: 9, late: 0, planned: 0 },
      indicators: { total: 1, onTrack: 1 },
      updatedAt: null,
    },
  ];

  it('counts measures and indicators per school and in total for the year', () => {
    const e = buildRoadmapExecution({ schools, roadmaps, year: 2026 });
    expect(e.rows[0]).toMatchObject({
      done: 6,
      late: 2,
      planned: 2,
      total: 10,
      shareDone: 0.6,
      shareOnTrack: 0.75,
      hasRoadmap: true,
    });
    expect(e.rows[2]).toMatchObject({ hasRoadmap: false, total: 0, shareDone: 0 });
    expect(e.totals).toMatchObject({
      done: 6,
      late: 2,
      planned: 7,
      total: 15,
      indicatorsTotal: 6,
      indicatorsOnTrack: 3,
    });
    expect(e.totals.shareOnTrack).toBe(0.5);
    expect(e.schoolsWithLate).toBe(1);
    expect(e.schoolsWithoutRoadmap).toBe(2);
  });
});

describe("curators' activity", () => {
  it('counts visits per curator and school and finds the last contact', () => {
    const rows = buildCuratorActivity({
      curators: [
        { id: 'k1', name: 'Иванова И. И.', schoolIds: ['a', 'b'] },
        { id: 'k2', name: 'Петров П. П.', schoolIds: ['c'] },
      ],
      schools,
      visits: [
        visit('a', 'k1', '2026-02-10', 'done'),
        visit('a', 'k1', '2026-03-05', 'done'),
        visit('a', 'k1', '2026-04-20', 'planned'),
        visit('d', 'k1', '2026-03-25', 'done'), // not assigned to k1, still counted
        visit('c', 'k2', '2026-01-05', 'cancelled'),
      ],
      asOf: '2026-03-31',
      staleAfterDays: 30,
    });
    const k1 = rows[0]!;
    expect(k1.visitsDone).toBe(3);
    expect(k1.visitsPlanned).toBe(1);
    expect(k1.lastContact).toBe('2026-03-25');
    expect(
      k1.schools.map((s) => [s.schoolId, s.assigned, s.visitsDone, s.lastContact, s.stale]),
    ).toEqual([
      ['a', true, 2, '2026-03-05', false],
      ['b', true, 0, null, true],
      ['d', false, 1, '2026-03-25', false],
    ]);
    expect(k1.staleSchools).toBe(1);
    const k2 = rows[1]!;
    expect(k2.visitsDone).toBe(0);
    expect(k2.lastContact).toBeNull();
    expect(k2.staleSchools).toBe(1);
  });
});
