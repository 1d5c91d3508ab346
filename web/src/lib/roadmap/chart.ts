/**
 * Geometry of the small indicator chart (baseline, target and values over time)
 * drawn as inline SVG: no chart library, a few dozen elements, the same on the
 * screen and in print.
 */
import type { IndicatorSnapshot, ProgressFrame } from '@opora/shared';

/** What the chart shows. */
export interface ChartInput {
  baseline: number | null;
  target: number | null;
  values: readonly { date: string; value: number }[];
  /** The time frame (the roadmap's period, the indicator's target date); optional. */
  from?: string | null;
  to?: string | null;
}

/** A point of the values line. */
export interface ChartPoint {
  x: number;
  y: number;
  date: string;
  value: number;
}

/** Everything the SVG needs, in view-box units. */
export interface ChartGeometry {
  width: number;
  height: number;
  /** The plot area. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  baselineY: number | null;
  targetY: number | null;
  points: ChartPoint[];
  /** `points` as an SVG polyline attribute. */
  polyline: string;
  /** The value range shown (for axis labels). */
  min: number;
  max: number;
  /** Dates at the left and right edges ('' when no dates). */
  fromDate: string;
  toDate: string;
}

const W = 320;
const H = 160;
const PAD = { left: 44, right: 12, top: 12, bottom: 24 };

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** Lays out the chart in a 320 × 160 view box. */
export function chartGeometry(input: ChartInput): ChartGeometry {
  const nums = [
    ...(input.baseline !== null ? [input.baseline] : []),
    ...(input.target !== null ? [input.target] : []),
    ...input.values.map((v) => v.value),
  ];
  let min = nums.length > 0 ? Math.min(...nums) : 0;
  let max = nums.length > 0 ? Math.max(...nums) : 1;
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  } else {
    const pad = (max - min) * 0.08;
    min -= pad;
    max += pad;
  }
  const left = PAD.left;
  const right = W - PAD.right;
  const top = PAD.top;
  const bottom = H - PAD.bottom;
  const y = (v: number): number => bottom - ((v - min) / (max - min)) * (bottom - top);

  const dates = [
    ...(input.from ? [input.from] : []),
    ...(input.to ? [input.to] : []),
    ...input.values.map((v) => v.date),
  ].sort();
  const fromDate = dates[0] ?? '';
  const toDate = dates[dates.length - 1] ?? '';
  const d0 = fromDate ? dayNumber(fromDate) : 0;
  const d1 = toDate ? dayNumber(toDate) : 0;
  const n = input.values.length;
  const x = (date: string, i: number): number => {
    if (d1 > d0) return left + ((dayNumber(date) - d0) / (d1 - d0)) * (right - left);
    return n <= 1 ? (left + right) / 2 : left + (i / (n - 1)) * (right - left);
  };
  const points = input.values.map((v, i) => ({
    x: round(x(v.date, i)),
    y: round(y(v.value)),
    date: v.date,
    value: v.value,
  }));
  return {
    width: W,
    height: H,
    left,
    right,
    top,
    bottom,
    baselineY: input.baseline !== null ? round(y(input.baseline)) : null,
    targetY: input.target !== null ? round(y(input.target)) : null,
    points,
    polyline: points.map((p) => `${p.x},${p.y}`).join(' '),
    min,
    max,
    fromDate,
    toDate,
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** The chart of a roadmap's indicator: its numbers, over the period up to its target date. */
export function indicatorChartInput(
  ind: Pick<IndicatorSnapshot, 'name' | 'baseline' | 'target' | 'values' | 'targetDate'>,
  frame: Pick<ProgressFrame, 'periodStart' | 'periodEnd'>,
): ChartInput & { name: string } {
  return {
    name: ind.name,
    baseline: ind.baseline.value ?? null,
    target: ind.target.value ?? null,
    values: ind.values,
    from: frame.periodStart ?? null,
    to: ind.targetDate.value ?? frame.periodEnd ?? null,
  };
}
