import { describe, expect, it } from 'vitest';
import type { FieldState } from './crdt-kit.ts';
import {
  checkSmartGoal,
  countIndicators,
  countMeasures,
  daysLate,
  indicatorProgress,
  isMeasureLate,
  measureTiming,
} from './rules.ts';
import type {
  IndicatorDirection,
  IndicatorSnapshot,
  MeasureSnapshot,
  MeasureStatus,
  ProblemSnapshot,
} from './types.ts';

function f<T>(value: T | undefined): FieldState<T> {
  return {
    value,
    conflict: false,
    versions: value === undefined ? [] : [{ value, by: 'u', at: 0, writeId: 'w' }],
  };
}

function indicator(
  direction: IndicatorDirection,
  baseline: number | null,
  target: number | null,
  values: [string, number][],
  targetDate: string | null = null,
): IndicatorSnapshot {
  return {
    id: 'i',
    order: 'V',
    problemId: 'p',
    name: 'Доля',
    method: '',
    unit: f('%'),
    baseline: f(baseline),
    target: f(target),
    targetDate: f(targetDate),
    direction: f(direction),
    values: values.map(([date, value], n) => ({
      id: `v${n}`,
      date,
      value,
      note: '',
      by: 'u',
      at: n,
    })),
  };
}

function measure(status: MeasureStatus, end: string | null): MeasureSnapshot {
  return {
    id: 'm',
    order: 'V',
    problemId: 'p',
    title: 'Семинар',
    description: '',
    start: f<string | null>(null),
    end: f(end),
    responsible: f(''),
    status: f(status),
    evidence: [],
  };
}

describe('SMART check of a goal', () => {
  const cases: [string, boolean, boolean][] = [
    // [goal, measurable, timeBound]
    [
      'Повысить долю обучающихся, выполнивших ВПР на «4» и «5», до 45% к 1 мая 2027 года',
      true,
      true,
    ],
    ['Снизить долю неуспевающих до 5 % до конца 2026/2027 учебного года', true, true],
    ['Повысить качество образования', false, false],
    ['Повысить качество образования до 1 мая 2027', false, true],
    ['Увеличить долю родителей, посещающих собрания, до 60 %', true, false],
    ['Вдвое сократить число учащихся с двойками к концу учебного года', true, true],
    ['Не менее половины педагогов пройдут курсы в I полугодии', true, true],
    ['Повысить результаты учащихся 9-х классов СОШ №2 к маю', false, true],
    ['Провести 3 семинара в течение 6 месяцев', true, true],
    ['Улучшить работу с семьями и требования к оценке до 01.09.2026', false, true],
    ['Повысить средний балл ОГЭ по математике на 0,5 балла по итогам учебного года', true, true],
    ['Обеспечить участие трёх педагогов в стажировках до декабря', true, true],
    ['В 2027 году повысить мотивацию учащихся', false, true],
  ];
  it.each(cases)('%s', (goal, measurable, timeBound) => {
    const r = checkSmartGoal(goal);
    expect({ measurable: r.measurable, timeBound: r.timeBound }).toEqual({ measurable, timeBound });
    expect(r.ok).toBe(measurable && timeBound);
    expect(r.issues.includes('no_number')).toBe(!measurable);
    expect(r.issues.includes('no_date')).toBe(!timeBound);
  });

  it('flags an empty goal', () => {
    expect(checkSmartGoal('   ').issues).toEqual(['empty']);
  });

  it('reports the fragments it recognised', () => {
    const r = checkSmartGoal('До 45% к 1 мая 2027 года');
    expect(r.numbers).toEqual(['45%']);
    expect(r.dates).toEqual(['1 мая 2027 года']);
  });
});

describe('indicator progress', () => {
  const frame = { today: '2026-12-01', periodStart: '2026-09-01', periodEnd: '2027-05-31' };

  it('is not_set without a baseline or target, no_data without values', () => {
    expect(
      indicatorProgress(indicator('higher_is_better', null, 50, [['2026-10-01', 10]]), frame).state,
    ).toBe('not_set');
    expect(indicatorProgress(indicator('higher_is_better', 10, 50, []), frame).state).toBe(
      'no_data',
    );
  });

  it('higher is better: reached exactly at the target, not just below it', () => {
    expect(
      indicatorProgress(indicator('higher_is_better', 20, 50, [['2026-10-01', 50]]), frame).state,
    ).toBe('reached');
    expect(
      indicatorProgress(indicator('higher_is_better', 20, 50, [['2026-10-01', 60]]), frame).state,
    ).toBe('reached');
    expect(
      indicatorProgress(indicator('higher_is_better', 20, 50, [['2027-05-31', 49.99]]), frame)
        .state,
    ).toBe('behind');
  });

  it('lower is better: reached at or below the target', () => {
    expect(
      indicatorProgress(indicator('lower_is_better', 30, 10, [['2026-10-01', 10]]), frame).state,
    ).toBe('reached');
    expect(
      indicatorProgress(indicator('lower_is_better', 30, 10, [['2026-10-01', 9]]), frame).state,
    ).toBe('reached');
    expect(
      indicatorProgress(indicator('lower_is_better', 30, 10, [['2027-05-31', 10.01]]), frame).state,
    ).toBe('behind');
  });

  it('compares with the straight line at the latest value date, in both directions', () => {
    // Period 2026-09-01 … 2027-05-31 is 272 days; 2027-01-15 is day 136, halfway.
    const half = '2027-01-15';
    const today = { ...frame, today: half };
    const up = (v: number) =>
      indicatorProgress(indicator('higher_is_better', 20, 60, [[half, v]]), today);
    expect(up(40).expected).toBeCloseTo(40);
    expect(up(40).state).toBe('on_track');
    expect(up(39.9).state).toBe('behind');
    const down = (v: number) =>
      indicatorProgress(indicator('lower_is_better', 30, 10, [[half, v]]), today);
    expect(down(20).state).toBe('on_track');
    expect(down(20.1).state).toBe('behind');
    expect(down(25).share).toBeCloseTo(0.25);
  });

  it('uses the indicator target date before the roadmap period end', () => {
    const ind = indicator('higher_is_better', 0, 100, [['2026-10-01', 40]], '2026-11-01');
    // 30 of 61 days → expected ≈ 49.2, so 40 is behind; with the period end it would be on track.
    expect(indicatorProgress(ind, { ...frame, today: '2026-10-01' }).state).toBe('behind');
    const noOwnDate = indicator('higher_is_better', 0, 100, [['2026-10-01', 40]]);
    expect(indicatorProgress(noOwnDate, { ...frame, today: '2026-10-01' }).state).toBe('on_track');
  });

  it('is behind once the target date has passed without reaching the target', () => {
    const ind = indicator('higher_is_better', 0, 100, [['2026-10-01', 90]], '2026-10-31');
    expect(indicatorProgress(ind, { ...frame, today: '2026-10-31' }).state).toBe('on_track');
    expect(indicatorProgress(ind, { ...frame, today: '2026-11-01' }).state).toBe('behind');
  });

  it('without a period, on track only when strictly better than the baseline', () => {
    const open = { today: '2026-12-01' };
    expect(
      indicatorProgress(indicator('higher_is_better', 20, 50, [['2026-10-01', 21]]), open).state,
    ).toBe('on_track');
    expect(
      indicatorProgress(indicator('higher_is_better', 20, 50, [['2026-10-01', 20]]), open).state,
    ).toBe('behind');
    expect(
      indicatorProgress(indicator('lower_is_better', 20, 5, [['2026-10-01', 19]]), open).state,
    ).toBe('on_track');
    expect(
      indicatorProgress(indicator('lower_is_better', 20, 5, [['2026-10-01', 20]]), open).state,
    ).toBe('behind');
  });

  it('takes the latest value by date, not by entry order, and tolerates float error', () => {
    const ind = indicator('higher_is_better', 0, 0.3, [
      ['2026-10-01', 0.1 + 0.2],
      ['2026-11-01', 0.1],
    ]);
    ind.values.sort((a, b) => (a.date < b.date ? -1 : 1));
    expect(indicatorProgress(ind, frame).latest?.value).toBe(0.1);
    const exact = indicator('higher_is_better', 0, 0.3, [['2026-10-01', 0.1 + 0.2]]);
    expect(indicatorProgress(exact, frame).state).toBe('reached');
  });
});

describe('lateness of measures', () => {
  it('is late from the day after the end date', () => {
    expect(isMeasureLate(measure('planned', '2026-10-10'), '2026-10-10')).toBe(false);
    expect(isMeasureLate(measure('planned', '2026-10-10'), '2026-10-11')).toBe(true);
    expect(isMeasureLate(measure('in_progress', '2026-10-10'), '2026-10-11')).toBe(true);
    expect(daysLate(measure('in_progress', '2026-10-10'), '2026-10-20')).toBe(10);
  });

  it('never counts done, cancelled or undated measures as late', () => {
    expect(isMeasureLate(measure('done', '2026-01-01'), '2026-10-11')).toBe(false);
    expect(isMeasureLate(measure('cancelled', '2026-01-01'), '2026-10-11')).toBe(false);
    expect(isMeasureLate(measure('planned', null), '2026-10-11')).toBe(false);
    expect(measureTiming(measure('done', '2026-01-01'), '2026-10-11')).toBe('done');
    expect(measureTiming(measure('planned', '2026-01-01'), '2026-10-11')).toBe('late');
  });

  it('handles month and year boundaries', () => {
    expect(isMeasureLate(measure('planned', '2026-12-31'), '2027-01-01')).toBe(true);
    expect(isMeasureLate(measure('planned', '2027-02-28'), '2027-03-01')).toBe(true);
    expect(isMeasureLate(measure('planned', '2027-03-01'), '2027-02-28')).toBe(false);
  });

  it('counts measures and indicators', () => {
    const p: ProblemSnapshot = {
      id: 'p',
      order: 'V',
      title: '',
      description: '',
      factorIds: [],
      directions: [],
      goal: '',
      tasks: [],
      indicators: [
        indicator('higher_is_better', 0, 10, [['2026-10-01', 10]]),
        indicator('higher_is_better', 0, 10, []),
      ],
      measures: [
        measure('done', '2026-01-01'),
        measure('planned', '2026-01-01'),
        measure('in_progress', null),
      ],
      analysis: '',
      criteriaQualitative: '',
      criteriaQuantitative: '',
    };
    expect(countMeasures([p], '2026-10-01')).toEqual({
      total: 3,
      planned: 1,
      inProgress: 1,
      done: 1,
      cancelled: 0,
      late: 1,
    });
    expect(countIndicators([p], { today: '2026-10-01' })).toEqual({
      total: 2,
      reached: 1,
      onTrack: 0,
      behind: 0,
      noData: 1,
      notSet: 0,
    });
  });
});
