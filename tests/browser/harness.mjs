// What every browser test shares: its arguments, the skip rule (exit 77), numbered steps, the
// `streams serve` child process, Debian's Chromium through playwright-core (never a downloaded
// browser), temporary directories, and the failure report and clean-up at the end.
//
//   const t = new BrowserTest('overview.test.mjs');          // --streams PATH [--web-root DIR] [--out DIR]
//   const server = t.startServer(['serve', '--port', '0', ...]);
//   try { const base = await server.ready; const browser = await t.launch({ viewport }); ... }
//   catch (e) { t.failed(e, consoleErrors); } finally { await t.finish(); }
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SKIP = 77;
export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// The server prints its URL on a line of its own once it listens; only complete lines count (a
// chunk may end in the middle of the port number).
const URL_LINE = /(https?:\/\/(?:\[[0-9a-fA-F:]+\]|[\w.-]+):\d+)[^\n]*\n/;
export const serverUrl = (output) => {
  const m = URL_LINE.exec(output);
  return m ? m[1].replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://127.0.0.1:') : null;
};

function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(SKIP);
}

export class BrowserTest {
  constructor(script) {
    const args = process.argv.slice(2);
    const opt = (name, def) => {
      const i = args.indexOf(name);
      return i >= 0 && i + 1 < args.length ? args[i + 1] : def;
    };
    this.script = script;
    this.streams = opt('--streams', process.env.STREAMS_BIN);
    this.webRoot = resolve(opt('--web-root', join(repo, 'web', 'dist')));
    this.outDir = resolve(opt('--out', join(repo, 'build', 'browser-screenshots')));
    this.chromiumPath = opt('--chromium', process.env.CHROMIUM ?? '/usr/bin/chromium');
    if (!this.streams) {
      console.error(`usage: ${script} --streams PATH [--web-root DIR] [--out DIR] [--chromium PATH]`);
      process.exit(2);
    }
    if (!existsSync(join(this.webRoot, 'index.html'))) skip(`${this.webRoot}/index.html missing: run \`npm ci && npm run build\` in web/`);
    if (!existsSync(this.chromiumPath)) skip(`no Chromium at ${this.chromiumPath}`);
    try {
      this.chromium = createRequire(join(repo, 'web', 'package.json'))('playwright-core').chromium;
    } catch {
      skip('playwright-core not installed: run `npm ci` in web/');
    }
    mkdirSync(this.outDir, { recursive: true });
    this.results = [];
    this.failures = 0;
    this.exitCode = 0;
    this.serverLog = [];
    this.servers = [];
    this.tempDirs = [];
    this.browser = null;
  }

  // A fresh directory, removed by finish().
  tempDir(prefix) {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.tempDirs.push(dir);
    return dir;
  }

  // Runs one named check; a failure is printed and rethrown (the test stops at the first).
  async step(name, fn) {
    const t0 = Date.now();
    try {
      await fn();
      this.results.push(name);
      console.log(`ok - ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      this.failures += 1;
      console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split('\n').join('\n  ')}`);
      throw e;
    }
  }

  // Starts `streams <args>`. `ready` resolves with waitFor(all output so far) once that returns
  // something other than null (default: the URL the server listens on). The server's lines are
  // echoed until it is ready; later output is kept for the failure report only.
  startServer(args, { env = {}, waitFor = serverUrl } = {}) {
    const child = spawn(this.streams, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
    this.servers.push(child);
    const ready = new Promise((resolveReady, reject) => {
      let seen = '';
      let up = false;
      const timer = setTimeout(() => reject(new Error(`server not up within 300 s; output:\n${seen}`)), 300_000);
      const onData = (buf) => {
        const text = buf.toString();
        seen += text;
        if (up) {
          this.serverLog.push(text);
          return;
        }
        process.stdout.write(text.split('\n').filter(Boolean).map((l) => `  [server] ${l}\n`).join(''));
        const value = waitFor(seen);
        if (value !== null) {
          up = true;
          clearTimeout(timer);
          resolveReady(value);
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

  // SIGTERM, then SIGKILL after 5 s.
  async stopServer(child) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timeout = new Promise((r) => setTimeout(() => r('timeout'), 5000));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  }

  // Headless Chromium with a fresh profile; `options` adds to or overrides the context options.
  async launch(options = {}) {
    this.browser = await this.chromium.launchPersistentContext(this.tempDir('streams-browser-profile-'), {
      executablePath: this.chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      colorScheme: 'light',
      ...options,
    });
    return this.browser;
  }

  // The report of a failed run: the error (unless a step printed it), the server's last lines and
  // the browser console's errors.
  failed(e, consoleErrors = [], tailLines = 40) {
    this.exitCode = 1;
    if (this.failures === 0) console.log(`not ok - ${String(e?.stack ?? e)}`);
    const tail = this.serverLog.join('').split('\n').slice(-tailLines).map((l) => `#  [server] ${l.slice(0, 300)}`).join('\n');
    console.log(`# last server lines:\n${tail}`);
    if (consoleErrors.length > 0) console.log(`# console errors:\n#  ${consoleErrors.join('\n#  ')}`);
  }

  // A screenshot of the failure, then the browser, the servers and the temporary directories go;
  // exits with 0 or 1.
  async finish() {
    const name = this.script.replace(/\.test\.mjs$/, '');
    try {
      if (this.browser) {
        const page = this.browser.pages()[0];
        if (page && this.exitCode !== 0) await page.screenshot({ path: join(this.outDir, `${name}-failure.png`), fullPage: true }).catch(() => {});
        await this.browser.close();
      }
    } catch {}
    for (const child of this.servers) await this.stopServer(child);
    for (const dir of this.tempDirs) rmSync(dir, { recursive: true, force: true });
    console.log(`# ${this.results.length} passed, ${this.failures} failed; screenshots in ${this.outDir}`);
    process.exit(this.exitCode);
  }
}
