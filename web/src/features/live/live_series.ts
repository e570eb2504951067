// The bars and indicator values of one live chart, kept in time order. Pure: the view draws what
// this holds; Vitest checks it. A bar with the time of the last one replaces it (partial minute
// bars, then the final one); older times are ignored; history is bounded.
import type { BarMessage, SnapshotMessage } from './protocol';

export interface LiveBar {
  time: number; // seconds since the epoch (lightweight-charts' UTCTimestamp)
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  final: boolean;
}

export interface IndicatorPoint {
  time: number;
  value: number;
}

export type Applied = 'appended' | 'replaced' | 'ignored';

export class LiveSeries {
  readonly bars: LiveBar[] = [];
  /** spec → output → points (final bars only; nulls of the warm-up left out). */
  readonly indicators = new Map<string, Map<string, IndicatorPoint[]>>();

  constructor(readonly maxBars = 2000) {}

  reset(): void {
    this.bars.length = 0;
    this.indicators.clear();
  }

  loadSnapshot(s: SnapshotMessage): void {
    this.reset();
    const b = s.bars;
    for (let i = 0; i < b.t.length; i += 1) {
      this.bars.push({ time: (b.t[i] ?? 0) / 1000, open: b.open[i] ?? NaN, high: b.high[i] ?? NaN, low: b.low[i] ?? NaN, close: b.close[i] ?? NaN, volume: b.volume[i] ?? 0, final: true });
    }
    for (const [spec, outputs] of Object.entries(s.indicators)) {
      const m = new Map<string, IndicatorPoint[]>();
      for (const [name, values] of Object.entries(outputs)) {
        const points: IndicatorPoint[] = [];
        values.forEach((v, i) => {
          if (v !== null && Number.isFinite(v)) points.push({ time: (b.t[i] ?? 0) / 1000, value: v });
        });
        m.set(name, points);
      }
      this.indicators.set(spec, m);
    }
    this.trim();
  }

  /** Applies a bar message; returns what happened to the bar list. */
  applyBar(m: BarMessage): Applied {
    const bar: LiveBar = { time: m.t / 1000, open: m.open, high: m.high, low: m.low, close: m.close, volume: m.volume, final: m.final };
    const last = this.bars[this.bars.length - 1];
    let applied: Applied;
    if (last === undefined || bar.time > last.time) {
      this.bars.push(bar);
      applied = 'appended';
    } else if (bar.time === last.time) {
      if (last.final && !bar.final) return 'ignored'; // a late partial after the final bar
      this.bars[this.bars.length - 1] = bar;
      applied = 'replaced';
    } else {
      return 'ignored';
    }
    if (m.final && m.indicators) {
      for (const [spec, outputs] of Object.entries(m.indicators)) {
        let series = this.indicators.get(spec);
        if (!series) {
          series = new Map();
          this.indicators.set(spec, series);
        }
        for (const [name, v] of Object.entries(outputs)) {
          if (v === null || !Number.isFinite(v)) continue;
          let points = series.get(name);
          if (!points) {
            points = [];
            series.set(name, points);
          }
          const lastPoint = points[points.length - 1];
          if (lastPoint && lastPoint.time === bar.time) lastPoint.value = v;
          else if (!lastPoint || lastPoint.time < bar.time) points.push({ time: bar.time, value: v });
        }
      }
    }
    this.trim();
    return applied;
  }

  /** The latest value of each indicator output ("rsi(timeperiod=14)" → {real: 55.2}). */
  latest(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [spec, outputs] of this.indicators) {
      out[spec] = {};
      for (const [name, points] of outputs) {
        const p = points[points.length - 1];
        if (p) out[spec][name] = p.value;
      }
    }
    return out;
  }

  private trim(): void {
    const excess = this.bars.length - this.maxBars;
    if (excess <= 0) return;
    this.bars.splice(0, excess);
    const first = this.bars[0]?.time ?? 0;
    for (const outputs of this.indicators.values()) {
      for (const [name, points] of outputs) {
        const keep = points.findIndex((p) => p.time >= first);
        outputs.set(name, keep < 0 ? [] : points.slice(keep));
      }
    }
  }
}
