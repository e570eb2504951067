// The whole dashboard state lives in the query string, so a view can be shared, bookmarked and
// restored with back/forward. Encoding omits defaults to keep URLs short; decoding is total:
// unknown or malformed values fall back to the default instead of throwing.

import { decodeReturns, defaultReturnsState, encodeReturns, type ReturnsState } from '../features/returns/returns_state';

export const TABS = ['overview', 'technical', 'returns', 'live'] as const;
export type Tab = (typeof TABS)[number];

export const CHART_TYPES = ['candles', 'ohlc', 'line'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const RANGES = ['1M', '3M', '6M', 'YTD', '1Y', '5Y', 'All'] as const;
export type RangeKey = (typeof RANGES)[number];

export const ADJUSTMENTS = ['splits', 'all', 'none'] as const;
export type Adjustment = (typeof ADJUSTMENTS)[number];

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** A custom window set with the range navigator: ISO dates, inclusive. */
export interface CustomRange {
  from: string;
  to: string;
}

export interface DashboardState {
  tab: Tab;
  tickers: string[];
  sector: string | null;
  industry: string | null;
  chart: ChartType;
  range: RangeKey;
  /** Set when the user dragged the navigator; wins over `range` until a range button is pressed. */
  window: CustomRange | null;
  adjust: Adjustment;
  /** null: follow the stored preference or prefers-color-scheme. */
  theme: Theme | null;
  /** The Returns tab's controls (features/returns/returns_state.ts). */
  returns: ReturnsState;
}

export const DEFAULT_TICKERS: readonly string[] = ['AAPL', 'TSLA'];
export const MAX_TICKERS = 8;

export function defaultState(): DashboardState {
  return {
    tab: 'overview',
    tickers: [...DEFAULT_TICKERS],
    sector: null,
    industry: null,
    chart: 'candles',
    range: '1Y',
    window: null,
    adjust: 'splits',
    theme: null,
    returns: defaultReturnsState(),
  };
}

const SYMBOL_RE = /^[A-Z0-9][A-Z0-9.\-^]{0,14}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(list: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

function isIsoDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function parseTickers(raw: string | null): string[] | null {
  if (raw === null) return null;
  const out: string[] = [];
  for (const part of raw.split(',')) {
    const sym = part.trim().toUpperCase();
    if (sym !== '' && SYMBOL_RE.test(sym) && !out.includes(sym)) out.push(sym);
    if (out.length === MAX_TICKERS) break;
  }
  return out;
}

export function decodeState(search: string): DashboardState {
  const p = new URLSearchParams(search);
  const d = defaultState();
  const tickers = parseTickers(p.get('tickers'));
  const sector = p.get('sector');
  const industry = p.get('industry');
  const from = p.get('from');
  const to = p.get('to');
  const window =
    from !== null && to !== null && isIsoDate(from) && isIsoDate(to) && from <= to ? { from, to } : null;
  const theme = p.get('theme');
  return {
    tab: oneOf(TABS, p.get('tab'), d.tab),
    tickers: tickers ?? d.tickers,
    sector: sector !== null && sector.trim() !== '' ? sector : null,
    industry: industry !== null && industry.trim() !== '' ? industry : null,
    chart: oneOf(CHART_TYPES, p.get('chart'), d.chart),
    range: oneOf(RANGES, p.get('range'), d.range),
    window,
    adjust: oneOf(ADJUSTMENTS, p.get('adjust'), d.adjust),
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    returns: decodeReturns(p),
  };
}

/** Returns the query string (with a leading '?', or '' when everything is default). */
export function encodeState(s: DashboardState): string {
  const d = defaultState();
  const p = new URLSearchParams();
  if (s.tab !== d.tab) p.set('tab', s.tab);
  if (s.tickers.join(',') !== d.tickers.join(',')) p.set('tickers', s.tickers.join(','));
  if (s.sector !== null) p.set('sector', s.sector);
  if (s.industry !== null) p.set('industry', s.industry);
  if (s.chart !== d.chart) p.set('chart', s.chart);
  if (s.window !== null) {
    p.set('from', s.window.from);
    p.set('to', s.window.to);
  } else if (s.range !== d.range) {
    p.set('range', s.range);
  }
  if (s.adjust !== d.adjust) p.set('adjust', s.adjust);
  if (s.theme !== null) p.set('theme', s.theme);
  encodeReturns(s.returns, p);
  const q = p.toString();
  return q === '' ? '' : `?${q}`;
}

export function sameState(a: DashboardState, b: DashboardState): boolean {
  return encodeState(a) === encodeState(b);
}

/**
 * Binds state to window.history. `set` pushes a history entry (replace for transient changes such
 * as dragging the navigator); `onChange` fires on back/forward.
 */
export class UrlStore {
  private state_: DashboardState;
  private readonly listeners_: Array<(s: DashboardState) => void> = [];

  constructor(private readonly win: Window) {
    this.state_ = decodeState(win.location.search);
    win.addEventListener('popstate', () => {
      this.state_ = decodeState(win.location.search);
      for (const l of this.listeners_) l(this.state_);
    });
  }

  get(): DashboardState {
    return this.state_;
  }

  set(patch: Partial<DashboardState>, mode: 'push' | 'replace' = 'push'): DashboardState {
    const next = { ...this.state_, ...patch };
    if (sameState(next, this.state_)) {
      this.state_ = next;
      return next;
    }
    this.state_ = next;
    const url = `${this.win.location.pathname}${encodeState(next)}${this.win.location.hash}`;
    if (mode === 'push') this.win.history.pushState(null, '', url);
    else this.win.history.replaceState(null, '', url);
    return next;
  }

  onChange(listener: (s: DashboardState) => void): void {
    this.listeners_.push(listener);
  }
}
