// Development stand-in for `streams serve`: answers the /api/v1 contract the dashboard uses
// (instruments, sectors, bars) from the real CSV files of a data folder, and serves a web root.
// It exists so the UI and its browser test can be worked on before the C++ server is merged;
// the browser test runs against the real `streams serve` in CTest.
//   node scripts/dev-api.mjs [--data DIR] [--web-root DIR] [--port N]
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const dataDir = opt('--data', '/work/shared/data');
const webRoot = opt('--web-root', 'dist');
const port = Number(opt('--port', '0'));

function parseCsvLine(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const instruments = readFileSync(join(dataDir, 'instruments.csv'), 'utf8')
  .trim().split('\n').slice(1).map(parseCsvLine)
  .filter((r) => existsSync(join(dataDir, 'prices', `${r[0]}.csv`)))
  .map(([symbol, name, sector, industry]) => ({ symbol, name, sector, industry, exchange: '', currency: 'USD' }));

const cache = new Map();
function load(symbol) {
  if (cache.has(symbol)) return cache.get(symbol);
  const file = join(dataDir, 'prices', `${symbol}.csv`);
  if (!existsSync(file)) return null;
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const bars = rows.map((r) => ({ t: r[0], o: +r[1], h: +r[2], l: +r[3], c: +r[4], adj: +r[5], v: +r[6], split: +r[8] }));
  cache.set(symbol, bars);
  return bars;
}

function adjusted(bars, mode) {
  if (mode === 'none') return bars;
  if (mode === 'all') return bars.map((b) => { const f = b.adj / b.c; return { ...b, o: b.o * f, h: b.h * f, l: b.l * f, c: b.adj, v: b.v }; });
  const out = new Array(bars.length);
  let factor = 1;
  for (let i = bars.length - 1; i >= 0; i--) {
    const b = bars[i];
    out[i] = { ...b, o: b.o / factor, h: b.h / factor, l: b.l / factor, c: b.c / factor, v: b.v * factor };
    if (b.split && b.split !== 1) factor *= b.split;
  }
  return out;
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(text);
}
const error = (res, status, code, message) => send(res, status, { error: { code, message } });

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.png': 'image/png', '.json': 'application/json' };

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const q = url.searchParams;
  if (url.pathname === '/api/v1/instruments') {
    const text = (q.get('q') ?? '').toLowerCase();
    const list = instruments.filter((i) =>
      (!q.get('sector') || i.sector === q.get('sector')) &&
      (!q.get('industry') || i.industry === q.get('industry')) &&
      (!text || i.symbol.toLowerCase().includes(text) || i.name.toLowerCase().includes(text)));
    return send(res, 200, { instruments: list, count: list.length });
  }
  if (url.pathname === '/api/v1/sectors') {
    const m = new Map();
    for (const i of instruments) {
      const s = m.get(i.sector) ?? { sector: i.sector, count: 0, ind: new Map() };
      s.count++;
      s.ind.set(i.industry, (s.ind.get(i.industry) ?? 0) + 1);
      m.set(i.sector, s);
    }
    const sectors = [...m.values()].sort((a, b) => a.sector.localeCompare(b.sector)).map((s) => ({
      sector: s.sector, count: s.count,
      industries: [...s.ind].sort((a, b) => a[0].localeCompare(b[0])).map(([industry, count]) => ({ industry, count })),
    }));
    return send(res, 200, { sectors });
  }
  if (url.pathname === '/api/v1/bars') {
    const symbols = (q.get('symbols') ?? '').split(',').filter(Boolean);
    if (symbols.length === 0) return error(res, 400, 'missing_parameter', 'symbols: required');
    const adjust = q.get('adjust') ?? 'splits';
    if (!['splits', 'all', 'none'].includes(adjust)) return error(res, 400, 'bad_parameter', `adjust: must be splits, all or none`);
    const from = q.get('from') ?? '0000'; const to = q.get('to') ?? '9999';
    const series = [];
    for (const s of symbols) {
      const bars = load(s);
      if (!bars) return error(res, 404, 'unknown_symbol', `symbols: unknown symbol ${s}`);
      const sel = adjusted(bars, adjust).filter((b) => b.t >= from && b.t <= to);
      series.push({ symbol: s, t: sel.map((b) => b.t), open: sel.map((b) => b.o), high: sel.map((b) => b.h), low: sel.map((b) => b.l), close: sel.map((b) => b.c), volume: sel.map((b) => b.v) });
    }
    return send(res, 200, { timespan: 'day', adjust, series });
  }
  if (url.pathname.startsWith('/api/')) return error(res, 404, 'not_found', `no route ${url.pathname}`);
  let path = normalize(join(webRoot, decodeURIComponent(url.pathname)));
  if (!path.startsWith(normalize(webRoot))) { res.writeHead(403); return res.end(); }
  if (!existsSync(path) || statSync(path).isDirectory()) path = join(webRoot, 'index.html');
  if (!existsSync(path)) { res.writeHead(404); return res.end('not found'); }
  res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
  res.end(readFileSync(path));
});

server.listen(port, '127.0.0.1', () => {
  console.log(`dev-api listening on http://127.0.0.1:${server.address().port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGINT', () => server.close(() => process.exit(0)));
