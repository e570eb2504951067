import { describe, expect, it, vi } from 'vitest';
import { AccountClient } from './account';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

const session = { user: { id: 1, name: 'admin' }, csrf_token: 'csrf-1', expires_at: '2030-01-01T00:00:00Z', mode: 'required' };

describe('AccountClient', () => {
  it('keeps the CSRF token from login and sends it on state-changing requests only', async () => {
    const fetchFn = vi.fn(async (url: string, _init?: RequestInit) =>
      url.endsWith('/auth/login') ? json(200, session) : url.endsWith('/favourites/symbols') ? json(200, { symbols: [] }) : json(201, {}),
    );
    const client = new AccountClient('/api/v1', fetchFn);
    await client.login('admin', 'pw');
    expect(client.csrfToken).toBe('csrf-1');
    const loginInit = fetchFn.mock.calls[0]?.[1];
    expect(loginInit?.method).toBe('POST');
    expect(JSON.parse(String(loginInit?.body))).toEqual({ username: 'admin', password: 'pw' });
    expect((loginInit?.headers as Record<string, string>)['Content-Type']).toBe('application/json');

    await client.starred();
    expect((fetchFn.mock.calls[1]?.[1]?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    await client.star('AAPL');
    expect((fetchFn.mock.calls[2]?.[1]?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
    await client.renameView(7, 'x');
    expect(fetchFn.mock.calls[3]?.[0]).toBe('/api/v1/favourites/views/7');
    expect(fetchFn.mock.calls[3]?.[1]?.method).toBe('PATCH');
    expect((fetchFn.mock.calls[3]?.[1]?.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-1');
  });

  it('reads the mode from an anonymous /me', async () => {
    const client = new AccountClient('/api/v1', async () => json(200, { user: null, csrf_token: null, mode: 'optional' }));
    await expect(client.me()).resolves.toEqual({ signedIn: false, mode: 'optional' });
    const required = new AccountClient('/api/v1', async () => json(200, { user: null, csrf_token: null, mode: 'required' }));
    await expect(required.me()).resolves.toEqual({ signedIn: false, mode: 'required' });
    const signedIn = new AccountClient('/api/v1', async () => json(200, session));
    await expect(signedIn.me()).resolves.toMatchObject({ signedIn: true, session: { user: { name: 'admin' } } });
    expect(signedIn.csrfToken).toBe('csrf-1');
  });

  it('turns a throttled login into a message with the wait', async () => {
    const client = new AccountClient('/api/v1', async () =>
      json(429, { error: { code: 'too_many_requests', message: 'too many failed logins' } }, { 'Retry-After': '4' }),
    );
    await expect(client.login('a', 'b')).rejects.toMatchObject({ status: 429, message: 'Too many failed attempts — try again in 4 s.' });
  });

  it('passes the server message of a failed login through', async () => {
    const client = new AccountClient('/api/v1', async () =>
      json(401, { error: { code: 'unauthorized', message: 'invalid user name or password' } }),
    );
    await expect(client.login('a', 'b')).rejects.toMatchObject({ status: 401, message: 'invalid user name or password' });
  });

  it('escapes symbols in paths and handles 204', async () => {
    const fetchFn = vi.fn(async () => new Response(null, { status: 204 }));
    const client = new AccountClient('/api/v1', fetchFn);
    await client.unstar('BRK.B');
    await client.deleteView(3);
    expect(fetchFn.mock.calls.map((c) => (c as unknown[])[0])).toEqual(['/api/v1/favourites/symbols/BRK.B', '/api/v1/favourites/views/3']);
  });
});
