// The Technical tab's chart: candles on the price pane with the overlay indicators (TA-Lib's
// overlap studies, pivots, support/resistance) drawn over them, and one pane below per oscillator
// instance (lightweight-charts 5 panes). Markers and their tooltip as on the Overview.
import {
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
  type LogicalRange,
  type SeriesType,
  type Time,
} from 'lightweight-charts';
import { h } from '../../components/dom';
import { markersAt, toSeriesMarkers, type MarkerInfo } from '../../components/markers';
import type { Theme } from '../../state/url_state';
import { chartColors } from '../overview/theme_colors';
import { toOhlc, type AlignedSeries } from '../overview/transform';

/** One drawn indicator output: values on the chart's axis (null = no value). */
export interface IndicatorLine {
  /** `${spec}.${output}` */
  key: string;
  instanceKey: string;
  label: string;
  overlay: boolean;
  kind: 'line' | 'histogram' | 'integer';
  color: string;
  dashed: boolean;
  values: Array<number | null>;
}

export interface TechSeriesSnapshot {
  key: string;
  pane: number;
  type: SeriesType;
  /** Points holding a value, and the first and last of them, read back from the series. */
  count: number;
  first: [string, number] | null;
  last: [string, number] | null;
}

export class TechChart {
  readonly el: HTMLElement;
  private chart_: IChartApi | null = null;
  private price_: ISeriesApi<'Candlestick'> | null = null;
  private markersApi_: ISeriesMarkersPluginApi<Time> | null = null;
  private lines_: Array<{ line: IndicatorLine; series: ISeriesApi<SeriesType>; pane: number }> = [];
  private markers_: MarkerInfo[] = [];
  private axis_: string[] = [];
  private readonly host_: HTMLElement;
  private readonly legend_: HTMLElement;
  private readonly tooltip_: HTMLElement;

  constructor(private theme_: Theme) {
    this.host_ = h('div', { class: 'chart-canvas tech-canvas' });
    this.legend_ = h('div', { class: 'legend tech-legend', 'aria-live': 'off' });
    this.tooltip_ = h('div', { class: 'chart-tooltip', 'aria-hidden': 'true', hidden: true });
    this.el = h('figure', { class: 'tech-chart', 'aria-label': 'Technical analysis chart' }, this.host_, this.legend_, this.tooltip_);
  }

  get chart(): IChartApi | null {
    return this.chart_;
  }

  /** Rebuilds the chart: price, indicator panes (oscillators in instance order), markers. */
  render(symbol: string, axis: string[], data: AlignedSeries, lines: IndicatorLine[], markers: MarkerInfo[], oscillatorOrder: string[]): void {
    const keep = this.chart_?.timeScale().getVisibleLogicalRange() ?? null;
    this.destroyChart();
    this.axis_ = axis;
    this.markers_ = markers;
    const c = chartColors(this.theme_);
    const chart = createChart(this.host_, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: c.background },
        textColor: c.text,
        fontFamily: 'Inter, "Segoe UI", Roboto, system-ui, sans-serif',
        fontSize: 12,
        attributionLogo: true,
        panes: { separatorColor: c.border, separatorHoverColor: c.grid, enableResize: true },
      },
      grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
      rightPriceScale: { borderColor: c.border, scaleMargins: { top: 0.1, bottom: 0.08 } },
      timeScale: { borderColor: c.border, minBarSpacing: 0.05, rightOffset: 3 },
      crosshair: { mode: CrosshairMode.Normal, vertLine: { color: c.crosshair }, horzLine: { color: c.crosshair } },
    });
    this.chart_ = chart;
    this.price_ = chart.addSeries(
      CandlestickSeries,
      {
        upColor: c.up,
        downColor: c.down,
        borderUpColor: c.up,
        borderDownColor: c.down,
        wickUpColor: c.up,
        wickDownColor: c.down,
        priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
        title: symbol,
      },
      0,
    );
    this.price_.setData(toOhlc(axis, data) as never);
    const paneOf = new Map(oscillatorOrder.map((k, i) => [k, i + 1]));
    for (const line of lines) {
      const pane = line.overlay ? 0 : (paneOf.get(line.instanceKey) ?? 1);
      const points = axis.map((t, i) => {
        const v = line.values[i];
        return typeof v === 'number' && Number.isFinite(v) ? { time: t, value: v } : { time: t };
      });
      const common = { priceLineVisible: false, lastValueVisible: !line.overlay, title: line.overlay ? '' : line.label, priceFormat: { type: 'price' as const, precision: 2, minMove: 0.01 } };
      const series =
        line.kind === 'line'
          ? chart.addSeries(LineSeries, { ...common, color: line.color, lineWidth: line.overlay ? 1 : 2, lineStyle: line.dashed ? LineStyle.Dashed : LineStyle.Solid, crosshairMarkerVisible: false }, pane)
          : chart.addSeries(HistogramSeries, { ...common, color: line.color }, pane);
      series.setData(points as never);
      this.lines_.push({ line, series: series as ISeriesApi<SeriesType>, pane });
    }
    const panes = chart.panes();
    panes[0]?.setStretchFactor(panes.length > 1 ? 2.2 : 1);
    for (let i = 1; i < panes.length; i++) panes[i]?.setStretchFactor(1);
    this.markersApi_ = createSeriesMarkers(this.price_, toSeriesMarkers(markers));
    chart.subscribeCrosshairMove((p) => {
      const i = p.logical === undefined ? null : Math.round(p.logical);
      this.showLegend(i);
      this.showTooltip(p.point ?? null, i);
    });
    this.showLegend(null);
    if (keep !== null) chart.timeScale().setVisibleLogicalRange(keep);
  }

  setVisible(range: { from: number; to: number }): void {
    this.chart_?.timeScale().setVisibleLogicalRange(range as LogicalRange);
  }

  visibleIndexRange(): { from: number; to: number } | null {
    const r = this.chart_?.timeScale().getVisibleLogicalRange() ?? null;
    if (r === null || this.axis_.length === 0) return null;
    return { from: Math.max(0, Math.ceil(r.from)), to: Math.min(this.axis_.length - 1, Math.floor(r.to)) };
  }

  xOf(time: string): number | null {
    return this.chart_?.timeScale().timeToCoordinate(time as Time) ?? null;
  }

  setTheme(theme: Theme): void {
    this.theme_ = theme;
  }

  private showLegend(i: number | null): void {
    const idx = i ?? this.axis_.length - 1;
    const time = this.axis_[idx];
    const items: Node[] = [h('span', { class: 'legend-date' }, time ?? '')];
    const seen = new Set<string>();
    for (const { line } of this.lines_) {
      const v = line.values[idx];
      const text = typeof v === 'number' && Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(2)) : '—';
      const head = seen.has(line.instanceKey) ? '' : '';
      seen.add(line.instanceKey);
      items.push(
        h('span', { class: 'legend-item', 'data-key': line.key }, h('span', { class: 'legend-dot', style: `background:${line.color}` }), h('span', { class: 'legend-key' }, `${head}${line.label}`), h('span', { class: 'legend-value' }, text)),
      );
    }
    this.legend_.replaceChildren(h('div', { class: 'legend-values' }, ...items));
  }

  private showTooltip(point: { x: number; y: number } | null, i: number | null): void {
    const time = i === null ? undefined : this.axis_[i];
    const here = time === undefined || point === null ? [] : markersAt(this.markers_, time);
    if (here.length === 0 || point === null) {
      this.tooltip_.hidden = true;
      return;
    }
    this.tooltip_.replaceChildren(...here.map((m) => h('div', { class: `tt-row marker-${m.kind}` }, m.label)));
    this.tooltip_.hidden = false;
    const w = this.el.clientWidth;
    const tw = this.tooltip_.offsetWidth;
    const left = point.x + 16 + tw > w - 70 ? point.x - tw - 16 : point.x + 16;
    this.tooltip_.style.transform = `translate(${Math.max(4, left)}px, ${Math.max(4, point.y - 20)}px)`;
  }

  /** What the chart holds, read back from its series (for the browser test and the CSV). */
  snapshot(): { panes: number; priceCount: number; series: TechSeriesSnapshot[]; markers: Array<{ time: string; text: string; id: string }> } {
    const price = (this.price_?.data() ?? []) as unknown as ReadonlyArray<Record<string, unknown>>;
    return {
      panes: this.chart_?.panes().length ?? 0,
      priceCount: price.filter((d) => 'close' in d).length,
      series: this.lines_.map(({ line, series, pane }) => {
        const pts = this.pointsOf(series);
        return { key: line.key, pane, type: series.seriesType(), count: pts.length, first: pts[0] ?? null, last: pts[pts.length - 1] ?? null };
      }),
      markers: (this.markersApi_?.markers() ?? []).map((m) => ({ time: String(m.time), text: m.text ?? '', id: m.id ?? '' })),
    };
  }

  private pointsOf(series: ISeriesApi<SeriesType>): Array<[string, number]> {
    return (series.data() as unknown as ReadonlyArray<Record<string, unknown>>)
      .filter((d) => 'value' in d)
      .map((d) => [String(d.time), Number(d.value)] as [string, number]);
  }

  /** Every [time, value] one indicator output's series holds (for the browser test). */
  points(key: string): Array<[string, number]> | null {
    const found = this.lines_.find((l) => l.line.key === key);
    return found === undefined ? null : this.pointsOf(found.series);
  }

  private destroyChart(): void {
    this.markersApi_ = null;
    this.lines_ = [];
    this.price_ = null;
    this.chart_?.remove();
    this.chart_ = null;
  }

  destroy(): void {
    this.destroyChart();
    this.el.remove();
  }
}
