import { describe, expect, it } from 'vitest';
import type { RiskProfileInput } from './inputs.ts';
import { buildRiskHeatmap, sortRiskRows } from './risk-heatmap.ts';
import { school } from './test-fixtures.ts';

const factors = [
  { id: 'equipment', label: 'Низкий уровень оснащения школы' },
  { id: 'motivation', label: 'Низкая учебная мотивация обучающихся' },
  { id: 'parents', label: 'Низкий уровень вовлечённости родителей' },
];
const schools = [
  school('a', { name: 'Альфа' }),
  school('b', { name: 'Бета' }),
  school('c', { name: 'Вега' }),
];
const profiles: RiskProfileInput[] = [
  {
    schoolId: 'a',
    wave: 'entry',
    levels: { equipment: 'high', motivation: 'low' },
    assessedAt: '2026-03-01',
  },
  {
    schoolId: 'a',
    wave: 'final',
    levels: { equipment: 'medium', motivation: 'low', parents: 'low' },
    assessedAt: '2026-11-01',
  },
  {
    schoolId: 'b',
    wave: 'entry',
    levels: { equipment: 'high', motivation: 'high', parents: 'medium' },
    assessedAt: '2026-03-02',
  },
];

describe('risk heatmap', () => {
  it('shows the latest profile and counts schools per factor and level', () => {
    const map = buildRiskHeatmap({ schools, factors, profiles });
    expect(map.rows.map((r) => r.levels)).toEqual([
      ['medium', 'low', 'low'],
      ['high', 'high', 'medium'],
      [null, null, null],
    ]);
    expect(map.rows.map((r) => r.score)).toEqual([4, 8, 0]);
    expect(map.counts[0]).toMatchObject({ low: 0, medium: 1, high: 1, notAssessed: 1 });
    expect(map.counts[2]).toMatchObject({ low: 1, medium: 1, high: 0, notAssessed: 1 });
  });

  it('restricts to one wave when asked', () => {
    const map = buildRiskHeatmap({ schools, factors, profiles, wave: 'entry' });
    expect(map.rows[0]?.levels).toEqual(['high', 'low', null]);
    expect(map.rows[0]?.wave).toBe('entry');
  });

  it('sorts by overall risk, by one factor, and by name', () => {
    const map = buildRiskHeatmap({ schools, factors, profiles, wave: 'entry' });
    expect(sortRiskRows(map, { by: 'score' }).map((r) => r.school.id)).toEqual(['b', 'a', 'c']);
    expect(sortRiskRows(map, { by: 'score', direction: 'asc' }).map((r) => r.school.id)).toEqual([
      'c',
      'a',
      'b',
    ]);
    // Equal on «equipment» (both high): ties broken by high count, then name.
    expect(
      sortRiskRows(map, { by: 'factor', factorId: 'equipment' }).map((r) => r.school.id),
    ).toEqual(['b', 'a', 'c']);
    expect(
      sortRiskRows(map, { by: 'factor', factorId: 'parents' }).map((r) => r.school.id),
    ).toEqual(['b', 'a', 'c']);
    expect(sortRiskRows(map, { by: 'name', direction: 'desc' }).map((r) => r.school.id)).toEqual([
      'c',
      'b',
      'a',
    ]);
    // Sorting does not reorder the heatmap itself.
    expect(map.rows.map((r) => r.school.id)).toEqual(['a', 'b', 'c']);
  });
});
