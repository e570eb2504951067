#!/usr/bin/env node
// Browser test of the Returns tab against the real server.
//
//   node tests/browser/returns.test.mjs --streams PATH/TO/streams [--web-root web/dist] [--out DIR]
//
// Starts `streams serve --port 0 --data-dir <fresh tmp> --web-root <dist>`, waits for its URL line,
// drives Debian's Chromium through playwright-core (never downloads a browser), and checks that
// with 3 tickers the heatmap cells equal the API's correlation matrix and the ACF bars its acf;
// that switching decomposition and wavelet controls redraws the charts with the API's new values
// (and puts them in the URL); that the CSV exports equal `streams analyze` run on CSV files of
// the bars the API served (to 1e-9); that a phone-width viewport has no horizontal overflow; and
// that the console stays clean. Reports (does not assert) the time to the first chart after
// switching to the tab. Screenshots go to --out; with STREAMS_SCREENSHOT=1 also to
// docs/screenshot-returns.png.
// Exit 0 = pass, 1 = fail, 77 = skipped (web not built / playwright-core not installed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserTest, repo } from './harness.mjs';

const t = new BrowserTest('returns.test.mjs');
const { streams, webRoot, outDir } = t;
const step = (title, fn) => t.step(title, fn);
const dataDir = t.tempDir('streams-browser-data-');

// ---- helpers ---------------------------------------------------------------------------------
const close = (a, b, what) => {
  const tol = 1e-9 * Math.max(1, Math.abs(b));
  assert.ok(Math.abs(a - b) <= tol, `${what}: chart ${a} vs API ${b}`);
};

// Arrays equal within 1e-9 relative (null = null).
function sameArray(got, want, what) {
  assert.equal(got.length, want.length, `${what}: length ${got.length} vs ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    const a = got[i];
    const b = want[i];
    if (b === null || b === undefined || (typeof b === 'number' && !Number.isFinite(b))) {
      assert.ok(a === null || a === undefined || a === '' || (typeof a === 'number' && !Number.isFinite(a)), `${what}[${i}]: ${a} vs null`);
    } else {
      close(Number(a), b, `${what}[${i}]`);
    }
  }
}

function parseCsv(text) {
  const lines = text.trimEnd().split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const column = (name) => {
    const k = header.indexOf(name);
    assert.ok(k >= 0, `CSV has no column ${name}: ${header}`);
    return rows.map((r) => (r[k] === '' ? null : Number(r[k])));
  };
  return { header, rows, column };
}

// ---- the test --------------------------------------------------------------------------------
const server = t.startServer(['serve', '--port', '0', '--auth-mode', 'optional', '--data-dir', dataDir, '--web-root', webRoot]);
let browser;
const consoleErrors = [];
const csvDir = t.tempDir('streams-returns-csv-');
try {
  const base = await server.ready;
  console.log(`# server at ${base}`);
  const api = async (path) => {
    const r = await fetch(`${base}${path}`);
    const body = await r.json();
    assert.ok(r.ok, `GET ${path}: ${r.status} ${JSON.stringify(body)}`);
    return body;
  };
  // `streams analyze` on the given CSV files.
  const analyze = (files, op) =>
    JSON.parse(execFileSync(streams, ['analyze', ...files.flatMap((f) => ['--input', f]), '--op', op], { encoding: 'utf8', maxBuffer: 256 << 20 }))[op];

  browser = await t.launch({ acceptDownloads: true });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`console: ${m.text()} @ ${m.location()?.url ?? ''}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });

  const snap = () => page.evaluate(() => window.__streamsReturns?.snapshot());
  const waitLoads = async (minLoads, what) => {
    const t0 = Date.now();
    for (;;) {
      const s = await page.evaluate(() => window.__streamsReturns?.status());
      if (s && s.status === 'error') throw new Error(`${what}: ${s.error}`);
      if (s && s.status === 'ready' && s.loads >= minLoads) return snap();
      if (Date.now() - t0 > 30_000) throw new Error(`timeout waiting for ${what}; last ${JSON.stringify(s)?.slice(0, 400)}`);
      await page.waitForTimeout(20);
    }
  };
  // Until every chart reports its last frame drawn (ECharts 'finished').
  const waitPainted = () =>
    page.waitForFunction(() => window.__streamsReturns?.status().rendering === false, null, { timeout: 30_000, polling: 50 });
  const download = async (exportId) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${exportId}"]`)]);
    const path = join(csvDir, dl.suggestedFilename());
    await dl.saveAs(path);
    return readFileSync(path, 'utf8');
  };

  const tickers = ['AAPL', 'MSFT', 'XOM'];
  let s;
  await step('Returns tab opens with 3 tickers; first chart time reported', async () => {
    // Land on the Overview, then switch tabs: the time to the first chart is the tab's own.
    await page.goto(`${base}/?tickers=${tickers.join('%2C')}&range=5Y`);
    await page.waitForFunction(() => window.__streams?.chartState().status === 'ready', null, { timeout: 30_000 });
    const t0 = Date.now();
    await page.click('#tab-returns');
    await page.waitForFunction(() => (window.__streamsReturns?.status().firstChartMs ?? null) !== null, null, { timeout: 30_000, polling: 20 });
    const seen = Date.now() - t0;
    s = await waitLoads(1, 'first view');
    console.log(`# first chart after switching to the Returns tab: ${s.firstChartMs} ms in the page, ${seen} ms seen by the test (bar: < 1500 ms, reported, not asserted)`);
    console.log(`# all charts after switching: ${Date.now() - t0} ms; setOption ms per chart ${JSON.stringify(s.drawMs)}`);
    assert.deepEqual(s.tickers, tickers);
    assert.equal(s.focus, 'AAPL');
    assert.match(page.url(), /tab=returns/);
  });

  await step('heatmap cells equal the API correlation matrix', async () => {
    const answer = await api(`/api/v1/analyze?${s.requests.all}`);
    const corr = answer['corr(method=pearson)'];
    assert.deepEqual(corr.symbols, tickers);
    const cells = s.charts.corr[0];
    assert.equal(cells.length, 9);
    for (const [j, i, v] of cells) assert.equal(v, corr.matrix[i][j], `cell ${i},${j}`);
    assert.ok(corr.matrix[0][1] > 0 && corr.matrix[0][1] < 1, `AAPL/MSFT correlation ${corr.matrix[0][1]}`);
    // the transformation lines are the API's cumulative returns
    const first = s.charts.transform[0];
    const want = answer['cumreturns(kind=log)'].AAPL.real;
    assert.equal(first.length, answer.dates.AAPL.length);
    sameArray(first, want, 'AAPL cumreturns line');
    // rolling pair AAPL / MSFT
    sameArray(s.charts.rolling[0], answer['rolling_corr(window=63,x=AAPL,y=MSFT)'].real, 'rolling correlation');
  });

  await step('ACF and PACF bars equal the API; Ljung-Box table shows its values', async () => {
    const answer = await api(`/api/v1/analyze?${s.requests.returns}`);
    const acf = answer['acf(nlags=20,alpha=0.05)'].AAPL;
    assert.equal(s.charts.acf[0].length, 21);
    assert.deepEqual(s.charts.acf[0], acf.acf);
    assert.equal(s.charts.acf[0][0], 1);
    // band drawn around zero: confint - acf
    sameArray(s.charts.acf[2], acf.confint_upper.map((u, i) => u - acf.acf[i]), 'acf upper band');
    const pacf = answer['pacf(nlags=20,method=ywadjusted,alpha=0.05)'].AAPL;
    assert.deepEqual(s.charts.pacf[0], pacf.pacf);
    const lb = answer['ljungbox(lags=10)'].AAPL;
    const cells = await page.$$eval('#ljungbox-table tbody tr td:nth-child(2)', (tds) => tds.map((td) => Number(td.dataset.value)));
    assert.deepEqual(cells, lb.lb_stat);
  });

  await step('decomposition controls redraw with the API values and go to the URL', async () => {
    const loads = s.loads;
    await page.click('[data-name="returns-dec"] [data-value="classical"]');
    s = await waitLoads(loads + 1, 'classical decomposition');
    await page.selectOption('#returns-period', '63');
    s = await waitLoads(loads + 2, 'period 63');
    await page.click('[data-name="returns-model"] [data-value="multiplicative"]');
    s = await waitLoads(loads + 3, 'multiplicative');
    assert.match(page.url(), /rdec=classical/);
    assert.match(page.url(), /rperiod=63/);
    assert.match(page.url(), /rmodel=multiplicative/);
    const answer = await api(`/api/v1/analyze?${s.requests.levels}`);
    const dec = answer['seasonal_decompose(period=63,model=multiplicative)'].AAPL;
    assert.ok(dec, `levels request ${s.requests.levels}`);
    sameArray(s.charts.decomposition[1], dec.trend, 'trend pane');
    sameArray(s.charts.decomposition[2], dec.seasonal, 'seasonal pane');
    sameArray(s.charts.decomposition[3], dec.resid, 'resid pane');
    // multiplicative seasonal factors hover around 1
    const seasonal = dec.seasonal.filter((v) => v !== null);
    assert.ok(seasonal.every((v) => v > 0.8 && v < 1.2), 'multiplicative seasonal near 1');
  });

  await step('wavelet controls redraw the DWT panes and the scalogram with the API values', async () => {
    const families = await page.$$eval('#returns-wavelet option', (o) => o.map((x) => x.value));
    const lists = await api('/api/v1/wavelets');
    assert.deepEqual(families, lists.discrete);
    const before = s.charts.dwt.length;
    const loads = s.loads;
    await page.selectOption('#returns-wavelet', 'haar');
    s = await waitLoads(loads + 1, 'haar');
    await page.selectOption('#returns-level', '3');
    s = await waitLoads(loads + 2, 'level 3');
    await page.selectOption('#returns-mode', 'periodization');
    s = await waitLoads(loads + 3, 'periodization');
    await page.selectOption('#returns-cwavelet', 'mexh');
    s = await waitLoads(loads + 4, 'mexh');
    assert.match(page.url(), /rwv=haar/);
    assert.match(page.url(), /rlevel=3/);
    const answer = await api(`/api/v1/analyze?${s.requests.returns}`);
    const dwt = answer['wavedec(wavelet=haar,level=3,mode=periodization)'].AAPL;
    assert.deepEqual(Object.keys(dwt).sort(), ['cA3', 'cD1', 'cD2', 'cD3']);
    assert.equal(s.charts.dwt.length, 4);
    assert.notEqual(before, 4, 'the default db4 maximum level is not 3');
    assert.deepEqual(s.charts.dwt[0], dwt.cA3);
    assert.deepEqual(s.charts.dwt[1], dwt.cD3);
    assert.deepEqual(s.charts.dwt[3], dwt.cD1);
    const cwt = answer['cwt(wavelet=mexh,scales=1:16)'].AAPL.coefs;
    const cells = s.charts.cwt[0];
    // every k-th session is shown (at most 400 columns); each cell is |coefficient| there
    const stride = Math.max(1, Math.ceil(cwt[0].length / 400));
    assert.equal(cells.length, cwt.length * Math.ceil(cwt[0].length / stride));
    for (const k of [0, 17, 401, cells.length - 1]) {
      const [col, scale, v] = cells[k];
      assert.equal(v, Math.abs(cwt[scale][col * stride]), `scalogram cell ${k}`);
    }
  });

  await step('CSV exports equal `streams analyze` on the bars the API served', async () => {
    const { from, to } = s.range;
    const bars = await api(`/api/v1/bars?symbols=${tickers.join(',')}&from=${from}&to=${to}&adjust=splits`);
    const files = {};
    const logret = {};
    for (const b of bars.series) {
      const lines = ['date,open,high,low,close,volume'];
      b.t.forEach((d, i) => lines.push([d, b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]].join(',')));
      files[b.symbol] = join(csvDir, `${b.symbol}.csv`);
      writeFileSync(files[b.symbol], `${lines.join('\n')}\n`);
      const r = ['date,close'];
      for (let i = 1; i < b.t.length; i++) r.push(`${b.t[i]},${Math.log(b.close[i] / b.close[i - 1])}`);
      logret[b.symbol] = join(csvDir, `${b.symbol}.logret.csv`);
      writeFileSync(logret[b.symbol], `${r.join('\n')}\n`);
    }
    const paths = tickers.map((t) => files[t]);

    const corrCsv = parseCsv(await download('correlation-matrix-csv'));
    const corr = analyze(paths, 'corr(method=pearson)');
    assert.deepEqual(corrCsv.rows.map((r) => r[0]), tickers);
    tickers.forEach((t, j) => sameArray(corrCsv.column(t), corr.matrix.map((row) => row[j]), `corr CSV column ${t}`));

    const tfCsv = parseCsv(await download('transformations-csv'));
    for (const t of tickers) {
      const want = analyze([files[t]], 'cumreturns(kind=log)').real;
      sameArray(tfCsv.column(t), want, `cumreturns CSV ${t}`);
    }
    const rollCsv = parseCsv(await download('rolling-correlation-csv'));
    sameArray(rollCsv.column('corr'), analyze([files.AAPL, files.MSFT], 'rolling_corr(window=63,x=AAPL,y=MSFT)').real, 'rolling CSV');

    const acfCsv = parseCsv(await download('acf-csv'));
    const acf = analyze([logret.AAPL], 'acf(nlags=20,alpha=0.05)');
    sameArray(acfCsv.column('acf'), acf.acf, 'acf CSV');
    sameArray(acfCsv.column('confint_lower'), acf.confint_lower, 'acf CSV confint_lower');
    const pacfCsv = parseCsv(await download('pacf-csv'));
    sameArray(pacfCsv.column('pacf'), analyze([logret.AAPL], 'pacf(nlags=20,method=ywadjusted,alpha=0.05)').pacf, 'pacf CSV');
    const lbCsv = parseCsv(await download('ljung-box-csv'));
    sameArray(lbCsv.column('lb_pvalue'), analyze([logret.AAPL], 'ljungbox(lags=10)').lb_pvalue, 'Ljung-Box CSV');

    const decCsv = parseCsv(await download('decomposition-csv'));
    const dec = analyze([files.AAPL], 'seasonal_decompose(period=63,model=multiplicative)');
    for (const k of ['trend', 'seasonal', 'resid']) sameArray(decCsv.column(k), dec[k], `decomposition CSV ${k}`);
    sameArray(decCsv.column('observed'), bars.series.find((b) => b.symbol === 'AAPL').close, 'decomposition CSV observed');

    const dwtCsv = parseCsv(await download('dwt-coefficients-csv'));
    const dwt = analyze([logret.AAPL], 'wavedec(wavelet=haar,level=3,mode=periodization)');
    for (const k of ['cA3', 'cD3', 'cD2', 'cD1']) sameArray(dwtCsv.column(k).slice(0, dwt[k].length), dwt[k], `DWT CSV ${k}`);

    const cwtCsv = parseCsv(await download('cwt-scalogram-csv'));
    const cwt = analyze([logret.AAPL], 'cwt(wavelet=mexh,scales=1:16)').coefs;
    for (const k of [1, 8, 16]) sameArray(cwtCsv.column(`scale_${k}`), cwt[k - 1], `CWT CSV scale ${k}`);

    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="correlation-matrix-png"]')]);
    const pngPath = join(csvDir, png.suggestedFilename());
    await png.saveAs(pngPath);
    assert.equal(readFileSync(pngPath).subarray(1, 4).toString(), 'PNG');
  });

  await step('the view restores from its URL', async () => {
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    const r = await waitLoads(1, 'restored view');
    assert.deepEqual(r.requests, s.requests);
    assert.equal(await page.inputValue('#returns-wavelet'), 'haar');
    assert.equal(await page.inputValue('#returns-period'), '63');
  });

  await step('phone width: no horizontal overflow, charts laid out', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(100);
    await waitPainted();
    const m = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      widths: [...document.querySelectorAll('.returns-chart')].map((e) => e.getBoundingClientRect().width),
    }));
    assert.ok(m.scroll <= 391, `page scrolls sideways: ${m.scroll}px`);
    assert.ok(m.widths.every((w) => w > 250 && w <= 390), `chart widths ${m.widths}`);
    await page.screenshot({ path: join(outDir, 'returns-phone.png'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await step('screenshots', async () => {
    await page.goto(`${base}/?tab=returns&tickers=AAPL%2CMSFT%2CXOM%2CJPM&range=5Y&theme=light`);
    await waitLoads(1, 'screenshot view');
    await waitPainted();
    await page.screenshot({ path: join(outDir, 'returns.png'), fullPage: true });
    if (process.env.STREAMS_SCREENSHOT === '1') {
      mkdirSync(join(repo, 'docs'), { recursive: true });
      await page.setViewportSize({ width: 1366, height: 1000 });
      await page.waitForTimeout(100);
      await waitPainted();
      await page.screenshot({ path: join(repo, 'docs', 'screenshot-returns.png'), fullPage: true });
    }
  });

  await step('console stayed clean', async () => {
    assert.deepEqual(consoleErrors, []);
  });
} catch (e) {
  t.failed(e, consoleErrors, 20);
} finally {
  await t.finish();
}
