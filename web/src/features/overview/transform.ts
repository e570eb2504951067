// Columnar API bars -> lightweight-charts series data. Time values are business-day strings
// ('YYYY-MM-DD'), so only trading days exist on the axis (no weekend or holiday gaps). Several
// tickers are aligned on the union of their dates, with whitespace where a ticker has no bar
// (e.g. before its listing), so the synced charts share one logical index per day.
import type { BarSeries } from '../../api/types';

export interface Ohlcv {
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface Whitespace {
  time: string;
}

export type OhlcPoint = { time: string; open: number; high: number; low: number; close: number } | Whitespace;
export type ValuePoint = { time: string; value: number; color?: string } | Whitespace;

/** One ticker's bars on the shared axis: bars[i] belongs to axis[i], null where no bar. */
export interface AlignedSeries {
  symbol: string;
  bars: Array<Ohlcv | null>;
  count: number;
}

export interface Aligned {
  axis: string[];
  series: AlignedSeries[];
}

function finite(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Bars of one columnar series, skipping rows with a missing price; throws on ragged columns. */
export function rows(s: BarSeries): Ohlcv[] {
  const n = s.t.length;
  for (const col of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (s[col].length !== n) throw new Error(`${s.symbol}: column ${col} has ${s[col].length} values, t has ${n}`);
  }
  const out: Ohlcv[] = [];
  for (let i = 0; i < n; i++) {
    const o = s.open[i];
    const h = s.high[i];
    const l = s.low[i];
    const c = s.close[i];
    if (!finite(o) || !finite(h) || !finite(l) || !finite(c)) continue;
    const v = s.volume[i];
    out.push({ time: s.t[i] as string, open: o, high: h, low: l, close: c, volume: finite(v) ? v : 0 });
  }
  return out;
}

export function align(series: readonly BarSeries[]): Aligned {
  const perSymbol = series.map((s) => ({ symbol: s.symbol, rows: rows(s) }));
  const dates = new Set<string>();
  for (const s of perSymbol) for (const r of s.rows) dates.add(r.time);
  const axis = [...dates].sort();
  const index = new Map(axis.map((d, i) => [d, i]));
  return {
    axis,
    series: perSymbol.map((s) => {
      const bars: Array<Ohlcv | null> = new Array<Ohlcv | null>(axis.length).fill(null);
      for (const r of s.rows) bars[index.get(r.time) as number] = r;
      return { symbol: s.symbol, bars, count: s.rows.length };
    }),
  };
}

export function toOhlc(axis: readonly string[], s: AlignedSeries): OhlcPoint[] {
  return s.bars.map((b, i) =>
    b === null ? { time: axis[i] as string } : { time: b.time, open: b.open, high: b.high, low: b.low, close: b.close },
  );
}

export function toClose(axis: readonly string[], s: AlignedSeries): ValuePoint[] {
  return s.bars.map((b, i) => (b === null ? { time: axis[i] as string } : { time: b.time, value: b.close }));
}

/** Volume bars coloured by the day's direction (close >= open is up). */
export function toVolume(axis: readonly string[], s: AlignedSeries, up: string, down: string): ValuePoint[] {
  return s.bars.map((b, i) =>
    b === null ? { time: axis[i] as string } : { time: b.time, value: b.volume, color: b.close >= b.open ? up : down },
  );
}

/** The bar at axis index i and the change of its close against the previous bar's close. */
export function barAt(s: AlignedSeries, i: number): { bar: Ohlcv; change: number | null; changePct: number | null } | null {
  const bar = s.bars[i];
  if (bar === undefined || bar === null) return null;
  let prev: Ohlcv | null = null;
  for (let j = i - 1; j >= 0; j--) {
    const p = s.bars[j];
    if (p !== null && p !== undefined) {
      prev = p;
      break;
    }
  }
  if (prev === null) return { bar, change: null, changePct: null };
  const change = bar.close - prev.close;
  return { bar, change, changePct: prev.close !== 0 ? (change / prev.close) * 100 : null };
}

/** Last index holding a bar, or -1. */
export function lastIndex(s: AlignedSeries): number {
  for (let i = s.bars.length - 1; i >= 0; i--) if (s.bars[i] !== null) return i;
  return -1;
}

export function formatPrice(v: number): string {
  return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatVolume(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e9) return `${(v / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${(v / 1e3).toFixed(1)}K`;
  return String(Math.round(v));
}
