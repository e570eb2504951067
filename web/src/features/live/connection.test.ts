import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveConnection, type ConnectionState } from './connection';
import type { ServerMessage } from './protocol';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(t: string) {
    this.sent.push(t);
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
}

const sock = (i: number): FakeSocket => {
  const s = FakeSocket.all[i];
  if (!s) throw new Error(`no socket ${i}`);
  return s;
};
const sent = (i: number, j: number): string => sock(i).sent[j] ?? '';

describe('LiveConnection', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('subscribes on open, parses frames, reconnects with back-off and resubscribes', () => {
    const messages: ServerMessage[] = [];
    const states: ConnectionState[] = [];
    const c = new LiveConnection('ws://x/api/v1/live', (m) => messages.push(m), (s) => states.push(s), (u) => new FakeSocket(u) as unknown as WebSocket);
    c.subscribe({ symbols: ['AAPL'], channels: ['bars1s'], indicators: ['rsi(timeperiod=14)'] });
    c.start();
    expect(states).toEqual(['connecting']);
    sock(0).open();
    expect(JSON.parse(sent(0, 0))).toEqual({ type: 'subscribe', symbols: ['AAPL'], channels: ['bars1s'], indicators: ['rsi(timeperiod=14)'] });
    sock(0).onmessage?.({ data: '[{"type":"heartbeat","t":1},{"type":"trade","symbol":"AAPL","t":2,"price":3,"size":4}]' });
    expect(messages.map((m) => m.type)).toEqual(['heartbeat', 'trade']);

    // Dropped: reconnect after 0.5 s, then 1 s, and resubscribe on the new socket.
    sock(0).readyState = 3;
    sock(0).onclose?.();
    expect(states.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    sock(1).onclose?.();
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    sock(2).open();
    expect(states.at(-1)).toBe('open');
    expect(JSON.parse(sent(2, 0)).symbols).toEqual(['AAPL']);

    // A new subscription replaces the old one.
    c.subscribe({ symbols: ['MSFT'], channels: ['bars1m'], indicators: [] });
    expect(sock(2).sent.slice(1).map((t) => JSON.parse(t).type)).toEqual(['unsubscribe', 'subscribe']);
    c.stop();
    expect(states.at(-1)).toBe('closed');
    vi.advanceTimersByTime(20_000);
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('subscribes the ticker tape to trades only, without touching the indicators', () => {
    const c = new LiveConnection('ws://x/api/v1/live', () => undefined, () => undefined, (u) => new FakeSocket(u) as unknown as WebSocket);
    c.subscribe({ symbols: ['AAPL'], channels: ['trades', 'bars1s'], indicators: ['sma(timeperiod=20)'], tape: ['JPM', 'MSFT'] });
    c.start();
    sock(0).open();
    expect(sock(0).sent.map((t) => JSON.parse(t))).toEqual([
      { type: 'subscribe', symbols: ['AAPL'], channels: ['trades', 'bars1s'], indicators: ['sma(timeperiod=20)'] },
      { type: 'subscribe', symbols: ['JPM', 'MSFT'], channels: ['trades'] },
    ]);
    c.stop();
  });
});
