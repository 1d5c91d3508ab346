import { describe, expect, it } from 'vitest';
import { chartGeometry } from './chart';

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
