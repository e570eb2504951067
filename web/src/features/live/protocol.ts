// Messages of GET /api/v1/live (src/api/schema/openapi.json describes them). Every frame is a JSON
// array of these.
export type Channel = 'trades' | 'bars1s' | 'bars1m';

export interface FeedInfo {
  source: string; // simulated | polygon | none
  mode: string; // live | replay | starting
  time: number; // ms since the epoch, UTC
  symbols: number;
}

export interface StatusMessage {
  type: 'status';
  status: 'connected' | 'subscribed' | 'unsubscribed';
  feed: FeedInfo;
  subscriptions?: Array<{ symbol: string; channels: Channel[] }>;
  indicators?: string[];
}

export interface TradeMessage {
  type: 'trade';
  symbol: string;
  t: number;
  price: number;
  size: number;
}

export type IndicatorValues = Record<string, Record<string, number | null>>;

export interface BarMessage {
  type: 'bar';
  channel: 'bars1s' | 'bars1m';
  symbol: string;
  t: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  vwap: number | null;
  trades: number;
  final: boolean;
  indicators?: IndicatorValues;
}

export interface SnapshotMessage {
  type: 'snapshot';
  symbol: string;
  channel: 'bars1s' | 'bars1m';
  bars: { t: number[]; open: number[]; high: number[]; low: number[]; close: number[]; volume: number[]; vwap: Array<number | null>; trades: number[] };
  indicators: Record<string, Record<string, Array<number | null>>>;
}

export interface HeartbeatMessage {
  type: 'heartbeat';
  t: number;
  feed: FeedInfo;
  dropped?: number;
  conflated?: number;
}

export interface ErrorMessage {
  type: 'error';
  code: string;
  message: string;
}

export type ServerMessage = StatusMessage | TradeMessage | BarMessage | SnapshotMessage | HeartbeatMessage | ErrorMessage;

/** Parses one frame: a JSON array of messages (a lone object is accepted too). Malformed → []. */
export function parseFrame(text: string): ServerMessage[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const list = Array.isArray(data) ? data : [data];
  return list.filter((m): m is ServerMessage => typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string');
}
