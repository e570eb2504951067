// The Live tab: one symbol's streaming chart (1-second or 1-minute bars from GET /api/v1/live),
// streaming indicators computed by the server on every final bar (overlays on the price pane,
// oscillators in a pane below), the latest values, a tape of recent trades, the feed's badge
// ("simulated") and the connection state. Reconnects by itself (connection.ts).
import {
  CandlestickSeries,
  ColorType,
  HistogramSeries,
  LineSeries,
  createChart,
  type IChartApi,
  type ISeriesApi,
  type SeriesType,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { ApiClient } from '../../api/client';
import { h } from '../../components/dom';
import { Segmented } from '../../components/segmented';
import type { Theme } from '../../state/url_state';
import { chartColors } from '../overview/theme_colors';
import { LiveConnection, type ConnectionState } from './connection';
import { LiveSeries } from './live_series';
import type { BarMessage, FeedInfo, ServerMessage, TradeMessage } from './protocol';

type Interval = 'bars1s' | 'bars1m';

interface IndicatorChoice {
  spec: string;
  label: string;
  overlay: boolean;
  on: boolean;
}

const INDICATORS: IndicatorChoice[] = [
  { spec: 'sma(timeperiod=20)', label: 'SMA 20', overlay: true, on: true },
  { spec: 'ema(timeperiod=50)', label: 'EMA 50', overlay: true, on: false },
  { spec: 'bbands(timeperiod=20)', label: 'Bollinger 20', overlay: true, on: false },
  { spec: 'vwap', label: 'VWAP', overlay: true, on: false },
  { spec: 'rsi(timeperiod=14)', label: 'RSI 14', overlay: false, on: true },
  { spec: 'macd', label: 'MACD', overlay: false, on: false },
];
const LINE_COLORS = ['#f7a600', '#9c27b0', '#00897b', '#5d4037', '#e91e63', '#3f51b5', '#795548'];

export interface LiveState {
  connection: ConnectionState;
  feed: FeedInfo | null;
  symbol: string;
  interval: Interval;
  bars: number;
  lastTime: number | null;
  lastClose: number | null;
  indicators: Record<string, Record<string, number>>;
  trades: number;
  updates: number;
  /** The ticker tape: last traded price per starred symbol (null until its first trade). */
  tape: Record<string, number | null>;
}

/** A starred symbol on the ticker tape; `reference` is its last stored close (the change's base). */
export interface TapeSymbol {
  symbol: string;
  reference: number | null;
}

interface Ticker {
  reference: number | null;
  last: number | null;
  price: HTMLElement;
  change: HTMLElement;
}

export class Live {
  readonly el: HTMLElement;
  private readonly connection_: LiveConnection;
  private readonly series_ = new LiveSeries();
  private symbol_ = 'AAPL';
  private interval_: Interval = 'bars1s';
  private feed_: FeedInfo | null = null;
  private started_ = false;
  private trades_ = 0;
  private updates_ = 0;
  private chart_: IChartApi | null = null;
  private candles_: ISeriesApi<'Candlestick'> | null = null;
  private volume_: ISeriesApi<'Histogram'> | null = null;
  private lines_ = new Map<string, ISeriesApi<SeriesType>>();
  private readonly chartHost_: HTMLElement;
  private readonly symbolSelect_: HTMLSelectElement;
  private readonly badge_: HTMLElement;
  private readonly status_: HTMLElement;
  private readonly price_: HTMLElement;
  private readonly values_: HTMLElement;
  private readonly tape_: HTMLElement;
  private readonly error_: HTMLElement;
  /** The ticker tape of the starred symbols (signed in only): live price and change since the last close. */
  readonly tickerTape: HTMLElement;
  private tickers_ = new Map<string, Ticker>();

  constructor(
    private readonly api: ApiClient,
    private theme: Theme,
    url = LiveConnection.defaultUrl(),
  ) {
    this.connection_ = new LiveConnection(url, (m) => this.onMessage(m), (s) => this.onState(s));
    this.symbolSelect_ = h('select', { id: 'live-symbol', class: 'select', 'aria-label': 'Symbol' });
    this.symbolSelect_.append(h('option', { value: 'AAPL' }, 'AAPL'));
    this.symbolSelect_.addEventListener('change', () => {
      this.symbol_ = this.symbolSelect_.value;
      this.resubscribe();
    });
    const interval = new Segmented<Interval>(
      'Bar interval',
      [
        { value: 'bars1s', label: '1 s', title: '1-second bars' },
        { value: 'bars1m', label: '1 min', title: '1-minute bars' },
      ],
      this.interval_,
      (v) => {
        this.interval_ = v;
        this.resubscribe();
      },
    );
    const checks = h('div', { class: 'live-indicators', role: 'group', 'aria-label': 'Indicators' });
    for (const choice of INDICATORS) {
      const box = h('input', { type: 'checkbox', 'data-spec': choice.spec, checked: choice.on });
      box.addEventListener('change', () => {
        choice.on = box.checked;
        this.resubscribe();
      });
      checks.append(h('label', { class: 'live-check' }, box, ` ${choice.label}`));
    }
    this.badge_ = h('span', { class: 'live-badge', id: 'live-feed-badge', title: 'Where the prices come from' }, '…');
    this.status_ = h('span', { class: 'live-status', id: 'live-connection', 'data-state': 'closed', role: 'status' }, 'offline');
    this.price_ = h('span', { class: 'live-price', id: 'live-price' }, '—');
    this.values_ = h('dl', { class: 'live-values', id: 'live-values', 'aria-live': 'off' });
    this.tape_ = h('ol', { class: 'live-tape', id: 'live-trades', 'aria-label': 'Recent trades' });
    this.error_ = h('div', { class: 'banner live-error', role: 'alert', hidden: true });
    this.tickerTape = h('div', { class: 'live-ticker-tape', id: 'live-ticker-tape', hidden: true, role: 'list', 'aria-label': 'Starred symbols' });
    this.chartHost_ = h('div', { class: 'live-chart', id: 'live-chart' });

    const controls = h(
      'div',
      { class: 'controls live-controls' },
      h('section', { class: 'card control-card' }, h('h2', { class: 'card-title' }, 'Symbol'), this.symbolSelect_),
      h('section', { class: 'card control-card' }, h('h2', { class: 'card-title' }, 'Bars'), interval.el),
      h('section', { class: 'card control-card' }, h('h2', { class: 'card-title' }, 'Streaming indicators'), checks),
    );
    const head = h('div', { class: 'live-head' }, h('strong', { class: 'live-symbol', id: 'live-title' }, this.symbol_), this.price_, this.badge_, this.status_);
    const side = h('aside', { class: 'card live-side' }, h('h2', { class: 'card-title' }, 'Indicators (last final bar)'), this.values_, h('h2', { class: 'card-title' }, 'Trades'), this.tape_);
    this.el = h(
      'div',
      { class: 'live' },
      this.tickerTape,
      controls,
      this.error_,
      h('div', { class: 'live-body' }, h('section', { class: 'card chart-card live-card', 'aria-label': 'Live chart' }, head, this.chartHost_), side),
    );
  }

  /** Opens the connection the first time the tab is shown. */
  start(): void {
    if (this.started_) return;
    this.started_ = true;
    this.buildChart();
    void this.api
      .instruments()
      .then((r) => {
        const current = this.symbol_;
        this.symbolSelect_.replaceChildren(...r.instruments.map((i) => h('option', { value: i.symbol, selected: i.symbol === current }, `${i.symbol} — ${i.name}`)));
        if (!r.instruments.some((i) => i.symbol === current) && r.instruments.length > 0) {
          this.symbol_ = r.instruments[0]?.symbol ?? current;
          this.resubscribe();
        }
      })
      .catch(() => undefined);
    this.resubscribe();
    this.connection_.start();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    if (this.chart_) {
      const c = chartColors(theme);
      this.chart_.applyOptions({ layout: { background: { type: ColorType.Solid, color: c.background }, textColor: c.text }, grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } } });
    }
  }

  /** The starred symbols for the ticker tape (main.ts passes them when signed in). */
  setStarred(symbols: TapeSymbol[]): void {
    const same = symbols.length === this.tickers_.size && symbols.every((s) => this.tickers_.has(s.symbol));
    const previous = this.tickers_;
    this.tickers_ = new Map();
    const items: HTMLElement[] = [];
    for (const { symbol, reference } of symbols) {
      const price = h('span', { class: 'live-ticker-price' }, '—');
      const change = h('span', { class: 'live-ticker-change' }, '');
      const ticker: Ticker = { reference, last: previous.get(symbol)?.last ?? null, price, change };
      this.tickers_.set(symbol, ticker);
      if (ticker.last !== null) this.paintTicker(ticker);
      // A click opens that symbol's chart.
      const item = h('button', { type: 'button', class: 'live-ticker', role: 'listitem', 'data-symbol': symbol, title: `Show ${symbol}` }, h('strong', {}, symbol), price, change);
      item.addEventListener('click', () => this.showSymbol(symbol));
      items.push(item);
    }
    this.tickerTape.hidden = symbols.length === 0;
    this.tickerTape.replaceChildren(...items);
    if (this.started_ && !same) this.resubscribe();
  }

  private showSymbol(symbol: string): void {
    if (symbol === this.symbol_) return;
    if (![...this.symbolSelect_.options].some((o) => o.value === symbol)) this.symbolSelect_.append(h('option', { value: symbol }, symbol));
    this.symbolSelect_.value = symbol;
    this.symbol_ = symbol;
    this.resubscribe();
  }

  private paintTicker(t: Ticker): void {
    if (t.last === null) return;
    t.price.textContent = t.last.toFixed(2);
    if (t.reference !== null && t.reference > 0) {
      const pct = ((t.last - t.reference) / t.reference) * 100;
      t.change.textContent = `${pct >= 0 ? '+' : ''}${pct.toFixed(2)} %`;
      t.change.dataset.direction = pct >= 0 ? 'up' : 'down';
    }
  }

  state(): LiveState {
    const last = this.series_.bars[this.series_.bars.length - 1];
    return {
      connection: this.connection_.state,
      feed: this.feed_,
      symbol: this.symbol_,
      interval: this.interval_,
      bars: this.series_.bars.length,
      lastTime: last ? last.time : null,
      lastClose: last ? last.close : null,
      indicators: this.series_.latest(),
      trades: this.trades_,
      updates: this.updates_,
      tape: Object.fromEntries([...this.tickers_].map(([symbol, t]) => [symbol, t.last])),
    };
  }

  private activeIndicators(): IndicatorChoice[] {
    return INDICATORS.filter((c) => c.on);
  }

  private resubscribe(): void {
    (this.el.querySelector('#live-title') as HTMLElement | null)?.replaceChildren(this.symbol_);
    this.series_.reset();
    this.tape_.replaceChildren();
    this.trades_ = 0;
    this.resetLines();
    this.candles_?.setData([]);
    this.volume_?.setData([]);
    this.connection_.subscribe({
      symbols: [this.symbol_],
      channels: ['trades', this.interval_],
      indicators: this.activeIndicators().map((c) => c.spec),
      tape: [...this.tickers_.keys()],
    });
  }

  private buildChart(): void {
    const c = chartColors(this.theme);
    this.chart_ = createChart(this.chartHost_, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: c.background }, textColor: c.text, attributionLogo: true },
      grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
      timeScale: { timeVisible: true, secondsVisible: true, borderColor: c.border },
      rightPriceScale: { borderColor: c.border },
    });
    this.candles_ = this.chart_.addSeries(CandlestickSeries, { upColor: c.up, downColor: c.down, borderVisible: false, wickUpColor: c.up, wickDownColor: c.down }, 0);
    this.volume_ = this.chart_.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, color: c.volumeUp }, 0);
    this.volume_.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  }

  private resetLines(): void {
    if (!this.chart_) return;
    for (const s of this.lines_.values()) this.chart_.removeSeries(s);
    this.lines_.clear();
  }

  private line(spec: string, output: string): ISeriesApi<SeriesType> | null {
    if (!this.chart_) return null;
    const key = `${spec}|${output}`;
    let s = this.lines_.get(key);
    if (!s) {
      const choice = INDICATORS.find((c) => c.spec === spec);
      const overlay = choice?.overlay ?? true;
      const color = LINE_COLORS[this.lines_.size % LINE_COLORS.length];
      // Each oscillator in its own pane under the price (their scales differ).
      const oscillators = this.activeIndicators().filter((c) => !c.overlay);
      const pane = overlay ? 0 : 1 + Math.max(0, oscillators.findIndex((c) => c.spec === spec));
      s = overlay || output !== 'macdhist'
        ? this.chart_.addSeries(LineSeries, { color, lineWidth: 1, priceLineVisible: false, lastValueVisible: true, title: output === 'real' ? (choice?.label ?? spec) : output }, pane)
        : this.chart_.addSeries(HistogramSeries, { color, priceLineVisible: false, title: output }, pane);
      this.lines_.set(key, s);
    }
    return s;
  }

  private drawAll(): void {
    const bars = this.series_.bars;
    this.candles_?.setData(bars.map((b) => ({ time: b.time as UTCTimestamp, open: b.open, high: b.high, low: b.low, close: b.close })));
    this.volume_?.setData(bars.map((b) => ({ time: b.time as UTCTimestamp, value: b.volume })));
    for (const [spec, outputs] of this.series_.indicators) {
      for (const [name, points] of outputs) this.line(spec, name)?.setData(points.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
    }
  }

  private onBar(m: BarMessage): void {
    if (m.symbol !== this.symbol_ || m.channel !== this.interval_) return;
    const applied = this.series_.applyBar(m);
    if (applied === 'ignored') return;
    this.updates_ += 1;
    const time = (m.t / 1000) as UTCTimestamp;
    this.candles_?.update({ time, open: m.open, high: m.high, low: m.low, close: m.close });
    this.volume_?.update({ time, value: m.volume });
    if (m.final && m.indicators) {
      for (const [spec, outputs] of Object.entries(m.indicators)) {
        for (const [name, v] of Object.entries(outputs)) if (v !== null && Number.isFinite(v)) this.line(spec, name)?.update({ time, value: v });
      }
      this.paintValues();
    }
    this.paintPrice(m.close);
  }

  private onTrade(m: TradeMessage): void {
    const ticker = this.tickers_.get(m.symbol);
    if (ticker) {
      ticker.last = m.price;
      this.paintTicker(ticker);
    }
    if (m.symbol !== this.symbol_) return;
    this.trades_ += 1;
    const time = new Date(m.t).toISOString().slice(11, 23);
    this.tape_.prepend(h('li', {}, h('span', { class: 'live-tape-time' }, time), h('span', {}, m.price.toFixed(2)), h('span', { class: 'live-tape-size' }, String(m.size))));
    while (this.tape_.childElementCount > 12) this.tape_.lastElementChild?.remove();
  }

  private paintPrice(close: number): void {
    const first = this.series_.bars[0];
    const change = first ? ((close - first.open) / first.open) * 100 : 0;
    this.price_.textContent = `${close.toFixed(2)} (${change >= 0 ? '+' : ''}${change.toFixed(2)} %)`;
    this.price_.dataset.direction = change >= 0 ? 'up' : 'down';
  }

  private paintValues(): void {
    const latest = this.series_.latest();
    const rows: HTMLElement[] = [];
    for (const choice of this.activeIndicators()) {
      const values = latest[choice.spec];
      const text = values && Object.keys(values).length > 0 ? Object.entries(values).map(([k, v]) => (k === 'real' ? v.toFixed(4) : `${k} ${v.toFixed(4)}`)).join(' · ') : 'warming up…';
      rows.push(h('dt', {}, choice.label), h('dd', { 'data-spec': choice.spec }, text));
    }
    this.values_.replaceChildren(...rows);
  }

  private paintFeed(feed: FeedInfo): void {
    this.feed_ = feed;
    const simulated = feed.source === 'simulated';
    this.badge_.textContent = simulated ? (feed.mode === 'replay' ? 'simulated · replay' : 'simulated') : feed.source;
    this.badge_.dataset.source = feed.source;
    this.badge_.title = simulated
      ? feed.mode === 'replay'
        ? 'Simulated prices (calibrated on each stock’s history), replaying trading hours at accelerated speed outside the NYSE session'
        : 'Simulated prices calibrated on each stock’s history'
      : `Live prices from ${feed.source}`;
  }

  private onState(s: ConnectionState): void {
    this.status_.dataset.state = s;
    this.status_.textContent = { connecting: 'connecting…', open: 'live', reconnecting: 'reconnecting…', closed: 'offline' }[s];
  }

  private onMessage(m: ServerMessage): void {
    switch (m.type) {
      case 'bar':
        this.onBar(m);
        break;
      case 'trade':
        this.onTrade(m);
        break;
      case 'snapshot':
        if (m.symbol !== this.symbol_ || m.channel !== this.interval_) return;
        this.series_.loadSnapshot(m);
        this.resetLines();
        this.drawAll();
        this.paintValues();
        this.chart_?.timeScale().scrollToRealTime();
        break;
      case 'status':
      case 'heartbeat':
        this.paintFeed(m.feed);
        break;
      case 'error':
        this.error_.hidden = false;
        this.error_.textContent = `Live: ${m.message}`;
        break;
    }
  }
}
