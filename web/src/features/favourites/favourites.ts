// The Favourites tab: the watchlist (starred symbols with last close and day change) and saved
// views (a name plus the dashboard's URL state): save the current view, open, rename, delete.
// Names come from users: they are only ever set as text (textContent through h()), never as HTML.
import type { AccountClient, SavedView, StarredSymbol } from '../../api/account';
import { h } from '../../components/dom';
import { encodeState, type UrlStore } from '../../state/url_state';
import { formatChange, formatPrice, searchOfState, stateOfSearch } from './format';
import type { Stars } from './stars';

export class Favourites {
  readonly el: HTMLElement;
  private readonly watchlist_: HTMLElement;
  private readonly views_: HTMLElement;
  private readonly banner_: HTMLElement;
  private readonly nameInput_: HTMLInputElement;
  private rows_: StarredSymbol[] = [];
  private savedViews_: SavedView[] = [];

  constructor(
    private readonly client: AccountClient,
    private readonly stars: Stars,
    private readonly store: UrlStore,
    private readonly openState: (search: string) => void,
  ) {
    this.banner_ = h('div', { class: 'banner error', role: 'alert', hidden: true });
    this.watchlist_ = h('div', { class: 'watchlist', id: 'watchlist' });
    this.views_ = h('ul', { class: 'saved-views', id: 'saved-views', 'aria-label': 'Saved views' });
    this.nameInput_ = h('input', { id: 'view-name', class: 'input', placeholder: 'Name of this view', maxlength: 100, required: true });
    const saveForm = h(
      'form',
      { class: 'save-view', 'aria-label': 'Save the current view' },
      h('label', { class: 'sr-only', for: 'view-name' }, 'View name'),
      this.nameInput_,
      h('button', { type: 'submit', class: 'button primary', id: 'save-view' }, 'Save current view'),
    );
    saveForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const name = this.nameInput_.value.trim();
      if (name === '') return;
      const state = stateOfSearch(encodeState({ ...this.store.get(), tab: 'overview' }));
      this.client
        .saveView(name, state)
        .then(() => {
          this.nameInput_.value = '';
          return this.loadViews();
        })
        .catch((err: unknown) => this.fail(err));
    });
    this.el = h(
      'div',
      { class: 'favourites' },
      this.banner_,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'watchlist-title' },
        h('div', { class: 'card-head' }, h('h2', { class: 'card-title', id: 'watchlist-title' }, 'Watchlist'), h('p', { class: 'card-hint' }, 'Star tickers in the Overview · last close and day change')),
        this.watchlist_,
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'views-title' },
        h('div', { class: 'card-head' }, h('h2', { class: 'card-title', id: 'views-title' }, 'Saved views'), h('p', { class: 'card-hint' }, 'Tickers, filters, chart type and range, as in the URL')),
        saveForm,
        this.views_,
      ),
    );
    this.stars.onChange(() => void this.loadWatchlist());
  }

  private fail(err: unknown): void {
    this.banner_.textContent = err instanceof Error ? err.message : String(err);
    this.banner_.hidden = false;
  }

  async refresh(): Promise<void> {
    this.banner_.hidden = true;
    await Promise.all([this.loadWatchlist(), this.loadViews()]).catch((err: unknown) => this.fail(err));
  }

  /** Read by the browser test. */
  snapshot(): { symbols: string[]; views: string[] } {
    return { symbols: this.rows_.map((r) => r.symbol), views: this.savedViews_.map((v) => v.name) };
  }

  private async loadWatchlist(): Promise<void> {
    this.rows_ = await this.client.starred();
    if (this.rows_.length === 0) {
      this.watchlist_.replaceChildren(h('p', { class: 'empty' }, 'No starred symbols yet: use ☆ beside a ticker in the Overview.'));
      return;
    }
    const body = h('tbody', {});
    for (const row of this.rows_) {
      const change = formatChange(row.change, row.change_pct);
      const open = h('button', { type: 'button', class: 'link-button', title: `Show ${row.symbol} in the Overview` }, row.symbol);
      open.addEventListener('click', () => this.openState(`?tickers=${encodeURIComponent(row.symbol)}`));
      const unstar = h('button', { type: 'button', class: 'icon-button star on', 'aria-label': `Unstar ${row.symbol}`, title: `Unstar ${row.symbol}` }, '★');
      unstar.addEventListener('click', () => void this.stars.toggle(row.symbol).catch((err: unknown) => this.fail(err)));
      body.append(
        h(
          'tr',
          { 'data-symbol': row.symbol },
          h('td', {}, open),
          h('td', { class: 'name' }, row.name),
          h('td', { class: 'num' }, formatPrice(row.last)),
          h('td', { class: `num change ${change.dir}` }, change.text),
          h('td', { class: 'date' }, row.date ?? ''),
          h('td', {}, unstar),
        ),
      );
    }
    const cols: Array<[string, string]> = [['Symbol', ''], ['Name', 'name'], ['Last', 'num'], ['Day change', 'num'], ['Date', 'date'], ['', '']];
    const head = h('thead', {}, h('tr', {}, ...cols.map(([t, c]) => h('th', { scope: 'col', class: c || undefined }, t))));
    this.watchlist_.replaceChildren(h('table', { class: 'watch-table' }, head, body));
  }

  private async loadViews(): Promise<void> {
    this.savedViews_ = await this.client.views();
    if (this.savedViews_.length === 0) {
      this.views_.replaceChildren(h('li', { class: 'empty' }, 'No saved views yet.'));
      return;
    }
    this.views_.replaceChildren(...this.savedViews_.map((v) => this.viewItem(v)));
  }

  private viewItem(view: SavedView): HTMLElement {
    const name = h('span', { class: 'view-name' }, view.name);
    const open = h('button', { type: 'button', class: 'button primary', 'aria-label': `Open view ${view.name}` }, 'Open');
    open.addEventListener('click', () => this.openState(searchOfState(view.state)));
    const rename = h('button', { type: 'button', class: 'button', 'aria-label': `Rename view ${view.name}` }, 'Rename');
    const remove = h('button', { type: 'button', class: 'button danger', 'aria-label': `Delete view ${view.name}` }, 'Delete');
    const item = h('li', { class: 'saved-view', 'data-view-id': view.id }, name, h('span', { class: 'view-actions' }, open, rename, remove));
    rename.addEventListener('click', () => {
      const input = h('input', { class: 'input', value: view.name, maxlength: 100, 'aria-label': 'New name' });
      const form = h('form', { class: 'rename-form' }, input, h('button', { type: 'submit', class: 'button primary' }, 'Save'));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        this.client
          .renameView(view.id, input.value.trim())
          .then(() => this.loadViews())
          .catch((err: unknown) => this.fail(err));
      });
      item.replaceChildren(form);
      input.focus();
    });
    remove.addEventListener('click', () => {
      this.client
        .deleteView(view.id)
        .then(() => this.loadViews())
        .catch((err: unknown) => this.fail(err));
    });
    return item;
  }
}
