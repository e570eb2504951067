import { describe, expect, it } from 'vitest';
import { LiveSeries } from './live_series';
import { parseFrame, type BarMessage, type SnapshotMessage } from './protocol';

const bar = (t: number, close: number, final = true, rsi: number | null = null): BarMessage => ({
  type: 'bar',
  channel: 'bars1s',
  symbol: 'AAPL',
  t,
  open: close - 1,
  high: close + 1,
  low: close - 2,
  close,
  volume: 10,
  vwap: close,
  trades: 2,
  final,
  indicators: { 'rsi(timeperiod=14)': { real: rsi } },
});

const snapshot: SnapshotMessage = {
  type: 'snapshot',
  symbol: 'AAPL',
  channel: 'bars1s',
  bars: { t: [1000, 2000, 3000], open: [1, 2, 3], high: [2, 3, 4], low: [0, 1, 2], close: [1.5, 2.5, 3.5], volume: [5, 6, 7], vwap: [1, 2, 3], trades: [1, 1, 1] },
  indicators: { 'rsi(timeperiod=14)': { real: [null, 40, 45] } },
};

describe('LiveSeries', () => {
  it('loads a snapshot in seconds and drops warm-up nulls', () => {
    const s = new LiveSeries();
    s.loadSnapshot(snapshot);
    expect(s.bars.map((b) => b.time)).toEqual([1, 2, 3]);
    expect(s.bars[2]?.close).toBe(3.5);
    expect(s.indicators.get('rsi(timeperiod=14)')?.get('real')).toEqual([
      { time: 2, value: 40 },
      { time: 3, value: 45 },
    ]);
    expect(s.latest()).toEqual({ 'rsi(timeperiod=14)': { real: 45 } });
  });

  it('appends newer bars, replaces a partial with its final bar, ignores older ones', () => {
    const s = new LiveSeries();
    s.loadSnapshot(snapshot);
    expect(s.applyBar(bar(4000, 5, false))).toBe('appended');
    expect(s.applyBar(bar(4000, 6, false))).toBe('replaced');
    expect(s.applyBar(bar(4000, 7, true, 50))).toBe('replaced');
    expect(s.applyBar(bar(4000, 8, false))).toBe('ignored'); // late partial
    expect(s.applyBar(bar(2000, 9))).toBe('ignored');
    expect(s.bars.map((b) => [b.time, b.close])).toEqual([
      [1, 1.5],
      [2, 2.5],
      [3, 3.5],
      [4, 7],
    ]);
    expect(s.latest()['rsi(timeperiod=14)']?.real).toBe(50);
  });

  it('keeps at most maxBars bars and trims the indicators with them', () => {
    const s = new LiveSeries(3);
    for (let i = 1; i <= 5; i += 1) s.applyBar(bar(i * 1000, i, true, i * 10));
    expect(s.bars.map((b) => b.time)).toEqual([3, 4, 5]);
    expect(s.indicators.get('rsi(timeperiod=14)')?.get('real')?.map((p) => p.time)).toEqual([3, 4, 5]);
  });
});

describe('parseFrame', () => {
  it('reads arrays of typed messages and rejects malformed frames', () => {
    expect(parseFrame('[{"type":"trade","symbol":"A","t":1,"price":2,"size":3},{"no":"type"}]')).toHaveLength(1);
    expect(parseFrame('{"type":"heartbeat","t":1}')).toHaveLength(1);
    expect(parseFrame('not json')).toEqual([]);
    expect(parseFrame('[1, null, "x"]')).toEqual([]);
  });
});
