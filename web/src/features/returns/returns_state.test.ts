import { describe, expect, it } from 'vitest';
import { decodeState, defaultState, encodeState } from '../../state/url_state';
import { decodeReturns, defaultReturnsState, type ReturnsState } from './returns_state';

describe('returns URL state', () => {
  it('omits defaults', () => {
    expect(encodeState({ ...defaultState(), tab: 'returns' })).toBe('?tab=returns');
  });

  it('round-trips every control', () => {
    const returns: ReturnsState = {
      transform: 'standardize',
      kind: 'simple',
      corr: 'kendall',
      rollWindow: 0,
      pair: ['MSFT', 'AAPL'],
      focus: 'MSFT',
      nlags: 40,
      pacf: 'ols',
      alpha: 0.01,
      lbLags: 15,
      decomposition: 'classical',
      period: 37,
      model: 'multiplicative',
      robust: true,
      wavelet: 'bior2.4',
      level: 3,
      mode: 'periodization',
      cwavelet: 'cmor1.5-1.0',
      maxScale: 64,
    };
    const s = { ...defaultState(), tab: 'returns' as const, tickers: ['AAPL', 'MSFT'], returns };
    const q = encodeState(s);
    expect(q).toContain('rpair=MSFT%2CAAPL');
    expect(q).toContain('rwin=0');
    expect(q).toContain('rcwv=cmor1.5-1.0');
    expect(decodeState(q)).toEqual(s);
  });

  it('falls back to defaults on malformed values', () => {
    const d = defaultReturnsState();
    const r = decodeReturns(
      new URLSearchParams(
        'rtf=log&rkind=x&rcorr=tau&rwin=1&rpair=AAPL&rfocus=a$b&rnlags=0&rpacf=burg&ralpha=1.5&rlb=-3' +
          '&rdec=x&rperiod=1&rmodel=x&rrobust=yes&rwv=DB4!&rlevel=x&rmode=%3Cscript%3E&rcwv=&rscales=1000',
      ),
    );
    expect(r).toEqual(d);
    expect(decodeReturns(new URLSearchParams('rpair=AAPL,AAPL')).pair).toBeNull();
    expect(decodeReturns(new URLSearchParams('rlevel=0')).level).toBe(0);
  });
});
