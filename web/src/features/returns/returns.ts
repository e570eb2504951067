// The Returns tab: transformations of every selected ticker on one chart, the correlation matrix
// (heatmap) with a rolling pairwise correlation, ACF/PACF with confidence bands and a Ljung-Box
// table, a decomposition in stacked panes, DWT detail panes and a CWT scalogram. Tickers, range
// and adjustment follow the Overview's selections; every control lives in the URL.
//
// Requests per view: bars of the tickers (the range's dates and the observed closes), then three
// GET /api/v1/analyze in parallel (requests.ts). Each chart exports its data as CSV and PNG.
import { ApiError, type ApiClient } from '../../api/client';
import type { BarsResponse } from '../../api/types';
import { h } from '../../components/dom';
import { exportButtons } from '../../components/export_echarts';
import { Segmented } from '../../components/segmented';
import type { DashboardState, Theme, UrlStore } from '../../state/url_state';
import { rangeStart } from '../overview/range';
import { chartColors, colorFor } from '../overview/theme_colors';
import type { EChart } from './echarts_setup';
import {
  acfSpec,
  alignOnDates,
  analyzeQuery,
  bandAroundZero,
  buildRequests,
  corrSpec,
  cwtSpec,
  datedTable,
  decompositionSpec,
  dwtNames,
  focusOf,
  heatmapCells,
  indexTable,
  lagTable,
  ljungboxSpec,
  matrixTable,
  outputs,
  pacfSpec,
  perSymbol,
  rollingPair,
  rollingSpec,
  scalogramTable,
  series,
  transformSpec,
  wavedecSpec,
  type AnalyzeRequest,
  type EachAnswer,
  type Num,
  type Table,
} from './requests';
import {
  CORR_METHODS,
  DECOMPOSITIONS,
  MODELS,
  PACF_METHODS,
  PERIOD_PRESETS,
  RETURN_KINDS,
  TRANSFORMS,
  type ReturnsState,
} from './returns_state';

interface WaveletLists {
  discrete: string[];
  continuous: string[];
  modes: string[];
}

/** What the test hook reports. */
export interface ReturnsSnapshot {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  tickers: string[];
  focus: string | null;
  range: { from: string; to: string } | null;
  /** Query strings of the analyze requests of the shown view. */
  requests: { all: string | null; returns: string | null; levels: string | null };
  /** Series data each chart holds (ECharts getOption()). */
  charts: Record<string, unknown[]>;
  /** ms from the tab's activation to the first chart drawn. */
  firstChartMs: number | null;
  /** ms spent in setOption per chart at its last draw. */
  drawMs: Record<string, number>;
  loads: number;
}

declare global {
  interface Window {
    __streamsReturns?: {
      snapshot: () => ReturnsSnapshot;
      status: () => Pick<ReturnsSnapshot, 'status' | 'loads' | 'error' | 'firstChartMs'> & { rendering: boolean };
    };
  }
}

const TRANSFORM_LABELS: Record<string, string> = {
  returns: 'Day-on-day',
  cumreturns: 'Day-to-first',
  normalize: 'Normalize',
  standardize: 'Standardize',
};

function select(label: string, id: string, options: Array<[string, string]>, value: string, onChange: (v: string) => void): HTMLSelectElement {
  const el = h('select', { id, class: 'select', 'aria-label': label });
  for (const [v, text] of options) el.append(h('option', { value: v }, text));
  el.value = value;
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'returns-field' }, h('span', { class: 'returns-field-label' }, label), control);
}

function numberInput(label: string, id: string, value: number, min: number, max: number, onChange: (v: number) => void): HTMLInputElement {
  const el = h('input', { id, class: 'returns-number', type: 'number', min, max, step: 1, value: String(value), 'aria-label': label });
  el.addEventListener('change', () => {
    const v = Math.round(Number(el.value));
    if (Number.isFinite(v) && v >= min && v <= max) onChange(v);
    else el.value = String(value);
  });
  return el;
}

// ECharts is loaded with the tab (its own chunk), not with the Overview.
type EchartsModule = typeof import('./echarts_setup');
let echartsModule: EchartsModule | null = null;
let echartsLoading: Promise<EchartsModule> | null = null;
function loadEcharts(): Promise<EchartsModule> {
  echartsLoading ??= import('./echarts_setup').then((m) => (echartsModule = m));
  return echartsLoading;
}

/** The scalogram shows every k-th session so that it has at most 400 columns (the CSV has all). */
export function scalogramStride(n: number): number {
  return Math.max(1, Math.ceil(n / 400));
}

class ChartBox {
  readonly el: HTMLElement;
  readonly host: HTMLElement;
  chart: EChart | null = null;
  table: Table | null = null;
  /** False from a setOption/resize until ECharts reports the frame finished. */
  finished = true;

  constructor(
    readonly id: string,
    readonly title: string,
    height: number,
    background: () => string,
  ) {
    this.host = h('div', { class: 'returns-chart', id: `chart-${id}`, style: `height:${height}px` });
    const head = h(
      'div',
      { class: 'returns-chart-head' },
      h('h3', { class: 'returns-chart-title' }, title),
      exportButtons(title, () => this.table, () => this.chart, background),
    );
    this.el = h('div', { class: 'returns-chart-box', 'data-chart': id }, head, this.host);
  }

  ensure(theme: Theme): EChart {
    const echarts = (echartsModule as EchartsModule).echarts;
    if (this.chart === null) {
      this.chart = echarts.init(this.host, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
      this.chart.on('finished', () => {
        this.finished = true;
      });
    }
    return this.chart;
  }

  dispose(): void {
    this.chart?.dispose();
    this.chart = null;
  }
}

export class Returns {
  readonly el: HTMLElement;
  private theme_: Theme;
  private active_ = false;
  private activatedAt_ = 0;
  private firstChartMs_: number | null = null;
  private status_: ReturnsSnapshot['status'] = 'idle';
  private error_: string | null = null;
  private loadedKey_ = '';
  private abort_: AbortController | null = null;
  private loads_ = 0;
  private wavelets_: WaveletLists | null = null;
  private requests_: ReturnsSnapshot['requests'] = { all: null, returns: null, levels: null };
  /** What each group's charts show (query + theme + the controls it draws with): redrawn only on change. */
  private drawn_: { all: string; returns: string; levels: string } = { all: '', returns: '', levels: '' };
  private readonly drawMs_: Record<string, number> = {};
  private bars_: { key: string; bars: BarsResponse } | null = null;
  private range_: { from: string; to: string } | null = null;
  private readonly boxes_: Map<string, ChartBox> = new Map();
  private readonly controls_: HTMLElement;
  private readonly banner_: HTMLElement;
  private readonly lbTable_: HTMLElement;
  private readonly lbExport_: HTMLElement;
  private lbData_: Table | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly store: UrlStore,
    theme: Theme,
  ) {
    this.theme_ = theme;
    const bg = () => chartColors(this.theme_).background;
    const box = (id: string, title: string, height: number) => {
      const b = new ChartBox(id, title, height, bg);
      this.boxes_.set(id, b);
      return b;
    };
    this.banner_ = h('div', { class: 'returns-banner', role: 'status', 'aria-live': 'polite' });
    this.controls_ = h('div', { class: 'returns-controls' });
    this.lbTable_ = h('div', { class: 'returns-table-wrap' });
    this.lbExport_ = exportButtons('Ljung-Box', () => this.lbData_, () => null, bg);
    this.lbExport_.querySelector('[data-export$="png"]')?.remove();

    const card = (title: string, id: string, controls: HTMLElement, ...charts: HTMLElement[]) =>
      h('section', { class: 'card returns-card', 'aria-labelledby': id, id: `card-${id}` }, h('h2', { class: 'card-title', id }, title), controls, ...charts);

    this.el = h(
      'div',
      { class: 'returns' },
      this.banner_,
      this.controls_,
      card('Transformations', 'returns-transformations', h('div', { class: 'returns-controls', 'data-group': 'transform' }), box('transform', 'Transformations', 320).el),
      card(
        'Correlation',
        'returns-correlation',
        h('div', { class: 'returns-controls', 'data-group': 'corr' }),
        h('div', { class: 'returns-two' }, box('corr', 'Correlation matrix', 340).el, box('rolling', 'Rolling correlation', 340).el),
      ),
      card(
        'Autocorrelation',
        'returns-autocorrelation',
        h('div', { class: 'returns-controls', 'data-group': 'acf' }),
        h('div', { class: 'returns-two' }, box('acf', 'ACF', 260).el, box('pacf', 'PACF', 260).el),
        h('div', { class: 'returns-chart-box' }, h('div', { class: 'returns-chart-head' }, h('h3', { class: 'returns-chart-title' }, 'Ljung-Box'), this.lbExport_), this.lbTable_),
      ),
      card('Decomposition', 'returns-decomposition', h('div', { class: 'returns-controls', 'data-group': 'dec' }), box('decomposition', 'Decomposition', 520).el),
      card(
        'Wavelets',
        'returns-wavelets',
        h('div', { class: 'returns-controls', 'data-group': 'wavelets' }),
        box('dwt', 'DWT coefficients', 460).el,
        box('cwt', 'CWT scalogram', 320).el,
      ),
    );
    window.addEventListener('resize', () => {
      for (const b of this.boxes_.values()) {
        if (b.chart === null) continue;
        b.finished = false;
        b.chart.resize();
      }
    });
    window.__streamsReturns = {
      snapshot: () => this.snapshot(),
      status: () => ({
        status: this.status_,
        loads: this.loads_,
        error: this.error_,
        firstChartMs: this.firstChartMs_,
        rendering: [...this.boxes_.values()].some((b) => b.chart !== null && !b.finished),
      }),
    };
  }

  private get s(): ReturnsState {
    return this.store.get().returns;
  }

  private patch(p: Partial<ReturnsState>): void {
    this.store.set({ returns: { ...this.s, ...p } });
    void this.sync();
  }

  setTheme(theme: Theme): void {
    if (theme === this.theme_) return;
    this.theme_ = theme;
    for (const b of this.boxes_.values()) b.dispose();
    this.loadedKey_ = '';
    this.drawn_ = { all: '', returns: '', levels: '' };
    if (this.active_) void this.sync();
  }

  /** Called when the tab is shown or hidden. */
  setActive(active: boolean): void {
    if (active && !this.active_) {
      this.activatedAt_ = performance.now();
      this.firstChartMs_ = null;
    }
    this.active_ = active;
    if (active) void this.sync();
  }

  // ---- controls ------------------------------------------------------------------------------

  private renderControls(tickers: string[]): void {
    const s = this.s;
    const focus = focusOf(s, tickers);
    const group = (name: string) => this.el.querySelector<HTMLElement>(`[data-group="${name}"]`) as HTMLElement;
    const tickerOptions = tickers.map((t): [string, string] => [t, t]);

    this.controls_.replaceChildren(
      h('p', { class: 'card-caption returns-note' }, `Tickers (${tickers.join(', ') || 'none'}), range and adjustment follow the Overview. `),
      field('Focus ticker', select('Focus ticker', 'returns-focus', tickerOptions, focus ?? '', (v) => this.patch({ focus: v }))),
    );

    group('transform').replaceChildren(
      new Segmented(
        'Transformation',
        TRANSFORMS.map((t) => ({ value: t, label: TRANSFORM_LABELS[t] as string })),
        s.transform,
        (transform) => this.patch({ transform }),
        'returns-transform',
      ).el,
      new Segmented('Return kind', RETURN_KINDS.map((k) => ({ value: k, label: k === 'log' ? 'Log' : 'Simple' })), s.kind, (kind) => this.patch({ kind }), 'returns-kind').el,
    );

    const pair = rollingPair(s, tickers);
    group('corr').replaceChildren(
      new Segmented('Correlation method', CORR_METHODS.map((m) => ({ value: m, label: m[0]?.toUpperCase() + m.slice(1) })), s.corr, (corr) => this.patch({ corr }), 'returns-corr').el,
      field(
        'Rolling window',
        select(
          'Rolling window',
          'returns-window',
          [['0', 'Off'], ['21', '21 days'], ['63', '63 days'], ['126', '126 days'], ['252', '252 days']],
          String(s.rollWindow),
          (v) => this.patch({ rollWindow: Number(v) }),
        ),
      ),
      field('Pair', select('Pair first', 'returns-pair-x', tickerOptions, pair?.[0] ?? '', (v) => this.patch({ pair: [v, pair?.[1] === v ? (tickers.find((t) => t !== v) ?? v) : (pair?.[1] ?? v)] }))),
      field('with', select('Pair second', 'returns-pair-y', tickerOptions, pair?.[1] ?? '', (v) => this.patch({ pair: [pair?.[0] === v ? (tickers.find((t) => t !== v) ?? v) : (pair?.[0] ?? v), v] }))),
    );

    group('acf').replaceChildren(
      h('p', { class: 'card-caption' }, `On ${focus ?? '—'}'s daily log returns.`),
      field('Lags', numberInput('Lags', 'returns-nlags', s.nlags, 1, 500, (nlags) => this.patch({ nlags }))),
      field('PACF method', select('PACF method', 'returns-pacf', PACF_METHODS.map((m): [string, string] => [m, m]), s.pacf, (v) => this.patch({ pacf: v as ReturnsState['pacf'] }))),
      field('Alpha', select('Alpha', 'returns-alpha', ['0.01', '0.05', '0.1'].map((a): [string, string] => [a, a]), String(s.alpha), (v) => this.patch({ alpha: Number(v) }))),
      field('Ljung-Box lags', numberInput('Ljung-Box lags', 'returns-lb', s.lbLags, 1, 500, (lbLags) => this.patch({ lbLags }))),
    );

    const custom = !(PERIOD_PRESETS as readonly number[]).includes(s.period);
    const periodSelect = select(
      'Period',
      'returns-period',
      [...PERIOD_PRESETS.map((p): [string, string] => [String(p), String(p)]), ['custom', 'Custom']],
      custom ? 'custom' : String(s.period),
      (v) => {
        if (v !== 'custom') this.patch({ period: Number(v) });
        else periodInput.hidden = false;
      },
    );
    const periodInput = numberInput('Custom period', 'returns-period-custom', s.period, 2, 2520, (period) => this.patch({ period }));
    periodInput.hidden = !custom;
    const robust = h('input', { type: 'checkbox', id: 'returns-robust', checked: s.robust, disabled: s.decomposition !== 'stl' });
    robust.addEventListener('change', () => this.patch({ robust: robust.checked }));
    group('dec').replaceChildren(
      h('p', { class: 'card-caption' }, `${focus ?? '—'}'s closes.`),
      new Segmented('Decomposition', DECOMPOSITIONS.map((d) => ({ value: d, label: d === 'stl' ? 'STL' : 'Classical' })), s.decomposition, (decomposition) => this.patch({ decomposition }), 'returns-dec').el,
      field('Period', periodSelect),
      periodInput,
      new Segmented('Model', MODELS.map((m) => ({ value: m, label: m === 'additive' ? 'Additive' : 'Multiplicative' })), s.model, (model) => this.patch({ model }), 'returns-model').el,
      h('label', { class: 'returns-field returns-check' }, robust, h('span', {}, 'Robust (STL)')),
    );
    const modelEl = group('dec').querySelector<HTMLElement>('[data-name="returns-model"]');
    if (modelEl) modelEl.classList.toggle('is-disabled', s.decomposition === 'stl');

    const lists = this.wavelets_ ?? { discrete: [s.wavelet], continuous: [s.cwavelet], modes: [s.mode] };
    group('wavelets').replaceChildren(
      h('p', { class: 'card-caption' }, `On ${focus ?? '—'}'s daily log returns.`),
      field('Wavelet', select('Wavelet', 'returns-wavelet', lists.discrete.map((w): [string, string] => [w, w]), s.wavelet, (wavelet) => this.patch({ wavelet }))),
      field(
        'Level',
        select(
          'Level',
          'returns-level',
          [['auto', 'Max'], ...Array.from({ length: 10 }, (_, i): [string, string] => [String(i + 1), String(i + 1)])],
          s.level === null ? 'auto' : String(s.level),
          (v) => this.patch({ level: v === 'auto' ? null : Number(v) }),
        ),
      ),
      field('Mode', select('Mode', 'returns-mode', lists.modes.map((m): [string, string] => [m, m]), s.mode, (mode) => this.patch({ mode }))),
      field('CWT wavelet', select('CWT wavelet', 'returns-cwavelet', lists.continuous.map((w): [string, string] => [w, w]), s.cwavelet, (cwavelet) => this.patch({ cwavelet }))),
      field(
        'Scales',
        select('Scales', 'returns-scales', ['16', '32', '64'].map((v): [string, string] => [v, `1–${v}`]), String(s.maxScale), (v) => this.patch({ maxScale: Number(v) })),
      ),
    );
  }

  // ---- loading -------------------------------------------------------------------------------

  private async fetchJson<T>(path: string, signal: AbortSignal): Promise<T> {
    const res = await fetch(`/api/v1${path}`, { signal, headers: { Accept: 'application/json' } });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const e = (body as { error?: { code: string; message: string } } | null)?.error;
      throw new ApiError(res.status, e?.code ?? 'http', e?.message ?? `${res.status} for ${path}`);
    }
    return body as T;
  }

  async sync(): Promise<void> {
    if (!this.active_) return;
    const state: DashboardState = this.store.get();
    const tickers = state.tickers;
    this.renderControls(tickers);
    const key = JSON.stringify([tickers, state.range, state.window, state.adjust, state.returns, this.theme_]);
    if (key === this.loadedKey_) return;
    this.loadedKey_ = key;
    this.abort_?.abort();
    const abort = new AbortController();
    this.abort_ = abort;
    this.status_ = 'loading';
    this.error_ = null;
    this.banner_.textContent = 'Computing…';
    this.banner_.className = 'returns-banner';
    if (tickers.length === 0) {
      this.status_ = 'error';
      this.error_ = 'Select tickers on the Overview tab.';
      this.banner_.textContent = this.error_;
      return;
    }
    try {
      const charts = loadEcharts();
      const lists = this.wavelets_ === null ? this.fetchJson<WaveletLists>('/wavelets', abort.signal) : Promise.resolve(this.wavelets_);
      const barsKey = `${tickers.join(',')}|${state.adjust}`;
      const bars =
        this.bars_?.key === barsKey ? this.bars_.bars : await this.api.bars({ symbols: tickers, adjust: state.adjust }, abort.signal, true);
      this.bars_ = { key: barsKey, bars };
      const range = this.resolveRange(state, bars);
      this.range_ = range;
      const reqs = buildRequests(state.returns, tickers, range, state.adjust);
      const q = (r: AnalyzeRequest | null) => (r === null ? null : analyzeQuery(r));
      this.requests_ = { all: q(reqs.all), returns: q(reqs.returns), levels: q(reqs.levels) };
      const focusKey = focusOf(state.returns, tickers) ?? '';
      const want = {
        all: `${this.requests_.all}|${state.returns.rollWindow}`,
        returns: `${this.requests_.returns}|${focusKey}`,
        levels: `${this.requests_.levels}|${focusKey}`,
      };
      const get = (group: 'all' | 'returns' | 'levels') => {
        const qs = this.requests_[group];
        if (qs === null || want[group] === this.drawn_[group]) return Promise.resolve(null);
        return this.fetchJson<EachAnswer>(`/analyze?${qs}`, abort.signal);
      };
      const pAll = get('all');
      const pReturns = get('returns');
      const pLevels = get('levels');
      // Draw each group as soon as its answer arrives.
      const all = await pAll;
      await charts;
      if (abort.signal.aborted) return;
      if (all !== null) {
        this.drawAll(all, tickers);
        this.drawn_.all = want.all;
      }
      const [ret, lev, wl] = await Promise.all([pReturns, pLevels, lists]);
      if (abort.signal.aborted) return;
      const firstList = this.wavelets_ === null;
      this.wavelets_ = wl;
      if (firstList) this.renderControls(tickers);
      const focus = focusOf(state.returns, tickers);
      if (ret !== null && focus !== null) {
        this.drawReturns(ret, focus);
        this.drawn_.returns = want.returns;
      }
      if (lev !== null && focus !== null) {
        this.drawLevels(lev, focus, bars);
        this.drawn_.levels = want.levels;
      }
      this.status_ = 'ready';
      this.loads_ += 1;
      this.banner_.textContent = `${tickers.length} ticker${tickers.length > 1 ? 's' : ''}, ${range.from} to ${range.to}${focus ? `; focus ${focus}` : ''}.`;
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      this.status_ = 'error';
      this.error_ = e instanceof Error ? e.message : String(e);
      this.banner_.textContent = this.error_;
      this.banner_.className = 'returns-banner is-error';
      this.loadedKey_ = '';
    }
  }

  private resolveRange(state: DashboardState, bars: BarsResponse): { from: string; to: string } {
    if (state.window !== null) return state.window;
    let first = '';
    let last = '';
    for (const s of bars.series) {
      const a = s.t[0];
      const b = s.t[s.t.length - 1];
      if (a !== undefined && (first === '' || a < first)) first = a;
      if (b !== undefined && b > last) last = b;
    }
    if (first === '') throw new Error('No bars for the selected tickers.');
    return { from: rangeStart(state.range, first, last), to: last };
  }

  private firstChart(): void {
    if (this.firstChartMs_ === null) this.firstChartMs_ = Math.round(performance.now() - this.activatedAt_);
  }

  // ---- drawing -------------------------------------------------------------------------------

  private base(): Record<string, unknown> {
    const c = chartColors(this.theme_);
    return {
      backgroundColor: c.background,
      textStyle: { color: c.text },
      animation: false,
      tooltip: { trigger: 'axis', confine: true },
    };
  }

  private draw(id: string, option: Record<string, unknown>, table: Table): void {
    const box = this.boxes_.get(id) as ChartBox;
    const chart = box.ensure(this.theme_);
    const t0 = performance.now();
    box.finished = false;
    chart.setOption({ ...this.base(), ...option }, { notMerge: true });
    this.drawMs_[id] = Math.round(performance.now() - t0);
    box.table = table;
    this.firstChart();
  }

  private lineOption(axis: string[], names: string[], columns: Num[][], extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      legend: { top: 0, type: 'scroll' },
      grid: { left: 56, right: 16, top: 32, bottom: 56 },
      xAxis: { type: 'category', data: axis },
      yAxis: { type: 'value', scale: true },
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
      series: names.map((n, i) => ({ name: n, type: 'line', data: columns[i], showSymbol: false, sampling: 'lttb', color: colorFor(i), lineStyle: { width: 1.5 } })),
      ...extra,
    };
  }

  private drawAll(answer: EachAnswer, tickers: string[]): void {
    const s = this.s;
    const tspec = transformSpec(s);
    const values: Record<string, Num[]> = {};
    for (const sym of tickers) values[sym] = series(perSymbol(answer, tspec, sym), 'real');
    const { axis, columns } = alignOnDates(answer.dates, values, tickers);
    this.draw('transform', this.lineOption(axis, tickers, columns), datedTable(axis, tickers, columns));

    const corr = outputs(answer, corrSpec(s));
    if (corr !== null) {
      const symbols = corr.symbols as string[];
      const matrix = corr.matrix as Num[][];
      this.draw(
        'corr',
        {
          tooltip: { position: 'top' },
          grid: { left: 64, right: 72, top: 16, bottom: 32 },
          xAxis: { type: 'category', data: symbols, splitArea: { show: true } },
          yAxis: { type: 'category', data: symbols, splitArea: { show: true }, inverse: true },
          visualMap: { min: -1, max: 1, calculable: true, orient: 'vertical', right: 0, top: 'middle', itemHeight: 160, inRange: { color: ['#2962ff', '#f5f5f5', '#e91e63'] } },
          series: [{ name: corrSpec(s), type: 'heatmap', data: heatmapCells(matrix), label: { show: symbols.length <= 8, formatter: (p: { value: [number, number, Num] }) => (p.value[2] === null ? '' : p.value[2].toFixed(2)) } }],
        },
        matrixTable(symbols, matrix),
      );
    } else {
      this.boxes_.get('corr')?.chart?.clear();
    }
    const rspec = rollingSpec(s, tickers);
    const rolling = rspec === null ? null : outputs(answer, rspec);
    if (rolling !== null && rspec !== null) {
      const dates = rolling.dates as string[];
      const real = rolling.real as Num[];
      const pair = rollingPair(s, tickers) as [string, string];
      this.draw('rolling', this.lineOption(dates, [`${pair[0]} / ${pair[1]} (${s.rollWindow}d)`], [real], { yAxis: { type: 'value', min: -1, max: 1 } }), datedTable(dates, ['corr'], [real]));
    } else {
      this.boxes_.get('rolling')?.chart?.clear();
    }
  }

  private acfOption(values: Num[], lo: Num[], hi: Num[], name: string): Record<string, unknown> {
    const band = bandAroundZero(values, lo, hi);
    const lags = values.map((_, i) => String(i));
    return {
      legend: { show: false },
      grid: { left: 48, right: 12, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: lags },
      yAxis: { type: 'value', min: -1, max: 1 },
      series: [
        { name, type: 'bar', data: values, barWidth: '40%', color: '#2962ff' },
        { name: 'band low', type: 'line', data: band.lo, showSymbol: false, lineStyle: { type: 'dashed', width: 1 }, color: '#9598a1' },
        { name: 'band high', type: 'line', data: band.hi, showSymbol: false, lineStyle: { type: 'dashed', width: 1 }, color: '#9598a1', areaStyle: undefined },
      ],
    };
  }

  private drawReturns(answer: EachAnswer, focus: string): void {
    const s = this.s;
    const acf = perSymbol(answer, acfSpec(s), focus);
    const a = series(acf, 'acf');
    this.draw('acf', this.acfOption(a, series(acf, 'confint_lower'), series(acf, 'confint_upper'), 'acf'),
      lagTable(0, ['acf', 'confint_lower', 'confint_upper'], [a, series(acf, 'confint_lower'), series(acf, 'confint_upper')]));
    const pacf = perSymbol(answer, pacfSpec(s), focus);
    const p = series(pacf, 'pacf');
    this.draw('pacf', this.acfOption(p, series(pacf, 'confint_lower'), series(pacf, 'confint_upper'), 'pacf'),
      lagTable(0, ['pacf', 'confint_lower', 'confint_upper'], [p, series(pacf, 'confint_lower'), series(pacf, 'confint_upper')]));

    const lb = perSymbol(answer, ljungboxSpec(s), focus);
    const stat = series(lb, 'lb_stat');
    const pv = series(lb, 'lb_pvalue');
    this.lbData_ = lagTable(1, ['lb_stat', 'lb_pvalue'], [stat, pv]);
    const table = h('table', { class: 'returns-table', id: 'ljungbox-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Lag'), h('th', {}, 'Q'), h('th', {}, 'p-value'))));
    const body = h('tbody', {});
    stat.forEach((q, i) => {
      const p0 = pv[i] ?? null;
      body.append(
        h('tr', { class: p0 !== null && p0 < s.alpha ? 'is-significant' : '' },
          h('td', {}, String(i + 1)),
          h('td', { 'data-value': String(q) }, q === null ? '—' : q.toFixed(3)),
          h('td', { 'data-value': String(p0) }, p0 === null ? '—' : p0 < 1e-4 ? p0.toExponential(2) : p0.toFixed(4))),
      );
    });
    table.append(body);
    this.lbTable_.replaceChildren(table);

    // DWT: one pane per coefficient array, stacked.
    const dwt = perSymbol(answer, wavedecSpec(s), focus);
    const names = dwtNames(dwt);
    const cols = names.map((n) => series(dwt, n));
    const n = Math.max(1, names.length);
    const paneH = 100 / n;
    const grids = names.map((_, i) => ({ left: 56, right: 12, top: `${i * paneH + 2}%`, height: `${paneH - 5}%` }));
    this.draw(
      'dwt',
      {
        tooltip: { trigger: 'axis' },
        grid: grids,
        title: names.map((nm, i) => ({ text: nm, left: 60, top: `${i * paneH}%`, textStyle: { fontSize: 11, fontWeight: 'normal' } })),
        xAxis: names.map((_, i) => ({ type: 'category', gridIndex: i, data: cols[i]?.map((_, k) => String(k)), axisLabel: { show: i === names.length - 1 } })),
        yAxis: names.map((_, i) => ({ type: 'value', gridIndex: i, scale: true, splitNumber: 2, axisLabel: { fontSize: 9 } })),
        series: names.map((nm, i) => ({ name: nm, type: 'line', xAxisIndex: i, yAxisIndex: i, data: cols[i], showSymbol: false, color: colorFor(i), lineStyle: { width: 1 } })),
      },
      indexTable(names, cols),
    );

    // CWT scalogram: |coefficient| per scale and date.
    const cwt = perSymbol(answer, cwtSpec(s), focus);
    const coefs = (cwt?.coefs ?? cwt?.coefs_real ?? []) as Num[][];
    const dates = answer.dates[focus] ?? [];
    const stride = scalogramStride(dates.length);
    const shown = dates.filter((_, i) => i % stride === 0);
    const cells: Array<[number, number, number | null]> = [];
    let max = 0;
    coefs.forEach((row, k) => {
      for (let i = 0; i < row.length; i += stride) {
        const v = row[i] ?? null;
        const m = v === null ? null : Math.abs(v);
        if (m !== null && m > max) max = m;
        cells.push([i / stride, k, m]);
      }
    });
    this.draw(
      'cwt',
      {
        tooltip: { position: 'top' },
        grid: { left: 56, right: 16, top: 12, bottom: 64 },
        xAxis: { type: 'category', data: shown },
        yAxis: { type: 'category', data: coefs.map((_, k) => String(k + 1)), name: 'scale' },
        visualMap: { min: 0, max: max || 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#0d0887', '#7e03a8', '#cc4778', '#f89540', '#f0f921'] } },
        series: [{ name: cwtSpec(s), type: 'heatmap', data: cells, progressive: 1e6, progressiveThreshold: 1e7 }],
      },
      scalogramTable(dates, coefs),
    );
  }

  private drawLevels(answer: EachAnswer, focus: string, bars: BarsResponse): void {
    const s = this.s;
    const spec = decompositionSpec(s);
    const dec = perSymbol(answer, spec, focus);
    const dates = answer.dates[focus] ?? [];
    const bar = bars.series.find((b) => b.symbol === focus);
    const closeByDate = new Map<string, Num>();
    bar?.t.forEach((d, i) => closeByDate.set(d, bar.close[i] ?? null));
    const observed = dates.map((d) => closeByDate.get(d) ?? null);
    const names = ['observed', 'trend', 'seasonal', 'resid'];
    const cols: Num[][] = [observed, series(dec, 'trend'), series(dec, 'seasonal'), series(dec, 'resid')];
    const grids = names.map((_, i) => ({ left: 64, right: 12, top: `${i * 25 + 3}%`, height: '19%' }));
    this.draw(
      'decomposition',
      {
        tooltip: { trigger: 'axis' },
        axisPointer: { link: [{ xAxisIndex: 'all' }] },
        grid: grids,
        title: names.map((nm, i) => ({ text: nm, left: 68, top: `${i * 25}%`, textStyle: { fontSize: 11, fontWeight: 'normal' } })),
        xAxis: names.map((_, i) => ({ type: 'category', gridIndex: i, data: dates, axisLabel: { show: i === 3 } })),
        yAxis: names.map((_, i) => ({ type: 'value', gridIndex: i, scale: true, splitNumber: 2, axisLabel: { fontSize: 9 } })),
        dataZoom: [{ type: 'inside', xAxisIndex: [0, 1, 2, 3] }],
        series: names.map((nm, i) => ({ name: nm, type: 'line', xAxisIndex: i, yAxisIndex: i, data: cols[i], showSymbol: false, sampling: 'lttb', color: colorFor(i), lineStyle: { width: 1.2 } })),
      },
      datedTable(dates, names, cols),
    );
  }

  // ---- test hook -----------------------------------------------------------------------------

  snapshot(): ReturnsSnapshot {
    const charts: Record<string, unknown[]> = {};
    for (const [id, b] of this.boxes_) {
      const opt = b.chart?.getOption() as { series?: Array<{ data?: unknown[] }> } | undefined;
      charts[id] = (opt?.series ?? []).map((sr) => sr.data ?? []);
    }
    const tickers = this.store.get().tickers;
    return {
      status: this.status_,
      error: this.error_,
      tickers,
      focus: focusOf(this.s, tickers),
      range: this.range_,
      requests: this.requests_,
      charts,
      firstChartMs: this.firstChartMs_,
      drawMs: { ...this.drawMs_ },
      loads: this.loads_,
    };
  }
}
