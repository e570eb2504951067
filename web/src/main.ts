// Entry point: header with tabs and theme toggle, the Overview feature, URL state wiring and the
// read-only test hook window.__streams.
import './styles.css';
import { ApiClient } from './api/client';
import { h } from './components/dom';
import { ICONS } from './components/icons';
import { applyTheme, rememberTheme, resolveTheme, storedTheme } from './components/theme';
import { Live, type LiveState } from './features/live/live';
import { Overview, type ChartState } from './features/overview/overview';
import { TABS, UrlStore, type Tab, type Theme } from './state/url_state';

declare global {
  interface Window {
    __streams?: { chartState: () => ChartState; theme: () => Theme; tab: () => Tab; live: () => LiveState };
  }
}

const TAB_LABELS: Record<Tab, string> = { overview: 'Overview', technical: 'Technical', returns: 'Returns', live: 'Live' };
/** Tabs with content. Technical and Returns appear when their features land. */
const ENABLED: ReadonlySet<Tab> = new Set<Tab>(['overview', 'live']);

function main(): void {
  const store = new UrlStore(window);
  const api = new ApiClient();
  let theme = resolveTheme(store.get().theme);
  applyTheme(theme);

  const overview = new Overview(api, store, theme);
  const live = new Live(api, theme);

  const tabButtons = new Map<Tab, HTMLButtonElement>();
  const tablist = h('nav', { class: 'tabs', role: 'tablist', 'aria-label': 'Dashboard sections' });
  for (const t of TABS) {
    const b = h(
      'button',
      { type: 'button', role: 'tab', id: `tab-${t}`, class: 'tab', 'aria-controls': `panel-${t}`, hidden: !ENABLED.has(t), 'data-tab': t },
      TAB_LABELS[t],
    );
    b.addEventListener('click', () => {
      store.set({ tab: t });
      showTab();
    });
    tabButtons.set(t, b);
    tablist.append(b);
  }

  const themeButton = h('button', { type: 'button', class: 'icon-button theme-toggle' });
  const paintThemeButton = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    themeButton.innerHTML = theme === 'dark' ? ICONS.sun : ICONS.moon;
    themeButton.setAttribute('aria-label', `Switch to ${next} theme`);
    themeButton.title = `Switch to ${next} theme`;
  };
  themeButton.addEventListener('click', () => {
    theme = theme === 'dark' ? 'light' : 'dark';
    rememberTheme(theme);
    store.set({ theme }, 'replace');
    setTheme(theme);
  });
  const setTheme = (t: Theme) => {
    theme = t;
    applyTheme(t);
    paintThemeButton();
    overview.setTheme(t);
    live.setTheme(t);
  };
  paintThemeButton();
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (store.get().theme === null && storedTheme() === null) setTheme(resolveTheme(null));
  });

  const brand = h('a', { class: 'brand', href: './', 'aria-label': 'streams home' });
  brand.innerHTML = ICONS.logo;
  brand.append(h('span', { class: 'brand-name' }, 'streams'), h('span', { class: 'brand-tag' }, 'market data explorer'));

  const header = h('header', { class: 'app-header' }, h('div', { class: 'header-inner' }, brand, tablist, themeButton));

  const panels = new Map<Tab, HTMLElement>();
  for (const t of TABS) {
    const panel = h('section', { id: `panel-${t}`, role: 'tabpanel', 'aria-labelledby': `tab-${t}`, class: 'tab-panel', hidden: true });
    if (t === 'overview') panel.append(overview.el);
    if (t === 'live') panel.append(live.el);
    panels.set(t, panel);
  }

  const footer = h(
    'footer',
    { class: 'app-footer' },
    h(
      'p',
      {},
      'Charts: ',
      h('a', { href: 'https://www.tradingview.com/', target: '_blank', rel: 'noopener' }, 'TradingView Lightweight Charts™'),
      ' — Copyright © 2025 TradingView, Inc. ',
      h('a', { href: 'https://www.tradingview.com/', target: '_blank', rel: 'noopener' }, 'https://www.tradingview.com/'),
      ' (Apache-2.0).',
    ),
    h('p', {}, 'Demo data: daily bars from Alpha Vantage via the Pooksoft S&P 500 data set (MIT); sectors and industries from datasets/s-and-p-500-companies (PDDL). Not investment advice.'),
  );

  const main = h('main', { class: 'app-main', id: 'main' }, ...panels.values());
  document.getElementById('app')?.replaceChildren(header, main, footer);

  const showTab = () => {
    const wanted = store.get().tab;
    const tab = ENABLED.has(wanted) ? wanted : 'overview';
    for (const [t, b] of tabButtons) {
      b.setAttribute('aria-selected', String(t === tab));
      b.tabIndex = t === tab ? 0 : -1;
    }
    for (const [t, p] of panels) p.hidden = t !== tab;
    if (tab === 'live') live.start();
  };
  showTab();

  store.onChange((s) => {
    showTab();
    const t = resolveTheme(s.theme);
    if (t !== theme) setTheme(t);
    overview.sync();
  });

  window.__streams = {
    chartState: () => overview.chartState(),
    theme: () => theme,
    tab: () => store.get().tab,
    live: () => live.state(),
  };
  void overview.start();
}

main();
