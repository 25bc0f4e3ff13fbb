// Node side of the persistence test page (persist.html + persist_bench.js),
// shared by bench/browser_persist.mjs and tests/e2e/persist*.test.mjs: serves
// the built page on http://127.0.0.1 (IndexedDB needs a real origin), opens
// it in Debian's chromium and wraps the module's bench_* functions.
// PATHWAY_WASM_BUILD picks the wasm build folder (default build/wasm).
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { launchBrowser } from '../../tests/e2e/harness.mjs';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const PAGE_DIR = join(ROOT, process.env.PATHWAY_WASM_BUILD || 'build/wasm', 'bench/wasm');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

export const Phase = {
  loading: 0, needs_new_passphrase: 1, locked: 2, open: 3, failed: 4, damaged: 5,
  open_elsewhere: 6, taking_over: 7, handing_over: 8, closed: 9,
};
export const SaveState = { saved: 0, saving: 1, failed: 2 };
export const WRONG_KEY = 6;  // ErrorCode::wrong_key + 1

// The benchmark passphrase: obviously not anyone's.
export const PASSPHRASE = 'fictional bench passphrase';

export async function servePage() {
  if (!existsSync(join(PAGE_DIR, 'persist_bench.wasm'))) {
    throw new Error(`${PAGE_DIR}/persist_bench.wasm is missing: build target pathway_persist_bench (wasm)`);
  }
  const server = createServer((request, response) => {
    const file = join(PAGE_DIR, new URL(request.url, 'http://x').pathname.replace(/^\/+/, '') || 'persist.html');
    if (!file.startsWith(PAGE_DIR) || !existsSync(file)) { response.writeHead(404).end(); return; }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/persist.html`, close: () => new Promise((r) => server.close(r)) };
}

// A page with the module loaded, plus typed wrappers over its functions.
export async function openPage(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.persistReady === true);
  const call = (name, returns, types, args) =>
    page.evaluate(([n, r, t, a]) => Module.ccall(n, r, t, a), [name, returns, types, args]);
  return {
    page,
    call,
    // Starts database `name` and waits until it has loaded (locked, new or failed).
    async start(name, { blockSize = 0, kdfMemoryKib = 19456, kdfIterations = 2 } = {}) {
      return page.evaluate(async ([n, b, m, t]) => {
        const started = performance.now();
        Module.ccall('bench_start', null, ['string', 'number', 'number', 'number'], [n, b, m, t]);
        await persist.until(() => persist.phase() !== 0);
        return { phase: persist.phase(), ms: performance.now() - started };
      }, [name, blockSize, kdfMemoryKib, kdfIterations]);
    },
    // create / unlock, then wait until every save is confirmed.
    async openWith(action, passphrase = PASSPHRASE) {
      return page.evaluate(async ([a, p]) => {
        const started = performance.now();
        const code = Module.ccall(a, 'number', ['string'], [p]);
        const opened = performance.now();
        if (code === 0) await persist.until(() => persist.saveState() !== 1);
        return { code, ms: opened - started, kdfMs: Module.ccall('bench_kdf_ms', 'number', [], []) };
      }, [`bench_${action}`, passphrase]);
    },
    // Runs bench function `name(args)` (a write) and times it until IndexedDB confirms the save.
    async durable(name, types, args) {
      return page.evaluate(async ([n, t, a]) => {
        const started = performance.now();
        const code = Module.ccall(n, 'number', t, a);
        await persist.until(() => persist.saveState() !== 1);
        return { code, ms: performance.now() - started, state: persist.saveState() };
      }, [name, types, args]);
    },
    fileSize: () => call('bench_file_size', 'number', [], []),
    check: () => call('bench_check', 'string', [], []),
    failure: () => call('bench_failure', 'string', [], []),
    query: (sql) => call('bench_query', 'string', ['string'], [sql]),
    setting: (key) => call('bench_setting', 'string', ['string'], [key]),
  };
}

export { launchBrowser };
