// Range navigator: a small chart of every ticker's whole history with a draggable window.
// Dragging the window (or its edges) moves the main charts; scrolling the main charts moves it.
import { ColorType, LineSeries, createChart, type IChartApi } from 'lightweight-charts';
import { h } from '../../components/dom';
import type { Theme } from '../../state/url_state';
import { chartColors } from './theme_colors';
import { toClose, type Aligned } from './transform';

type Drag = { kind: 'move' | 'left' | 'right'; startX: number; from: number; to: number };

export class RangeNavigator {
  readonly el: HTMLElement;
  private readonly chart_: IChartApi;
  private readonly window_: HTMLElement;
  private readonly shadeL_: HTMLElement;
  private readonly shadeR_: HTMLElement;
  private length_ = 0;
  private from_ = 0;
  private to_ = 0;
  private drag_: Drag | null = null;

  constructor(
    private theme: Theme,
    private readonly onChange: (from: number, to: number, done: boolean) => void,
  ) {
    const host = h('div', { class: 'navigator-chart' });
    this.shadeL_ = h('div', { class: 'navigator-shade' });
    this.shadeR_ = h('div', { class: 'navigator-shade' });
    const left = h('div', { class: 'navigator-handle left', 'aria-hidden': 'true' });
    const right = h('div', { class: 'navigator-handle right', 'aria-hidden': 'true' });
    this.window_ = h(
      'div',
      {
        class: 'navigator-window',
        role: 'slider',
        tabindex: '0',
        'aria-label': 'Visible date range (drag, or use arrow keys; shift+arrows resize)',
      },
      left,
      right,
    );
    this.el = h('div', { class: 'navigator' }, host, this.shadeL_, this.shadeR_, this.window_);
    const c = chartColors(theme);
    this.chart_ = createChart(host, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: c.text, fontSize: 10, attributionLogo: false },
      grid: { vertLines: { visible: false }, horzLines: { visible: false } },
      rightPriceScale: { visible: false },
      leftPriceScale: { visible: false },
      timeScale: { borderColor: c.border, minBarSpacing: 0.001, fixLeftEdge: true, fixRightEdge: true },
      crosshair: { vertLine: { visible: false, labelVisible: false }, horzLine: { visible: false, labelVisible: false } },
      handleScroll: false,
      handleScale: false,
    });
    this.chart_.timeScale().subscribeSizeChange(() => {
      this.chart_.timeScale().fitContent();
      this.place();
    });

    this.window_.addEventListener('pointerdown', (e) => {
      const t = e.target as HTMLElement;
      const kind = t === left ? 'left' : t === right ? 'right' : 'move';
      this.drag_ = { kind, startX: e.clientX, from: this.from_, to: this.to_ };
      this.window_.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    this.window_.addEventListener('pointermove', (e) => this.dragTo(e.clientX));
    const end = () => {
      if (this.drag_ === null) return;
      this.drag_ = null;
      this.onChange(this.from_, this.to_, true);
    };
    this.window_.addEventListener('pointerup', end);
    this.window_.addEventListener('pointercancel', end);
    this.window_.addEventListener('keydown', (e) => this.key(e));
  }

  setData(aligned: Aligned, colors: string[]): void {
    for (const s of [...this.seriesList()]) this.chart_.removeSeries(s);
    this.length_ = aligned.axis.length;
    this.el.hidden = this.length_ === 0;
    aligned.series.forEach((s, i) => {
      const line = this.chart_.addSeries(LineSeries, {
        color: colors[i] ?? '#2962ff',
        lineWidth: 1,
        priceLineVisible: false,
        lastValueVisible: false,
        crosshairMarkerVisible: false,
        priceScaleId: `nav-${i}`,
      });
      line.priceScale().applyOptions({ scaleMargins: { top: 0.1, bottom: 0.05 } });
      line.setData(toClose(aligned.axis, s) as never);
    });
    this.chart_.timeScale().fitContent();
    requestAnimationFrame(() => {
      this.chart_.timeScale().fitContent();
      this.place();
    });
  }

  private seriesList() {
    // lightweight-charts has no series enumeration; keep the panes' series.
    return this.chart_.panes().flatMap((p) => p.getSeries());
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    const c = chartColors(this.theme);
    this.chart_.applyOptions({ layout: { textColor: c.text }, timeScale: { borderColor: c.border } });
  }

  /** Shows the window over logical indexes [from, to] without firing onChange. */
  setWindow(from: number, to: number): void {
    this.from_ = from;
    this.to_ = to;
    this.place();
  }

  /** The mini chart always fits all bars, so index -> x is linear (and valid before it paints). */
  private x(logical: number): number {
    const width = this.chart_.timeScale().width();
    return this.length_ === 0 ? 0 : ((logical + 0.5) * width) / this.length_;
  }

  private place(): void {
    const width = this.chart_.timeScale().width();
    if (this.length_ === 0 || width === 0) return;
    const lo = Math.max(0, Math.min(this.from_, this.length_ - 1));
    const hi = Math.max(0, Math.min(this.to_, this.length_ - 1));
    const x0 = Math.max(0, this.x(lo));
    const x1 = Math.min(width, this.x(hi));
    this.window_.style.left = `${x0}px`;
    this.window_.style.width = `${Math.max(6, x1 - x0)}px`;
    this.shadeL_.style.left = '0px';
    this.shadeL_.style.width = `${x0}px`;
    this.shadeR_.style.left = `${x1}px`;
    this.shadeR_.style.width = `${Math.max(0, width - x1)}px`;
    this.window_.setAttribute('aria-valuemin', '0');
    this.window_.setAttribute('aria-valuemax', String(this.length_ - 1));
    this.window_.setAttribute('aria-valuenow', String(Math.round(lo)));
  }

  private perPixel(): number {
    const width = this.chart_.timeScale().width();
    return width > 0 ? this.length_ / width : 0;
  }

  private dragTo(clientX: number): void {
    const d = this.drag_;
    if (d === null) return;
    const delta = (clientX - d.startX) * this.perPixel();
    const n = this.length_ - 1;
    const minSpan = Math.min(5, n);
    let from = d.from;
    let to = d.to;
    if (d.kind === 'move') {
      const span = d.to - d.from;
      from = Math.max(0, Math.min(n - span, d.from + delta));
      to = from + span;
    } else if (d.kind === 'left') {
      from = Math.max(0, Math.min(d.to - minSpan, d.from + delta));
    } else {
      to = Math.min(n, Math.max(d.from + minSpan, d.to + delta));
    }
    this.from_ = from;
    this.to_ = to;
    this.place();
    this.onChange(from, to, false);
  }

  private key(e: KeyboardEvent): void {
    const n = this.length_ - 1;
    const step = Math.max(1, Math.round((this.to_ - this.from_) / 10));
    let from = this.from_;
    let to = this.to_;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const dir = e.key === 'ArrowLeft' ? -1 : 1;
      if (e.shiftKey) to = Math.min(n, Math.max(from + 5, to + dir * step));
      else {
        const span = to - from;
        from = Math.max(0, Math.min(n - span, from + dir * step));
        to = from + span;
      }
    } else return;
    e.preventDefault();
    this.from_ = from;
    this.to_ = to;
    this.place();
    this.onChange(from, to, true);
  }

  destroy(): void {
    this.chart_.remove();
  }
}
