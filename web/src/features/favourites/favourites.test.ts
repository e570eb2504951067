import { describe, expect, it, vi } from 'vitest';
import { Stars } from './stars';
import { formatChange, formatPrice, searchOfState, stateOfSearch } from './format';

describe('Stars', () => {
  it('changes only after the server agreed and tells listeners', async () => {
    const backend = {
      starred: vi.fn(async () => [{ symbol: 'MSFT' }, { symbol: 'AAPL' }]),
      star: vi.fn(async () => {}),
      unstar: vi.fn(async () => {}),
    };
    const stars = new Stars(backend);
    const seen = vi.fn();
    stars.onChange(seen);
    await stars.load();
    expect(stars.list()).toEqual(['AAPL', 'MSFT']);
    expect(await stars.toggle('JPM')).toBe(true);
    expect(backend.star).toHaveBeenCalledWith('JPM');
    expect(await stars.toggle('AAPL')).toBe(false);
    expect(backend.unstar).toHaveBeenCalledWith('AAPL');
    expect(stars.list()).toEqual(['JPM', 'MSFT']);
    expect(seen).toHaveBeenCalledTimes(3);
  });

  it('keeps the set when the server refuses', async () => {
    const stars = new Stars({
      starred: async () => [],
      star: async () => {
        throw new Error('403');
      },
      unstar: async () => {},
    });
    await expect(stars.toggle('AAPL')).rejects.toThrow('403');
    expect(stars.has('AAPL')).toBe(false);
  });

  it('is disabled without a session', async () => {
    const stars = new Stars(null);
    expect(stars.enabled).toBe(false);
    expect(await stars.toggle('AAPL')).toBe(false);
  });
});

describe('format', () => {
  it('formats prices and changes with their direction', () => {
    expect(formatPrice(null)).toBe('—');
    expect(formatPrice(1234.5)).toBe('1,234.50');
    expect(formatChange(1.5, 0.75)).toEqual({ text: '+1.50 (+0.75%)', dir: 'up' });
    expect(formatChange(-2, -1.234)).toEqual({ text: '−2.00 (−1.23%)', dir: 'down' });
    expect(formatChange(0, 0)).toEqual({ text: '0.00 (0.00%)', dir: 'flat' });
    expect(formatChange(null, null)).toEqual({ text: '—', dir: 'flat' });
  });

  it('round-trips the URL state of a view', () => {
    expect(stateOfSearch('?tickers=AAPL&range=5Y')).toBe('tickers=AAPL&range=5Y');
    expect(searchOfState('tickers=AAPL&range=5Y')).toBe('?tickers=AAPL&range=5Y');
    expect(searchOfState('')).toBe('');
  });
});
