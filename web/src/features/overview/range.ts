// Range buttons are relative to the last bar in the data, not to today: the bundled demo data end
// on 2021-04-21, and "1Y" must still show a year of bars.
import type { RangeKey } from '../../state/url_state';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(iso: string): [number, number, number] {
  const m = DATE_RE.exec(iso);
  if (m === null) throw new Error(`not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `iso` moved back by `months` calendar months; the day is clamped to the target month's length. */
export function minusMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  return iso(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

const MONTHS: Partial<Record<RangeKey, number>> = { '1M': 1, '3M': 3, '6M': 6, '1Y': 12, '5Y': 60 };

/**
 * First date (inclusive) of the window that `key` selects, for data spanning [first, last].
 * The window ends at `last`. A window reaching before the data is clamped to `first`.
 */
export function rangeStart(key: RangeKey, first: string, last: string): string {
  let start: string;
  if (key === 'All') start = first;
  else if (key === 'YTD') start = iso(parts(last)[0], 1, 1);
  else start = minusMonths(last, MONTHS[key] ?? 12);
  // 1M from 2021-04-21 starts after 2021-03-21, not on it: a month of bars, not a month and a day.
  if (key !== 'All' && key !== 'YTD') start = nextDay(start);
  return start < first ? first : start;
}

export function nextDay(date: string): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return t.toISOString().slice(0, 10);
}

/** Index of the first element >= date in an ascending list (list.length when none). */
export function lowerBound(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((dates[mid] as string) < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index range [from, to] of the bars inside [start, end] on the axis, or null when none. */
export function indexRange(
  dates: readonly string[],
  start: string,
  end: string,
): { from: number; to: number } | null {
  const from = lowerBound(dates, start);
  const to = lowerBound(dates, nextDay(end)) - 1;
  return from <= to ? { from, to } : null;
}
