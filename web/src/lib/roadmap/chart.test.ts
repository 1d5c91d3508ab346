import { describe, expect, it } from 'vitest';
import { chartGeometry, indicatorChartInput } from './chart';

describe('chartGeometry', () => {
  it('places values by date between the period edges, higher values higher', () => {
    const g = chartGeometry({
      baseline: 40,
      target: 60,
      from: '2031-01-01',
      to: '2031-12-31',
      values: [
        { date: '2031-01-01', value: 40 },
        { date: '2031-12-31', value: 60 },
      ],
    });
    expect(g.points[0]!.x).toBe(g.left);
    expect(g.points[1]!.x).toBe(g.right);
    expect(g.points[1]!.y).toBeLessThan(g.points[0]!.y);
    expect(g.targetY).toBe(g.points[1]!.y);
    expect(g.baselineY).toBe(g.points[0]!.y);
    expect(g.polyline.split(' ')).toHaveLength(2);
    expect(g.fromDate).toBe('2031-01-01');
  });

  it('copes with no values, one value and equal numbers', () => {
    const empty = chartGeometry({ baseline: null, target: null, values: [] });
    expect(empty.points).toEqual([]);
    expect(empty.max).toBeGreaterThan(empty.min);
    const one = chartGeometry({
      baseline: 5,
      target: 5,
      values: [{ date: '2031-03-01', value: 5 }],
    });
    expect(one.points[0]!.x).toBe((one.left + one.right) / 2);
    expect(one.max).toBeGreaterThan(one.min);
    expect(Number.isFinite(one.points[0]!.y)).toBe(true);
  });
});

describe('indicatorChartInput', () => {
  const field = <T>(value: T | undefined) => ({ value, conflict: false, versions: [] });
  const values = [{ id: 'v1', date: '2031-03-01', value: 45, note: '', by: 'u', at: 0 }];

  it('runs to the target date when the indicator has one, else to the end of the period', () => {
    const frame = { periodStart: '2031-01-01', periodEnd: '2031-12-31' };
    const ind = {
      name: 'Доля',
      baseline: field<number | null>(40),
      target: field<number | null>(null),
      values,
      targetDate: field<string | null>('2031-06-30'),
    };
    expect(indicatorChartInput(ind, frame)).toEqual({
      name: 'Доля',
      baseline: 40,
      target: null,
      values,
      from: '2031-01-01',
      to: '2031-06-30',
    });
    const open = indicatorChartInput({ ...ind, targetDate: field<string | null>(undefined) }, {});
    expect([open.from, open.to]).toEqual([null, null]);
    expect(indicatorChartInput({ ...ind, targetDate: field<string | null>(null) }, frame).to).toBe(
      '2031-12-31',
    );
  });
});
