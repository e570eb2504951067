// Multi-select combobox for tickers: chips for the chosen symbols, a search box matching symbol
// or company name, and a listbox of matches (ARIA 1.2 combobox pattern, keyboard operable).
import type { Instrument } from '../api/types';
import { h, uid } from './dom';

const MAX_SHOWN = 60;

export function matchInstruments(list: readonly Instrument[], query: string, exclude: readonly string[] = []): Instrument[] {
  const q = query.trim().toLowerCase();
  const skip = new Set(exclude);
  const scored: Array<[number, Instrument]> = [];
  for (const i of list) {
    if (skip.has(i.symbol)) continue;
    if (q === '') {
      scored.push([3, i]);
      continue;
    }
    const sym = i.symbol.toLowerCase();
    const name = i.name.toLowerCase();
    let score = -1;
    if (sym === q) score = 0;
    else if (sym.startsWith(q)) score = 1;
    else if (name.startsWith(q) || name.includes(` ${q}`)) score = 2;
    else if (sym.includes(q) || name.includes(q)) score = 3;
    if (score >= 0) scored.push([score, i]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].symbol.localeCompare(b[1].symbol));
  return scored.map(([, i]) => i);
}

export class TickerSelect {
  readonly el: HTMLElement;
  private readonly chips_: HTMLElement;
  private stars_: { has: (symbol: string) => boolean; toggle: (symbol: string) => void } | null = null;
  private readonly input_: HTMLInputElement;
  private readonly list_: HTMLElement;
  private readonly status_: HTMLElement;
  private readonly listId_ = uid('tickers-list');
  private options_: Instrument[] = [];
  private matches_: Instrument[] = [];
  private active_ = -1;
  private selected_: string[] = [];
  private all_: readonly Instrument[] = [];
  private colors_: (symbol: string) => string = () => 'currentColor';

  constructor(
    label: string,
    private readonly onChange: (symbols: string[]) => void,
    private readonly max: number,
  ) {
    const inputId = uid('tickers-input');
    this.chips_ = h('ul', { class: 'chips', 'aria-label': 'Selected tickers' });
    this.input_ = h('input', {
      id: inputId,
      class: 'ticker-input',
      type: 'text',
      role: 'combobox',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': this.listId_,
      placeholder: 'Add a ticker — symbol or company',
    });
    this.list_ = h('ul', { id: this.listId_, class: 'listbox', role: 'listbox', 'aria-label': 'Matching tickers', hidden: true });
    this.status_ = h('div', { class: 'sr-only', 'aria-live': 'polite' });
    const clear = h('button', { type: 'button', class: 'icon-button clear-all', title: 'Remove all tickers', 'aria-label': 'Remove all tickers' }, '×');
    clear.addEventListener('click', () => this.commit([]));
    const field = h('div', { class: 'ticker-field' }, this.chips_, this.input_, clear);
    field.addEventListener('click', (e) => {
      if (e.target === field || e.target === this.chips_) this.input_.focus();
    });
    this.el = h('div', { class: 'ticker-select' }, h('label', { class: 'sr-only', for: inputId }, label), field, this.list_, this.status_);

    this.input_.addEventListener('input', () => this.open());
    this.input_.addEventListener('focus', () => this.open());
    this.input_.addEventListener('keydown', (e) => this.key(e));
    this.input_.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  setColors(fn: (symbol: string) => string): void {
    this.colors_ = fn;
    this.renderChips();
  }

  /** Instruments the dropdown offers (already narrowed by sector/industry) and all known ones. */
  setOptions(options: Instrument[], all: readonly Instrument[]): void {
    this.options_ = options;
    this.all_ = all;
    this.renderChips();
    if (!this.list_.hidden) this.open();
  }

  /** Shows a star toggle on each chip (signed-in users); null hides them. */
  setStars(stars: { has: (symbol: string) => boolean; toggle: (symbol: string) => void } | null): void {
    this.stars_ = stars;
    this.renderChips();
  }

  setSelected(symbols: string[]): void {
    this.selected_ = [...symbols];
    this.renderChips();
  }

  /** Symbols the dropdown would offer for the current query (read by the browser test). */
  offered(query = this.input_.value): string[] {
    return matchInstruments(this.options_, query, this.selected_).map((i) => i.symbol);
  }

  private nameOf(symbol: string): string {
    return this.all_.find((i) => i.symbol === symbol)?.name ?? '';
  }

  private renderChips(): void {
    this.chips_.replaceChildren(
      ...this.selected_.map((s) => {
        const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${s}`, title: `Remove ${s}` }, '×');
        remove.addEventListener('click', () => this.commit(this.selected_.filter((x) => x !== s)));
        const dot = h('span', { class: 'chip-dot', 'aria-hidden': 'true' });
        dot.style.background = this.colors_(s);
        let star: HTMLButtonElement | null = null;
        if (this.stars_ !== null) {
          const on = this.stars_.has(s);
          star = h(
            'button',
            { type: 'button', class: `chip-star${on ? ' on' : ''}`, 'aria-pressed': String(on), 'aria-label': `${on ? 'Unstar' : 'Star'} ${s}`, title: `${on ? 'Unstar' : 'Star'} ${s}`, 'data-star': s },
            on ? '★' : '☆',
          );
          const stars = this.stars_;
          star.addEventListener('click', () => stars.toggle(s));
        }
        return h('li', { class: 'chip', title: this.nameOf(s), 'data-symbol': s }, dot, h('span', { class: 'chip-label' }, s), star, remove);
      }),
    );
    const full = this.selected_.length >= this.max;
    this.input_.disabled = false;
    this.input_.placeholder = full ? `Up to ${this.max} tickers` : this.selected_.length === 0 ? 'Add a ticker — symbol or company' : 'Add…';
  }

  private open(): void {
    this.matches_ = matchInstruments(this.options_, this.input_.value, this.selected_);
    this.active_ = this.matches_.length > 0 && this.input_.value.trim() !== '' ? 0 : -1;
    this.renderList();
    this.list_.hidden = false;
    this.input_.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.list_.hidden = true;
    this.input_.setAttribute('aria-expanded', 'false');
    this.input_.removeAttribute('aria-activedescendant');
  }

  private renderList(): void {
    const shown = this.matches_.slice(0, MAX_SHOWN);
    const full = this.selected_.length >= this.max;
    const items = shown.map((ins, idx) => {
      const li = h(
        'li',
        {
          id: `${this.listId_}-${idx}`,
          role: 'option',
          class: 'option',
          'aria-selected': String(idx === this.active_),
          'aria-disabled': full ? 'true' : null,
          'data-symbol': ins.symbol,
        },
        h('span', { class: 'option-symbol' }, ins.symbol),
        h('span', { class: 'option-name' }, ins.name),
        h('span', { class: 'option-sector' }, ins.sector),
      );
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        this.pick(ins.symbol);
      });
      return li;
    });
    if (shown.length === 0) items.push(h('li', { class: 'option-empty', role: 'presentation' }, 'No matching tickers'));
    else if (this.matches_.length > shown.length)
      items.push(h('li', { class: 'option-empty', role: 'presentation' }, `${this.matches_.length - shown.length} more — keep typing to narrow`));
    this.list_.replaceChildren(...items);
    this.status_.textContent = `${this.matches_.length} matches`;
    if (this.active_ >= 0) {
      this.input_.setAttribute('aria-activedescendant', `${this.listId_}-${this.active_}`);
      this.list_.querySelector(`#${this.listId_}-${this.active_}`)?.scrollIntoView({ block: 'nearest' });
    } else this.input_.removeAttribute('aria-activedescendant');
  }

  private key(e: KeyboardEvent): void {
    const n = Math.min(this.matches_.length, MAX_SHOWN);
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (this.list_.hidden) this.open();
      else if (n > 0) {
        this.active_ = (this.active_ + 1) % n;
        this.renderList();
      }
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (n > 0) {
        this.active_ = (this.active_ - 1 + n) % n;
        this.renderList();
      }
    } else if (e.key === 'Enter') {
      const m = this.matches_[this.active_];
      if (m !== undefined && !this.list_.hidden) {
        e.preventDefault();
        this.pick(m.symbol);
      }
    } else if (e.key === 'Escape') {
      this.close();
    } else if (e.key === 'Backspace' && this.input_.value === '' && this.selected_.length > 0) {
      this.commit(this.selected_.slice(0, -1));
    }
  }

  private pick(symbol: string): void {
    if (this.selected_.length >= this.max || this.selected_.includes(symbol)) return;
    this.input_.value = '';
    this.commit([...this.selected_, symbol]);
    this.open();
  }

  private commit(symbols: string[]): void {
    this.selected_ = symbols;
    this.renderChips();
    if (!this.list_.hidden) this.open();
    this.onChange(symbols);
  }
}
