// The Returns tab's controls as part of the URL state (decoded/encoded by state/url_state.ts).
// Short keys prefixed with `r`, defaults omitted; decoding is total: a malformed value falls back
// to its default.

export const TRANSFORMS = ['returns', 'cumreturns', 'normalize', 'standardize'] as const;
export type Transform = (typeof TRANSFORMS)[number];
export const RETURN_KINDS = ['log', 'simple'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];
export const CORR_METHODS = ['pearson', 'spearman', 'kendall'] as const;
export type CorrMethod = (typeof CORR_METHODS)[number];
export const PACF_METHODS = ['ywadjusted', 'ywm', 'ols', 'ols-adjusted', 'ld', 'ldb'] as const;
export type PacfMethod = (typeof PACF_METHODS)[number];
export const DECOMPOSITIONS = ['stl', 'classical'] as const;
export type Decomposition = (typeof DECOMPOSITIONS)[number];
export const MODELS = ['additive', 'multiplicative'] as const;
export type Model = (typeof MODELS)[number];
export const PERIOD_PRESETS = [5, 21, 63, 252] as const;

export interface ReturnsState {
  /** Transformations card. */
  transform: Transform;
  kind: ReturnKind;
  /** Correlation. */
  corr: CorrMethod;
  /** Rolling window in sessions; 0: only the whole-range matrix. */
  rollWindow: number;
  /** The rolling pair; null: the first two tickers. */
  pair: [string, string] | null;
  /** Ticker for ACF/PACF, decomposition and wavelets; null: the first ticker. */
  focus: string | null;
  nlags: number;
  pacf: PacfMethod;
  alpha: number;
  lbLags: number;
  decomposition: Decomposition;
  period: number;
  model: Model;
  robust: boolean;
  wavelet: string;
  /** DWT level; null: the engine's maximum. */
  level: number | null;
  mode: string;
  cwavelet: string;
  /** CWT scales 1..maxScale. */
  maxScale: number;
}

export function defaultReturnsState(): ReturnsState {
  return {
    transform: 'cumreturns',
    kind: 'log',
    corr: 'pearson',
    rollWindow: 63,
    pair: null,
    focus: null,
    nlags: 20,
    pacf: 'ywadjusted',
    alpha: 0.05,
    lbLags: 10,
    decomposition: 'stl',
    period: 21,
    model: 'additive',
    robust: false,
    wavelet: 'db4',
    level: null,
    mode: 'symmetric',
    cwavelet: 'morl',
    maxScale: 16,
  };
}

const NAME_RE = /^[a-z][a-z0-9.\-]{0,15}$/;
const SYMBOL_RE = /^[A-Z0-9][A-Z0-9.\-^]{0,14}$/;

function oneOf<T extends string>(list: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : fallback;
}

function int(value: string | null, min: number, max: number, fallback: number): number {
  if (value === null || !/^\d{1,6}$/.test(value)) return fallback;
  const n = Number(value);
  return n >= min && n <= max ? n : fallback;
}

function name(value: string | null, fallback: string): string {
  return value !== null && NAME_RE.test(value) ? value : fallback;
}

export function decodeReturns(p: URLSearchParams): ReturnsState {
  const d = defaultReturnsState();
  const pairRaw = p.get('rpair');
  const pairParts = pairRaw?.split(',') ?? [];
  const pair: [string, string] | null =
    pairParts.length === 2 && pairParts.every((s) => SYMBOL_RE.test(s)) && pairParts[0] !== pairParts[1]
      ? [pairParts[0] as string, pairParts[1] as string]
      : null;
  const focus = p.get('rfocus');
  const alphaRaw = p.get('ralpha');
  const alpha = alphaRaw !== null && /^0\.\d{1,4}$/.test(alphaRaw) && Number(alphaRaw) > 0 ? Number(alphaRaw) : d.alpha;
  const level = p.get('rlevel');
  return {
    transform: oneOf(TRANSFORMS, p.get('rtf'), d.transform),
    kind: oneOf(RETURN_KINDS, p.get('rkind'), d.kind),
    corr: oneOf(CORR_METHODS, p.get('rcorr'), d.corr),
    rollWindow: p.get('rwin') === '0' ? 0 : int(p.get('rwin'), 2, 2520, d.rollWindow),
    pair,
    focus: focus !== null && SYMBOL_RE.test(focus) ? focus : null,
    nlags: int(p.get('rnlags'), 1, 500, d.nlags),
    pacf: oneOf(PACF_METHODS, p.get('rpacf'), d.pacf),
    alpha,
    lbLags: int(p.get('rlb'), 1, 500, d.lbLags),
    decomposition: oneOf(DECOMPOSITIONS, p.get('rdec'), d.decomposition),
    period: int(p.get('rperiod'), 2, 2520, d.period),
    model: oneOf(MODELS, p.get('rmodel'), d.model),
    robust: p.get('rrobust') === '1',
    wavelet: name(p.get('rwv'), d.wavelet),
    level: level !== null && /^\d{1,2}$/.test(level) ? Number(level) : null,
    mode: name(p.get('rmode'), d.mode),
    cwavelet: name(p.get('rcwv'), d.cwavelet),
    maxScale: int(p.get('rscales'), 2, 128, d.maxScale),
  };
}

/** Adds the non-default controls to `p`. */
export function encodeReturns(s: ReturnsState, p: URLSearchParams): void {
  const d = defaultReturnsState();
  const put = (key: string, value: string, fallback: string) => {
    if (value !== fallback) p.set(key, value);
  };
  put('rtf', s.transform, d.transform);
  put('rkind', s.kind, d.kind);
  put('rcorr', s.corr, d.corr);
  put('rwin', String(s.rollWindow), String(d.rollWindow));
  if (s.pair !== null) p.set('rpair', s.pair.join(','));
  if (s.focus !== null) p.set('rfocus', s.focus);
  put('rnlags', String(s.nlags), String(d.nlags));
  put('rpacf', s.pacf, d.pacf);
  put('ralpha', String(s.alpha), String(d.alpha));
  put('rlb', String(s.lbLags), String(d.lbLags));
  put('rdec', s.decomposition, d.decomposition);
  put('rperiod', String(s.period), String(d.period));
  put('rmodel', s.model, d.model);
  if (s.robust) p.set('rrobust', '1');
  put('rwv', s.wavelet, d.wavelet);
  if (s.level !== null) p.set('rlevel', String(s.level));
  put('rmode', s.mode, d.mode);
  put('rcwv', s.cwavelet, d.cwavelet);
  put('rscales', String(s.maxScale), String(d.maxScale));
}
