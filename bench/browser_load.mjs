// Browser load benchmark: what a person waits for and what the app costs when
// nothing happens, measured in Debian's chromium against the real server.
//
//   node bench/browser_load.mjs        (PATHWAY_SERVER / PATHWAY_WEB as in tests/e2e/harness.mjs)
//
// Prints:
// - first load: compressed bytes the page transfers on a first visit with an
//   empty cache (the sum of CDP Network.loadingFinished encodedDataLength over
//   the page's requests; the service worker's precache runs afterwards, mostly
//   from the HTTP cache) and the time to the first frame;
// - cached cold start: a new browser process on the same profile, so the
//   service worker and its caches are on disk, from navigation to the first
//   frame (window.pathway.ready), median of several runs;
// - frames drawn in 5 idle seconds (window.pathway.frames) after start-up.
// Goals (issue 3): first load <= 1.5 MB compressed; cached start <= 1 s; idle frames 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEVICES, startServer } from '../tests/e2e/harness.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const COLD_STARTS = 5;
const IDLE_MS = 5000;

function report(name, value, unit, note = '') {
  console.log(`  ${name.padEnd(52)} ${value.padStart(12)} ${unit}  ${note}`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function openProfile(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...DEVICES.desktop,
  });
}

// Navigates and returns ms from navigation start to the app's first frame, as the page measured it.
async function loadToFirstFrame(page, url) {
  await page.goto(url);
  const handle = await page.waitForFunction(() => window.pathway?.ready === true && performance.now(), null,
    { polling: 'raf', timeout: 60_000 });
  return handle.jsonValue();
}

async function firstLoad(profile, url) {
  const context = await openProfile(profile);
  const page = context.pages()[0] ?? await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event) => { bytes += event.encodedDataLength; requests += 1; });
  const ms = await loadToFirstFrame(page, url);
  // Let the service worker install and precache before the browser closes.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
  await context.close();
  return { bytes, requests, ms };
}

async function cachedStart(profile, url, measureIdle) {
  const context = await openProfile(profile);
  const page = context.pages()[0] ?? await context.newPage();
  const ms = await loadToFirstFrame(page, url);
  let idleFrames = null;
  if (measureIdle) {
    await page.waitForTimeout(500);  // start-up frames (fonts, layout) settle
    const before = await page.evaluate(() => window.pathway.frames);
    await page.waitForTimeout(IDLE_MS);
    idleFrames = (await page.evaluate(() => window.pathway.frames)) - before;
  }
  await context.close();
  return { ms, idleFrames };
}

const server = await startServer();
const profile = mkdtempSync(join(tmpdir(), 'pathway-bench-profile-'));
try {
  console.log(`browser_load (load average ${loadavg()[0].toFixed(1)}: timings grow when other work shares the CPU)`);
  const first = await firstLoad(profile, server.url);
  report('first load: transferred (compressed)', (first.bytes / 1024 / 1024).toFixed(3), 'MB',
    `${first.requests} requests; goal <= 1.5 MB`);
  report('first load: to first frame', first.ms.toFixed(0), 'ms', 'empty cache, local server');

  const starts = [];
  let idleFrames = 0;
  for (let run = 0; run < COLD_STARTS; ++run) {
    const result = await cachedStart(profile, server.url, run === COLD_STARTS - 1);
    starts.push(result.ms);
    if (result.idleFrames !== null) idleFrames = result.idleFrames;
  }
  report('cached cold start: to first frame (median)', median(starts).toFixed(0), 'ms',
    `max ${Math.max(...starts).toFixed(0)} ms of ${COLD_STARTS} new browser processes; goal <= 1000 ms`);
  report(`frames drawn in ${IDLE_MS / 1000} idle seconds`, String(idleFrames), 'frames', 'goal 0');
} finally {
  await server.stop();
  rmSync(profile, { recursive: true, force: true });
}
