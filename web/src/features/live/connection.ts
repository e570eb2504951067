// The live WebSocket: connects to /api/v1/live, re-sends the current subscription after every
// (re)connect, reconnects with exponential back-off (0.5 s → 10 s) and reports its state through
// one hook. The WebSocket constructor is injectable for tests.
import { parseFrame, type Channel, type ServerMessage } from './protocol';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface Subscription {
  symbols: string[];
  channels: Channel[];
  indicators: string[];
  /** More symbols whose trades only (the ticker tape of starred symbols). */
  tape?: string[];
}

type SocketFactory = (url: string) => WebSocket;

export class LiveConnection {
  private socket_: WebSocket | null = null;
  private subscription_: Subscription | null = null;
  private retry_ = 0;
  private timer_: ReturnType<typeof setTimeout> | null = null;
  private stopped_ = true;
  state: ConnectionState = 'closed';

  constructor(
    private readonly url: string,
    private readonly onMessage: (m: ServerMessage) => void,
    private readonly onState: (s: ConnectionState) => void,
    private readonly factory: SocketFactory = (u) => new WebSocket(u),
  ) {}

  static defaultUrl(loc: Location = window.location): string {
    return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/v1/live`;
  }

  start(): void {
    if (!this.stopped_) return;
    this.stopped_ = false;
    this.open();
  }

  stop(): void {
    this.stopped_ = true;
    if (this.timer_ !== null) clearTimeout(this.timer_);
    this.timer_ = null;
    this.socket_?.close();
    this.socket_ = null;
    this.setState('closed');
  }

  /** Replaces the subscription: unsubscribes everything, then subscribes to `s`. */
  subscribe(s: Subscription): void {
    this.subscription_ = s;
    if (this.socket_?.readyState === 1) {
      this.send({ type: 'unsubscribe' });
      this.sendSubscription();
    }
  }

  private send(m: object): void {
    this.socket_?.send(JSON.stringify(m));
  }

  private sendSubscription(): void {
    const s = this.subscription_;
    if (s && s.symbols.length > 0 && s.channels.length > 0) {
      this.send({ type: 'subscribe', symbols: s.symbols, channels: s.channels, indicators: s.indicators });
    }
    // A second message without `indicators`: it leaves the connection's indicator set as it is.
    if (s && s.tape && s.tape.length > 0) this.send({ type: 'subscribe', symbols: s.tape, channels: ['trades'] });
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    this.onState(s);
  }

  private open(): void {
    this.setState(this.retry_ === 0 ? 'connecting' : 'reconnecting');
    const ws = this.factory(this.url);
    this.socket_ = ws;
    ws.onopen = () => {
      this.retry_ = 0;
      this.setState('open');
      this.sendSubscription();
    };
    ws.onmessage = (e: MessageEvent) => {
      if (typeof e.data !== 'string') return;
      for (const m of parseFrame(e.data)) this.onMessage(m);
    };
    ws.onclose = () => {
      if (this.socket_ !== ws) return;
      this.socket_ = null;
      if (this.stopped_) return;
      this.retry_ += 1;
      const delay = Math.min(10_000, 500 * 2 ** Math.min(this.retry_ - 1, 5));
      this.setState('reconnecting');
      this.timer_ = setTimeout(() => {
        this.timer_ = null;
        if (!this.stopped_) this.open();
      }, delay);
    };
  }
}
