import { describe, expect, it } from 'vitest';
import {
  alignOnDates,
  analyzeQuery,
  bandAroundZero,
  buildRequests,
  datedTable,
  dwtNames,
  heatmapCells,
  lagTable,
  matrixTable,
  perSymbol,
  scalogramTable,
  type EachAnswer,
} from './requests';
import { defaultReturnsState } from './returns_state';

const range = { from: '2020-01-01', to: '2020-12-31' };

describe('buildRequests', () => {
  it('asks for transformations and correlation of every ticker, the rest for the focus', () => {
    const s = { ...defaultReturnsState(), focus: 'MSFT' };
    const r = buildRequests(s, ['AAPL', 'MSFT', 'XOM'], range, 'splits');
    expect(r.all.ops).toEqual(['cumreturns(kind=log)', 'corr(method=pearson)', 'rolling_corr(window=63,x=AAPL,y=MSFT)']);
    expect(r.all.symbols).toEqual(['AAPL', 'MSFT', 'XOM']);
    expect(r.returns?.symbols).toEqual(['MSFT']);
    expect(r.returns?.input).toBe('logreturns');
    expect(r.returns?.ops).toEqual([
      'acf(nlags=20,alpha=0.05)',
      'pacf(nlags=20,method=ywadjusted,alpha=0.05)',
      'ljungbox(lags=10)',
      'wavedec(wavelet=db4,mode=symmetric)',
      'cwt(wavelet=morl,scales=1:16)',
    ]);
    expect(r.levels?.ops).toEqual(['stl(period=21)']);
    expect(analyzeQuery(r.returns!)).toBe(
      'symbols=MSFT&from=2020-01-01&to=2020-12-31&adjust=splits&each=true&input=logreturns' +
        '&op=acf%28nlags%3D20%2Calpha%3D0.05%29&op=pacf%28nlags%3D20%2Cmethod%3Dywadjusted%2Calpha%3D0.05%29' +
        '&op=ljungbox%28lags%3D10%29&op=wavedec%28wavelet%3Ddb4%2Cmode%3Dsymmetric%29&op=cwt%28wavelet%3Dmorl%2Cscales%3D1%3A16%29',
    );
  });

  it('follows the controls', () => {
    const s = {
      ...defaultReturnsState(),
      transform: 'normalize' as const,
      corr: 'spearman' as const,
      rollWindow: 0,
      decomposition: 'classical' as const,
      model: 'multiplicative' as const,
      period: 5,
      level: 2,
      wavelet: 'haar',
    };
    const r = buildRequests(s, ['AAPL'], range, 'none');
    expect(r.all.ops).toEqual(['normalize']); // one ticker: no correlation
    expect(r.levels?.ops).toEqual(['seasonal_decompose(period=5,model=multiplicative)']);
    expect(r.returns?.ops[3]).toBe('wavedec(wavelet=haar,level=2,mode=symmetric)');
    expect(buildRequests({ ...s, decomposition: 'stl', robust: true }, ['A', 'B'], range, 'none').levels?.ops).toEqual([
      'stl(period=5,robust=true)',
    ]);
    // A pair no longer selected falls back to the first two tickers; a focus likewise.
    const stale = buildRequests({ ...defaultReturnsState(), pair: ['X', 'Y'], focus: 'Z' }, ['A', 'B'], range, 'none');
    expect(stale.all.ops[2]).toBe('rolling_corr(window=63,x=A,y=B)');
    expect(stale.returns?.symbols).toEqual(['A']);
    expect(buildRequests(defaultReturnsState(), [], range, 'none').returns).toBeNull();
  });
});

describe('shaping', () => {
  it('aligns symbols on the union of their dates', () => {
    const { axis, columns } = alignOnDates(
      { A: ['2020-01-02', '2020-01-03'], B: ['2020-01-01', '2020-01-03'] },
      { A: [1, 2], B: [null, 4] },
      ['A', 'B'],
    );
    expect(axis).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
    expect(columns).toEqual([[null, 1, 2], [null, null, 4]]);
    expect(datedTable(axis, ['A', 'B'], columns)).toEqual({
      header: ['date', 'A', 'B'],
      rows: [['2020-01-01', null, null], ['2020-01-02', 1, null], ['2020-01-03', 2, 4]],
    });
  });

  it('turns a matrix into heatmap cells and a table', () => {
    const m = [[1, 0.5], [0.5, 1]];
    expect(heatmapCells(m)).toEqual([[0, 0, 1], [1, 0, 0.5], [0, 1, 0.5], [1, 1, 1]]);
    expect(matrixTable(['A', 'B'], m).rows).toEqual([['A', 1, 0.5], ['B', 0.5, 1]]);
  });

  it('centres confidence bands on zero', () => {
    expect(bandAroundZero([1, 0.25], [1, 0.125], [1, 0.5])).toEqual({ lo: [0, -0.125], hi: [0, 0.25] });
    expect(bandAroundZero([null], [1], [1])).toEqual({ lo: [null], hi: [null] });
  });

  it('orders wavedec outputs from the approximation down to cD1', () => {
    expect(dwtNames({ cD1: [], cA3: [], cD3: [], cD2: [] })).toEqual(['cA3', 'cD3', 'cD2', 'cD1']);
    expect(dwtNames({ cD10: [], cD9: [], cA10: [], cD1: [] })).toEqual(['cA10', 'cD10', 'cD9', 'cD1']);
  });

  it('builds lag and scalogram tables', () => {
    expect(lagTable(1, ['q', 'p'], [[3, 4], [0.1]]).rows).toEqual([[1, 3, 0.1], [2, 4, null]]);
    expect(scalogramTable(['d1', 'd2'], [[1, 2], [3, 4]])).toEqual({
      header: ['date', 'scale_1', 'scale_2'],
      rows: [['d1', 1, 3], ['d2', 2, 4]],
    });
  });

  it('reads per-symbol outputs of an each=true answer', () => {
    const answer = { dates: { A: ['d'] }, returns: { A: { real: [null] } } } as unknown as EachAnswer;
    expect(perSymbol(answer, 'returns', 'A')).toEqual({ real: [null] });
    expect(perSymbol(answer, 'returns', 'B')).toBeNull();
  });
});
