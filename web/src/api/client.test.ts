import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError } from './client';

function response(status: number, body: unknown): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('ApiClient', () => {
  it('builds the bars query string', async () => {
    const fetchFn = vi.fn(async (_url: string) => response(200, { timespan: 'day', adjust: 'all', series: [] }));
    const api = new ApiClient('/api/v1', fetchFn);
    const r = await api.bars({ symbols: ['AAPL', 'MSFT'], from: '2020-01-01', adjust: 'all' });
    expect(r.adjust).toBe('all');
    expect(fetchFn.mock.calls[0]?.[0]).toBe('/api/v1/bars?symbols=AAPL%2CMSFT&from=2020-01-01&timespan=day&adjust=all');
  });

  it('turns an error body into one ApiError through the hook', async () => {
    const api = new ApiClient('/api/v1', async () =>
      response(400, { error: { code: 'bad_parameter', message: 'symbols: unknown symbol XYZ' } }),
    );
    const seen: ApiError[] = [];
    api.onError((e) => seen.push(e));
    await expect(api.bars({ symbols: ['XYZ'], adjust: 'splits' })).rejects.toMatchObject({
      status: 400,
      code: 'bad_parameter',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.message).toBe('symbols: unknown symbol XYZ');
  });

  it('tells the unauthorized hook about a 401', async () => {
    const api = new ApiClient('/api/v1', async () => response(401, { error: { code: 'unauthorized', message: 'sign in first' } }));
    const calls: string[] = [];
    api.onUnauthorized(() => calls.push('401'));
    api.onError((e) => calls.push(e.code));
    await expect(api.sectors()).rejects.toMatchObject({ status: 401 });
    expect(calls).toEqual(['401', 'unauthorized']);
  });

  it('reports malformed bodies and network failures', async () => {
    const bad = new ApiClient('/api/v1', async () => response(200, '{"inst'));
    await expect(bad.sectors()).rejects.toMatchObject({ code: 'bad_body' });
    const html = new ApiClient('/api/v1', async () => response(502, '<html>bad gateway</html>'));
    await expect(html.sectors()).rejects.toMatchObject({ status: 502, code: 'http' });
    const down = new ApiClient('/api/v1', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(down.instruments()).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
