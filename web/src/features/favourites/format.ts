// Display helpers of the watchlist.
export function formatPrice(v: number | null): string {
  return v === null ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function formatChange(change: number | null, pct: number | null): { text: string; dir: 'up' | 'down' | 'flat' } {
  if (change === null || pct === null) return { text: '—', dir: 'flat' };
  const dir = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  const abs = Math.abs(change).toFixed(2);
  const absPct = Math.abs(pct).toFixed(2);
  return { text: `${sign}${abs} (${sign}${absPct}%)`, dir };
}

/** The URL state a saved view stores: the query string without '?'. */
export function stateOfSearch(search: string): string {
  return search.startsWith('?') ? search.slice(1) : search;
}

/** The search string that restores a saved view's state. */
export function searchOfState(state: string): string {
  return state === '' ? '' : `?${state}`;
}
