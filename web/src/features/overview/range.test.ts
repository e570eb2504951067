import { describe, expect, it } from 'vitest';
import { indexRange, lowerBound, minusMonths, rangeStart } from './range';

describe('range computation', () => {
  const first = '2011-04-21';
  const last = '2021-04-21';

  it('is relative to the last bar, not today', () => {
    expect(rangeStart('1M', first, last)).toBe('2021-03-22');
    expect(rangeStart('3M', first, last)).toBe('2021-01-22');
    expect(rangeStart('6M', first, last)).toBe('2020-10-22');
    expect(rangeStart('1Y', first, last)).toBe('2020-04-22');
    expect(rangeStart('5Y', first, last)).toBe('2016-04-22');
    expect(rangeStart('YTD', first, last)).toBe('2021-01-01');
    expect(rangeStart('All', first, last)).toBe(first);
  });

  it('clamps to the first bar', () => {
    expect(rangeStart('5Y', '2019-06-03', last)).toBe('2019-06-03');
    expect(rangeStart('YTD', '2021-02-01', last)).toBe('2021-02-01');
  });

  it('clamps month ends', () => {
    expect(minusMonths('2021-03-31', 1)).toBe('2021-02-28');
    expect(minusMonths('2020-03-31', 1)).toBe('2020-02-29');
    expect(minusMonths('2021-01-15', 1)).toBe('2020-12-15');
    expect(minusMonths('2021-05-31', 60)).toBe('2016-05-31');
    expect(() => minusMonths('21-5-31', 1)).toThrow();
  });

  it('finds index ranges on a trading-day axis', () => {
    const axis = ['2021-04-15', '2021-04-16', '2021-04-19', '2021-04-20', '2021-04-21'];
    expect(lowerBound(axis, '2021-04-17')).toBe(2);
    expect(lowerBound(axis, '2000-01-01')).toBe(0);
    expect(lowerBound(axis, '2030-01-01')).toBe(5);
    expect(indexRange(axis, '2021-04-17', '2021-04-20')).toEqual({ from: 2, to: 3 });
    expect(indexRange(axis, '2021-04-16', '2021-04-16')).toEqual({ from: 1, to: 1 });
    expect(indexRange(axis, '2021-04-17', '2021-04-18')).toBeNull();
    expect(indexRange([], '2021-04-17', '2021-04-18')).toBeNull();
  });
});
