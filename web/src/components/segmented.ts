// A radio group drawn as a segmented control (keyboard: arrows move and select, as radios do).
import { h, uid } from './dom';

export interface Segment<T extends string> {
  value: T;
  label: string;
  title?: string;
  icon?: string; // inline SVG markup (static, from this codebase)
}

export class Segmented<T extends string> {
  readonly el: HTMLElement;
  private readonly buttons_ = new Map<T, HTMLButtonElement>();
  private value_: T;

  constructor(
    label: string,
    segments: Array<Segment<T>>,
    value: T,
    private readonly onChange: (v: T) => void,
    name = uid('seg'),
  ) {
    this.value_ = value;
    this.el = h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': label, 'data-name': name });
    for (const s of segments) {
      const b = h('button', {
        type: 'button',
        role: 'radio',
        class: 'segment',
        title: s.title ?? s.label,
        'data-value': s.value,
      });
      if (s.icon !== undefined) {
        const icon = h('span', { class: 'segment-icon', 'aria-hidden': 'true' });
        icon.innerHTML = s.icon;
        b.append(icon);
      }
      b.append(h('span', {}, s.label));
      b.addEventListener('click', () => this.choose(s.value));
      b.addEventListener('keydown', (e) => this.key(e, s.value));
      this.buttons_.set(s.value, b);
      this.el.append(b);
    }
    this.set(value);
  }

  private choose(v: T): void {
    if (v === this.value_) return;
    this.set(v);
    this.onChange(v);
  }

  private key(e: KeyboardEvent, v: T): void {
    const values = [...this.buttons_.keys()];
    const i = values.indexOf(v);
    let next: T | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = values[(i + 1) % values.length];
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = values[(i - 1 + values.length) % values.length];
    if (next === undefined) return;
    e.preventDefault();
    this.choose(next);
    this.buttons_.get(next)?.focus();
  }

  /** Shows `v` as chosen without firing onChange; null clears the choice. */
  set(v: T | null): void {
    if (v !== null) this.value_ = v;
    for (const [value, b] of this.buttons_) {
      const on = value === v;
      b.setAttribute('aria-checked', String(on));
      b.tabIndex = on || (v === null && value === [...this.buttons_.keys()][0]) ? 0 : -1;
    }
  }
}
