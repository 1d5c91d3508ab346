/** The device's calendar day, apart from the summarizers so light screens can use it. */

/** Today as YYYY-MM-DD in the device's time zone (the day late measures are counted on). */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
