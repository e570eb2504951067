import { describe, expect, it } from 'vitest';
import { matchInstruments } from './ticker_select';

const list = [
  { symbol: 'AAPL', name: 'Apple Inc.', sector: 'Information Technology', industry: 'x', exchange: '', currency: 'USD' },
  { symbol: 'AMAT', name: 'Applied Materials', sector: 'Information Technology', industry: 'y', exchange: '', currency: 'USD' },
  { symbol: 'PG', name: 'Procter & Gamble', sector: 'Consumer Staples', industry: 'z', exchange: '', currency: 'USD' },
  { symbol: 'APD', name: 'Air Products & Chemicals', sector: 'Materials', industry: 'w', exchange: '', currency: 'USD' },
];

describe('ticker search', () => {
  it('ranks exact symbol, symbol prefix, then name matches', () => {
    expect(matchInstruments(list, 'ap').map((i) => i.symbol)).toEqual(['APD', 'AAPL', 'AMAT']);
    expect(matchInstruments(list, 'AAPL').map((i) => i.symbol)).toEqual(['AAPL']);
    expect(matchInstruments(list, 'gamble').map((i) => i.symbol)).toEqual(['PG']);
  });

  it('excludes selected symbols and lists all on an empty query', () => {
    expect(matchInstruments(list, '', ['PG']).map((i) => i.symbol)).toEqual(['AAPL', 'AMAT', 'APD']);
    expect(matchInstruments(list, 'zzz')).toEqual([]);
  });
});
