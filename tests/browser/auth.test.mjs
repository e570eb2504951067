#!/usr/bin/env node
// Browser test of sign-in and favourites against the real server (auth mode required).
//
//   node tests/browser/auth.test.mjs --streams PATH/TO/streams [--web-root web/dist] [--out DIR]
//
// Starts `streams serve` on a fresh store, reads the admin password it prints once, and through
// Debian's Chromium (playwright-core): a wrong password is refused on screen; admin signs in,
// stars three symbols in the Overview, saves a view whose name is markup (shown as text), signs
// out and in again — all still there, the view opens the saved URL state; a second user made with
// `streams user add` sees none of it. Screenshot of the Favourites tab to --out (and with
// STREAMS_SCREENSHOT=1 to docs/screenshot-favourites.png).
// Exit 0 = pass, 1 = fail, 77 = skipped (web not built / playwright-core or Chromium missing).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserTest, repo, serverUrl } from './harness.mjs';

const t = new BrowserTest('auth.test.mjs');
const { streams, webRoot, outDir } = t;
const step = (title, fn) => t.step(title, fn);
const dataDir = t.tempDir('streams-auth-browser-data-');

// ---- the test --------------------------------------------------------------------------------
// Auth mode required: the first start creates admin and prints its password once.
const server = t.startServer(['serve', '--port', '0', '--data-dir', dataDir, '--web-root', webRoot, '--threads', '2'], {
  env: { STREAMS_AUTH_MODE: 'required' },
  waitFor: (seen) => {
    const base = serverUrl(seen);
    const password = /created user 'admin' with password\s+(\S+)/.exec(seen);
    return base && password ? { base, adminPassword: password[1] } : null;
  },
});
let browser;
const consoleErrors = [];
const STARRED = ['AAPL', 'JPM', 'MSFT'];
const VIEW_NAME = 'Tech <b>bold</b> & "banks" <script>alert(1)</script>';
try {
  const { base, adminPassword } = await server.ready;
  console.log(`# server at ${base}`);
  browser = await t.launch();
  const page = browser.pages()[0] ?? (await browser.newPage());
  let expectedFailures = 0; // the wrong-password step's 401 (and Chromium's console line for it)
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (expectedFailures > 0 && /401/.test(m.text())) return;
    consoleErrors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    consoleErrors.push(`dialog: ${d.message()}`); // an alert() would mean injected script ran
    void d.dismiss();
  });
  page.on('response', (r) => {
    if (r.status() < 400) return;
    if (expectedFailures > 0 && r.status() === 401 && r.url().endsWith('/api/v1/auth/login')) return;
    consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });

  const hook = (fn) => page.evaluate(fn);
  const waitFor = async (what, fn, timeout = 20_000) => {
    const t0 = Date.now();
    for (;;) {
      const v = await page.evaluate(fn).catch(() => undefined);
      if (v) return v;
      if (Date.now() - t0 > timeout) throw new Error(`timeout waiting for ${what}`);
      await page.waitForTimeout(50);
    }
  };
  const signIn = async (user, password) => {
    await page.locator('#login-user').waitFor();
    await page.fill('#login-user', user);
    await page.fill('#login-password', password);
    await page.click('#login-submit');
    await waitFor(`${user} signed in`, `window.__streams?.user() === ${JSON.stringify(user)}`);
  };
  const signOut = async () => {
    await page.click('#user-menu');
    await page.click('#menu-signout');
    await page.locator('#login-user').waitFor();
  };
  const openFavourites = async () => {
    await page.click('#tab-favourites');
    await waitFor('favourites loaded', `(() => { const f = window.__streams?.favourites(); return f && document.querySelector('#watchlist')?.children.length > 0 && document.querySelector('#saved-views')?.children.length > 0; })()`);
  };

  await step('the dashboard asks for a login first; market data is closed to anonymous requests', async () => {
    await page.goto(base);
    await page.locator('#login-user').waitFor();
    assert.equal(await page.locator('#tab-overview').count(), 0);
    const anonymous = await fetch(`${base}/api/v1/instruments`);
    assert.equal(anonymous.status, 401);
  });

  await step('a wrong password is refused on screen', async () => {
    expectedFailures = 1;
    await page.fill('#login-user', 'admin');
    await page.fill('#login-password', 'not-the-password');
    await page.click('#login-submit');
    const error = page.locator('.login-form [role="alert"]');
    await error.waitFor({ state: 'visible' });
    assert.equal(await error.textContent(), 'invalid user name or password');
    expectedFailures = 0;
    await page.screenshot({ path: join(outDir, 'auth-01-login.png') });
  });

  await step('admin signs in with the printed password; the session cookie is HttpOnly', async () => {
    await signIn('admin', adminPassword);
    const cookies = await browser.cookies(base);
    const session = cookies.find((c) => c.name === 'streams_session');
    assert.ok(session, 'session cookie set');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Lax');
    assert.equal(await page.evaluate(() => document.cookie.includes('streams_session')), false);
  });

  await step('star three symbols beside the tickers in the Overview', async () => {
    await page.goto(`${base}/?tickers=${STARRED.join('%2C')}&range=5Y`);
    await waitFor('signed in again after navigation', `window.__streams?.user() === 'admin'`);
    for (const symbol of STARRED) {
      const star = page.locator(`button[data-star="${symbol}"]`);
      await star.waitFor();
      assert.equal(await star.getAttribute('aria-pressed'), 'false');
      await star.click();
      await waitFor(`${symbol} starred`, `window.__streams.stars().includes(${JSON.stringify(symbol)})`);
      assert.equal(await page.locator(`button[data-star="${symbol}"]`).getAttribute('aria-pressed'), 'true');
    }
    assert.deepEqual(await hook(() => window.__streams.stars()), STARRED);
    await page.click('#user-menu');
    await page.locator('#menu-signout').waitFor();
    await page.screenshot({ path: join(outDir, 'auth-02-stars-and-menu.png') });
    await page.click('#user-menu');
  });

  await step('the Live tab shows a ticker tape of the starred symbols with live prices', async () => {
    await page.click('#tab-live');
    const tape = page.locator('#live-ticker-tape');
    await tape.waitFor();
    assert.deepEqual(await tape.locator('.live-ticker').evaluateAll((els) => els.map((e) => e.dataset.symbol)), STARRED);
    // Every starred symbol trades on the simulated feed: each gets a price and a change.
    await waitFor('a price for every starred symbol', `Object.values(window.__streams.live().tape).every((p) => p !== null)`, 60_000);
    // The page's state and what the tape shows, read in one tick (prices keep moving).
    const seen = await hook(() => {
      const tape = window.__streams.live().tape;
      return Object.keys(tape).map((s) => ({ symbol: s, last: tape[s], price: document.querySelector(`#live-ticker-tape [data-symbol="${s}"] .live-ticker-price`).textContent, change: document.querySelector(`#live-ticker-tape [data-symbol="${s}"] .live-ticker-change`).textContent }));
    });
    assert.deepEqual(seen.map((x) => x.symbol), STARRED);
    for (const x of seen) {
      assert.equal(x.price, x.last.toFixed(2), `${x.symbol} tape price`);
      assert.match(x.change, /^[+-]\d+\.\d\d %$/, `${x.symbol} change`);
    }
    // A click on a ticker opens its chart.
    await tape.locator(`[data-symbol="${STARRED[1]}"]`).click();
    await waitFor('chart follows the tape', `window.__streams.live().symbol === ${JSON.stringify(STARRED[1])}`);
    await page.screenshot({ path: join(outDir, 'auth-03-live-ticker-tape.png') });
  });

  await step('save the current view under a name full of markup: shown as text', async () => {
    await openFavourites();
    await page.fill('#view-name', VIEW_NAME);
    await page.click('#save-view');
    await waitFor('view saved', `window.__streams.favourites()?.views.length === 1`);
    const name = page.locator('.saved-view .view-name');
    assert.equal(await name.textContent(), VIEW_NAME);
    assert.equal(await page.locator('.saved-view .view-name b, .saved-view script').count(), 0);
    const rows = await page.locator('#watchlist tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(rows.map((r) => r[0]), STARRED);
    for (const r of rows) {
      assert.match(r[2], /^[\d,]+\.\d\d$/, `last price of ${r[0]}: ${r[2]}`);
      assert.match(r[3], /^([+−]?\d+\.\d\d \([+−]?\d+\.\d\d%\))$/, `day change of ${r[0]}: ${r[3]}`);
    }
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(outDir, 'favourites.png'), fullPage: true });
    if (process.env.STREAMS_SCREENSHOT === '1') {
      mkdirSync(join(repo, 'docs'), { recursive: true });
      await page.screenshot({ path: join(repo, 'docs', 'screenshot-favourites.png'), fullPage: true });
    }
  });

  await step('sign out, sign in again: stars and the view are still there, and the view opens', async () => {
    await signOut();
    assert.equal((await fetch(`${base}/api/v1/favourites/symbols`)).status, 401);
    await signIn('admin', adminPassword);
    await openFavourites();
    await waitFor('favourites listed', `window.__streams.favourites()?.symbols.length === 3 && window.__streams.favourites()?.views.length === 1`);
    assert.deepEqual(await hook(() => window.__streams.favourites()), { symbols: STARRED, views: [VIEW_NAME] });
    await page.click('.saved-view button:has-text("Open")');
    await waitFor('the view restored', `window.__streams.tab() === 'overview'`);
    const search = new URL(page.url()).searchParams;
    assert.equal(search.get('tickers'), STARRED.join(','));
    assert.equal(search.get('range'), '5Y');
  });

  await step('a second user made with `streams user add` sees none of it', async () => {
    const added = spawnSync(streams, ['user', 'add', 'bob', '--password-stdin', '--data-dir', dataDir], {
      input: 'bob-password-123\n',
      encoding: 'utf8',
    });
    assert.equal(added.status, 0, `streams user add: ${added.stderr}`);
    assert.match(added.stdout, /created user 'bob'/);
    await signOut();
    await signIn('bob', 'bob-password-123');
    await openFavourites();
    assert.deepEqual(await hook(() => window.__streams.favourites()), { symbols: [], views: [] });
    assert.deepEqual(await hook(() => window.__streams.stars()), []);
    assert.equal(await page.locator('.saved-view').count(), 0);
  });

  await step('console stayed clean and no dialog opened', async () => {
    assert.deepEqual(consoleErrors, []);
  });
} catch (e) {
  t.failed(e, consoleErrors, 30);
} finally {
  await t.finish();
}
