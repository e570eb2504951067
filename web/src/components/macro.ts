// Macro series on a trading-day axis: step values (each day carries the latest observation dated
// on or before it — monthly FRED series are dated the 1st) and CPI deflation of prices.
import type { Aligned } from '../features/overview/transform';

/** For each axis date, the value of the last observation dated <= it (null before the first). */
export function stepValues(axis: readonly string[], t: readonly string[], v: ReadonlyArray<number | null>): Array<number | null> {
  const out: Array<number | null> = new Array<number | null>(axis.length).fill(null);
  let j = -1;
  let current: number | null = null;
  for (let i = 0; i < axis.length; i++) {
    const d = axis[i] as string;
    while (j + 1 < t.length && (t[j + 1] as string) <= d) {
      j++;
      const x = v[j];
      current = typeof x === 'number' && Number.isFinite(x) ? x : current;
    }
    out[i] = current;
  }
  return out;
}

/**
 * Deflation factors CPI(base) / CPI(date), base = the first axis date with a CPI value, so that
 * prices are in that date's dollars (the first real price equals the nominal one). null where CPI
 * is unknown.
 */
export function deflateFactors(axis: readonly string[], cpiT: readonly string[], cpiV: ReadonlyArray<number | null>): Array<number | null> {
  const cpi = stepValues(axis, cpiT, cpiV);
  const base = cpi.find((x): x is number => x !== null && x > 0) ?? null;
  return cpi.map((x) => (base === null || x === null || !(x > 0) ? null : base / x));
}

/** Prices (open, high, low, close) times the factor of their day; volume unchanged. Bars without a factor are dropped. */
export function deflateAligned(aligned: Aligned, factors: ReadonlyArray<number | null>): Aligned {
  if (factors.length !== aligned.axis.length) throw new Error(`${factors.length} factors for an axis of ${aligned.axis.length}`);
  return {
    axis: aligned.axis,
    series: aligned.series.map((s) => {
      let count = 0;
      const bars = s.bars.map((b, i) => {
        const f = factors[i];
        if (b === null || f === null || f === undefined) return null;
        count++;
        return { ...b, open: b.open * f, high: b.high * f, low: b.low * f, close: b.close * f };
      });
      return { symbol: s.symbol, bars, count };
    }),
  };
}

/** Friendly names of the FRED series the demo data bundles. */
export const MACRO_NAMES: Record<string, string> = {
  CPIAUCSL: 'CPI, all urban consumers (index)',
  FEDFUNDS: 'Effective fed funds rate (%)',
};
