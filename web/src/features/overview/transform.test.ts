import { describe, expect, it } from 'vitest';
import type { BarSeries } from '../../api/types';
import { align, barAt, formatPrice, formatVolume, lastIndex, rows, toClose, toOhlc, toVolume } from './transform';

const aapl: BarSeries = {
  symbol: 'AAPL',
  t: ['2021-04-16', '2021-04-19', '2021-04-20', '2021-04-21'],
  open: [134.3, 133.51, 135.02, 132.36],
  high: [134.67, 135.47, 135.53, 133.75],
  low: [133.28, 133.34, 131.81, 131.3],
  close: [134.16, 134.84, 133.11, 133.5],
  volume: [84922386, 94264215, 94812349, 68847136],
};

const late: BarSeries = {
  symbol: 'NEW',
  t: ['2021-04-19', '2021-04-21'],
  open: [10, 11],
  high: [12, 12],
  low: [9, 10.5],
  close: [11, 10.75],
  volume: [1000, null],
};

describe('columnar -> chart series', () => {
  it('reads rows and skips bars with a missing price', () => {
    const r = rows({ ...aapl, close: [134.16, null, 133.11, 133.5] });
    expect(r.map((b) => b.time)).toEqual(['2021-04-16', '2021-04-20', '2021-04-21']);
    expect(r[2]).toEqual({ time: '2021-04-21', open: 132.36, high: 133.75, low: 131.3, close: 133.5, volume: 68847136 });
  });

  it('rejects ragged columns', () => {
    expect(() => rows({ ...aapl, volume: [1, 2] })).toThrow(/volume has 2 values, t has 4/);
  });

  it('aligns tickers on the union of trading days with whitespace gaps', () => {
    const a = align([aapl, late]);
    expect(a.axis).toEqual(aapl.t);
    const n = a.series[1];
    expect(n?.count).toBe(2);
    const ohlc = toOhlc(a.axis, n!);
    expect(ohlc).toHaveLength(4);
    expect(ohlc[0]).toEqual({ time: '2021-04-16' });
    expect(ohlc[1]).toEqual({ time: '2021-04-19', open: 10, high: 12, low: 9, close: 11 });
    expect(ohlc[2]).toEqual({ time: '2021-04-20' });
    expect(toClose(a.axis, n!)[3]).toEqual({ time: '2021-04-21', value: 10.75 });
    // a null volume is charted as 0, not dropped
    expect(toVolume(a.axis, n!, 'U', 'D')[3]).toEqual({ time: '2021-04-21', value: 0, color: 'D' });
    expect(toVolume(a.axis, a.series[0]!, 'U', 'D')[1]).toEqual({ time: '2021-04-19', value: 94264215, color: 'U' });
  });

  it('computes the change against the previous bar', () => {
    const a = align([aapl, late]);
    const s = a.series[0]!;
    expect(lastIndex(s)).toBe(3);
    const last = barAt(s, 3)!;
    expect(last.change).toBeCloseTo(0.39, 10);
    expect(last.changePct).toBeCloseTo((0.39 / 133.11) * 100, 10);
    expect(barAt(s, 0)?.change).toBeNull();
    // skips whitespace to find the previous bar
    expect(barAt(a.series[1]!, 3)?.change).toBeCloseTo(-0.25, 10);
    expect(barAt(a.series[1]!, 2)).toBeNull();
  });

  it('formats prices and volumes', () => {
    expect(formatPrice(1234.5)).toBe('1,234.50');
    expect(formatVolume(94264215)).toBe('94.26M');
    expect(formatVolume(1_500_000_000)).toBe('1.50B');
    expect(formatVolume(1500)).toBe('1.5K');
    expect(formatVolume(12)).toBe('12');
  });
});
