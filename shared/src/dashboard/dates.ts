/**
 * Calendar-day arithmetic on ISO strings. Dates travel as `YYYY-MM-DD` and
 * date-times as ISO 8601 with an offset; deadlines and "N days without activity"
 * are counted in whole days, so everything is reduced to a day number (days since
 * 1970-01-01). A date-only string is that calendar day; a date-time is placed on
 * its UTC day.
 */

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as `YYYY-MM-DD`. */
export type IsoDate = string;

/** Days since 1970-01-01 of an ISO date or date-time; NaN when it does not parse. */
export function dayNumber(iso: string): number {
  const m = DATE_ONLY.exec(iso);
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NaN : Math.floor(ms / DAY_MS);
}

/** The `YYYY-MM-DD` of a day number. */
export function isoFromDayNumber(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** An ISO date from its parts (month 1–12); throws on an impossible date. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    throw new RangeError(`no such date ${year}-${month}-${day}`);
  return d.toISOString().slice(0, 10);
}

/** The last day of a month (1–12). */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
