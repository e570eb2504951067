import { defaultReturnsState } from '../features/returns/returns_state';
import { describe, expect, it } from 'vitest';
import { decodeState, defaultState, encodeState, parseTickers } from './url_state';

describe('url state', () => {
  it('encodes the default state as an empty query', () => {
    expect(encodeState(defaultState())).toBe('');
    expect(decodeState('')).toEqual(defaultState());
  });

  it('round-trips every field', () => {
    const s = {
      tab: 'overview' as const,
      tickers: ['MSFT', 'BRK.B', 'GOOGL'],
      sector: 'Information Technology',
      industry: 'Technology Hardware, Storage & Peripherals',
      chart: 'ohlc' as const,
      range: '5Y' as const,
      window: null,
      adjust: 'none' as const,
      theme: 'dark' as const,
      indicators: [],
      techTicker: null,
      markers: [],
      macro: null,
      deflate: false,
      returns: defaultReturnsState(),
    };
    const q = encodeState(s);
    expect(q).toBe(
      '?tickers=MSFT%2CBRK.B%2CGOOGL&sector=Information+Technology' +
        '&industry=Technology+Hardware%2C+Storage+%26+Peripherals&chart=ohlc&range=5Y&adjust=none&theme=dark',
    );
    expect(decodeState(q)).toEqual(s);
  });

  it('keeps a custom window instead of the range key', () => {
    const s = { ...defaultState(), range: '3M' as const, window: { from: '2020-01-02', to: '2020-06-30' } };
    const q = encodeState(s);
    expect(q).toBe('?from=2020-01-02&to=2020-06-30');
    expect(decodeState(q).window).toEqual({ from: '2020-01-02', to: '2020-06-30' });
  });

  it('falls back to defaults on malformed values', () => {
    const s = decodeState('?tab=admin&chart=pie&range=7Y&adjust=maybe&theme=blue&from=2020-13-01&to=2020-01-01');
    expect(s).toEqual(defaultState());
  });

  it('rejects an inverted window', () => {
    expect(decodeState('?from=2021-01-05&to=2020-01-05').window).toBeNull();
  });

  it('treats an empty tickers parameter as no tickers', () => {
    expect(decodeState('?tickers=').tickers).toEqual([]);
  });

  it('normalises, dedupes and bounds the ticker list', () => {
    expect(parseTickers(' aapl,MSFT,,aapl,<script>,x y')).toEqual(['AAPL', 'MSFT']);
    expect(parseTickers(null)).toBeNull();
    const many = Array.from({ length: 20 }, (_, i) => `T${i}`).join(',');
    expect(parseTickers(many)).toHaveLength(8);
  });
});

describe('UrlStore', () => {
  function fakeWindow(search: string) {
    const listeners: Array<() => void> = [];
    const entries: string[] = [`/${search}`];
    let index = 0;
    const location = { pathname: '/', hash: '', search };
    const setUrl = (url: string) => {
      location.search = url.slice(1);
    };
    const win = {
      location,
      history: {
        pushState: (_s: unknown, _t: string, url: string) => {
          entries.splice(index + 1);
          entries.push(url);
          index += 1;
          setUrl(url);
        },
        replaceState: (_s: unknown, _t: string, url: string) => {
          entries[index] = url;
          setUrl(url);
        },
      },
      addEventListener: (_type: string, fn: () => void) => listeners.push(fn),
    };
    const back = () => {
      index -= 1;
      setUrl(entries[index] as string);
      for (const l of listeners) l();
    };
    return { win: win as unknown as Window, entries, back };
  }

  it('pushes changes, replaces transient ones, and restores on back', async () => {
    const { UrlStore } = await import('./url_state');
    const { win, entries, back } = fakeWindow('?tickers=MSFT');
    const store = new UrlStore(win);
    expect(store.get().tickers).toEqual(['MSFT']);
    store.set({ chart: 'line' });
    expect(entries).toEqual(['/?tickers=MSFT', '/?tickers=MSFT&chart=line']);
    store.set({ window: { from: '2020-01-02', to: '2020-03-02' } }, 'replace');
    expect(entries).toEqual(['/?tickers=MSFT', '/?tickers=MSFT&chart=line&from=2020-01-02&to=2020-03-02']);
    store.set({ chart: 'line' }); // no change, no entry
    expect(entries).toHaveLength(2);
    const seen: string[] = [];
    store.onChange((s) => seen.push(s.chart));
    back();
    expect(seen).toEqual(['candles']);
    expect(store.get().chart).toBe('candles');
    expect(store.get().window).toBeNull();
  });
});

describe('Technical, marker and macro state', () => {
  it('round-trips indicator instances, the technical ticker, markers and the macro overlay', () => {
    const s = {
      ...defaultState(),
      tab: 'technical' as const,
      indicators: [
        { symbol: 'AAPL', spec: 'rsi(timeperiod=14)' },
        { symbol: 'AAPL', spec: 'bbands(timeperiod=20,nbdevup=2,nbdevdn=2,matype=0)' },
        { symbol: 'TSLA', spec: 'obv' },
      ],
      techTicker: 'TSLA',
      markers: ['holidays' as const, 'earnings' as const],
      macro: 'CPIAUCSL',
      deflate: true,
    };
    const q = encodeState(s);
    expect(q).toContain('ind=AAPL%3Arsi%28timeperiod%3D14%29');
    expect(q).toContain('markers=holidays%2Cearnings');
    expect(q).toContain('macro=CPIAUCSL&deflate=1');
    expect(decodeState(q)).toEqual(s);
  });

  it('drops malformed or duplicate instances and unknown markers', () => {
    const s = decodeState(
      '?ind=AAPL:rsi(timeperiod=14)&ind=AAPL:rsi(timeperiod=14)&ind=rsi&ind=AAPL:rsi(14)&ind=AAPL:RSI&ind=aapl:sma' +
        '&markers=earnings,bogus,holidays&macro=cpi%20x&tt=tsla',
    );
    expect(s.indicators).toEqual([
      { symbol: 'AAPL', spec: 'rsi(timeperiod=14)' },
      { symbol: 'AAPL', spec: 'sma' },
    ]);
    expect(s.markers).toEqual(['holidays', 'earnings']);
    expect(s.macro).toBeNull();
    expect(s.techTicker).toBe('TSLA');
  });
});
