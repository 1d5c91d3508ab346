import { describe, expect, it } from 'vitest';
import { parseRussianPeriod, periodPhase } from './period.ts';

const p = (text: string, year = 2022) => {
  const r = parseRussianPeriod(text, year);
  return [r.start, r.end];
};

describe('Russian periods (seeds 002, 004)', () => {
  it('reads months, days, ranges and lists', () => {
    expect(p('Январь-февраль', 2020)).toEqual(['2020-01-01', '2020-02-29']);
    expect(p('март, октябрь, ноябрь', 2020)).toEqual(['2020-03-01', '2020-11-30']);
    expect(p('20 сентября - 30 ноября')).toEqual(['2022-09-20', '2022-11-30']);
    expect(p('30 сентября')).toEqual(['2022-09-30', '2022-09-30']);
    expect(p('май')).toEqual(['2022-05-01', '2022-05-31']);
    expect(p('сентябрь - май')).toEqual(['2022-09-01', '2023-05-31']);
  });

  it('reads open periods, quarters, and the whole year', () => {
    expect(p('До 19 сентября')).toEqual([null, '2022-09-19']);
    expect(p('С 23 сентября')).toEqual(['2022-09-23', null]);
    expect(p('с мая 2020 года', 2021)).toEqual(['2020-05-01', null]);
    expect(p('4 квартал')).toEqual(['2022-10-01', '2022-12-31']);
    expect(p('3-4 квартал')).toEqual(['2022-07-01', '2022-12-31']);
    expect(p('ежеквартально', 2020)).toEqual(['2020-01-01', '2020-12-31']);
    expect(p('до конца 2022 года', 2021)).toEqual([null, '2022-12-31']);
    expect(p('по запросу')).toEqual([null, null]);
  });

  it('places a day before, within or after a period', () => {
    const period = parseRussianPeriod('20 сентября - 30 ноября', 2022);
    expect(periodPhase(period, '2022-09-19')).toBe('upcoming');
    expect(periodPhase(period, '2022-11-30T23:00:00Z')).toBe('current');
    expect(periodPhase(period, '2022-12-01')).toBe('past');
  });
});
