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
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
};
const streams = opt('--streams', process.env.STREAMS_BIN);
const webRoot = resolve(opt('--web-root', join(repo, 'web', 'dist')));
const outDir = resolve(opt('--out', join(repo, 'build', 'browser-screenshots')));
const chromiumPath = opt('--chromium', process.env.CHROMIUM ?? '/usr/bin/chromium');
const SKIP = 77;

function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(SKIP);
}
if (!streams) {
  console.error('usage: auth.test.mjs --streams PATH [--web-root DIR] [--out DIR]');
  process.exit(2);
}
if (!existsSync(join(webRoot, 'index.html'))) skip(`${webRoot}/index.html missing: run \`npm ci && npm run build\` in web/`);
if (!existsSync(chromiumPath)) skip(`no Chromium at ${chromiumPath}`);
let chromium;
try {
  chromium = createRequire(join(repo, 'web', 'package.json'))('playwright-core').chromium;
} catch {
  skip('playwright-core not installed: run `npm ci` in web/');
}

const results = [];
let failures = 0;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push(name);
    console.log(`ok - ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failures += 1;
    console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split('\n').join('\n  ')}`);
    throw e;
  }
}

// ---- server ----------------------------------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'streams-auth-browser-data-'));
const profileDir = mkdtempSync(join(tmpdir(), 'streams-auth-browser-profile-'));
mkdirSync(outDir, { recursive: true });
const serverLog = [];

function startServer() {
  const child = spawn(streams, ['serve', '--port', '0', '--data-dir', dataDir, '--web-root', webRoot, '--threads', '2'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', STREAMS_AUTH_MODE: 'required' },
  });
  const ready = new Promise((resolveReady, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`server not up within 300 s; output:\n${seen}`)), 300_000);
    const onData = (buf) => {
      seen += buf.toString();
      serverLog.push(buf.toString());
      const url = /(https?:\/\/[\w.-]+:\d+)[^\n]*\n/.exec(seen);
      const password = /created user 'admin' with password\s+(\S+)/.exec(seen);
      if (url && password) {
        clearTimeout(timer);
        resolveReady({ base: url[1].replace('://0.0.0.0:', '://127.0.0.1:'), adminPassword: password[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${sig}); output:\n${seen}`));
    });
  });
  return { child, ready };
}

async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), 5000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

// ---- the test --------------------------------------------------------------------------------
const { child: server, ready } = startServer();
let browser;
const consoleErrors = [];
let exitCode = 0;
const STARRED = ['AAPL', 'JPM', 'MSFT'];
const VIEW_NAME = 'Tech <b>bold</b> & "banks" <script>alert(1)</script>';
try {
  const { base, adminPassword } = await ready;
  console.log(`# server at ${base}`);
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
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
  exitCode = 1;
  if (failures === 0) console.log(`not ok - ${String(e?.stack ?? e)}`);
  console.log(`# last server lines:\n${serverLog.join('').split('\n').slice(-30).map((l) => `#  [server] ${l}`).join('\n')}`);
  if (consoleErrors.length > 0) console.log(`# console errors:\n#  ${consoleErrors.join('\n#  ')}`);
} finally {
  try {
    if (browser) {
      const p = browser.pages()[0];
      if (p && exitCode !== 0) await p.screenshot({ path: join(outDir, 'auth-failure.png'), fullPage: true }).catch(() => {});
      await browser.close();
    }
  } catch {}
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
}
console.log(`# ${results.length} passed, ${failures} failed; screenshots in ${outDir}`);
process.exit(exitCode);
