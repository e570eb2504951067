// The Overview tab: ticker, sector, industry, chart-type and adjustment cards; range buttons;
// one price+volume chart per ticker on a shared trading-day axis; the range navigator.
import { ApiError, type ApiClient } from '../../api/client';
import type { BarsResponse, CalendarResponse, EventSeries, Instrument, MacroSeriesResponse, SectorCount } from '../../api/types';
import { h } from '../../components/dom';
import { ICONS } from '../../components/icons';
import { deflateAligned, deflateFactors, MACRO_NAMES, stepValues } from '../../components/macro';
import { MarkerToggles } from '../../components/marker_toggles';
import { buildMarkers } from '../../components/markers';
import { Segmented } from '../../components/segmented';
import { TickerSelect } from '../../components/ticker_select';
import {
  MAX_TICKERS,
  type Adjustment,
  type ChartType,
  type DashboardState,
  type RangeKey,
  type Theme,
  type UrlStore,
} from '../../state/url_state';
import { RangeNavigator } from './navigator';
import { PriceChart, type SeriesSnapshot } from './price_chart';
import { indexRange, rangeStart } from './range';
import { colorFor } from './theme_colors';
import { align, type Aligned } from './transform';

export interface ChartState {
  status: 'loading' | 'ready' | 'empty' | 'error';
  tickers: string[];
  missing: string[];
  chartType: ChartType;
  adjust: Adjustment;
  range: RangeKey;
  window: { from: string; to: string } | null;
  axis: { count: number; first: string | null; last: string | null };
  visible: { from: string | null; to: string | null };
  series: SeriesSnapshot[];
  tickerOptions: string[];
  sectorOptions: string[];
  industryOptions: string[];
  error: string | null;
  /** ms from navigation start to the first painted chart (null before it). */
  firstChartMs: number | null;
  markers: string[];
  macro: string | null;
  deflate: boolean;
  /** Deflation factors applied (CPI(first)/CPI(t)) at the first and last axis date, when deflated. */
  deflation: { first: number | null; last: number | null } | null;
  macroOptions: string[];
}

/** The CPI series used to deflate prices. */
const CPI = 'CPIAUCSL';

const ALL = '';

function card(title: string, id: string, body: Node, caption?: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: 'card control-card', 'aria-labelledby': id },
    h('h2', { class: 'card-title', id }, title),
    body,
    caption ?? null,
  );
}

export class Overview {
  readonly el: HTMLElement;
  private instruments_: Instrument[] = [];
  private sectors_: SectorCount[] = [];
  private readonly tickers_: TickerSelect;
  private readonly sector_: HTMLSelectElement;
  private readonly industry_: HTMLSelectElement;
  private readonly sectorCaption_: HTMLElement;
  private readonly industryCaption_: HTMLElement;
  private readonly chartType_: Segmented<ChartType>;
  private readonly adjust_: Segmented<Adjustment>;
  private readonly range_: Segmented<RangeKey>;
  private readonly span_: HTMLElement;
  private readonly stack_: HTMLElement;
  private readonly overlay_: HTMLElement;
  private readonly banner_: HTMLElement;
  private readonly notice_: HTMLElement;
  private readonly navigator_: RangeNavigator;
  private charts_: PriceChart[] = [];
  private aligned_: Aligned = { axis: [], series: [] };
  private loadedKey_ = '';
  private status_: ChartState['status'] = 'loading';
  private missing_: string[] = [];
  private error_: string | null = null;
  private abort_: AbortController | null = null;
  private syncing_ = false;
  private lastCrosshair_: number | null | undefined = undefined;
  private theme_: Theme;
  private firstChartMs_: number | null = null;
  private prefetch_: { key: string; bars: Promise<BarsResponse | null> } | null = null;
  private readonly markerToggles_: MarkerToggles;
  private readonly macroSelect_: HTMLSelectElement;
  private readonly deflate_: HTMLInputElement;
  private readonly macroCaption_: HTMLElement;
  private macroNames_: string[] = [];
  private macroData_ = new Map<string, Promise<MacroSeriesResponse | null>>();
  private calendar_: Promise<CalendarResponse | null> | null = null;
  private events_ = new Map<string, Promise<EventSeries | null>>();
  private extrasToken_ = 0;
  private builtDeflated_ = false;
  private factors_: Array<number | null> | null = null;

  /** Star toggles beside the chosen tickers (null: signed out, none shown). */
  setStars(stars: { has: (symbol: string) => boolean; toggle: (symbol: string) => void } | null): void {
    this.tickers_.setStars(stars);
  }

  constructor(
    private readonly api: ApiClient,
    private readonly store: UrlStore,
    theme: Theme,
  ) {
    this.theme_ = theme;
    const s = store.get();

    this.tickers_ = new TickerSelect(
      'Tickers',
      (symbols) => {
        this.store.set({ tickers: symbols });
        this.sync();
      },
      MAX_TICKERS,
    );
    this.tickers_.setColors((sym) => colorFor(Math.max(0, this.store.get().tickers.indexOf(sym))));

    this.sector_ = h('select', { id: 'sector-select', class: 'select', 'aria-label': 'Sector' });
    this.sector_.addEventListener('change', () => {
      const sector = this.sector_.value === ALL ? null : this.sector_.value;
      const cur = this.store.get();
      const keep = cur.industry !== null && sector !== null && this.industriesOf(sector).some((i) => i.industry === cur.industry);
      this.store.set({ sector, industry: keep || sector === null ? cur.industry : null });
      this.sync();
    });
    this.industry_ = h('select', { id: 'industry-select', class: 'select', 'aria-label': 'Industry' });
    this.industry_.addEventListener('change', () => {
      const industry = this.industry_.value === ALL ? null : this.industry_.value;
      const patch: Partial<DashboardState> = { industry };
      if (industry !== null && this.store.get().sector === null) {
        const owner = this.sectors_.find((sec) => sec.industries.some((i) => i.industry === industry));
        if (owner) patch.sector = owner.sector;
      }
      this.store.set(patch);
      this.sync();
    });
    this.sectorCaption_ = h('p', { class: 'card-caption' });
    this.industryCaption_ = h('p', { class: 'card-caption' });

    this.chartType_ = new Segmented<ChartType>(
      'Chart type',
      [
        { value: 'candles', label: 'Candles', icon: ICONS.candles, title: 'Candlesticks' },
        { value: 'ohlc', label: 'OHLC', icon: ICONS.ohlc, title: 'OHLC bars' },
        { value: 'line', label: 'Line', icon: ICONS.line, title: 'Close line' },
      ],
      s.chart,
      (chart) => {
        this.store.set({ chart });
        this.sync();
      },
      'chart-type',
    );
    this.adjust_ = new Segmented<Adjustment>(
      'Price adjustment',
      [
        { value: 'splits', label: 'Splits', title: 'Adjusted for splits (as traded otherwise)' },
        { value: 'all', label: 'Splits + div.', title: 'Adjusted for splits and dividends (total return)' },
        { value: 'none', label: 'Raw', title: 'As traded, unadjusted' },
      ],
      s.adjust,
      (adjust) => {
        this.store.set({ adjust });
        this.sync();
      },
      'adjust',
    );
    this.range_ = new Segmented<RangeKey>(
      'Date range',
      (['1M', '3M', '6M', 'YTD', '1Y', '5Y', 'All'] as const).map((r) => ({ value: r, label: r, title: r === 'All' ? 'All data' : `Last ${r} of data` })),
      s.range,
      (range) => {
        this.store.set({ range, window: null });
        this.sync();
      },
      'range',
    );
    // A range button pressed again after a drag should still apply.
    this.range_.el.addEventListener('click', (e) => {
      const v = (e.target as HTMLElement).closest('button')?.dataset.value as RangeKey | undefined;
      if (v !== undefined && this.store.get().window !== null) {
        this.store.set({ range: v, window: null });
        this.sync();
      }
    });

    this.markerToggles_ = new MarkerToggles('markers', (markers) => {
      this.store.set({ markers });
      this.sync();
    });
    this.macroSelect_ = h('select', { id: 'macro-select', class: 'select', 'aria-label': 'Macro series on the left axis' });
    this.macroSelect_.addEventListener('change', () => {
      this.store.set({ macro: this.macroSelect_.value === ALL ? null : this.macroSelect_.value });
      this.sync();
    });
    this.deflate_ = h('input', { type: 'checkbox', id: 'deflate-check' });
    this.deflate_.addEventListener('change', () => {
      this.store.set({ deflate: this.deflate_.checked });
      this.sync();
    });
    this.macroCaption_ = h('p', { class: 'card-caption' });

    this.span_ = h('p', { class: 'span-info', 'aria-live': 'polite' });
    this.stack_ = h('div', { class: 'chart-stack' });
    this.overlay_ = h('div', { class: 'chart-overlay', role: 'status' });
    this.banner_ = h('div', { class: 'banner error', role: 'alert', hidden: true });
    this.notice_ = h('div', { class: 'banner notice', role: 'status', hidden: true });
    this.navigator_ = new RangeNavigator(theme, (from, to, done) => {
      this.setVisibleAll({ from, to }, null);
      if (done) this.commitWindow(from, to);
    });

    const tickerCard = h(
      'section',
      { class: 'card tickers-card', 'aria-labelledby': 'tickers-title' },
      h('div', { class: 'card-head' }, h('h2', { class: 'card-title', id: 'tickers-title' }, 'Tickers'), h('p', { class: 'card-hint' }, `Search by symbol or company · up to ${MAX_TICKERS}`)),
      this.tickers_.el,
    );

    const controls = h(
      'div',
      { class: 'controls' },
      card('Sector', 'sector-title', this.sector_, this.sectorCaption_),
      card('Industry', 'industry-title', this.industry_, this.industryCaption_),
      card('Chart type', 'chart-title', this.chartType_.el),
      card('Prices', 'adjust-title', this.adjust_.el),
      card('Markers', 'markers-title', this.markerToggles_.el),
      card(
        'Macro overlay',
        'macro-title',
        h('div', {}, this.macroSelect_, h('label', { class: 'macro-row', for: 'deflate-check' }, this.deflate_, 'Deflate prices by CPI')),
        this.macroCaption_,
      ),
    );

    const chartCard = h(
      'section',
      { class: 'card chart-card', 'aria-label': 'Price charts' },
      h('div', { class: 'chart-toolbar' }, this.range_.el, this.span_),
      this.notice_,
      h('div', { class: 'chart-body' }, this.stack_, this.overlay_),
      h('div', { class: 'navigator-wrap' }, this.navigator_.el),
    );

    this.el = h('div', { class: 'overview' }, this.banner_, tickerCard, controls, chartCard);

    this.api.onError((e) => this.showError(e));
  }

  async start(): Promise<void> {
    this.setStatus('loading', 'Loading instruments…');
    // Ask for the bars at once, in parallel with the instrument list (first chart sooner); a
    // failure here is silent and the normal load path reports it.
    const s = this.store.get();
    if (s.tickers.length > 0) {
      this.prefetch_ = {
        key: `${s.tickers.join(',')}|${s.adjust}`,
        bars: this.api.bars({ symbols: s.tickers, adjust: s.adjust }, undefined, true).catch(() => null),
      };
    }
    try {
      const [sectors, instruments, macro] = await Promise.all([
        this.api.sectors(),
        this.api.instruments(),
        this.api.macroList().catch(() => ({ series: [] })),
      ]);
      this.sectors_ = sectors.sectors;
      this.instruments_ = instruments.instruments;
      this.macroNames_ = macro.series.map((m) => m.series);
    } catch (e) {
      this.setStatus('error', 'Could not load the instrument list.');
      this.error_ = e instanceof Error ? e.message : String(e);
      return;
    }
    this.sync();
  }

  setTheme(theme: Theme): void {
    this.theme_ = theme;
    for (const c of this.charts_) c.setTheme(theme);
    this.navigator_.setTheme(theme);
  }

  /** Brings the view in line with the URL state (after a control change, load, or back/forward). */
  sync(): void {
    const s = this.store.get();
    this.chartType_.set(s.chart);
    this.adjust_.set(s.adjust);
    this.range_.set(s.window === null ? s.range : null);
    this.renderFilters(s);
    this.tickers_.setSelected(s.tickers);

    this.renderMacroControls(s);
    this.markerToggles_.set(s.markers);

    const key = `${s.tickers.join(',')}|${s.adjust}`;
    if (key !== this.loadedKey_) {
      void this.load(s);
      return;
    }
    if (this.wantDeflated(s) !== this.builtDeflated_) {
      void this.rebuildForDeflation(s);
      return;
    }
    for (const c of this.charts_) if (c.snapshot().type !== seriesTypeOf(s.chart)) c.setChartType(s.chart);
    this.applyRange(s);
    void this.applyExtras(s);
  }

  private renderMacroControls(s: DashboardState): void {
    const names = [...this.macroNames_];
    if (s.macro !== null && !names.includes(s.macro)) names.push(s.macro);
    this.macroSelect_.replaceChildren(
      h('option', { value: ALL }, 'None'),
      ...names.map((n) => h('option', { value: n }, MACRO_NAMES[n] ? `${n} — ${MACRO_NAMES[n]}` : n)),
    );
    this.macroSelect_.value = s.macro ?? ALL;
    const hasCpi = this.macroNames_.includes(CPI);
    this.deflate_.checked = s.deflate && hasCpi;
    this.deflate_.disabled = !hasCpi;
    this.macroCaption_.textContent = s.deflate && hasCpi
      ? 'Prices in dollars of the first date shown (× CPI(first) / CPI(day), monthly CPI carried forward).'
      : hasCpi
        ? 'On the left axis; monthly values carried forward to each trading day.'
        : 'No CPI series (CPIAUCSL) in the store: ingest it to deflate.';
  }

  private wantDeflated(s: DashboardState): boolean {
    return s.deflate && this.macroNames_.includes(CPI);
  }

  private loadMacro(series: string): Promise<MacroSeriesResponse | null> {
    let p = this.macroData_.get(series);
    if (p === undefined) {
      p = this.api.macro(series).catch(() => null);
      this.macroData_.set(series, p);
    }
    return p;
  }

  /** Deflation switched on or off: the charts are built again from the (de)flated bars. */
  private async rebuildForDeflation(s: DashboardState): Promise<void> {
    if (this.wantDeflated(s)) {
      const cpi = await this.loadMacro(CPI);
      this.factors_ = cpi === null ? null : deflateFactors(this.aligned_.axis, cpi.t, cpi.value);
    }
    this.build(this.store.get());
  }

  /** Markers and the macro overlay on the built charts (loads the calendar, events and series). */
  private async applyExtras(s: DashboardState): Promise<void> {
    const token = ++this.extrasToken_;
    const kinds = new Set(s.markers);
    const axis = this.aligned_.axis;
    if (axis.length === 0) return;
    const needCalendar = kinds.has('holidays') || kinds.has('early');
    const needEvents = kinds.has('earnings') || kinds.has('splits') || kinds.has('dividends');
    if (needCalendar && this.calendar_ === null) {
      const from = (axis[0] as string) < '1990-01-01' ? '1990-01-01' : (axis[0] as string);
      this.calendar_ = this.api.calendar({ from, sessions: false }).catch(() => null);
    }
    const symbols = this.charts_.map((c) => c.symbol);
    const [calendar, events, macro] = await Promise.all([
      needCalendar ? (this.calendar_ ?? Promise.resolve(null)) : Promise.resolve(null),
      needEvents ? Promise.all(symbols.map((sym) => this.loadEvents(sym))) : Promise.resolve(symbols.map(() => null)),
      s.macro !== null ? this.loadMacro(s.macro) : Promise.resolve(null),
    ]);
    if (token !== this.extrasToken_) return;
    const macroValues = macro === null ? null : stepValues(axis, macro.t, macro.value);
    this.charts_.forEach((c, i) => {
      c.setMarkers(buildMarkers(axis, calendar, events[i] ?? null, kinds));
      c.setMacro(macro === null || macroValues === null ? null : { series: macro.series, label: MACRO_NAMES[macro.series] ?? macro.series, values: macroValues });
    });
    // The left scale takes width from the plot: put the chosen range back.
    requestAnimationFrame(() => this.applyRange(this.store.get()));
  }

  private loadEvents(symbol: string): Promise<EventSeries | null> {
    let p = this.events_.get(symbol);
    if (p === undefined) {
      p = this.api.events({ symbols: [symbol] }).then((r) => r.series[0] ?? null).catch(() => null);
      this.events_.set(symbol, p);
    }
    return p;
  }

  private industriesOf(sector: string | null) {
    if (sector !== null) return this.sectors_.find((x) => x.sector === sector)?.industries ?? [];
    return this.sectors_.flatMap((x) => x.industries).sort((a, b) => a.industry.localeCompare(b.industry));
  }

  private renderFilters(s: DashboardState): void {
    if (this.sectors_.length === 0) return;
    const total = this.instruments_.length;
    const sectorKnown = s.sector !== null && this.sectors_.some((x) => x.sector === s.sector);
    const sector = sectorKnown ? s.sector : null;
    this.sector_.replaceChildren(
      h('option', { value: ALL }, `All sectors (${total})`),
      ...this.sectors_.map((x) => h('option', { value: x.sector }, `${x.sector} (${x.count})`)),
    );
    this.sector_.value = sector ?? ALL;
    const industries = this.industriesOf(sector);
    const industryKnown = s.industry !== null && industries.some((i) => i.industry === s.industry);
    const industry = industryKnown ? s.industry : null;
    const inSector = sector === null ? total : (this.sectors_.find((x) => x.sector === sector)?.count ?? 0);
    this.industry_.replaceChildren(
      h('option', { value: ALL }, `All industries (${inSector})`),
      ...industries.map((i) => h('option', { value: i.industry }, `${i.industry} (${i.count})`)),
    );
    this.industry_.value = industry ?? ALL;

    const options = this.instruments_.filter(
      (i) => (sector === null || i.sector === sector) && (industry === null || i.industry === industry),
    );
    this.tickers_.setOptions(options, this.instruments_);
    this.sectorCaption_.textContent = `${this.sectors_.length} sectors · ${total} tickers`;
    this.industryCaption_.textContent =
      industry !== null || sector !== null
        ? `${options.length} ticker${options.length === 1 ? '' : 's'} match${options.length === 1 ? 'es' : ''}`
        : `${industries.length} industries`;
  }

  private async load(s: DashboardState): Promise<void> {
    this.abort_?.abort();
    const abort = new AbortController();
    this.abort_ = abort;
    this.hideError();
    const key = `${s.tickers.join(',')}|${s.adjust}`;
    const known = new Set(this.instruments_.map((i) => i.symbol));
    const tickers = s.tickers.filter((t) => known.has(t));
    this.missing_ = s.tickers.filter((t) => !known.has(t));
    this.showNotice(
      this.missing_.length > 0
        ? `Not in the data store: ${this.missing_.join(', ')} — ingest it with \`streams ingest\` to chart it.`
        : null,
    );
    if (tickers.length === 0) {
      this.clearCharts();
      this.loadedKey_ = key;
      this.setStatus('empty', 'Pick one or more tickers above to chart them.');
      return;
    }
    this.setStatus('loading', `Loading ${tickers.join(', ')}…`);
    try {
      const pre = this.prefetch_;
      this.prefetch_ = null;
      const early = pre !== null && pre.key === `${tickers.join(',')}|${s.adjust}` ? await pre.bars : null;
      const bars = early ?? (await this.api.bars({ symbols: tickers, adjust: s.adjust }, abort.signal));
      if (abort.signal.aborted) return;
      const order = new Map(tickers.map((t, i) => [t, i]));
      const series = [...bars.series].sort((a, b) => (order.get(a.symbol) ?? 0) - (order.get(b.symbol) ?? 0));
      this.aligned_ = align(series);
      if (this.wantDeflated(s)) {
        const cpi = await this.loadMacro(CPI);
        this.factors_ = cpi === null ? null : deflateFactors(this.aligned_.axis, cpi.t, cpi.value);
      }
    } catch (e) {
      if (abort.signal.aborted || (e instanceof DOMException && e.name === 'AbortError')) return;
      this.clearCharts();
      this.error_ = e instanceof Error ? e.message : String(e);
      this.setStatus('error', 'Could not load prices.');
      if (!(e instanceof ApiError)) this.showError(new ApiError(0, 'client', this.error_));
      return;
    }
    this.loadedKey_ = key;
    this.build(this.store.get());
  }

  private clearCharts(): void {
    for (const c of this.charts_) c.destroy();
    this.charts_ = [];
    this.aligned_ = { axis: [], series: [] };
    this.navigator_.setData(this.aligned_, []);
    this.span_.textContent = '';
  }

  private build(s: DashboardState): void {
    for (const c of this.charts_) c.destroy();
    const bySymbol = new Map(this.instruments_.map((i) => [i.symbol, i]));
    const deflated = this.wantDeflated(s) && this.factors_ !== null && this.factors_.length === this.aligned_.axis.length;
    this.builtDeflated_ = this.wantDeflated(s);
    const { axis, series } = deflated ? deflateAligned(this.aligned_, this.factors_ as Array<number | null>) : this.aligned_;
    this.stack_.dataset.count = String(series.length);
    this.charts_ = series.map((data, i) => {
      const chart = new PriceChart(data.symbol, bySymbol.get(data.symbol), colorFor(s.tickers.indexOf(data.symbol) >= 0 ? s.tickers.indexOf(data.symbol) : i), this.theme_, data, axis, i === 0);
      this.stack_.append(chart.el);
      chart.setChartType(s.chart);
      return chart;
    });
    this.tickers_.setColors((sym) => colorFor(Math.max(0, this.store.get().tickers.indexOf(sym))));
    for (const [i, c] of this.charts_.entries()) {
      c.chart.timeScale().subscribeVisibleLogicalRangeChange((r) => {
        if (r !== null) this.setVisibleAll(r, i);
      });
      c.chart.subscribeCrosshairMove((p) => {
        if (p.point === undefined && p.logical === undefined) {
          this.mirrorCrosshair(null, i);
          return;
        }
        if (p.point !== undefined) this.mirrorCrosshair(p.logical === undefined ? null : Math.round(p.logical), i);
      });
    }
    this.navigator_.setData(this.aligned_, series.map((d) => colorFor(Math.max(0, s.tickers.indexOf(d.symbol)))));
    this.setStatus('ready', '');
    this.applyRange(s);
    void this.applyExtras(s);
    // The charts size themselves on the next frame (ResizeObserver); apply the range again then.
    requestAnimationFrame(() => {
      this.applyRange(this.store.get());
      if (this.firstChartMs_ === null) requestAnimationFrame(() => (this.firstChartMs_ = Math.round(performance.now())));
    });
  }

  private mirrorCrosshair(idx: number | null, source: number): void {
    if (idx === this.lastCrosshair_) return;
    this.lastCrosshair_ = idx;
    for (const [j, other] of this.charts_.entries()) if (j !== source) other.mirrorCrosshair(idx);
  }

  private applyRange(s: DashboardState): void {
    const axis = this.aligned_.axis;
    if (axis.length === 0) return;
    const first = axis[0] as string;
    const last = axis[axis.length - 1] as string;
    const r =
      s.window !== null
        ? indexRange(axis, s.window.from, s.window.to)
        : indexRange(axis, rangeStart(s.range, first, last), last);
    const range = r ?? { from: 0, to: axis.length - 1 };
    this.setVisibleAll({ from: range.from - 0.5, to: range.to + 0.5 }, null);
  }

  private setVisibleAll(r: { from: number; to: number }, source: number | null): void {
    if (this.syncing_) return;
    this.syncing_ = true;
    try {
      for (const [i, c] of this.charts_.entries()) if (i !== source) c.setVisible(r);
      this.navigator_.setWindow(r.from, r.to);
      this.showSpan(r);
    } finally {
      this.syncing_ = false;
    }
  }

  private commitWindow(from: number, to: number): void {
    const axis = this.aligned_.axis;
    const a = axis[Math.max(0, Math.ceil(from))];
    const b = axis[Math.min(axis.length - 1, Math.floor(to))];
    if (a === undefined || b === undefined) return;
    this.store.set({ window: { from: a, to: b } }, 'replace');
    this.range_.set(null);
  }

  private showSpan(r: { from: number; to: number }): void {
    const axis = this.aligned_.axis;
    const lo = Math.max(0, Math.ceil(r.from));
    const hi = Math.min(axis.length - 1, Math.floor(r.to));
    if (axis.length === 0 || lo > hi) {
      this.span_.textContent = '';
      return;
    }
    this.span_.replaceChildren(
      h('span', { class: 'span-dates' }, `${axis[lo]} → ${axis[hi]}`),
      h('span', { class: 'span-count' }, `${hi - lo + 1} trading days`),
    );
    this.span_.dataset.from = axis[lo];
    this.span_.dataset.to = axis[hi];
  }

  private setStatus(status: ChartState['status'], message: string): void {
    this.status_ = status;
    document.body.dataset.state = status;
    this.overlay_.hidden = status === 'ready';
    this.overlay_.className = `chart-overlay ${status}`;
    const parts: Node[] = [h('span', {}, message)];
    if (status === 'loading') parts.unshift(h('span', { class: 'spinner', 'aria-hidden': 'true' }));
    this.overlay_.replaceChildren(...parts);
    this.stack_.setAttribute('aria-busy', String(status === 'loading'));
  }

  private showError(e: ApiError): void {
    if (e.code === 'AbortError') return;
    this.error_ = e.message;
    const retry = h('button', { type: 'button', class: 'button' }, 'Retry');
    retry.addEventListener('click', () => {
      this.hideError();
      this.loadedKey_ = '';
      if (this.instruments_.length === 0) void this.start();
      else this.sync();
    });
    this.banner_.replaceChildren(
      h('strong', {}, e.status === 0 ? 'Connection problem' : `Error ${e.status}`),
      h('span', {}, ` ${e.message}`),
      retry,
    );
    this.banner_.hidden = false;
  }

  private hideError(): void {
    this.banner_.hidden = true;
    this.error_ = null;
  }

  private showNotice(text: string | null): void {
    this.notice_.hidden = text === null;
    this.notice_.textContent = text ?? '';
  }

  /** CSV of one ticker's chart as shown (deflated prices and the macro column when on). */
  chartCsv(symbol: string): string | null {
    return this.charts_.find((c) => c.symbol === symbol)?.csv() ?? null;
  }

  chartState(): ChartState {
    const s = this.store.get();
    const axis = this.aligned_.axis;
    return {
      status: this.status_,
      tickers: [...s.tickers],
      missing: [...this.missing_],
      chartType: s.chart,
      adjust: s.adjust,
      range: s.range,
      window: s.window,
      axis: { count: axis.length, first: axis[0] ?? null, last: axis[axis.length - 1] ?? null },
      visible: { from: this.span_.dataset.from ?? null, to: this.span_.dataset.to ?? null },
      series: this.charts_.map((c) => c.snapshot()),
      tickerOptions: this.tickers_.offered(''),
      sectorOptions: [...this.sector_.options].map((o) => o.value).filter((v) => v !== ALL),
      industryOptions: [...this.industry_.options].map((o) => o.value).filter((v) => v !== ALL),
      error: this.error_,
      firstChartMs: this.firstChartMs_,
      markers: [...s.markers],
      macro: s.macro,
      deflate: this.builtDeflated_,
      deflation:
        this.builtDeflated_ && this.factors_ !== null
          ? { first: this.factors_[0] ?? null, last: this.factors_[this.factors_.length - 1] ?? null }
          : null,
      macroOptions: [...this.macroNames_],
    };
  }
}

function seriesTypeOf(c: ChartType): string {
  return c === 'candles' ? 'Candlestick' : c === 'ohlc' ? 'Bar' : 'Line';
}
