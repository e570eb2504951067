// The Technical tab: an indicator picker over the analytics registry (search, TA-Lib groups), a
// parameter form built from its metadata (defaults, ranges), several indicators and several
// instances of one on the chosen ticker — overlays on the price pane, oscillators in panes below —
// with markers, range buttons and CSV/PNG export. Values come from GET /api/v1/analyze on the
// stored bars with the current adjustment; the whole view lives in the URL.
import { ApiError, type ApiClient } from '../../api/client';
import type { CalendarResponse, EventSeries, IndicatorMeta } from '../../api/types';
import { h } from '../../components/dom';
import { columnsToCsv, downloadChartPng, downloadCsv, exportButtons, safeFileName } from '../../components/export';
import { MarkerToggles } from '../../components/marker_toggles';
import { buildMarkers } from '../../components/markers';
import { Segmented } from '../../components/segmented';
import { MAX_INDICATORS, RANGES, type DashboardState, type IndicatorInstance, type RangeKey, type Theme, type UrlStore } from '../../state/url_state';
import { indexRange, rangeStart } from '../overview/range';
import { PALETTE } from '../overview/theme_colors';
import { align, type Aligned } from '../overview/transform';
import { checkForm, defaultText, groupIndicators, MA_TYPES, paramHint, parseSpec, textsFromSpec, type ParamTexts } from './spec';
import { TechChart, type IndicatorLine, type TechSeriesSnapshot } from './tech_chart';

export interface TechState {
  status: 'idle' | 'loading' | 'ready' | 'empty' | 'error';
  ticker: string | null;
  instances: IndicatorInstance[];
  panes: number;
  priceCount: number;
  series: TechSeriesSnapshot[];
  markers: Array<{ time: string; text: string; id: string }>;
  visible: { from: string | null; to: string | null };
  error: string | null;
  /** ms from the tab's activation to its first painted chart (null before it). */
  firstChartMs: number | null;
}

type Outputs = Record<string, Array<number | null>>;

const instanceKey = (i: IndicatorInstance) => `${i.symbol}:${i.spec}`;

export class Technical {
  readonly el: HTMLElement;
  private meta_: IndicatorMeta[] = [];
  private metaByName_ = new Map<string, IndicatorMeta>();
  private readonly tickerHost_: HTMLElement;
  private readonly search_: HTMLInputElement;
  private readonly list_: HTMLElement;
  private readonly form_: HTMLElement;
  private readonly chips_: HTMLElement;
  private readonly range_: Segmented<RangeKey>;
  private readonly markers_: MarkerToggles;
  private readonly chart_: TechChart;
  private readonly overlay_: HTMLElement;
  private readonly banner_: HTMLElement;
  private readonly span_: HTMLElement;
  private selected_: IndicatorMeta | null = null;
  private editing_: IndicatorInstance | null = null;
  private aligned_: Aligned = { axis: [], series: [] };
  private bars_ = new Map<string, Promise<Aligned>>();
  private outputs_ = new Map<string, Promise<Outputs>>();
  private calendar_: Promise<CalendarResponse | null> | null = null;
  private events_ = new Map<string, Promise<EventSeries | null>>();
  private lines_: IndicatorLine[] = [];
  private status_: TechState['status'] = 'idle';
  private error_: string | null = null;
  private renderToken_ = 0;
  private active_ = false;
  private activatedAt_: number | null = null;
  private firstChartMs_: number | null = null;
  private metaLoad_: Promise<void> | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly store: UrlStore,
    theme: Theme,
  ) {
    this.tickerHost_ = h('div', { class: 'tech-tickers' });
    this.search_ = h('input', { type: 'search', class: 'input indicator-search', placeholder: 'Search indicators (rsi, bands, volume…)', 'aria-label': 'Search indicators' });
    this.search_.addEventListener('input', () => this.renderList());
    this.list_ = h('div', { class: 'indicator-list', role: 'listbox', 'aria-label': 'Indicators' });
    this.form_ = h('form', { class: 'indicator-form', 'aria-label': 'Indicator parameters', novalidate: true });
    this.chips_ = h('ul', { class: 'instance-list', 'aria-label': 'Indicators on the chart' });
    this.range_ = new Segmented<RangeKey>(
      'Date range',
      RANGES.map((r) => ({ value: r, label: r, title: r === 'All' ? 'All data' : `Last ${r} of data` })),
      store.get().range,
      (range) => {
        this.store.set({ range, window: null });
        this.applyRange(this.store.get());
      },
      'tech-range',
    );
    this.markers_ = new MarkerToggles('tech-markers', (markers) => {
      this.store.set({ markers });
      void this.refresh();
    });
    this.chart_ = new TechChart(theme);
    this.overlay_ = h('div', { class: 'chart-overlay', role: 'status' });
    this.banner_ = h('div', { class: 'banner error', role: 'alert', hidden: true });
    this.span_ = h('p', { class: 'span-info', 'aria-live': 'polite' });
    const exportEl = exportButtons('the technical chart', () => this.exportCsv(), () => this.exportPng());

    const pickerCard = h(
      'section',
      { class: 'card picker-card', 'aria-labelledby': 'picker-title' },
      h('div', { class: 'card-head' }, h('h2', { class: 'card-title', id: 'picker-title' }, 'Indicators'), h('p', { class: 'card-hint' }, 'TA-Lib functions by group, pivots, support/resistance')),
      this.search_,
      this.list_,
    );
    const formCard = h('section', { class: 'card form-card', 'aria-labelledby': 'form-title' }, h('h2', { class: 'card-title', id: 'form-title' }, 'Parameters'), this.form_);
    const tickerCard = h(
      'section',
      { class: 'card tech-ticker-card', 'aria-labelledby': 'tech-ticker-title' },
      h('h2', { class: 'card-title', id: 'tech-ticker-title' }, 'Ticker'),
      this.tickerHost_,
      h('h2', { class: 'card-title sub' }, 'On the chart'),
      this.chips_,
      h('h2', { class: 'card-title sub' }, 'Markers'),
      this.markers_.el,
    );
    const chartCard = h(
      'section',
      { class: 'card chart-card tech-chart-card', 'aria-label': 'Technical chart' },
      h('div', { class: 'chart-toolbar' }, this.range_.el, this.span_, exportEl),
      h('div', { class: 'chart-body tech-body' }, this.chart_.el, this.overlay_),
    );
    this.el = h('div', { class: 'technical' }, this.banner_, h('div', { class: 'tech-controls' }, tickerCard, pickerCard, formCard), chartCard);
    this.renderForm();
    this.setStatus('idle', 'Open the tab to load the indicator list.');
  }

  setTheme(theme: Theme): void {
    this.chart_.setTheme(theme);
    if (this.active_) void this.refresh();
  }

  /** Called when the tab is shown or hidden. */
  setActive(active: boolean): void {
    const was = this.active_;
    this.active_ = active;
    if (active && !was) {
      if (this.firstChartMs_ === null) this.activatedAt_ = performance.now();
      this.sync();
    }
  }

  /** Brings the view in line with the URL state. */
  sync(): void {
    if (!this.active_) return;
    const s = this.store.get();
    this.range_.set(s.window === null ? s.range : null);
    this.markers_.set(s.markers);
    this.renderTickers(s);
    this.renderChips(s);
    if (this.metaLoad_ === null) {
      this.metaLoad_ = this.loadMeta();
    }
    void this.metaLoad_.then(() => this.refresh());
  }

  private async loadMeta(): Promise<void> {
    try {
      const r = await this.api.indicators();
      this.meta_ = r.indicators;
      this.metaByName_ = new Map(r.indicators.map((m) => [m.name, m]));
      this.renderList();
    } catch (e) {
      this.metaLoad_ = null;
      this.fail(e);
    }
  }

  private ticker(s: DashboardState): string | null {
    if (s.techTicker !== null && s.tickers.includes(s.techTicker)) return s.techTicker;
    return s.tickers[0] ?? null;
  }

  private instances(s: DashboardState): IndicatorInstance[] {
    const t = this.ticker(s);
    return s.indicators.filter((i) => i.symbol === t);
  }

  // ---- controls -------------------------------------------------------------------------------

  private renderTickers(s: DashboardState): void {
    const current = this.ticker(s);
    this.tickerHost_.replaceChildren(
      ...(s.tickers.length === 0
        ? [h('p', { class: 'card-caption' }, 'Pick tickers on the Overview tab.')]
        : s.tickers.map((t) => {
            const b = h('button', { type: 'button', class: 'toggle tech-ticker', 'aria-pressed': String(t === current), 'data-symbol': t }, t);
            b.addEventListener('click', () => {
              this.store.set({ techTicker: t });
              this.sync();
            });
            return b;
          })),
    );
  }

  private renderList(): void {
    const groups = groupIndicators(this.meta_, this.search_.value);
    if (groups.length === 0) {
      this.list_.replaceChildren(h('p', { class: 'card-caption' }, this.meta_.length === 0 ? 'Loading…' : 'No indicator matches.'));
      return;
    }
    this.list_.replaceChildren(
      ...groups.map((g) =>
        h(
          'div',
          { class: 'indicator-group', role: 'group', 'aria-label': g.group },
          h('h3', { class: 'indicator-group-title' }, `${g.group} (${g.items.length})`),
          ...g.items.map((m) => {
            const b = h(
              'button',
              { type: 'button', role: 'option', class: 'indicator-option', 'data-name': m.name, 'aria-selected': String(this.selected_?.name === m.name), title: m.description },
              h('span', { class: 'indicator-name' }, m.name),
              h('span', { class: 'indicator-desc' }, m.description),
              h('span', { class: `indicator-kind ${m.overlay ? 'overlay' : 'pane'}` }, m.overlay ? 'overlay' : 'pane'),
            );
            b.addEventListener('click', () => {
              this.selected_ = m;
              this.editing_ = null;
              this.renderForm();
              this.renderList();
            });
            return b;
          }),
        ),
      ),
    );
  }

  private renderForm(texts?: ParamTexts): void {
    const m = this.selected_;
    if (m === null) {
      this.form_.replaceChildren(h('p', { class: 'card-caption' }, 'Pick an indicator from the list to set its parameters.'));
      return;
    }
    const values: ParamTexts = texts ?? Object.fromEntries(m.params.map((p) => [p.name, defaultText(p)]));
    const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
    const errors = new Map<string, HTMLElement>();
    const fields = m.params.map((p) => {
      const id = `param-${p.name}`;
      let input: HTMLInputElement | HTMLSelectElement;
      if (p.type === 'matype') {
        input = h('select', { id, class: 'select', name: p.name }, ...MA_TYPES.map((label, i) => h('option', { value: String(i) }, `${i} ${label}`)));
      } else if (p.type === 'choice' || p.type === 'bool') {
        const choices = p.type === 'bool' ? ['true', 'false'] : (p.choices ?? []);
        input = h('select', { id, class: 'select', name: p.name }, ...choices.map((c) => h('option', { value: c }, c)));
      } else {
        input = h('input', {
          id,
          class: 'input',
          name: p.name,
          inputmode: p.type === 'int' ? 'numeric' : 'decimal',
          autocomplete: 'off',
        });
      }
      input.value = values[p.name] ?? defaultText(p);
      inputs.set(p.name, input);
      const err = h('span', { class: 'field-error', id: `${id}-error`, role: 'alert' });
      errors.set(p.name, err);
      input.setAttribute('aria-describedby', `${id}-error ${id}-hint`);
      input.addEventListener('input', () => validate());
      input.addEventListener('change', () => validate());
      return h('div', { class: 'field' }, h('label', { for: id }, p.name), input, h('span', { class: 'field-hint', id: `${id}-hint` }, paramHint(p)), err);
    });
    const submit = h('button', { type: 'submit', class: 'button primary' }, this.editing_ !== null ? 'Update' : 'Add to chart');
    const cancel = this.editing_ !== null ? h('button', { type: 'button', class: 'button' }, 'Cancel') : null;
    cancel?.addEventListener('click', () => {
      this.editing_ = null;
      this.renderForm();
    });
    const preview = h('code', { class: 'spec-preview' });
    const validate = () => {
      const read: ParamTexts = {};
      for (const [k, el] of inputs) read[k] = el.value;
      const r = checkForm(m, read);
      for (const [k, el] of errors) {
        el.textContent = r.errors[k] ?? '';
        inputs.get(k)?.setAttribute('aria-invalid', String(k in r.errors));
      }
      submit.disabled = r.spec === null;
      preview.textContent = r.spec ?? 'invalid parameters';
      return r.spec;
    };
    this.form_.onsubmit = (e) => {
      e.preventDefault();
      const spec = validate();
      if (spec !== null) this.addInstance(spec);
    };
    this.form_.replaceChildren(
      h('div', { class: 'form-head' }, h('strong', { class: 'form-name' }, m.name), h('span', { class: 'form-group' }, `${m.group} · ${m.overlay ? 'drawn over the price' : 'pane below the price'}`)),
      h('p', { class: 'form-desc' }, m.description),
      ...(fields.length === 0 ? [h('p', { class: 'card-caption' }, 'No parameters.')] : fields),
      h('div', { class: 'form-actions' }, preview, cancel, submit),
    );
    validate();
  }

  private addInstance(spec: string): void {
    const s = this.store.get();
    const symbol = this.ticker(s);
    if (symbol === null) return;
    const list = [...s.indicators];
    const inst = { symbol, spec };
    if (this.editing_ !== null) {
      const at = list.findIndex((x) => instanceKey(x) === instanceKey(this.editing_ as IndicatorInstance));
      if (at >= 0) list.splice(at, 1, inst);
      this.editing_ = null;
    } else if (!list.some((x) => instanceKey(x) === instanceKey(inst))) {
      if (list.length >= MAX_INDICATORS) {
        this.fail(new Error(`At most ${MAX_INDICATORS} indicators`));
        return;
      }
      list.push(inst);
    }
    this.store.set({ indicators: list.filter((x, i) => list.findIndex((y) => instanceKey(y) === instanceKey(x)) === i) });
    this.renderForm();
    this.sync();
  }

  private renderChips(s: DashboardState): void {
    const list = this.instances(s);
    if (list.length === 0) {
      this.chips_.replaceChildren(h('li', { class: 'card-caption' }, 'None yet: pick an indicator, set its parameters, add it.'));
      return;
    }
    this.chips_.replaceChildren(
      ...list.map((inst, i) => {
        const edit = h('button', { type: 'button', class: 'chip-edit', title: `Edit ${inst.spec}`, 'aria-label': `Edit ${inst.spec}` }, inst.spec);
        const remove = h('button', { type: 'button', class: 'chip-remove', title: `Remove ${inst.spec}`, 'aria-label': `Remove ${inst.spec}` }, '×');
        edit.addEventListener('click', () => {
          const name = parseSpec(inst.spec)?.name ?? '';
          const meta = this.metaByName_.get(name);
          if (meta === undefined) return;
          this.selected_ = meta;
          this.editing_ = inst;
          this.renderForm(textsFromSpec(meta, inst.spec));
          this.renderList();
        });
        remove.addEventListener('click', () => {
          const cur = this.store.get();
          this.store.set({ indicators: cur.indicators.filter((x) => instanceKey(x) !== instanceKey(inst)) });
          if (this.editing_ !== null && instanceKey(this.editing_) === instanceKey(inst)) this.editing_ = null;
          this.sync();
        });
        return h('li', { class: 'instance-chip', 'data-spec': inst.spec }, h('span', { class: 'legend-dot', style: `background:${PALETTE[i % PALETTE.length]}` }), edit, remove);
      }),
    );
  }

  // ---- data -----------------------------------------------------------------------------------

  private loadBars(symbol: string, adjust: DashboardState['adjust']): Promise<Aligned> {
    const key = `${symbol}|${adjust}`;
    let p = this.bars_.get(key);
    if (p === undefined) {
      p = this.api.bars({ symbols: [symbol], adjust }).then((r) => align(r.series));
      p.catch(() => this.bars_.delete(key));
      this.bars_.set(key, p);
    }
    return p;
  }

  private loadOutputs(symbol: string, adjust: DashboardState['adjust'], spec: string): Promise<Outputs> {
    const key = `${symbol}|${adjust}|${spec}`;
    let p = this.outputs_.get(key);
    if (p === undefined) {
      p = this.api.analyze({ symbols: [symbol], ops: [spec], adjust }).then((r) => {
        const v = r[spec];
        if (v === undefined || 'error' in v) throw new ApiError(400, 'analyze', `${spec}: ${v === undefined ? 'no result' : String((v as { error: string }).error)}`);
        return v as Outputs;
      });
      p.catch(() => this.outputs_.delete(key));
      this.outputs_.set(key, p);
    }
    return p;
  }

  private loadCalendar(axis: string[]): Promise<CalendarResponse | null> {
    if (this.calendar_ === null && axis.length > 0) {
      const from = (axis[0] as string) < '1990-01-01' ? '1990-01-01' : (axis[0] as string);
      this.calendar_ = this.api.calendar({ from, sessions: false }).catch(() => null);
    }
    return this.calendar_ ?? Promise.resolve(null);
  }

  private loadEvents(symbol: string): Promise<EventSeries | null> {
    let p = this.events_.get(symbol);
    if (p === undefined) {
      p = this.api.events({ symbols: [symbol] }).then((r) => r.series[0] ?? null).catch(() => null);
      this.events_.set(symbol, p);
    }
    return p;
  }

  /** Loads what the view needs and redraws the chart. */
  private async refresh(): Promise<void> {
    if (!this.active_) return;
    const token = ++this.renderToken_;
    const s = this.store.get();
    const symbol = this.ticker(s);
    this.renderChips(s);
    if (symbol === null) {
      this.setStatus('empty', 'Pick one or more tickers on the Overview tab.');
      return;
    }
    this.hideError();
    this.setStatus('loading', `Loading ${symbol}…`);
    try {
      const instances = this.instances(s);
      const [aligned, outputs] = await Promise.all([
        this.loadBars(symbol, s.adjust),
        Promise.all(instances.map((i) => this.loadOutputs(symbol, s.adjust, i.spec))),
      ]);
      const kinds = new Set(s.markers);
      const needCalendar = kinds.has('holidays') || kinds.has('early');
      const needEvents = kinds.has('earnings') || kinds.has('splits') || kinds.has('dividends');
      const [calendar, events] = await Promise.all([
        needCalendar ? this.loadCalendar(aligned.axis) : Promise.resolve(null),
        needEvents ? this.loadEvents(symbol) : Promise.resolve(null),
      ]);
      if (token !== this.renderToken_) return;
      this.aligned_ = aligned;
      const series = aligned.series[0];
      if (series === undefined) {
        this.setStatus('empty', `No bars stored for ${symbol}.`);
        return;
      }
      this.lines_ = this.toLines(instances, outputs, aligned.axis.length);
      const oscillators = instances.filter((i) => !this.isOverlay(i)).map(instanceKey);
      const markers = buildMarkers(aligned.axis, calendar, events, kinds);
      this.chart_.render(symbol, aligned.axis, series, this.lines_, markers, oscillators);
      this.setStatus('ready', '');
      this.applyRange(this.store.get());
      requestAnimationFrame(() => {
        this.applyRange(this.store.get());
        if (this.firstChartMs_ === null && this.activatedAt_ !== null) {
          const start = this.activatedAt_;
          requestAnimationFrame(() => (this.firstChartMs_ = Math.round(performance.now() - start)));
        }
      });
    } catch (e) {
      if (token !== this.renderToken_) return;
      this.fail(e);
    }
  }

  private isOverlay(i: IndicatorInstance): boolean {
    return this.metaByName_.get(parseSpec(i.spec)?.name ?? '')?.overlay ?? false;
  }

  private toLines(instances: IndicatorInstance[], outputs: Outputs[], n: number): IndicatorLine[] {
    const lines: IndicatorLine[] = [];
    instances.forEach((inst, k) => {
      const meta = this.metaByName_.get(parseSpec(inst.spec)?.name ?? '');
      const out = outputs[k] ?? {};
      const color = PALETTE[k % PALETTE.length] as string;
      const names = Object.keys(out);
      names.forEach((name, j) => {
        const kind = meta?.outputs.find((o) => o.name === name)?.kind ?? 'line';
        const values = out[name] ?? [];
        if (values.length !== n) throw new Error(`${inst.spec}.${name}: ${values.length} values for ${n} bars`);
        lines.push({
          key: `${inst.spec}.${name}`,
          instanceKey: instanceKey(inst),
          label: names.length === 1 ? shortSpec(inst.spec) : `${shortSpec(inst.spec)} ${name}`,
          overlay: meta?.overlay ?? false,
          kind: kind === 'line' ? 'line' : 'histogram',
          color: names.length > 1 && j > 0 ? shade(color, j) : color,
          dashed: names.length > 1 && j > 0 && (meta?.overlay ?? false),
          values,
        });
      });
    });
    return lines;
  }

  private applyRange(s: DashboardState): void {
    const axis = this.aligned_.axis;
    if (axis.length === 0) return;
    const first = axis[0] as string;
    const last = axis[axis.length - 1] as string;
    const r = s.window !== null ? indexRange(axis, s.window.from, s.window.to) : indexRange(axis, rangeStart(s.range, first, last), last);
    const range = r ?? { from: 0, to: axis.length - 1 };
    this.range_.set(s.window === null ? s.range : null);
    this.chart_.setVisible({ from: range.from - 0.5, to: range.to + 0.5 });
    this.span_.dataset.from = axis[range.from];
    this.span_.dataset.to = axis[range.to];
    this.span_.replaceChildren(h('span', { class: 'span-dates' }, `${axis[range.from]} → ${axis[range.to]}`), h('span', { class: 'span-count' }, `${range.to - range.from + 1} trading days`));
  }

  // ---- export ---------------------------------------------------------------------------------

  /** CSV of the visible range: date, the bar's OHLCV, then every indicator output as drawn. */
  csv(): { filename: string; text: string } | null {
    const s = this.store.get();
    const symbol = this.ticker(s);
    const series = this.aligned_.series[0];
    const vis = this.chart_.visibleIndexRange();
    if (symbol === null || series === undefined || vis === null) return null;
    const idx: number[] = [];
    for (let i = vis.from; i <= vis.to; i++) idx.push(i);
    const bar = (i: number) => series.bars[i] ?? null;
    const columns = [
      { name: 'open', values: idx.map((i) => bar(i)?.open ?? null) },
      { name: 'high', values: idx.map((i) => bar(i)?.high ?? null) },
      { name: 'low', values: idx.map((i) => bar(i)?.low ?? null) },
      { name: 'close', values: idx.map((i) => bar(i)?.close ?? null) },
      { name: 'volume', values: idx.map((i) => bar(i)?.volume ?? null) },
      ...this.lines_.map((l) => ({ name: l.key, values: idx.map((i) => l.values[i] ?? null) })),
    ];
    const dates = idx.map((i) => this.aligned_.axis[i] as string);
    return { filename: safeFileName(`${symbol}-technical-${s.adjust}-${dates[0] ?? ''}-${dates[dates.length - 1] ?? ''}.csv`), text: columnsToCsv(dates, columns) };
  }

  private exportCsv(): void {
    const c = this.csv();
    if (c !== null) downloadCsv(c.filename, c.text);
  }

  private exportPng(): void {
    const chart = this.chart_.chart;
    const symbol = this.ticker(this.store.get());
    if (chart !== null && symbol !== null) downloadChartPng(chart, safeFileName(`${symbol}-technical.png`));
  }

  // ---- status ---------------------------------------------------------------------------------

  private setStatus(status: TechState['status'], message: string): void {
    this.status_ = status;
    this.overlay_.hidden = status === 'ready';
    this.overlay_.className = `chart-overlay ${status}`;
    const parts: Node[] = [h('span', {}, message)];
    if (status === 'loading') parts.unshift(h('span', { class: 'spinner', 'aria-hidden': 'true' }));
    this.overlay_.replaceChildren(...parts);
  }

  private fail(e: unknown): void {
    if (e instanceof DOMException && e.name === 'AbortError') return;
    this.error_ = e instanceof Error ? e.message : String(e);
    this.setStatus('error', 'Could not compute the chart.');
    this.banner_.replaceChildren(h('strong', {}, e instanceof ApiError && e.status > 0 ? `Error ${e.status}` : 'Error'), h('span', {}, ` ${this.error_}`));
    this.banner_.hidden = false;
  }

  private hideError(): void {
    this.banner_.hidden = true;
    this.error_ = null;
  }

  /** Test hook: every point of one drawn output (`${spec}.${output}`). */
  points(key: string): Array<[string, number]> | null {
    return this.chart_.points(key);
  }

  /** Test hook: the chart's x coordinate of an axis date (null when off screen). */
  xOf(time: string): number | null {
    return this.chart_.xOf(time);
  }

  state(): TechState {
    const s = this.store.get();
    const snap = this.chart_.snapshot();
    return {
      status: this.status_,
      ticker: this.ticker(s),
      instances: this.instances(s),
      panes: snap.panes,
      priceCount: snap.priceCount,
      series: snap.series,
      markers: snap.markers,
      visible: { from: this.span_.dataset.from ?? null, to: this.span_.dataset.to ?? null },
      error: this.error_,
      firstChartMs: this.firstChartMs_,
    };
  }
}

/** `bbands(timeperiod=20,nbdevup=2)` → `bbands(20,2)` for legends. */
function shortSpec(spec: string): string {
  const p = parseSpec(spec);
  if (p === null) return spec;
  const values = Object.values(p.args);
  return values.length === 0 ? p.name : `${p.name}(${values.join(',')})`;
}

/** A lighter or darker variant of a #rrggbb colour for the second, third … output of one instance. */
function shade(hex: string, step: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const f = step % 2 === 1 ? 0.55 : -0.35;
  const ch = (v: number) => Math.round(f > 0 ? v + (255 - v) * f * Math.min(1, step / 2 + 0.5) : v * (1 + f));
  const r = ch((n >> 16) & 255);
  const g = ch((n >> 8) & 255);
  const b = ch(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}
