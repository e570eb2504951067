// Entry point: asks /auth/me who is signed in (the sign-in screen when the server requires it),
// then the header with tabs, theme toggle and user menu, the Overview and Favourites features, URL
// state wiring and the read-only test hook window.__streams.
import './styles.css';
import { AccountClient, type Me } from './api/account';
import { ApiClient } from './api/client';
import { h } from './components/dom';
import { ICONS } from './components/icons';
import { applyTheme, rememberTheme, resolveTheme, storedTheme } from './components/theme';
import { LoginScreen } from './features/auth/login';
import { UserMenu } from './features/auth/user_menu';
import { Favourites } from './features/favourites/favourites';
import { Stars } from './features/favourites/stars';
import { Live, type LiveState } from './features/live/live';
import { Overview, type ChartState } from './features/overview/overview';
import { Technical, type TechState } from './features/technical/technical';
import { Returns } from './features/returns/returns';
import { TABS, UrlStore, type Tab, type Theme } from './state/url_state';

declare global {
  interface Window {
    __streams?: {
      chartState: () => ChartState;
      techState: () => TechState;
      techCsv: () => { filename: string; text: string } | null;
      overviewCsv: (symbol: string) => string | null;
      techX: (time: string) => number | null;
      techPoints: (key: string) => Array<[string, number]> | null;
      theme: () => Theme;
      tab: () => Tab;
      user: () => string | null;
      stars: () => string[];
      favourites: () => { symbols: string[]; views: string[] } | null;
      live: () => LiveState;
    };
  }
}

const TAB_LABELS: Record<Tab, string> = {
  overview: 'Overview',
  technical: 'Technical',
  returns: 'Returns',
  live: 'Live',
  favourites: 'Favourites',
};

/** The sign-in screen alone (auth mode required, or "Sign in" pressed); reloads once signed in. */
function showLogin(account: AccountClient, cancellable: boolean): void {
  const screen = new LoginScreen(
    account,
    () => window.location.reload(),
    cancellable ? () => window.location.reload() : undefined,
  );
  document.getElementById('app')?.replaceChildren(screen.el);
  document.getElementById('login-user')?.focus();
}

async function boot(): Promise<void> {
  const account = new AccountClient();
  let me: Me;
  try {
    me = await account.me();
  } catch {
    me = { signedIn: false, mode: 'none' };
  }
  if (!me.signedIn && me.mode === 'required') {
    applyTheme(resolveTheme(new UrlStore(window).get().theme));
    showLogin(account, false);
    return;
  }
  main(account, me);
}

function main(account: AccountClient, me: Me): void {
  const signedIn = me.signedIn ? me.session.user.name : null;
  const accounts = me.signedIn || me.mode !== 'none';
  /** Tabs with content (Favourites only where accounts exist). */
  const ENABLED: ReadonlySet<Tab> = new Set<Tab>(
    accounts ? ['overview', 'technical', 'returns', 'live', 'favourites'] : ['overview', 'technical', 'returns', 'live'],
  );
  const store = new UrlStore(window);
  const api = new ApiClient();
  const stars = new Stars(signedIn !== null ? account : null);
  let theme = resolveTheme(store.get().theme);
  applyTheme(theme);

  const overview = new Overview(api, store, theme);
  // A session that expires while the page is open: back to the sign-in screen.
  if (signedIn !== null) api.onUnauthorized(() => window.location.reload());
  const openState = (search: string) => {
    window.history.pushState(null, '', `${window.location.pathname}${search}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  };
  const favourites = signedIn !== null ? new Favourites(account, stars, store, openState) : null;
  if (signedIn !== null) {
    const paintStars = () => overview.setStars({ has: (s) => stars.has(s), toggle: (s) => void stars.toggle(s).catch(() => undefined) });
    stars.onChange(paintStars);
    paintStars();
    void stars.load().catch(() => undefined);
  }
  const technical = new Technical(api, store, theme);
  const returns = new Returns(api, store, theme);
  const live = new Live(api, theme);
  if (signedIn !== null) {
    // The Live tab's ticker tape follows the stars; the last stored close is each change's base.
    const paintTape = () =>
      void account
        .starred()
        .then((rows) => live.setStarred(rows.map((r) => ({ symbol: r.symbol, reference: r.last }))))
        .catch(() => undefined);
    stars.onChange(paintTape);
  }

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
      // Controls of one tab (markers, range, ticker) change the shared state: bring the other in line.
      if (t === 'overview') overview.sync();
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
    technical.setTheme(t);
    returns.setTheme(t);
    live.setTheme(t);
  };
  paintThemeButton();
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (store.get().theme === null && storedTheme() === null) setTheme(resolveTheme(null));
  });

  const brand = h('a', { class: 'brand', href: './', 'aria-label': 'streams home' });
  brand.innerHTML = ICONS.logo;
  brand.append(h('span', { class: 'brand-name' }, 'streams'), h('span', { class: 'brand-tag' }, 'market data explorer'));

  let userArea: HTMLElement | null = null;
  if (signedIn !== null) {
    userArea = new UserMenu(account, signedIn, () => window.location.reload()).el;
  } else if (accounts) {
    userArea = h('button', { type: 'button', class: 'button', id: 'sign-in' }, 'Sign in');
    userArea.addEventListener('click', () => showLogin(account, true));
  }
  const header = h('header', { class: 'app-header' }, h('div', { class: 'header-inner' }, brand, tablist, themeButton, userArea));

  const panels = new Map<Tab, HTMLElement>();
  for (const t of TABS) {
    const panel = h('section', { id: `panel-${t}`, role: 'tabpanel', 'aria-labelledby': `tab-${t}`, class: 'tab-panel', hidden: true });
    if (t === 'overview') panel.append(overview.el);
    if (t === 'favourites') {
      if (favourites !== null) {
        panel.append(favourites.el);
      } else {
        const signIn = h('button', { type: 'button', class: 'button primary' }, 'Sign in');
        signIn.addEventListener('click', () => showLogin(account, true));
        panel.append(h('div', { class: 'card favourites-anon' }, h('p', {}, 'Sign in to keep a watchlist and saved views.'), signIn));
      }
    }
    if (t === 'technical') panel.append(technical.el);
    if (t === 'returns') panel.append(returns.el);
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
      ' (Apache-2.0). ',
      h('a', { href: 'https://echarts.apache.org/', target: '_blank', rel: 'noopener' }, 'Apache ECharts'),
      ' — Copyright © The Apache Software Foundation (Apache-2.0).',
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
    if (tab === 'favourites') void favourites?.refresh();
    technical.setActive(tab === 'technical');
    returns.setActive(tab === 'returns');
    if (tab === 'live') live.start();
  };
  showTab();

  store.onChange((s) => {
    showTab();
    const t = resolveTheme(s.theme);
    if (t !== theme) setTheme(t);
    overview.sync();
    technical.sync();
    void returns.sync();
  });

  window.__streams = {
    chartState: () => overview.chartState(),
    techState: () => technical.state(),
    techCsv: () => technical.csv(),
    overviewCsv: (symbol: string) => overview.chartCsv(symbol),
    techX: (time: string) => technical.xOf(time),
    techPoints: (key: string) => technical.points(key),
    theme: () => theme,
    tab: () => store.get().tab,
    user: () => signedIn,
    stars: () => stars.list(),
    favourites: () => favourites?.snapshot() ?? null,
    live: () => live.state(),
  };
  void overview.start();
}

void boot();
