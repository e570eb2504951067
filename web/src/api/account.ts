// Client for the account endpoints: /auth/* (sign in, sign out, me, password) and /favourites/*
// (starred symbols, saved views). The session lives in an HttpOnly cookie the page never sees;
// the CSRF token from login/me is kept here and sent as X-CSRF-Token on every POST/PATCH/DELETE.
import { ApiError } from './client';

export type AuthMode = 'required' | 'optional' | 'none';

export interface SessionInfo {
  user: { id: number; name: string };
  csrf_token: string;
  expires_at: string;
  mode: AuthMode;
}

export interface StarredSymbol {
  symbol: string;
  name: string;
  date: string | null;
  last: number | null;
  previous: number | null;
  change: number | null;
  change_pct: number | null;
  starred_at: string;
}

export interface SavedView {
  id: number;
  name: string;
  state: string;
  created_at: string;
  updated_at: string;
}

/** What GET /auth/me says: a session, or the mode that applies to anonymous visitors. */
export type Me = { signedIn: true; session: SessionInfo } | { signedIn: false; mode: AuthMode };

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

const UNSAFE = new Set(['POST', 'PATCH', 'DELETE', 'PUT']);

export class AccountClient {
  private csrf_ = '';

  constructor(
    private readonly base = '/api/v1',
    private readonly fetchFn: Fetch = (i, init) => fetch(i, init),
  ) {}

  /** The CSRF token in use ('' before sign-in). */
  get csrfToken(): string {
    return this.csrf_;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (UNSAFE.has(method) && this.csrf_ !== '') headers['X-CSRF-Token'] = this.csrf_;
    let res: Response;
    try {
      res = await this.fetchFn(`${this.base}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'network', `Cannot reach the server (${String(e)})`);
    }
    let parsed: unknown = null;
    if (res.status !== 204) {
      try {
        parsed = await res.json();
      } catch {
        parsed = null;
      }
    }
    if (!res.ok) {
      const err = (parsed as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      const code = typeof err?.code === 'string' ? err.code : 'http';
      let message = typeof err?.message === 'string' ? err.message : `${res.status} ${res.statusText}`;
      const retry = res.headers.get('Retry-After');
      if (res.status === 429 && retry !== null) message = `Too many failed attempts — try again in ${retry} s.`;
      const error = new ApiError(res.status, code, message);
      (error as ApiError & { body?: unknown }).body = parsed;
      throw error;
    }
    return { status: res.status, body: parsed as T };
  }

  async me(): Promise<Me> {
    const { body } = await this.call<SessionInfo | { user: null; csrf_token: null; mode?: unknown }>('GET', '/auth/me');
    if (body.user !== null && typeof body.csrf_token === 'string') {
      this.csrf_ = body.csrf_token;
      return { signedIn: true, session: body as SessionInfo };
    }
    this.csrf_ = '';
    const mode = body.mode;
    return { signedIn: false, mode: mode === 'optional' || mode === 'none' ? mode : 'required' };
  }

  async login(username: string, password: string): Promise<SessionInfo> {
    const { body } = await this.call<SessionInfo>('POST', '/auth/login', { username, password });
    this.csrf_ = body.csrf_token;
    return body;
  }

  async logout(): Promise<void> {
    await this.call('POST', '/auth/logout');
    this.csrf_ = '';
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<SessionInfo> {
    const { body } = await this.call<SessionInfo>('POST', '/auth/password', {
      current_password: currentPassword,
      new_password: newPassword,
    });
    this.csrf_ = body.csrf_token;
    return body;
  }

  async starred(): Promise<StarredSymbol[]> {
    return (await this.call<{ symbols: StarredSymbol[] }>('GET', '/favourites/symbols')).body.symbols;
  }

  async star(symbol: string): Promise<void> {
    await this.call('POST', '/favourites/symbols', { symbol });
  }

  async unstar(symbol: string): Promise<void> {
    await this.call('DELETE', `/favourites/symbols/${encodeURIComponent(symbol)}`);
  }

  async views(): Promise<SavedView[]> {
    return (await this.call<{ views: SavedView[] }>('GET', '/favourites/views')).body.views;
  }

  async saveView(name: string, state: string): Promise<SavedView> {
    return (await this.call<SavedView>('POST', '/favourites/views', { name, state })).body;
  }

  async renameView(id: number, name: string): Promise<SavedView> {
    return (await this.call<SavedView>('PATCH', `/favourites/views/${id}`, { name })).body;
  }

  async deleteView(id: number): Promise<void> {
    await this.call('DELETE', `/favourites/views/${id}`);
  }
}
