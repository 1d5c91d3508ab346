import { describe, expect, it } from 'vitest';
import type { DirectorySnapshot, Membership, School, VisitSummaryInput } from '@opora/shared';
import { SUMMARY_DETAIL_VERSION as dv } from '$lib/db/database';
import {
  curatorsOf,
  curatorsShown,
  inputsFromRows,
  schoolsInScope,
  storedWavesOf,
  type SummaryRow,
} from './inputs';
import { wavesOfYear } from './wave-periods';

const school = (id: string, municipalityId: string): School => ({
  id,
  municipalityId,
  name: id,
  lowResults: true,
  unfavourableConditions: false,
  leader: false,
  cohortYear: null,
  tracks: [1, 3],
  cluster: null,
  rural: true,
});

const dir: DirectorySnapshot = {
  regions: [{ id: 'r', name: 'Регион' }],
  municipalities: [
    { id: 'a', regionId: 'r', name: 'А' },
    { id: 'b', regionId: 'r', name: 'Б' },
  ],
  schools: [school('a1', 'a'), school('a2', 'a'), school('b1', 'b')],
  partnerships: [{ leaderSchoolId: 'b1', schoolId: 'a1', year: 2026 }],
};

const muni = (id: string): Membership => ({
  role: 'municipal_coordinator',
  municipalityId: id,
  schoolId: null,
  regionId: null,
});

describe('dashboard inputs', () => {
  it('keeps a municipal coordinator to their municipality, whatever else the directory holds', () => {
    expect(schoolsInScope([muni('a')], dir).map((s) => s.id)).toEqual(['a1', 'a2']);
    const region: Membership = {
      role: 'regional_coordinator',
      regionId: 'r',
      schoolId: null,
      municipalityId: null,
    };
    expect(schoolsInScope([region], dir).map((s) => s.id)).toEqual(['a1', 'a2', 'b1']);
    const teacher: Membership = {
      role: 'teacher',
      schoolId: 'a1',
      municipalityId: null,
      regionId: null,
    };
    expect(schoolsInScope([teacher], dir)).toEqual([]);
  });

  it('names the directory’s curators with their assignments, and visitors from outside it', () => {
    const visit = (curatorId: string, schoolId: string): VisitSummaryInput => ({
      schoolId,
      visitId: curatorId,
      curatorId,
      date: '2041-03-01',
      status: 'done',
      updatedAt: null,
    });
    const list = curatorsOf(
      [{ id: 'u-c', name: 'Яковлева', schoolIds: ['a1'] }],
      [visit('u-c', 'a2'), visit('u-mo', 'a1'), visit('u-x', 'a2'), visit('', 'a2')],
      new Map([['u-mo', 'Кузнецов']]),
    );
    expect(list).toEqual([
      { id: 'u-mo', name: 'Кузнецов', schoolIds: [] },
      // Someone the device cannot name: a neutral word, never the raw id.
      { id: 'u-x', name: 'участник', schoolIds: [] },
      { id: 'u-c', name: 'Яковлева', schoolIds: ['a1'] },
    ]);
    // Filtered to school a2: Яковлева (assigned a1 only, no visit shown) drops out; the visitor stays.
    const shown = curatorsShown(list, [visit('u-x', 'a2')], new Set(['a2']));
    expect(shown.map((c) => c.id)).toEqual(['u-x']);
    expect(curatorsShown(list, [], new Set(['a1'])).map((c) => c.id)).toEqual(['u-c']);
  });

  it('maps summary details to the dashboards’ inputs', () => {
    const rows: SummaryRow[] = [
      {
        id: 'school:a1:questionnaire:risk_diagnostic:2026-entry',
        kind: 'questionnaire',
        schoolId: 'a1',
        updatedAt: 1,
        detail: {
          dv,
          kind: 'questionnaire',
          data: {
            v: 1,
            formId: 'risk_diagnostic',
            formVersion: 2,
            wave: '2026-entry',
            status: 'accepted',
            statusBy: 'u',
            statusAt: Date.UTC(2026, 2, 10),
            percent: 80,
            requiredMissing: 0,
            lastChangeAt: Date.UTC(2026, 2, 9),
            lastChangeBy: 'u',
            conflicts: 0,
            invalid: 0,
            factorLevels: {
              low_equipment: 'high',
              teacher_shortage: 'unknown',
              teacher_competence: 'low',
              low_adaptivity: 'medium',
              no_inschool_pd: 'unknown',
              students_at_risk: 'unknown',
              disabilities_inclusion: 'unknown',
              school_climate: 'unknown',
              parent_involvement: 'unknown',
              low_motivation: 'unknown',
            },
          },
        },
      },
      {
        id: 'school:a1:roadmap:2026',
        kind: 'roadmap',
        schoolId: 'a1',
        updatedAt: 1,
        detail: {
          dv,
          kind: 'roadmap',
          asOf: '2026-11-25',
          data: {
            v: 1,
            problems: 1,
            directions: 2,
            measures: { total: 10, planned: 5, inProgress: 1, done: 3, cancelled: 1, late: 2 },
            indicators: { total: 5, reached: 1, onTrack: 2, behind: 1, noData: 0, notSet: 1 },
            goalsNotSmart: 0,
            lastChange: { at: Date.UTC(2026, 10, 1), by: 'u', byName: 'У' },
            openComments: 0,
            conflicts: 0,
          },
        },
      },
      {
        id: 'school:a2:exams',
        kind: 'exams',
        schoolId: 'a2',
        updatedAt: 1,
        detail: { dv, kind: 'exams', results: { '2025:ege_math': 48.5, '2025:bogus': 1 } },
      },
      {
        id: 'region:r:plan:2025',
        kind: 'plan',
        schoolId: '',
        updatedAt: 1,
        detail: { dv, kind: 'plan', activities: 0, examAverages: { ege_math: 50.1 } },
      },
      {
        id: 'school:a2:roadmap:2026',
        kind: 'roadmap',
        schoolId: 'a2',
        updatedAt: 1,
        detail: undefined,
      },
    ];
    const inputs = inputsFromRows(rows);
    expect(inputs.questionnaires).toEqual([
      {
        schoolId: 'a1',
        formId: 'risk_diagnostic',
        wave: '2026-entry',
        status: 'submitted',
        percentComplete: 80,
        submittedAt: '2026-03-10T00:00:00.000Z',
        updatedAt: '2026-03-09T00:00:00.000Z',
      },
    ]);
    expect(inputs.riskProfiles[0]?.levels).toMatchObject({
      low_equipment: 'high',
      teacher_shortage: null,
      low_adaptivity: 'medium',
    });
    expect(inputs.roadmaps).toEqual([
      {
        schoolId: 'a1',
        year: 2026,
        measures: { done: 3, late: 2, planned: 4 },
        indicators: { total: 4, onTrack: 3 },
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
    ]);
    expect(inputs.examResults).toEqual([
      { schoolId: 'a2', year: 2025, indicator: 'ege_math', average: 48.5 },
    ]);
    expect(inputs.regionalAverages).toEqual([{ year: 2025, indicator: 'ege_math', average: 50.1 }]);
    expect(inputs.pendingDetails).toBe(1);
  });

  it('takes a wave’s period from the stored waves, the default otherwise', () => {
    const rows: SummaryRow[] = [
      {
        id: 'region:r:waves',
        kind: 'waves',
        schoolId: '',
        updatedAt: 1,
        detail: {
          dv,
          kind: 'waves',
          waves: [
            {
              id: '2035-entry',
              year: 2035,
              kind: 'entry',
              opensOn: '2035-01-20',
              closesOn: '2035-02-28',
              formIds: ['management'],
              openedBy: 'r',
              openedAt: 1,
            },
          ],
        },
      },
    ];
    const labels = { entry: 'Входной', mid: 'Промежуточный', final: 'Итоговый' };
    const waves = wavesOfYear(2035, labels, storedWavesOf(rows));
    expect(waves.map((w) => [w.id, w.start, w.end])).toEqual([
      ['2035-entry', '2035-01-20', '2035-02-28'],
      ['2035-mid', '2035-09-15', '2035-10-15'],
      ['2035-final', '2035-11-15', '2035-12-15'],
    ]);
    expect(wavesOfYear(2036, labels, storedWavesOf(rows))[0]?.end).toBe('2036-03-15');
  });
});
