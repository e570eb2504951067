import { describe, expect, it } from 'vitest';
import type { Aligned } from '../features/overview/transform';
import { deflateAligned, deflateFactors, stepValues } from './macro';

describe('stepValues', () => {
  it('carries the latest observation dated on or before each day forward', () => {
    const axis = ['2019-12-31', '2020-01-02', '2020-01-31', '2020-02-03', '2020-03-02'];
    const t = ['2020-01-01', '2020-02-01', '2020-03-01'];
    expect(stepValues(axis, t, [100, 110, null])).toEqual([null, 100, 100, 110, 110]);
  });
  it('handles no observations and observations after the axis', () => {
    expect(stepValues(['2020-01-02'], [], [])).toEqual([null]);
    expect(stepValues(['2020-01-02'], ['2021-01-01'], [5])).toEqual([null]);
  });
});

describe('CPI deflation', () => {
  const axis = ['2020-01-02', '2020-01-03', '2020-02-03', '2020-03-02'];
  const cpiT = ['2020-01-01', '2020-02-01', '2020-03-01'];
  const cpiV = [250, 255, 262.5];

  it('rebases to the first date: factor CPI(first)/CPI(day)', () => {
    const f = deflateFactors(axis, cpiT, cpiV);
    expect(f[0]).toBe(1);
    expect(f[1]).toBe(1);
    expect(f[2]).toBeCloseTo(250 / 255, 15);
    expect(f[3]).toBeCloseTo(250 / 262.5, 15);
  });

  it('divides prices by CPI relative to the first date, keeps volume', () => {
    const aligned: Aligned = {
      axis,
      series: [
        {
          symbol: 'X',
          count: 3,
          bars: [
            { time: axis[0]!, open: 10, high: 11, low: 9, close: 10.5, volume: 100 },
            null,
            { time: axis[2]!, open: 51, high: 51, low: 51, close: 51, volume: 7 },
            { time: axis[3]!, open: 21, high: 21, low: 21, close: 21, volume: 8 },
          ],
        },
      ],
    };
    const out = deflateAligned(aligned, deflateFactors(axis, cpiT, cpiV));
    const bars = out.series[0]!.bars;
    expect(bars[0]).toEqual({ time: axis[0], open: 10, high: 11, low: 9, close: 10.5, volume: 100 });
    expect(bars[1]).toBeNull();
    // 51 nominal dollars of February at CPI 255 are 50 dollars of January 2 (CPI 250)
    expect(bars[2]!.close).toBeCloseTo(50, 12);
    expect(bars[2]!.volume).toBe(7);
    expect(bars[3]!.close).toBeCloseTo(20, 12); // 21 × 250 / 262.5
    expect(out.series[0]!.count).toBe(3);
  });

  it('starts from the first day with a CPI value; days before it get no bar', () => {
    const f = deflateFactors(['2019-12-31', '2020-01-02', '2020-02-03'], cpiT, cpiV);
    expect(f).toEqual([null, 1, 250 / 255]);
  });

  it('refuses factors of the wrong length', () => {
    expect(() => deflateAligned({ axis: ['a'], series: [] }, [])).toThrow();
  });
});
