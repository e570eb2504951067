#!/usr/bin/env node
// Generates the golden outputs of TA-Lib's 61 candlestick-pattern functions used by
// src/analytics/tests/patterns_test.cc (data in src/analytics/tests/data/patterns/).
//
// Reference implementation: the npm package `talib` (node-talib) 2.0.5, which compiles the TA-Lib C
// library it bundles (ta_version.c: 0.6.0-dev) into a Node addon. It is a test-time oracle only and
// never a dependency of the product. How to build it outside the repository (see README.md there):
//   mkdir -p /tmp/talibref && cd /tmp/talibref && npm pack talib@2.0.5 && tar xzf talib-2.0.5.tgz
//   cd package && rm -f src/lib/temp/csr/*.o && (cd src/lib/make/csr/linux/g++ && make)
//   npm install --ignore-scripts && npx node-gyp configure build --nodedir=/usr
// Then: TALIB_DIR=/tmp/talibref/package node gen_pattern_goldens.js OUT_DIR
//
// Output per input series STEM: STEM.csv (the OHLC input, date,open,high,low,close) and
// STEM.patterns.json in the same shape as `streams analyze` prints: op key → {"integer": [...]},
// null in the lookback. manifest.json records the package, TA-Lib version and, per input, how many
// non-zero values each pattern produced (patterns that never fire are listed there).
'use strict';

const fs = require('fs');
const path = require('path');

const talibDir = process.env.TALIB_DIR || '/tmp/talibref/package';
const talib = require(path.join(talibDir, 'index.js'));
const talibPackage = JSON.parse(fs.readFileSync(path.join(talibDir, 'package.json'), 'utf8'));
const versionSource = fs.readFileSync(path.join(talibDir, 'src/lib/src/ta_common/ta_version.c'), 'utf8');
const versionPart = (name) => (versionSource.match(new RegExp(`#define ${name} "([^"]*)"`)) || [])[1];
const talibVersion = `${versionPart('MAJOR')}.${versionPart('MINOR')}.${versionPart('BUILD')}-${versionPart('EXTRA')}`;

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: gen_pattern_goldens.js OUT_DIR');
  process.exit(2);
}
const repoRoot = path.resolve(__dirname, '../../../..');
const referenceInputs = path.join(repoRoot, 'src/analytics/tests/data/reference/inputs');
const pricesDir = process.env.PRICES_DIR || '/work/shared/data/prices';

function readCsv(file) {
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const col = (name) => header.indexOf(name);
  const rows = lines.slice(1).map((l) => l.split(','));
  const num = (cell) => (cell === undefined || cell.trim() === '' ? NaN : Number(cell));
  return {
    date: rows.map((r) => r[col('date')]),
    open: rows.map((r) => num(r[col('open')])),
    high: rows.map((r) => num(r[col('high')])),
    low: rows.map((r) => num(r[col('low')])),
    close: rows.map((r) => num(r[col('close')])),
  };
}

// A deterministic synthetic OHLC series (xorshift PRNG, prices on a coarse 0.05 grid so that
// equal opens/closes, dojis, gaps and marubozu occur often) to make rare patterns fire.
function syntheticSeries(n, seed, shape = { gap: 0.25, gapSize: 4, noShadow: 0.3, longBody: 0.5, doji: 0.2 }) {
  let state = seed >>> 0;
  const rand = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  };
  const tick = 0.05;
  const q = (x) => Math.round(x / tick) * tick;
  const out = { date: [], open: [], high: [], low: [], close: [] };
  let prev = 50;
  const start = Date.UTC(2000, 0, 3);
  for (let i = 0; i < n; ++i) {
    const gap = rand() < shape.gap ? (rand() - 0.5) * shape.gapSize : (rand() - 0.5) * 0.4;
    const open = Math.max(5, q(prev + gap));
    const kind = rand();
    let body;
    if (kind < shape.doji) body = 0;                                        // doji
    else if (kind < 1 - shape.longBody) body = (rand() - 0.5) * 0.6;       // short
    else body = (rand() < 0.5 ? -1 : 1) * (1 + rand() * 2.5);  // long
    const close = Math.max(1, q(open + body));
    const upper = rand() < shape.noShadow ? 0 : q(rand() * (rand() < 0.2 ? 3 : 0.8));
    const lower = rand() < shape.noShadow ? 0 : q(rand() * (rand() < 0.2 ? 3 : 0.8));
    const high = q(Math.max(open, close) + upper);
    const low = Math.max(0.5, q(Math.min(open, close) - lower));
    const d = new Date(start + i * 86400000);
    out.date.push(d.toISOString().slice(0, 10));
    out.open.push(Number(open.toFixed(2)));
    out.high.push(Number(high.toFixed(2)));
    out.low.push(Number(low.toFixed(2)));
    out.close.push(Number(close.toFixed(2)));
    prev = close;
  }
  return out;
}

// A calm random background (small bodies and shadows) with candle sequences planted every 25
// bars, shaped after TA-Lib's documented rules for the patterns that real prices rarely or never
// show (kicking, concealing baby swallow, three stars in the south, mat hold, breakaway, …). Each
// template is [open, high, low, close] offsets from the current price; whether a pattern really
// fires is for TA-Lib to say, and the manifest records it.
const TEMPLATES = {
  kicking_up: [[2, 2, 0, 0], [2.5, 4.5, 2.5, 4.5]],
  kicking_down: [[0, 2, 0, 2], [-0.5, -0.5, -3, -3]],
  kicking_longer_black: [[0, 1.5, 0, 1.5], [-0.5, -0.5, -3, -3]],
  conceal_baby_swallow: [[3, 3, 2, 2], [2, 2, 1, 1], [0.8, 1.5, 0.4, 0.5], [1.55, 1.6, 0.2, 0.3]],
  three_stars_in_south: [[3, 3.1, -0.1, 1.5], [2, 2.1, 0.5, 1.3], [1.0, 1.0, 0.8, 0.8]],
  mat_hold: [[0, 2.1, -0.1, 2], [2.6, 2.7, 2.3, 2.4], [1.9, 2.0, 1.6, 1.7], [1.8, 1.85, 1.5, 1.6], [1.7, 3.1, 1.65, 3.0]],
  breakaway_up: [[3, 3.1, 0.9, 1], [0.8, 0.9, 0.4, 0.5], [0.5, 0.6, 0.2, 0.3], [0.3, 0.35, 0.05, 0.1], [0.1, 0.95, 0.05, 0.9]],
  breakaway_down: [[0, 2.1, -0.1, 2], [2.2, 2.6, 2.1, 2.5], [2.5, 2.8, 2.4, 2.7], [2.7, 2.95, 2.65, 2.9], [2.9, 2.95, 2.05, 2.1]],
  upside_gap_two_crows: [[0, 2.1, -0.1, 2], [2.5, 2.6, 2.25, 2.3], [2.6, 2.65, 2.05, 2.1]],
  ladder_bottom: [[4, 4.1, 2.9, 3], [3.5, 3.6, 2.4, 2.5], [3, 3.1, 1.9, 2], [1.9, 2.6, 1.4, 1.5], [1.8, 2.9, 1.7, 2.8]],
  abandoned_baby_top: [[0, 2.1, -0.1, 2], [2.5, 2.6, 2.3, 2.5], [2.2, 2.25, 0.7, 0.8]],
  abandoned_baby_bottom: [[2, 2.1, -0.1, 0], [-0.5, -0.3, -0.6, -0.5], [-0.2, 2.0, -0.25, 1.9]],
  rise_three_methods: [[0, 2.1, -0.1, 2], [1.8, 1.9, 1.6, 1.7], [1.6, 1.7, 1.4, 1.5], [1.4, 1.5, 1.2, 1.3], [1.4, 2.6, 1.35, 2.5]],
  three_black_crows: [[0, 2.2, -0.1, 2], [1.9, 1.95, 1.3, 1.35], [1.5, 1.55, 0.8, 0.85], [1.0, 1.05, 0.3, 0.35]],
  identical_three_crows: [[2, 2.05, 1.3, 1.35], [1.36, 1.4, 0.7, 0.72], [0.71, 0.75, 0.05, 0.08]],
  tristar_top: [[0, 2.1, -0.1, 2], [2, 2.1, 1.9, 2], [2.5, 2.6, 2.4, 2.5], [2.2, 2.3, 2.1, 2.2]],
  stick_sandwich: [[2, 2.1, 0.9, 1], [1.2, 2.3, 1.1, 2.2], [2.3, 2.4, 0.95, 1.0]],
};

function plantedSeries(n, seed) {
  let state = seed >>> 0;
  const rand = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  };
  const r2 = (x) => Math.round(x * 100) / 100;
  const names = Object.keys(TEMPLATES);
  const out = { date: [], open: [], high: [], low: [], close: [] };
  const start = Date.UTC(2005, 0, 3);
  let price = 40;
  let next = 0;
  const push = (o, h, l, c) => {
    const d = new Date(start + out.close.length * 86400000);
    out.date.push(d.toISOString().slice(0, 10));
    out.open.push(r2(o)); out.high.push(r2(h)); out.low.push(r2(l)); out.close.push(r2(c));
  };
  while (out.close.length < n) {
    if (out.close.length >= 20 && out.close.length % 25 === 0) {
      const template = TEMPLATES[names[next++ % names.length]];
      const base = price;
      for (const [o, h, l, c] of template) push(base + o, base + h, base + l, base + c);
      price = out.close[out.close.length - 1];
      continue;
    }
    const body = (rand() - 0.5) * 0.6;
    const o = price + (rand() - 0.5) * 0.1;
    const c = o + body;
    push(o, Math.max(o, c) + rand() * 0.3, Math.min(o, c) - rand() * 0.3, c);
    price = c;
  }
  for (const k of ['open', 'high', 'low', 'close', 'date']) out[k].length = n;
  return out;
}

// Exact ties. A flat background of candles with body 0.5, range 1.0 and shadows 0.25 each (all
// exact in binary) makes every body average exact; the templates then put a body exactly on its
// average (e.g. 9 background bodies + one of 5.5 average to 1.0, and the next body is 1.0), so the
// goldens pin each `<` vs `<=` of TA-Lib's body comparisons at the tie: a star or harami body equal
// to the average still counts as short (`<=`), a mat-hold or three-methods body does not (`<`).
const TIE_TEMPLATES = [
  // morning star, star body 1.0 == BodyShort average 1.0 → fires (<=)
  [[6, 6.25, 0.25, 0.5], [-0.5, -0.25, -1.75, -1.5], [-1, 3.25, -1.25, 3]],
  // evening star, mirrored → fires
  [[0, 5.75, -0.25, 5.5], [6, 7.25, 5.75, 7], [6.5, 6.75, 3.25, 3.5]],
  // morning doji star's star is a doji: body 0 → fires; the third body 1.05 > average? no: 1.0 → not
  [[6, 6.25, 0.25, 0.5], [-0.5, -0.25, -0.75, -0.5], [-1, 1.75, -1.25, 1.5]],
  // harami / homing pigeon: second body 1.0 == average 1.0 inside the first → fire (<=)
  [[6, 6.25, 0.25, 0.5], [3, 3.25, 1.75, 2]],
  [[0.5, 6.25, 0.25, 6], [2, 3.25, 1.75, 3]],
  // rising three methods with the first small body 1.0 == average 1.0 → does not fire (<) …
  [[0, 5.75, -0.25, 5.5], [5, 5.25, 3.75, 4], [4.25, 4.5, 3.5, 3.75], [4, 4.25, 3.25, 3.5], [3.75, 6.75, 3.5, 6.5]],
  // … and with 0.75 → fires
  [[0, 5.75, -0.25, 5.5], [4.75, 5, 3.75, 4], [4.25, 4.5, 3.5, 3.75], [4, 4.25, 3.25, 3.5], [3.75, 6.75, 3.5, 6.5]],
  // mat hold: gap-up small black body 1.0 == average 1.0 → does not fire (<); then 0.75 → fires
  [[0, 5.75, -0.25, 5.5], [7, 7.25, 5.75, 6], [5.25, 5.5, 4.5, 5], [5, 5.25, 4.5, 4.75], [5, 8, 4.75, 7.75]],
  [[0, 5.75, -0.25, 5.5], [6.75, 7, 5.75, 6], [5.25, 5.5, 4.5, 5], [5, 5.25, 4.5, 4.75], [5, 8, 4.75, 7.75]],
  // upside gap two crows: small black body 1.0 == average → fires (<=)
  [[0, 5.75, -0.25, 5.5], [7, 7.25, 5.75, 6], [7.25, 7.5, 5.5, 5.75]],
  // three inside down: small body 1.0 == average → fires (<=)
  [[0, 5.75, -0.25, 5.5], [3, 4.25, 2.75, 4], [3.75, 4, -0.5, -0.25]],
  // unique three river: third body 1.0 vs average (9×0.5 + 5.5 + 1.5… ) – recorded as TA-Lib says
  [[6, 6.25, 0.25, 0.5], [2, 2.25, -1.25, 1], [-0.5, 0.75, -0.75, 0.5]],
];

function tiesSeries(repeats) {
  const out = { date: [], open: [], high: [], low: [], close: [] };
  const start = Date.UTC(2008, 0, 1);
  const base = 64;
  const push = (o, h, l, c) => {
    const d = new Date(start + out.close.length * 86400000);
    out.date.push(d.toISOString().slice(0, 10));
    out.open.push(o); out.high.push(h); out.low.push(l); out.close.push(c);
  };
  const background = (count) => {
    for (let j = 0; j < count; ++j) {
      if (out.close.length % 2 === 0) push(base, base + 0.75, base - 0.25, base + 0.5);
      else push(base + 0.5, base + 0.75, base - 0.25, base);
    }
  };
  for (let r = 0; r < repeats; ++r) {
    for (const template of TIE_TEMPLATES) {
      background(14);
      for (const [o, h, l, c] of template) push(base + o, base + h, base + l, base + c);
    }
  }
  background(14);
  return out;
}

const patterns = talib.functions.filter((f) => f.group === 'Pattern Recognition').map((f) => f.name);
if (patterns.length !== 61) throw new Error(`expected 61 pattern functions, found ${patterns.length}`);

// Op keys: every pattern with defaults, plus non-default penetrations where TA-Lib has the parameter.
function opKeys() {
  const keys = [];
  for (const name of patterns) {
    const info = talib.explain(name);
    // The addon wants every optional input spelled out: pass TA-Lib's defaults explicitly.
    const defaults = Object.fromEntries(info.optInputs.map((p) => [p.name, p.defaultValue]));
    keys.push({ key: name.toLowerCase(), name, params: defaults });
    if (info.optInputs.some((p) => p.name === 'optInPenetration')) {
      for (const pen of [0, 0.1, 0.8]) {
        keys.push({ key: `${name.toLowerCase()}(penetration=${pen})`, name, params: { optInPenetration: pen } });
      }
    }
  }
  return keys;
}

function run(series, op) {
  if (process.env.DEBUG) console.error(op.key);
  const n = series.close.length;
  const out = new Array(n).fill(null);
  const res = talib.execute({
    name: op.name, startIdx: 0, endIdx: n - 1,
    open: series.open, high: series.high, low: series.low, close: series.close, ...op.params,
  });
  if (!res || res.error) throw new Error(`${op.key}: ${res.error}`);
  const values = res.result.outInteger;
  for (let i = 0; i < res.nbElement; ++i) out[res.begIndex + i] = values[i];
  return out;
}

function writeSeries(file, series) {
  const lines = ['date,open,high,low,close'];
  for (let i = 0; i < series.close.length; ++i) {
    const cell = (v) => (Number.isNaN(v) ? '' : String(v));
    lines.push([series.date[i], cell(series.open[i]), cell(series.high[i]), cell(series.low[i]), cell(series.close[i])].join(','));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

const inputs = [];
for (const stem of ['MSFT', 'XOM', 'JPM']) {
  inputs.push({ stem, origin: `reference/inputs/${stem}.csv (600 rows)`, series: readCsv(path.join(referenceInputs, `${stem}.csv`)) });
}
for (const stem of ['AAPL', 'AMD', 'C', 'T', 'KO']) {
  inputs.push({ stem: `${stem}.full`, origin: `data/prices/${stem}.csv (all rows)`, series: readCsv(path.join(pricesDir, `${stem}.csv`)) });
}
inputs.push({ stem: 'synthetic', origin: 'syntheticSeries(3000, 20261128) in this script', series: syntheticSeries(3000, 20261128) });
inputs.push({ stem: 'ties', origin: 'tiesSeries(1) in this script', series: tiesSeries(1) });
inputs.push({ stem: 'planted', origin: 'plantedSeries(2000, 424242) in this script', series: plantedSeries(2000, 424242) });
{
  // A constant series: every body, shadow and range is 0, so every average is 0.
  const n = 40;
  const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2001, 0, 1) + i * 86400000).toISOString().slice(0, 10));
  const flat = new Array(n).fill(10);
  inputs.push({ stem: 'constant', origin: '40 rows with open = high = low = close = 10', series: { date: dates, open: flat, high: flat, low: flat, close: flat } });
}
{
  // MSFT's reference input with NaN cells, to pin how NaN propagates through the candle averages.
  const s = readCsv(path.join(referenceInputs, 'MSFT.csv'));
  s.close[100] = NaN; s.open[250] = NaN; s.high[400] = NaN; s.low[401] = NaN;
  inputs.push({ stem: 'MSFT.nan', origin: 'reference/inputs/MSFT.csv with close[100], open[250], high[400], low[401] set to NaN', series: s });
}

const manifest = {
  source: `npm package talib ${talibPackage.version} (node-talib), bundling the TA-Lib C library ${talibVersion}`,
  settings: 'default compatibility, unstable period 0, candle settings at their defaults',
  tolerance: 'exact (integer outputs, identical null positions)',
  inputs: {},
};
const keys = opKeys();
for (const input of inputs) {
  const result = {};
  const fired = {};
  const never = [];
  for (const op of keys) {
    result[op.key] = { integer: run(input.series, op) };
    const count = result[op.key].integer.filter((v) => v !== null && v !== 0).length;
    if (!op.key.includes('(')) {
      fired[op.key] = count;
      if (count === 0) never.push(op.key);
    }
  }
  writeSeries(path.join(outDir, `${input.stem}.csv`), input.series);
  fs.writeFileSync(path.join(outDir, `${input.stem}.patterns.json`), serialize(result));
  manifest.inputs[input.stem] = { origin: input.origin, rows: input.series.close.length, nonzero: fired, never_fire: never };
}
fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');

// One op per line keeps diffs of regenerated files readable.
function serialize(result) {
  const lines = Object.entries(result).map(([k, v]) => `${JSON.stringify(k)}: {"integer": ${JSON.stringify(v.integer)}}`);
  return '{\n' + lines.join(',\n') + '\n}\n';
}
