// Wire types of /api/v1 (see BRIEF §4 and the server's openapi.json).

export interface Instrument {
  symbol: string;
  name: string;
  sector: string;
  industry: string;
  exchange: string;
  currency: string;
}

export interface InstrumentsResponse {
  instruments: Instrument[];
  count: number;
}

export interface IndustryCount {
  industry: string;
  count: number;
}

export interface SectorCount {
  sector: string;
  count: number;
  industries: IndustryCount[];
}

export interface SectorsResponse {
  sectors: SectorCount[];
}

/** Columnar bars of one symbol; all arrays have the length of `t`. */
export interface BarSeries {
  symbol: string;
  t: string[];
  open: Array<number | null>;
  high: Array<number | null>;
  low: Array<number | null>;
  close: Array<number | null>;
  volume: Array<number | null>;
}

export interface BarsResponse {
  timespan: string;
  adjust: string;
  series: BarSeries[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** GET /api/v1/indicators: the analytics registry's metadata. */
export interface IndicatorParamMeta {
  name: string;
  /** matype: TA-Lib's moving-average type 0..8. */
  type: 'int' | 'real' | 'matype' | 'bool' | 'choice' | 'text';
  default: number | string | boolean;
  min?: number | null;
  max?: number | null;
  choices?: string[];
  help?: string;
}

export interface IndicatorMeta {
  name: string;
  group: string;
  description: string;
  source: 'talib' | 'op';
  overlay: boolean;
  multi_input?: boolean;
  inputs?: string[];
  params: IndicatorParamMeta[];
  outputs: Array<{ name: string; kind: 'line' | 'histogram' | 'integer' }>;
}

export interface IndicatorsResponse {
  indicators: IndicatorMeta[];
  count: number;
}

/** GET /api/v1/analyze: SPEC → output name → values (null = no value), or an error. */
export type AnalyzeResponse = Record<string, Record<string, Array<number | null>> | { error: string }>;

/** GET /api/v1/calendar */
export interface CalendarResponse {
  exchange: string;
  timezone: string;
  from: string;
  to: string;
  holidays: { t: string[]; name: string[] };
  early_closes: { t: string[]; name: string[]; close: string[] };
  sessions?: { t: string[]; open: string[]; close: string[] };
}

/** GET /api/v1/events: one columnar series per symbol. */
export interface EventSeries {
  symbol: string;
  t: string[];
  kind: Array<'earnings' | 'dividend' | 'split'>;
  value: Array<number | null>;
  time_of_day: Array<string | null>;
}

export interface EventsResponse {
  series: EventSeries[];
}

/** GET /api/v1/macro and /api/v1/macro/{series} */
export interface MacroListResponse {
  series: Array<{ series: string; count: number; from?: string; to?: string }>;
}

export interface MacroSeriesResponse {
  series: string;
  t: string[];
  value: Array<number | null>;
}
