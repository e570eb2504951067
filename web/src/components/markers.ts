// Chart markers for holidays, early closes, earnings, splits and dividends, placed on a trading-day
// axis (a closed day's marker goes on the next session, the first bar after it), with the text
// the tooltip shows. Pure functions; the charts hand the result to createSeriesMarkers.
import type { SeriesMarker, Time } from 'lightweight-charts';
import type { CalendarResponse, EventSeries } from '../api/types';
import type { MarkerKind } from '../state/url_state';

export interface MarkerInfo {
  /** Axis date the marker is drawn on. */
  time: string;
  /** Date of the event itself (differs from time when the market was closed that day). */
  date: string;
  kind: MarkerKind;
  /** Short text drawn beside the marker. */
  text: string;
  /** Tooltip line. */
  label: string;
}

export const MARKER_LABELS: Record<MarkerKind, string> = {
  holidays: 'Holidays',
  early: 'Early closes',
  earnings: 'Earnings',
  splits: 'Splits',
  dividends: 'Dividends',
};

const COLORS: Record<MarkerKind, string> = {
  holidays: '#9c27b0',
  early: '#ff9800',
  earnings: '#2962ff',
  splits: '#e91e63',
  dividends: '#00897b',
};

/** Index of the first axis date >= d, or -1 (binary search; axis ascending). */
export function sessionOnOrAfter(axis: readonly string[], d: string): number {
  let lo = 0;
  let hi = axis.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((axis[mid] as string) < d) lo = mid + 1;
    else hi = mid;
  }
  return lo < axis.length ? lo : -1;
}

/** 4 → "4:1", 0.5 → "1:2", 7.000007 → "7:1" (ratios as traded, new shares per old share). */
export function splitRatio(v: number): string {
  if (!(v > 0)) return '?';
  if (v >= 1) return `${+v.toFixed(2)}:1`;
  return `1:${+(1 / v).toFixed(2)}`;
}

export function buildMarkers(
  axis: readonly string[],
  calendar: CalendarResponse | null,
  events: EventSeries | null,
  kinds: ReadonlySet<MarkerKind>,
): MarkerInfo[] {
  const out: MarkerInfo[] = [];
  if (axis.length === 0) return out;
  const first = axis[0] as string;
  const last = axis[axis.length - 1] as string;
  const place = (d: string): string | null => {
    if (d < first || d > last) return null;
    const i = sessionOnOrAfter(axis, d);
    return i < 0 ? null : (axis[i] as string);
  };
  if (calendar !== null) {
    if (kinds.has('holidays')) {
      calendar.holidays.t.forEach((d, i) => {
        const time = place(d);
        if (time !== null) out.push({ time, date: d, kind: 'holidays', text: 'H', label: `${d} market closed: ${calendar.holidays.name[i] ?? 'holiday'}` });
      });
    }
    if (kinds.has('early')) {
      calendar.early_closes.t.forEach((d, i) => {
        const time = place(d);
        if (time !== null) out.push({ time, date: d, kind: 'early', text: '½', label: `${d} early close ${calendar.early_closes.close[i] ?? ''} ET: ${calendar.early_closes.name[i] ?? ''}`.trim() });
      });
    }
  }
  if (events !== null) {
    events.t.forEach((d, i) => {
      const kind = events.kind[i];
      const value = events.value[i];
      const time = place(d);
      if (time === null) return;
      if (kind === 'earnings' && kinds.has('earnings')) {
        const tod = events.time_of_day[i];
        out.push({ time, date: d, kind: 'earnings', text: 'E', label: `${d} earnings release${tod ? ` (${tod})` : ''}` });
      } else if (kind === 'split' && kinds.has('splits') && typeof value === 'number') {
        out.push({ time, date: d, kind: 'splits', text: `S ${splitRatio(value)}`, label: `${d} split ${splitRatio(value)}` });
      } else if (kind === 'dividend' && kinds.has('dividends') && typeof value === 'number') {
        out.push({ time, date: d, kind: 'dividends', text: 'D', label: `${d} dividend $${value.toFixed(4).replace(/0{1,2}$/, '')} per share (ex-date, as declared)` });
      }
    });
  }
  const order: Record<MarkerKind, number> = { holidays: 0, early: 1, earnings: 2, splits: 3, dividends: 4 };
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : order[a.kind] - order[b.kind]));
}

/** lightweight-charts markers: calendar ones above the bar, company events below. */
export function toSeriesMarkers(infos: readonly MarkerInfo[]): Array<SeriesMarker<Time>> {
  return infos.map((m) => ({
    time: m.time as Time,
    position: m.kind === 'holidays' || m.kind === 'early' ? 'aboveBar' : 'belowBar',
    shape: m.kind === 'holidays' || m.kind === 'early' ? 'square' : m.kind === 'earnings' ? 'circle' : 'arrowUp',
    color: COLORS[m.kind],
    text: m.text,
    size: 1,
    id: `${m.kind}:${m.date}`,
  }));
}

/** The markers drawn on one axis date (for the tooltip). */
export function markersAt(infos: readonly MarkerInfo[], time: string): MarkerInfo[] {
  return infos.filter((m) => m.time === time);
}
