import { describe, expect, it } from 'vitest';
import type { CalendarResponse, EventSeries } from '../api/types';
import { buildMarkers, sessionOnOrAfter, splitRatio, toSeriesMarkers } from './markers';

const axis = ['2020-11-24', '2020-11-25', '2020-11-27', '2020-11-30', '2020-12-01'];
const calendar: CalendarResponse = {
  exchange: 'XNYS',
  timezone: 'America/New_York',
  from: '2020-01-01',
  to: '2020-12-31',
  holidays: { t: ['2020-01-01', '2020-11-26', '2020-12-25'], name: ["New Year's Day", 'Thanksgiving Day', 'Christmas Day'] },
  early_closes: { t: ['2020-11-27'], name: ['Day after Thanksgiving (1:00 pm close)'], close: ['13:00'] },
};
const events: EventSeries = {
  symbol: 'AAPL',
  t: ['2020-11-22', '2020-11-25', '2020-11-28', '2020-11-30'],
  kind: ['earnings', 'dividend', 'earnings', 'split'],
  value: [null, 0.205, null, 4],
  time_of_day: [null, null, 'amc', null],
};

describe('markers', () => {
  it('finds the session on or after a date', () => {
    expect(sessionOnOrAfter(axis, '2020-11-26')).toBe(2);
    expect(sessionOnOrAfter(axis, '2020-11-24')).toBe(0);
    expect(sessionOnOrAfter(axis, '2020-12-02')).toBe(-1);
  });

  it('puts a holiday on the next session and keeps only dates inside the axis', () => {
    const m = buildMarkers(axis, calendar, null, new Set(['holidays']));
    expect(m).toEqual([{ time: '2020-11-27', date: '2020-11-26', kind: 'holidays', text: 'H', label: '2020-11-26 market closed: Thanksgiving Day' }]);
  });

  it('labels early closes, earnings, splits and dividends; each kind is toggled on its own', () => {
    const m = buildMarkers(axis, calendar, events, new Set(['early', 'earnings', 'splits', 'dividends']));
    expect(m.map((x) => [x.time, x.kind, x.text])).toEqual([
      ['2020-11-25', 'dividends', 'D'],
      ['2020-11-27', 'early', '½'],
      ['2020-11-30', 'earnings', 'E'], // Saturday's release shows on Monday's bar
      ['2020-11-30', 'splits', 'S 4:1'],
    ]);
    expect(m[1]!.label).toBe('2020-11-27 early close 13:00 ET: Day after Thanksgiving (1:00 pm close)');
    expect(m[2]!.label).toBe('2020-11-28 earnings release (amc)');
    expect(m[0]!.label).toContain('dividend $0.205');
    expect(buildMarkers(axis, calendar, events, new Set())).toEqual([]);
    expect(buildMarkers([], calendar, events, new Set(['holidays']))).toEqual([]);
  });

  it('maps to lightweight-charts markers sorted by time', () => {
    const s = toSeriesMarkers(buildMarkers(axis, calendar, events, new Set(['holidays', 'splits'])));
    expect(s.map((x) => [x.time, x.position, x.shape, x.id])).toEqual([
      ['2020-11-27', 'aboveBar', 'square', 'holidays:2020-11-26'],
      ['2020-11-30', 'belowBar', 'arrowUp', 'splits:2020-11-30'],
    ]);
  });

  it('writes split ratios as traded', () => {
    expect(splitRatio(4)).toBe('4:1');
    expect(splitRatio(7.00000700001)).toBe('7:1');
    expect(splitRatio(0.5)).toBe('1:2');
    expect(splitRatio(0)).toBe('?');
  });
});
