// The whole dashboard state lives in the query string, so a view can be shared, bookmarked and
// restored with back/forward. Encoding omits defaults to keep URLs short; decoding is total:
// unknown or malformed values fall back to the default instead of throwing.

import { decodeReturns, defaultReturnsState, encodeReturns, type ReturnsState } from '../features/returns/returns_state';

export const TABS = ['overview', 'technical', 'returns', 'live', 'favourites'] as const;
export type Tab = (typeof TABS)[number];

export const CHART_TYPES = ['candles', 'ohlc', 'line'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const RANGES = ['1M', '3M', '6M', 'YTD', '1Y', '5Y', 'All'] as const;
export type RangeKey = (typeof RANGES)[number];

export const ADJUSTMENTS = ['splits', 'all', 'none'] as const;
export type Adjustment = (typeof ADJUSTMENTS)[number];

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Chart markers that can be toggled (Overview and Technical price charts). */
export const MARKER_KINDS = ['holidays', 'early', 'earnings', 'splits', 'dividends'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** One indicator instance of the Technical tab: a SPEC of the analytics grammar on one ticker. */
export interface IndicatorInstance {
  symbol: string;
  spec: string;
}

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
  /** Technical tab: indicator instances (any ticker) and the ticker shown (null: the first selected). */
  indicators: IndicatorInstance[];
  techTicker: string | null;
  /** Markers shown on the price charts. */
  markers: MarkerKind[];
  /** Overview: a macro series on the left axis (FRED id) and prices deflated by CPI. */
  macro: string | null;
  deflate: boolean;
  /** The Returns tab's controls (features/returns/returns_state.ts). */
  returns: ReturnsState;
}

export const MAX_INDICATORS = 20;

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
    indicators: [],
    techTicker: null,
    markers: [],
    macro: null,
    deflate: false,
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

// SPEC of the analytics grammar: name or name(key=value,...); names and values are plain tokens.
const SPEC_RE = /^[a-z][a-z0-9_]{0,39}(\((?:[a-z][a-z0-9_]*=[A-Za-z0-9_.:+\-]+)(?:,[a-z][a-z0-9_]*=[A-Za-z0-9_.:+\-]+)*\))?$/;
const MACRO_RE = /^[A-Z0-9_]{1,32}$/;

/** `AAPL:rsi(timeperiod=14)` → instance; null when malformed. */
export function parseInstance(raw: string): IndicatorInstance | null {
  const colon = raw.indexOf(':');
  if (colon <= 0) return null;
  const symbol = raw.slice(0, colon).trim().toUpperCase();
  const spec = raw.slice(colon + 1).trim();
  if (!SYMBOL_RE.test(symbol) || !SPEC_RE.test(spec)) return null;
  return { symbol, spec };
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
    indicators: p
      .getAll('ind')
      .map(parseInstance)
      .filter((x): x is IndicatorInstance => x !== null)
      .filter((x, i, all) => all.findIndex((y) => y.symbol === x.symbol && y.spec === x.spec) === i)
      .slice(0, MAX_INDICATORS),
    techTicker: (() => {
      const t = parseTickers(p.get('tt'));
      return t !== null && t.length > 0 ? (t[0] as string) : null;
    })(),
    markers: (() => {
      const raw = (p.get('markers') ?? '').split(',');
      return MARKER_KINDS.filter((k) => raw.includes(k));
    })(),
    macro: (() => {
      const m = p.get('macro');
      return m !== null && MACRO_RE.test(m) ? m : null;
    })(),
    deflate: p.get('deflate') === '1',
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
  for (const i of s.indicators) p.append('ind', `${i.symbol}:${i.spec}`);
  if (s.techTicker !== null) p.set('tt', s.techTicker);
  if (s.markers.length > 0) p.set('markers', MARKER_KINDS.filter((k) => s.markers.includes(k)).join(','));
  if (s.macro !== null) p.set('macro', s.macro);
  if (s.deflate) p.set('deflate', '1');
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
