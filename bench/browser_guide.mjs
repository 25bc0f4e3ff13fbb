// Browser benchmark of the care leaver's guide and the semantic DOM mirror
// (issue 11), in Debian's chromium against the real server:
//
//   node bench/browser_guide.mjs       (PATHWAY_SERVER / PATHWAY_WEB as in tests/e2e/harness.mjs)
//
// Prints:
// - the guide's first-load transfer beyond the app shell: compressed bytes
//   (CDP Network.loadingFinished encodedDataLength) of a first visit to
//   /guide with an empty cache, less those of a first visit to / (the shell:
//   page, module, fonts), each in its own new context. Goal: at most 300 KB.
// - search latency a keystroke, phone emulation (DPR 3, touch) with 4x CPU
//   throttling (CDP Emulation.setCPUThrottlingRate): "council tax" and
//   "counsil tax" typed a letter at a time; from the keydown to the end of the
//   frame that drew its results (the app's frame counter, set when a frame is
//   drawn). That includes waiting for the next animation frame (up to one
//   display frame, about 16.7 ms at 60 Hz), which the baseline measures in
//   the same run: the same keys typed into the passphrase field on the first
//   screen (a frame drawn for a key, nothing searched); the goal is judged
//   on the difference of the medians. The search alone is bench_guide.cpp's.
// - the DOM mirror's cost a frame (window.pathway.mirrorUpdateMs: building
//   the frame's changes in C++, parsing them and bringing the hidden tree in
//   step) while scrolling, so every frame moves every item, on the guide's
//   home and on the caseload, with the number of items mirrored. Goal: at
//   most 1 ms for a 200-row caseload; the device's demo caseload is smaller,
//   so the 200-row figure is EXTRAPOLATED from it, linearly: an upper bound,
//   since rows that stay scrolled out of view send nothing to the DOM.
import { loadavg } from 'node:os';
import { AppDriver, DEVICES, launchBrowser, startServer } from '../tests/e2e/harness.mjs';

const PASSPHRASE = 'benchmark passphrase, not a secret';
const QUERIES = ['council tax', 'counsil tax'];

function report(name, value, unit, note = '') {
  console.log(`  ${name.padEnd(60)} ${value.padStart(10)} ${unit}  ${note}`);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const max = (values) => Math.max(...values);

// A first visit with an empty cache: compressed bytes in all, and those of
// the guide's own requests (its bundle, /api/guide).
async function firstVisitBytes(browser, url) {
  const context = await browser.newContext(DEVICES.phone);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  let all = 0, guide = 0;
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
  cdp.on('Network.loadingFinished', (event) => {
    all += event.encodedDataLength;
    if (new URL(urls.get(event.requestId) || 'about:blank').pathname.startsWith('/api/guide')) guide += event.encodedDataLength;
  });
  await page.goto(url);
  await page.waitForFunction(() => window.pathway?.ready === true, null, { timeout: 60_000 });
  await page.waitForTimeout(3000);  // the guide bundle and the service worker's precache settle
  await context.close();
  return { all, guide };
}

// Records, for every keydown, when it was handled and when the next frame was drawn.
function instrumentFrames() {
  const api = window.pathway;
  let frames = api.frames;
  const samples = [];
  let pending = null;
  document.addEventListener('keydown', () => { pending = { down: performance.now() }; }, true);
  Object.defineProperty(api, 'frames', {
    configurable: true,
    get: () => frames,
    set: (value) => {
      frames = value;
      if (pending) { samples.push({ total: performance.now() - pending.down }); pending = null; }
    },
  });
  window.keySamples = samples;
}

async function typeAndTime(page, text) {
  await page.evaluate(() => { window.keySamples.length = 0; });
  for (const key of text) {
    await page.keyboard.type(key);
    await page.waitForTimeout(120);  // one keystroke at a time, as a person types
  }
  return page.evaluate(() => window.keySamples.map((s) => s.total));
}

async function searchLatency(browser, url) {
  const context = await browser.newContext(DEVICES.phone);
  const page = await context.newPage();
  const app = new AppDriver(page, DEVICES.phone);
  const cdp = await context.newCDPSession(page);
  await page.goto(new URL('/guide', url).href);
  await app.waitUntilReady(60_000);
  await app.waitForItem('Search the guide', { timeout: 30_000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluate(instrumentFrames);
  const searched = [];
  for (const words of QUERIES) {
    await app.tap('Search the guide');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(300);
    searched.push(...await typeAndTime(page, words));
  }
  // Baseline: the same keys into a field that searches nothing (the password on the first screen).
  await page.goto(url);
  await app.waitUntilReady(60_000);
  await app.tap('Password');
  await page.evaluate(instrumentFrames);
  const baseline = await typeAndTime(page, QUERIES.join(''));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
  return { searched, baseline };
}

async function mirrorCost(page, app) {
  const samples = [];
  let items = 0;
  const { width, height } = page.viewportSize();
  await page.mouse.move(width / 2, height / 2);
  for (let i = 0; i < 30; i++) {
    await page.mouse.wheel(0, i % 10 < 5 ? height / 4 : -height / 4);
    await page.waitForTimeout(60);
    samples.push(await page.evaluate(() => window.pathway.mirrorUpdateMs()));
  }
  items = (await page.evaluate(() => window.pathway.allItems())).length;
  return { samples, items };
}

const server = await startServer();
const browser = await launchBrowser();
try {
  console.log(`browser_guide (load average ${loadavg()[0].toFixed(1)})`);
  const shell = await firstVisitBytes(browser, server.url);
  const visit = await firstVisitBytes(browser, new URL('/guide', server.url).href);
  report('first visit to / (the app shell, with the guide kept for offline)', (shell.all / 1024).toFixed(0), 'KiB');
  report('baseline: first visit to /guide, everything', (visit.all / 1024).toFixed(0), 'KiB');
  report('the guide beyond the app shell (its bundle, /api/guide)', (visit.guide / 1024).toFixed(1), 'KiB',
    `goal <= 300 KB: ${visit.guide <= 300_000 ? 'met' : 'MISSED'}`);

  const { searched, baseline } = await searchLatency(browser, server.url);
  report(`search a keystroke, keydown to frame drawn, 4x CPU (${searched.length} keys)`,
    median(searched).toFixed(1), 'ms', `max ${max(searched).toFixed(1)} ms`);
  report(`baseline: a key with no search, keydown to frame drawn (${baseline.length})`,
    median(baseline).toFixed(1), 'ms', `max ${max(baseline).toFixed(1)} ms`);
  // The goal is the search's latency: what a keystroke costs beyond any frame for a key.
  const share = median(searched) - median(baseline);
  report('search\'s own share of a keystroke (median difference)', share.toFixed(1), 'ms',
    `goal <= 20 ms: ${share <= 20 ? 'met' : 'MISSED'}`);

  const context = await browser.newContext(DEVICES.phone);
  const page = await context.newPage();
  const app = new AppDriver(page, DEVICES.phone);
  await page.goto(new URL('/guide', server.url).href);
  await app.waitUntilReady(60_000);
  await app.waitForItem('Search the guide', { timeout: 30_000 });
  const home = await mirrorCost(page, app);
  report(`DOM mirror a frame, guide home, scrolling (${home.items} items)`, median(home.samples).toFixed(3), 'ms',
    `max ${max(home.samples).toFixed(3)} ms`);
  await page.goto(server.url);
  await app.waitUntilReady(60_000);
  await app.setPassphrase(PASSPHRASE);
  const caseload = await mirrorCost(page, app);
  const perHundred = (100 * median(caseload.samples)) / caseload.items;
  report(`DOM mirror a frame, caseload, scrolling (${caseload.items} items)`, median(caseload.samples).toFixed(3), 'ms',
    `max ${max(caseload.samples).toFixed(3)} ms; ${perHundred.toFixed(3)} ms per 100 items`);
  // Per row: the whole frame's cost shared among the rows drawn (the heading
  // and status strip counted as rows too, so the figure leans high).
  const rows = (await page.evaluate(() => window.pathway.allItems())).filter((item) => item.flags.includes('button')).length || 1;
  const twoHundred = (median(caseload.samples) / rows) * 200;
  report('DOM mirror a frame, 200-row caseload (EXTRAPOLATED)', twoHundred.toFixed(3), 'ms',
    `from ${rows} rows; goal <= 1 ms: ${twoHundred <= 1 ? 'met' : 'MISSED'}`);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
