import { describe, expect, it } from 'vitest';
import type { IndicatorMeta } from '../../api/types';
import { checkForm, checkParam, chartable, groupIndicators, paramHint, parseSpec, textsFromSpec } from './spec';

const bbands: IndicatorMeta = {
  name: 'bbands',
  group: 'Overlap Studies',
  description: 'Bollinger Bands',
  source: 'talib',
  overlay: true,
  inputs: ['real'],
  params: [
    { name: 'timeperiod', type: 'int', default: 5, min: 2, max: 100000 },
    { name: 'nbdevup', type: 'real', default: 2, min: -3e37, max: 3e37 },
    { name: 'nbdevdn', type: 'real', default: 2, min: -3e37, max: 3e37 },
    { name: 'matype', type: 'matype', default: 0, min: 0, max: 8 },
  ],
  outputs: [
    { name: 'upperband', kind: 'line' },
    { name: 'middleband', kind: 'line' },
    { name: 'lowerband', kind: 'line' },
  ],
};
const rsi: IndicatorMeta = {
  name: 'rsi',
  group: 'Momentum Indicators',
  description: 'Relative Strength Index',
  source: 'talib',
  overlay: false,
  inputs: ['real'],
  params: [{ name: 'timeperiod', type: 'int', default: 14, min: 2, max: 100000 }],
  outputs: [{ name: 'real', kind: 'line' }],
};
const pivots: IndicatorMeta = {
  name: 'pivots',
  group: 'Support/Resistance',
  description: 'Classic pivot points',
  source: 'op',
  overlay: true,
  params: [{ name: 'period', type: 'choice', default: 'month', min: null, max: null, choices: ['day', 'week', 'month', 'quarter', 'year'] }],
  outputs: [{ name: 'pp', kind: 'line' }],
};
const acf: IndicatorMeta = { name: 'acf', group: 'Statistics', description: 'Autocorrelation', source: 'op', overlay: false, params: [], outputs: [] };
const mavp: IndicatorMeta = { ...rsi, name: 'mavp', group: 'Overlap Studies', inputs: ['real', 'periods'] };
const trange: IndicatorMeta = { name: 'trange', group: 'Volatility Indicators', description: 'True Range', source: 'talib', overlay: false, inputs: ['high', 'low', 'close'], params: [], outputs: [{ name: 'real', kind: 'line' }] };

describe('parameter checks', () => {
  it('accepts defaults and builds the SPEC with every parameter in registry order', () => {
    expect(checkForm(rsi, {})).toEqual({ spec: 'rsi(timeperiod=14)', errors: {} });
    expect(checkForm(bbands, { timeperiod: '20', nbdevup: '2.5' }).spec).toBe('bbands(timeperiod=20,nbdevup=2.5,nbdevdn=2,matype=0)');
    expect(checkForm(trange, {}).spec).toBe('trange');
    expect(checkForm(pivots, { period: 'week' }).spec).toBe('pivots(period=week)');
  });

  it('enforces integer type and the inclusive range', () => {
    const p = rsi.params[0]!;
    expect(checkParam(p, '2')).toEqual({ ok: true, value: '2' });
    expect(checkParam(p, '100000')).toEqual({ ok: true, value: '100000' });
    expect(checkParam(p, '1')).toEqual({ ok: false, error: 'timeperiod must be ≥ 2' });
    expect(checkParam(p, '100001')).toEqual({ ok: false, error: 'timeperiod must be ≤ 100000' });
    expect(checkParam(p, '14.5')).toEqual({ ok: false, error: 'timeperiod must be a whole number' });
    expect(checkParam(p, 'abc').ok).toBe(false);
    expect(checkParam(p, ' ').ok).toBe(false);
    expect(checkParam(p, ' 007 ')).toEqual({ ok: true, value: '7' });
  });

  it('checks reals, MA types and choices', () => {
    expect(checkParam(bbands.params[1]!, '-1.5e-1')).toEqual({ ok: true, value: '-0.15' });
    expect(checkParam(bbands.params[1]!, '1e999').ok).toBe(false);
    expect(checkParam(bbands.params[1]!, '2,5').ok).toBe(false);
    expect(checkParam(bbands.params[3]!, '8')).toEqual({ ok: true, value: '8' });
    expect(checkParam(bbands.params[3]!, '9').ok).toBe(false);
    expect(checkParam(pivots.params[0]!, 'hour')).toEqual({ ok: false, error: 'period must be one of day, week, month, quarter, year' });
  });

  it('reports every invalid field and no SPEC', () => {
    const r = checkForm(bbands, { timeperiod: '1', nbdevup: 'x', nbdevdn: '2', matype: '0' });
    expect(r.spec).toBeNull();
    expect(Object.keys(r.errors).sort()).toEqual(['nbdevup', 'timeperiod']);
  });

  it('describes each parameter for the form', () => {
    expect(paramHint(rsi.params[0]!)).toBe('integer, 2 … 100000');
    expect(paramHint(bbands.params[1]!)).toBe('number, −∞ … ∞');
    expect(paramHint(pivots.params[0]!)).toBe('day | week | month | quarter | year');
  });
});

describe('SPEC text', () => {
  it('parses and refills a form from a SPEC', () => {
    expect(parseSpec('bbands(timeperiod=20,nbdevup=2)')).toEqual({ name: 'bbands', args: { timeperiod: '20', nbdevup: '2' } });
    expect(parseSpec('obv')).toEqual({ name: 'obv', args: {} });
    expect(parseSpec('rsi(14)')).toBeNull();
    expect(parseSpec('RSI')).toBeNull();
    expect(textsFromSpec(bbands, 'bbands(timeperiod=20)')).toEqual({ timeperiod: '20', nbdevup: '2', nbdevdn: '2', matype: '0' });
  });
});

describe('the picker list', () => {
  const all = [rsi, bbands, pivots, acf, mavp, trange];
  it('keeps chartable indicators, grouped, overlap studies first', () => {
    expect(chartable(acf)).toBe(false);
    expect(chartable(mavp)).toBe(false);
    expect(chartable(pivots)).toBe(true);
    expect(groupIndicators(all, '').map((g) => [g.group, g.items.map((i) => i.name)])).toEqual([
      ['Overlap Studies', ['bbands']],
      ['Support/Resistance', ['pivots']],
      ['Momentum Indicators', ['rsi']],
      ['Volatility Indicators', ['trange']],
    ]);
  });
  it('searches names, descriptions and groups', () => {
    expect(groupIndicators(all, 'RSI').flatMap((g) => g.items.map((i) => i.name))).toEqual(['rsi']);
    expect(groupIndicators(all, 'bollinger').flatMap((g) => g.items.map((i) => i.name))).toEqual(['bbands']);
    expect(groupIndicators(all, 'momentum').flatMap((g) => g.items.map((i) => i.name))).toEqual(['rsi']);
    expect(groupIndicators(all, 'zzz')).toEqual([]);
  });
});
