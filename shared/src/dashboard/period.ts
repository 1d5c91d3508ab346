/**
 * Periods as the seeds write them. The plan-schedule (seed 002) and the calendar
 * of near deadlines (seed 004) give periods in words: «Январь-февраль»,
 * «март, октябрь, ноябрь», «с апреля», «До 19 сентября», «20 сентября - 30
 * ноября», «4 квартал», «ежеквартально», «до конца 2022 года». A Period keeps the
 * words people typed and, beside them, the first and last day they mean, which is
 * what deadlines and deviations are computed from.
 *
 * parseRussianPeriod reads the dates out of the words:
 * - every "[day] month [year]" mention is found; the period runs from the start of
 *   the first mention to the end of the last one (a month mention spans the whole
 *   month, a day mention one day);
 * - «до …» keeps only the end, «с …» only the start (an open period);
 * - «N квартал», «N-M квартал» cover those quarters; «ежеквартально», «ежемесячно»,
 *   «в течение года» and «до конца года» reach to the end of the year;
 * - a year written in the text wins over the default; an end month earlier than
 *   the start month rolls into the next year (a school year, «сентябрь - май»).
 * Anything it cannot read leaves both dates null: the words are still shown, and a
 * coordinator can set the dates by hand.
 */
import { isoDate, lastDayOfMonth, type IsoDate } from './dates.ts';
import { normalizeRu } from './text.ts';

/** A period: the words as written and the first and last day they cover (null: open or unknown). */
export interface Period {
  /** The period as people wrote it, e.g. «20 сентября - 30 ноября». */
  text: string;
  /** First day, inclusive. */
  start: IsoDate | null;
  /** Last day, inclusive (the deadline). */
  end: IsoDate | null;
}

const MONTHS: readonly [RegExp, number][] = [
  [/^январ/, 1],
  [/^феврал/, 2],
  [/^март/, 3],
  [/^апрел/, 4],
  [/^ма[йяе]$/, 5],
  [/^июн/, 6],
  [/^июл/, 7],
  [/^август/, 8],
  [/^сентябр/, 9],
  [/^октябр/, 10],
  [/^ноябр/, 11],
  [/^декабр/, 12],
];

function monthOf(word: string): number | null {
  for (const [re, m] of MONTHS) if (re.test(word)) return m;
  return null;
}

interface Mention {
  month: number;
  day: number | null;
  year: number | null;
}

const YEAR_WORD = /^(19|20|21)\d\d$/;

/** Reads a Period's dates from its Russian words; `year` is used where the text names none. */
export function parseRussianPeriod(text: string, year: number): Period {
  const words = normalizeRu(text).split(' ').filter(Boolean);
  const explicitYear = words.find((w) => YEAR_WORD.test(w));
  const baseYear = explicitYear ? Number(explicitYear) : year;
  const result = (start: IsoDate | null, end: IsoDate | null): Period => ({ text, start, end });

  if (words.some((w) => w === 'ежеквартально' || w === 'ежемесячно'))
    return result(isoDate(baseYear, 1, 1), isoDate(baseYear, 12, 31));
  const joined = words.join(' ');
  if (/в течение (\d{4} )?года/.test(joined) || /до конца (\d{4} )?года/.test(joined))
    return result(
      joined.startsWith('до') ? null : isoDate(baseYear, 1, 1),
      isoDate(baseYear, 12, 31),
    );

  const quarter = /(?:^| )([1-4])(?: ([1-4]))?(?: й)? квартал/.exec(joined);
  if (quarter) {
    const q1 = Number(quarter[1]);
    const q2 = quarter[2] ? Number(quarter[2]) : q1;
    const endMonth = q2 * 3;
    return result(
      isoDate(baseYear, q1 * 3 - 2, 1),
      isoDate(baseYear, endMonth, lastDayOfMonth(baseYear, endMonth)),
    );
  }

  const mentions: Mention[] = [];
  for (let i = 0; i < words.length; i++) {
    const month = monthOf(words[i] ?? '');
    if (month === null) continue;
    const prev = words[i - 1];
    const day = prev !== undefined && /^\d{1,2}$/.test(prev) ? Number(prev) : null;
    const next = words[i + 1];
    const y = next !== undefined && YEAR_WORD.test(next) ? Number(next) : null;
    mentions.push({ month, day, year: y });
  }
  const first = mentions[0];
  const last = mentions[mentions.length - 1];
  if (!first || !last) return result(null, null);

  const startYear = first.year ?? baseYear;
  let endYear = last.year ?? baseYear;
  if (last.year === null && first.year === null && last.month < first.month) endYear += 1;
  const startOf = (m: Mention, y: number): IsoDate | null => safeDate(y, m.month, m.day ?? 1);
  const endOf = (m: Mention, y: number): IsoDate | null =>
    safeDate(y, m.month, m.day ?? lastDayOfMonth(y, m.month));

  const lead = words[0];
  if (lead === 'до' || lead === 'по') return result(null, endOf(last, endYear));
  if ((lead === 'с' || lead === 'со') && mentions.length === 1)
    return result(startOf(first, startYear), null);
  return result(startOf(first, startYear), endOf(last, endYear));
}

function safeDate(year: number, month: number, day: number): IsoDate | null {
  try {
    return isoDate(year, month, day);
  } catch {
    return null;
  }
}

/** Where a day stands against a period: before it, within it, or after its end. */
export function periodPhase(period: Period, asOf: string): 'upcoming' | 'current' | 'past' {
  const day = asOf.slice(0, 10);
  if (period.start !== null && day < period.start) return 'upcoming';
  if (period.end !== null && day > period.end) return 'past';
  return 'current';
}
