// The Returns tab's API requests (op SPECs of BRIEF §4) and the shaping of their answers into
// chart data and CSV tables. Pure: no DOM, no fetch.
import type { Cell } from '../../components/export_echarts';
import type { ReturnsState } from './returns_state';

/** Query parameters of one GET /api/v1/analyze; `op` repeats. */
export interface AnalyzeRequest {
  symbols: string[];
  from: string;
  to: string;
  adjust: string;
  each: boolean;
  input: 'close' | 'logreturns';
  ops: string[];
}

export function transformSpec(s: ReturnsState): string {
  if (s.transform === 'returns' || s.transform === 'cumreturns') return `${s.transform}(kind=${s.kind})`;
  return s.transform;
}

export function corrSpec(s: ReturnsState): string {
  return `corr(method=${s.corr})`;
}

/** The rolling pair: the chosen one when both are selected, else the first two tickers. */
export function rollingPair(s: ReturnsState, tickers: readonly string[]): [string, string] | null {
  if (s.pair !== null && tickers.includes(s.pair[0]) && tickers.includes(s.pair[1])) return s.pair;
  return tickers.length >= 2 ? [tickers[0] as string, tickers[1] as string] : null;
}

export function rollingSpec(s: ReturnsState, tickers: readonly string[]): string | null {
  const pair = rollingPair(s, tickers);
  if (pair === null || s.rollWindow === 0) return null;
  return `rolling_corr(window=${s.rollWindow},x=${pair[0]},y=${pair[1]})`;
}

export function focusOf(s: ReturnsState, tickers: readonly string[]): string | null {
  if (s.focus !== null && tickers.includes(s.focus)) return s.focus;
  return tickers[0] ?? null;
}

export function acfSpec(s: ReturnsState): string {
  return `acf(nlags=${s.nlags},alpha=${s.alpha})`;
}
export function pacfSpec(s: ReturnsState): string {
  return `pacf(nlags=${s.nlags},method=${s.pacf},alpha=${s.alpha})`;
}
export function ljungboxSpec(s: ReturnsState): string {
  return `ljungbox(lags=${s.lbLags})`;
}
export function decompositionSpec(s: ReturnsState): string {
  if (s.decomposition === 'stl') return s.robust ? `stl(period=${s.period},robust=true)` : `stl(period=${s.period})`;
  return `seasonal_decompose(period=${s.period},model=${s.model})`;
}
export function wavedecSpec(s: ReturnsState): string {
  const level = s.level === null ? '' : `,level=${s.level}`;
  return `wavedec(wavelet=${s.wavelet}${level},mode=${s.mode})`;
}
export function cwtSpec(s: ReturnsState): string {
  return `cwt(wavelet=${s.cwavelet},scales=1:${s.maxScale})`;
}

/**
 * The tab's analyze requests: transformations + correlation over every ticker (closes), the
 * autocorrelation and wavelets of the focus ticker's log returns, its decomposition (closes).
 */
export function buildRequests(
  s: ReturnsState,
  tickers: readonly string[],
  range: { from: string; to: string },
  adjust: string,
): { all: AnalyzeRequest; returns: AnalyzeRequest | null; levels: AnalyzeRequest | null } {
  const base = { from: range.from, to: range.to, adjust };
  const allOps = [transformSpec(s)];
  if (tickers.length >= 2) allOps.push(corrSpec(s));
  const rolling = rollingSpec(s, tickers);
  if (rolling !== null) allOps.push(rolling);
  const focus = focusOf(s, tickers);
  return {
    all: { ...base, symbols: [...tickers], each: true, input: 'close', ops: allOps },
    returns:
      focus === null
        ? null
        : {
            ...base,
            symbols: [focus],
            each: true,
            input: 'logreturns',
            ops: [acfSpec(s), pacfSpec(s), ljungboxSpec(s), wavedecSpec(s), cwtSpec(s)],
          },
    levels: focus === null ? null : { ...base, symbols: [focus], each: true, input: 'close', ops: [decompositionSpec(s)] },
  };
}

/** The query string of a request, parameters in a fixed order (the cache key stays stable). */
export function analyzeQuery(r: AnalyzeRequest): string {
  const p = new URLSearchParams();
  p.set('symbols', r.symbols.join(','));
  p.set('from', r.from);
  p.set('to', r.to);
  p.set('adjust', r.adjust);
  if (r.each) p.set('each', 'true');
  if (r.input !== 'close') p.set('input', r.input);
  for (const op of r.ops) p.append('op', op);
  return p.toString();
}

// ---- answers ---------------------------------------------------------------------------------

export type Num = number | null;
export type Outputs = Record<string, Num[] | Num[][] | string[]>;
/** each=true answer: dates per symbol; single-series ops by symbol; corr/rolling_corr outputs. */
export interface EachAnswer {
  dates: Record<string, string[]>;
  [spec: string]: Record<string, string[]> | Record<string, Outputs> | Outputs;
}

export function perSymbol(answer: EachAnswer, spec: string, symbol: string): Outputs | null {
  const bySymbol = answer[spec] as Record<string, Outputs> | undefined;
  return bySymbol?.[symbol] ?? null;
}

export function outputs(answer: EachAnswer, spec: string): Outputs | null {
  return (answer[spec] as Outputs | undefined) ?? null;
}

export function series(o: Outputs | null, name: string): Num[] {
  const v = o?.[name];
  return Array.isArray(v) ? (v as Num[]) : [];
}

/** Union of the symbols' dates (ascending) and each symbol's values on it (null where absent). */
export function alignOnDates(
  dates: Record<string, string[]>,
  values: Record<string, Num[]>,
  symbols: readonly string[],
): { axis: string[]; columns: Num[][] } {
  const all = new Set<string>();
  for (const sym of symbols) for (const d of dates[sym] ?? []) all.add(d);
  const axis = [...all].sort();
  const index = new Map(axis.map((d, i) => [d, i]));
  const columns = symbols.map((sym) => {
    const col: Num[] = new Array<Num>(axis.length).fill(null);
    const ds = dates[sym] ?? [];
    const vs = values[sym] ?? [];
    ds.forEach((d, i) => {
      col[index.get(d) as number] = vs[i] ?? null;
    });
    return col;
  });
  return { axis, columns };
}

/** Heatmap cells [column, row, value] of a k x k matrix; null stays null (no colour). */
export function heatmapCells(matrix: Num[][]): Array<[number, number, Num]> {
  const cells: Array<[number, number, Num]> = [];
  matrix.forEach((row, i) => row.forEach((v, j) => cells.push([j, i, v])));
  return cells;
}

/** Confidence band around zero as statsmodels' plot_acf draws it: confint - value. */
export function bandAroundZero(values: Num[], lower: Num[], upper: Num[]): { lo: Num[]; hi: Num[] } {
  const lo = values.map((v, i) => (v === null || lower[i] == null ? null : (lower[i] as number) - v));
  const hi = values.map((v, i) => (v === null || upper[i] == null ? null : (upper[i] as number) - v));
  return { lo, hi };
}

/** wavedec's outputs in order: cA<L>, cD<L>, ..., cD1. */
export function dwtNames(o: Outputs | null): string[] {
  if (o === null) return [];
  const names = Object.keys(o);
  const level = (n: string) => Number(n.slice(2));
  const approx = names.filter((n) => n.startsWith('cA'));
  const details = names.filter((n) => n.startsWith('cD')).sort((a, b) => level(b) - level(a));
  return [...approx, ...details];
}

// ---- CSV tables ------------------------------------------------------------------------------

export interface Table {
  header: string[];
  rows: Cell[][];
}

/** date, then one column per symbol. */
export function datedTable(axis: readonly string[], names: readonly string[], columns: ReadonlyArray<readonly Num[]>): Table {
  return { header: ['date', ...names], rows: axis.map((d, i) => [d, ...columns.map((c) => c[i] ?? null)]) };
}

export function matrixTable(symbols: readonly string[], matrix: Num[][]): Table {
  return { header: ['symbol', ...symbols], rows: matrix.map((row, i) => [symbols[i] as string, ...row]) };
}

/** lag, then the named outputs (first lag 0 for acf/pacf, 1 for Ljung-Box). */
export function lagTable(first: number, names: readonly string[], columns: ReadonlyArray<readonly Num[]>): Table {
  const n = Math.max(0, ...columns.map((c) => c.length));
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) rows.push([first + i, ...columns.map((c) => c[i] ?? null)]);
  return { header: ['lag', ...names], rows };
}

/** index, then one column per coefficient array (blank below a shorter one). */
export function indexTable(names: readonly string[], columns: ReadonlyArray<readonly Num[]>): Table {
  return lagTable(0, names, columns).rows.length === 0
    ? { header: ['index', ...names], rows: [] }
    : { header: ['index', ...names], rows: lagTable(0, names, columns).rows };
}

/** CWT coefficients (rows = scales) as date rows with one column per scale. */
export function scalogramTable(dates: readonly string[], coefs: Num[][]): Table {
  const header = ['date', ...coefs.map((_, k) => `scale_${k + 1}`)];
  return { header, rows: dates.map((d, i) => [d, ...coefs.map((row) => row[i] ?? null)]) };
}
