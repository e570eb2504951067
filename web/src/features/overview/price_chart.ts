// One ticker's chart: a price pane (candles, OHLC bars or close line) and a volume pane under it,
// with a legend that shows the OHLCV of the bar under the crosshair (the last bar otherwise).
import {
  BarSeries,
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  HistogramSeries,
  LineSeries,
  LineStyle,
  createChart,
  createSeriesMarkers,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type Logical,
  type LogicalRange,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import type { Instrument } from '../../api/types';
import { h } from '../../components/dom';
import { columnsToCsv, downloadChartPng, downloadCsv, exportButtons, safeFileName } from '../../components/export';
import { markersAt, toSeriesMarkers, type MarkerInfo } from '../../components/markers';
import type { ChartType, Theme } from '../../state/url_state';
import { chartColors } from './theme_colors';
import { barAt, formatPrice, formatVolume, lastIndex, toClose, toOhlc, toVolume, type AlignedSeries } from './transform';

export interface SeriesSnapshot {
  symbol: string;
  type: SeriesType;
  count: number;
  volumeCount: number;
  /** Pane heights in pixels (price first) and the pane index of the price and volume series. */
  panes: number[];
  pricePane: number;
  volumePane: number;
  first: { time: string; open: number; high: number; low: number; close: number; volume: number } | null;
  last: { time: string; open: number; high: number; low: number; close: number; volume: number } | null;
  /** Markers on the price series, read back from the plugin. */
  markers: Array<{ time: string; text: string; id: string }>;
  /** The macro overlay on the left scale: series id, points held, first and last [time, value]. */
  macro: { series: string; count: number; first: [string, number] | null; last: [string, number] | null; scale: string } | null;
}

/** A macro series on the chart's axis (step values) for the left price scale. */
export interface MacroOverlay {
  series: string;
  label: string;
  values: Array<number | null>;
}

export class PriceChart {
  readonly el: HTMLElement;
  readonly chart: IChartApi;
  private price_: ISeriesApi<SeriesType> | null = null;
  private volume_: ISeriesApi<'Histogram'> | null = null;
  private readonly legend_: HTMLElement;
  private readonly tooltip_: HTMLElement;
  private axis_: string[] = [];
  private type_: ChartType = 'candles';
  private markersApi_: ISeriesMarkersPluginApi<Time> | null = null;
  private markerInfos_: MarkerInfo[] = [];
  private macro_: MacroOverlay | null = null;
  private macroSeries_: ISeriesApi<'Line'> | null = null;

  constructor(
    readonly symbol: string,
    private readonly instrument: Instrument | undefined,
    private readonly color: string,
    private theme: Theme,
    private data: AlignedSeries,
    axis: string[],
    showLogo: boolean,
  ) {
    this.axis_ = axis;
    this.legend_ = h('div', { class: 'legend', 'aria-live': 'off' });
    this.tooltip_ = h('div', { class: 'chart-tooltip', 'aria-hidden': 'true', hidden: true });
    const canvasHost = h('div', { class: 'chart-canvas' });
    this.el = h(
      'figure',
      {
        class: 'price-chart',
        'data-symbol': symbol,
        'aria-label': `${symbol}${instrument ? ` (${instrument.name})` : ''} price and volume chart`,
      },
      canvasHost,
      this.legend_,
      this.tooltip_,
      exportButtons(
        `the ${symbol} chart`,
        () => downloadCsv(safeFileName(`${symbol}-prices.csv`), this.csv()),
        () => downloadChartPng(this.chart, safeFileName(`${symbol}-prices.png`)),
      ),
    );
    const c = chartColors(theme);
    this.chart = createChart(canvasHost, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: c.background },
        textColor: c.text,
        fontFamily: 'Inter, "Segoe UI", Roboto, system-ui, sans-serif',
        fontSize: 12,
        attributionLogo: showLogo,
        panes: { separatorColor: c.border, separatorHoverColor: c.grid, enableResize: true },
      },
      grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
      rightPriceScale: { borderColor: c.border, scaleMargins: { top: 0.2, bottom: 0.05 } },
      timeScale: { borderColor: c.border, minBarSpacing: 0.05, rightOffset: 3 },
      crosshair: { mode: CrosshairMode.Normal, vertLine: { color: c.crosshair }, horzLine: { color: c.crosshair } },
    });
    this.chart.subscribeCrosshairMove((p) => {
      this.showLegend(p.logical ?? null);
      this.showTooltip(p.point ?? null, p.logical ?? null, p.paneIndex ?? 0);
    });
  }

  setChartType(type: ChartType): void {
    this.type_ = type;
    const range = this.visible();
    // Remove both series and add them back in pane order: lightweight-charts drops a pane that
    // loses its last series, so removing only the price series would move volume into pane 0.
    if (this.price_ !== null) this.chart.removeSeries(this.price_);
    if (this.volume_ !== null) this.chart.removeSeries(this.volume_);
    this.price_ = null;
    this.volume_ = null;
    const c = chartColors(this.theme);
    const common = {
      priceLineVisible: true,
      lastValueVisible: true,
      title: '',
      priceFormat: { type: 'price' as const, precision: 2, minMove: 0.01 },
    };
    if (type === 'candles') {
      this.price_ = this.chart.addSeries(CandlestickSeries, {
        ...common,
        upColor: c.up,
        downColor: c.down,
        borderUpColor: c.up,
        borderDownColor: c.down,
        wickUpColor: c.up,
        wickDownColor: c.down,
      }, 0);
      this.price_.setData(toOhlc(this.axis_, this.data) as never);
    } else if (type === 'ohlc') {
      this.price_ = this.chart.addSeries(BarSeries, { ...common, upColor: c.up, downColor: c.down, thinBars: false }, 0);
      this.price_.setData(toOhlc(this.axis_, this.data) as never);
    } else {
      this.price_ = this.chart.addSeries(LineSeries, { ...common, color: this.color, lineWidth: 2 }, 0);
      this.price_.setData(toClose(this.axis_, this.data) as never);
    }
    if (this.volume_ === null) {
      this.volume_ = this.chart.addSeries(
        HistogramSeries,
        { priceFormat: { type: 'volume' }, priceLineVisible: false, lastValueVisible: false },
        1,
      );
      this.volume_.setData(toVolume(this.axis_, this.data, c.volumeUp, c.volumeDown) as never);
      const panes = this.chart.panes();
      panes[0]?.setStretchFactor(4);
      panes[1]?.setStretchFactor(1);
      this.volume_.priceScale().applyOptions({ scaleMargins: { top: 0.15, bottom: 0 } });
    }
    this.markersApi_ = createSeriesMarkers(this.price_, toSeriesMarkers(this.markerInfos_));
    if (range !== null) this.chart.timeScale().setVisibleLogicalRange(range);
    this.showLegend(null);
  }

  /** Markers (holidays, early closes, earnings, splits, dividends) on the price series. */
  setMarkers(infos: MarkerInfo[]): void {
    this.markerInfos_ = infos;
    this.markersApi_?.setMarkers(toSeriesMarkers(infos));
  }

  /** A macro series on the left price scale of the price pane; null removes it. */
  setMacro(macro: MacroOverlay | null): void {
    this.macro_ = macro;
    if (this.macroSeries_ !== null) this.chart.removeSeries(this.macroSeries_);
    this.macroSeries_ = null;
    const c = chartColors(this.theme);
    this.chart.applyOptions({ leftPriceScale: { visible: macro !== null, borderColor: c.border, scaleMargins: { top: 0.2, bottom: 0.05 } } });
    this.el.classList.toggle('with-left-scale', macro !== null);
    if (macro === null) return;
    this.macroSeries_ = this.chart.addSeries(
      LineSeries,
      {
        priceScaleId: 'left',
        color: this.theme === 'dark' ? '#ffb74d' : '#ef6c00',
        lineWidth: 2,
        lineStyle: LineStyle.Solid,
        priceLineVisible: false,
        lastValueVisible: true,
        crosshairMarkerVisible: false,
        title: macro.series,
        priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
      },
      0,
    );
    this.macroSeries_.setData(
      this.axis_.map((t, i) => {
        const v = macro.values[i];
        return typeof v === 'number' && Number.isFinite(v) ? { time: t, value: v } : { time: t };
      }) as never,
    );
  }

  /** The numbers this chart shows, as CSV: date, OHLCV, and the macro overlay when on. */
  csv(): string {
    const rows = this.axis_.map((_, i) => this.data.bars[i] ?? null);
    const cols = [
      { name: 'open', values: rows.map((b) => b?.open ?? null) },
      { name: 'high', values: rows.map((b) => b?.high ?? null) },
      { name: 'low', values: rows.map((b) => b?.low ?? null) },
      { name: 'close', values: rows.map((b) => b?.close ?? null) },
      { name: 'volume', values: rows.map((b) => b?.volume ?? null) },
    ];
    if (this.macro_ !== null) cols.push({ name: this.macro_.series, values: this.macro_.values });
    return columnsToCsv(this.axis_, cols);
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    const c = chartColors(theme);
    this.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: c.background }, textColor: c.text, panes: { separatorColor: c.border } },
      grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
      rightPriceScale: { borderColor: c.border },
      timeScale: { borderColor: c.border },
      crosshair: { vertLine: { color: c.crosshair }, horzLine: { color: c.crosshair } },
    });
    this.volume_?.setData(toVolume(this.axis_, this.data, c.volumeUp, c.volumeDown) as never);
    this.setChartType(this.type_);
  }

  visible(): LogicalRange | null {
    return this.chart.timeScale().getVisibleLogicalRange();
  }

  setVisible(range: { from: number; to: number }): void {
    this.chart.timeScale().setVisibleLogicalRange(range as LogicalRange);
  }

  /** Mirrors a crosshair from another chart at axis index i (null clears it). */
  mirrorCrosshair(i: number | null): void {
    if (i === null || this.price_ === null) {
      this.chart.clearCrosshairPosition();
      this.showLegend(null);
      return;
    }
    const bar = this.data.bars[i];
    const time = this.axis_[i];
    if (bar === null || bar === undefined || time === undefined) {
      this.chart.clearCrosshairPosition();
    } else {
      this.chart.setCrosshairPosition(bar.close, time as Time, this.price_);
    }
    this.showLegend(i as Logical);
  }

  private showLegend(logical: Logical | null): void {
    const idx = logical === null ? lastIndex(this.data) : Math.round(logical);
    const info = barAt(this.data, idx);
    const name = this.instrument?.name ?? '';
    const head = h(
      'div',
      { class: 'legend-head' },
      h('span', { class: 'legend-dot', style: `background:${this.color}` }),
      h('strong', { class: 'legend-symbol' }, this.symbol),
      name !== '' ? h('span', { class: 'legend-name' }, name) : null,
      this.instrument ? h('span', { class: 'legend-meta' }, `${this.instrument.exchange || ''} ${this.instrument.currency || ''}`.trim()) : null,
    );
    if (info === null) {
      this.legend_.replaceChildren(head, h('div', { class: 'legend-values muted' }, 'No bar on this day'));
      return;
    }
    const { bar, change, changePct } = info;
    const dir = change === null ? '' : change >= 0 ? 'up' : 'down';
    const item = (k: string, v: string, cls = '') =>
      h('span', { class: `legend-item ${cls}` }, h('span', { class: 'legend-key' }, k), h('span', { class: 'legend-value' }, v));
    const chg =
      change === null
        ? null
        : h('span', { class: `legend-change ${dir}` }, `${change >= 0 ? '+' : ''}${formatPrice(change)} (${changePct !== null ? `${changePct >= 0 ? '+' : ''}${changePct.toFixed(2)}%` : '—'})`);
    this.legend_.replaceChildren(
      head,
      h(
        'div',
        { class: 'legend-values', 'data-time': bar.time },
        h('span', { class: 'legend-date' }, bar.time),
        item('O', formatPrice(bar.open), dir),
        item('H', formatPrice(bar.high), dir),
        item('L', formatPrice(bar.low), dir),
        item('C', formatPrice(bar.close), dir),
        chg,
        item('Vol', formatVolume(bar.volume)),
      ),
    );
  }

  /** A small OHLCV box beside the cursor in the chart under the mouse. */
  private showTooltip(point: { x: number; y: number } | null, logical: Logical | null, pane: number): void {
    const info = point === null || logical === null ? null : barAt(this.data, Math.round(logical));
    if (info === null || point === null) {
      this.tooltip_.hidden = true;
      return;
    }
    const { bar, changePct } = info;
    const row = (k: string, v: string) => h('div', { class: 'tt-row' }, h('span', {}, k), h('span', {}, v));
    const rows: Node[] = [
      h('div', { class: 'tt-head' }, h('strong', {}, this.symbol), h('span', {}, bar.time)),
      row('Open', formatPrice(bar.open)),
      row('High', formatPrice(bar.high)),
      row('Low', formatPrice(bar.low)),
      row('Close', formatPrice(bar.close)),
    ];
    if (changePct !== null) rows.push(row('Change', `${changePct >= 0 ? '+' : ''}${changePct.toFixed(2)}%`));
    rows.push(row('Volume', formatVolume(bar.volume)));
    const idx = Math.round(logical ?? -1);
    const macroValue = this.macro_?.values[idx];
    if (this.macro_ !== null && typeof macroValue === 'number') rows.push(row(this.macro_.series, macroValue.toFixed(2)));
    for (const m of markersAt(this.markerInfos_, bar.time)) rows.push(h('div', { class: `tt-row marker-${m.kind}` }, m.label));
    this.tooltip_.replaceChildren(...rows);
    this.tooltip_.hidden = false;
    const w = this.el.clientWidth;
    const tw = this.tooltip_.offsetWidth;
    const th = this.tooltip_.offsetHeight;
    const paneTop = pane > 0 ? (this.chart.panes()[0]?.getHeight() ?? 0) : 0;
    const y = point.y + paneTop;
    const left = point.x + 16 + tw > w - 70 ? point.x - tw - 16 : point.x + 16;
    const top = Math.max(4, Math.min(this.el.clientHeight - th - 30, y - th / 2));
    this.tooltip_.style.transform = `translate(${Math.max(4, left)}px, ${top}px)`;
  }

  /** What the chart actually holds, for the browser test (read from the series, not from our input). */
  snapshot(): SeriesSnapshot {
    const data = (this.price_?.data() ?? []) as unknown as ReadonlyArray<Record<string, unknown>>;
    const vol = (this.volume_?.data() ?? []) as unknown as ReadonlyArray<Record<string, unknown>>;
    const real = data.filter((d) => 'close' in d || 'value' in d);
    const realVol = vol.filter((d) => 'value' in d);
    const volByTime = new Map(realVol.map((d) => [String(d.time), Number(d.value)]));
    const pick = (d: Record<string, unknown> | undefined) => {
      if (d === undefined) return null;
      const time = String(d.time);
      const close = Number('close' in d ? d.close : d.value);
      const bar = this.data.bars[this.axis_.indexOf(time)];
      return {
        time,
        open: 'open' in d ? Number(d.open) : (bar?.open ?? NaN),
        high: 'high' in d ? Number(d.high) : (bar?.high ?? NaN),
        low: 'low' in d ? Number(d.low) : (bar?.low ?? NaN),
        close,
        volume: volByTime.get(time) ?? NaN,
      };
    };
    return {
      symbol: this.symbol,
      type: this.price_?.seriesType() ?? 'Line',
      count: real.length,
      volumeCount: realVol.length,
      panes: this.chart.panes().map((p) => p.getHeight()),
      pricePane: this.price_?.getPane().paneIndex() ?? -1,
      volumePane: this.volume_?.getPane().paneIndex() ?? -1,
      first: pick(real[0]),
      last: pick(real[real.length - 1]),
      markers: (this.markersApi_?.markers() ?? []).map((m) => ({ time: String(m.time), text: m.text ?? '', id: m.id ?? '' })),
      macro: (() => {
        if (this.macroSeries_ === null || this.macro_ === null) return null;
        const pts = (this.macroSeries_.data() as unknown as ReadonlyArray<Record<string, unknown>>)
          .filter((d) => 'value' in d)
          .map((d) => [String(d.time), Number(d.value)] as [string, number]);
        return { series: this.macro_.series, count: pts.length, first: pts[0] ?? null, last: pts[pts.length - 1] ?? null, scale: this.macroSeries_.options().priceScaleId ?? '' };
      })(),
    };
  }

  destroy(): void {
    this.chart.remove();
    this.el.remove();
  }
}
