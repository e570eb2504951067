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
