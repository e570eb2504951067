// Thin typed client for /api/v1. Every failure becomes an ApiError and goes through one hook
// (onError) so the page shows it in one place; callers still get the rejection to stop loading.
import type {
  AnalyzeResponse,
  ApiErrorBody,
  BarsResponse,
  CalendarResponse,
  EventsResponse,
  IndicatorsResponse,
  InstrumentsResponse,
  MacroListResponse,
  MacroSeriesResponse,
  SectorsResponse,
} from './types';
import type { Adjustment } from '../state/url_state';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type ErrorHook = (err: ApiError) => void;
type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

function isErrorBody(v: unknown): v is ApiErrorBody {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

export class ApiClient {
  private errorHook_: ErrorHook | null = null;
  private unauthorizedHook_: (() => void) | null = null;

  constructor(
    private readonly base = '/api/v1',
    private readonly fetchFn: Fetch = (i, init) => fetch(i, init),
  ) {}

  onError(hook: ErrorHook): void {
    this.errorHook_ = hook;
  }

  /** Called on any 401 (the session expired or was ended): the page goes back to sign-in. */
  onUnauthorized(hook: () => void): void {
    this.unauthorizedHook_ = hook;
  }

  private async get<T>(
    path: string,
    params: Record<string, string | string[] | undefined>,
    signal?: AbortSignal,
    silent = false,
  ): Promise<T> {
    const fail = (err: ApiError) => (silent ? err : this.fail(err));
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) for (const item of v) q.append(k, item);
      else if (v !== undefined && v !== '') q.set(k, v);
    }
    const qs = q.toString();
    const url = `${this.base}${path}${qs === '' ? '' : `?${qs}`}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, { signal, headers: { Accept: 'application/json' } });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw fail(new ApiError(0, 'network', `Cannot reach the server (${String(e)})`));
    }
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      body = null;
    }
    if (!res.ok) {
      if (isErrorBody(body)) throw fail(new ApiError(res.status, body.error.code, body.error.message));
      throw fail(new ApiError(res.status, 'http', `${res.status} ${res.statusText} for ${path}`));
    }
    if (body === null) throw fail(new ApiError(res.status, 'bad_body', `Malformed JSON from ${path}`));
    return body as T;
  }

  private fail(err: ApiError): ApiError {
    if (err.status === 401) this.unauthorizedHook_?.();
    this.errorHook_?.(err);
    return err;
  }

  instruments(filter: { sector?: string; industry?: string; q?: string } = {}, signal?: AbortSignal) {
    return this.get<InstrumentsResponse>('/instruments', filter, signal);
  }

  sectors(signal?: AbortSignal) {
    return this.get<SectorsResponse>('/sectors', {}, signal);
  }

  bars(
    req: { symbols: string[]; from?: string; to?: string; adjust: Adjustment; timespan?: string },
    signal?: AbortSignal,
    silent = false,
  ) {
    return this.get<BarsResponse>(
      '/bars',
      {
        symbols: req.symbols.join(','),
        from: req.from,
        to: req.to,
        timespan: req.timespan ?? 'day',
        adjust: req.adjust,
      },
      signal,
      silent,
    );
  }

  /** The analytics engine on stored bars: one SPEC per op (BRIEF §4). */
  analyze(req: { symbols: string[]; ops: string[]; adjust: Adjustment; from?: string; to?: string }, signal?: AbortSignal) {
    return this.get<AnalyzeResponse>(
      '/analyze',
      { symbols: req.symbols.join(','), op: req.ops, adjust: req.adjust, from: req.from, to: req.to },
      signal,
    );
  }

  indicators(signal?: AbortSignal) {
    return this.get<IndicatorsResponse>('/indicators', {}, signal);
  }

  calendar(req: { from?: string; to?: string; sessions?: boolean }, signal?: AbortSignal) {
    return this.get<CalendarResponse>(
      '/calendar',
      { from: req.from, to: req.to, sessions: req.sessions === undefined ? undefined : String(req.sessions) },
      signal,
    );
  }

  events(req: { symbols: string[]; from?: string; to?: string; kind?: string[] }, signal?: AbortSignal) {
    return this.get<EventsResponse>(
      '/events',
      { symbols: req.symbols.join(','), from: req.from, to: req.to, kind: req.kind?.join(',') },
      signal,
    );
  }

  macroList(signal?: AbortSignal) {
    return this.get<MacroListResponse>('/macro', {}, signal);
  }

  macro(series: string, req: { from?: string; to?: string } = {}, signal?: AbortSignal) {
    return this.get<MacroSeriesResponse>(`/macro/${encodeURIComponent(series)}`, { from: req.from, to: req.to }, signal);
  }
}
