// The offline PWA against the real server and the packaged app:
// - after one online visit the service worker holds this build, and with the
//   network off a reload still starts the app (from the worker's cache), while
//   /api/ is never answered from a cache;
// - a new build deployed while the app is open installs and waits; the app is
//   told (window.pathwayPwa and its "Reload to update" banner) and, when the
//   person taps it, reloads into the new build and old caches are deleted.
//
// The web folder is copied to a temporary folder so the test can deploy a
// "new build" into it (a sw.js with another build id) without touching
// build/web.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openApp, startServer, WEB_DIR } from './harness.mjs';

let web;
let server;
let browser;

before(async () => {
  web = mkdtempSync(join(tmpdir(), 'pathway-web-'));
  cpSync(WEB_DIR, web, { recursive: true });
  server = await startServer({ web });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (web) rmSync(web, { recursive: true, force: true });
});

const buildOf = (folder) => JSON.parse(readFileSync(join(folder, 'build.json'), 'utf8')).build;

// Waits until a service worker controls the page and returns the cache names.
async function waitForControllingWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  return page.evaluate(() => caches.keys());
}

// The build id of the worker in control of the page, in its own words (web/sw.js).
function controllerBuild(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const controller = navigator.serviceWorker.controller;
    if (!controller) { reject(new Error('no service worker controls the page')); return; }
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    controller.postMessage({ type: 'BUILD_ID' }, [channel.port2]);
  }));
}

// Deploys a "new build": the same files with a service worker of another build id.
function deployNewBuild(folder) {
  const oldBuild = buildOf(folder);
  const newBuild = `${oldBuild.slice(0, 6)}0ffee0`;
  const sw = readFileSync(join(folder, 'sw.js'), 'utf8');
  assert.ok(sw.includes(oldBuild), 'sw.js names its build');
  writeFileSync(join(folder, 'sw.js'), sw.replaceAll(oldBuild, newBuild));
  for (const suffix of ['.br', '.gz']) rmSync(join(folder, `sw.js${suffix}`), { force: true });
  const info = JSON.parse(readFileSync(join(folder, 'build.json'), 'utf8'));
  writeFileSync(join(folder, 'build.json'), JSON.stringify({ ...info, build: newBuild }));
  return newBuild;
}

test('after one online visit the app starts with the network off', async () => {
  const { context, page, app } = await openApp(browser, server.url);
  try {
    const build = buildOf(web);
    const health = await (await fetch(`${server.url}api/health`)).json();
    assert.equal(health.version, build);

    const cacheNames = await waitForControllingWorker(page);
    assert.deepEqual(cacheNames, [`pathway-${build}`]);
    assert.equal(await controllerBuild(page), build);
    const precache = JSON.parse(readFileSync(join(web, 'build.json'), 'utf8')).precache;
    const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, cacheNames[0]);
    assert.equal(cached, precache.length, 'every file of the build is precached');

    await context.setOffline(true);
    const fromWorker = [];
    page.on('response', (response) => { if (response.fromServiceWorker()) fromWorker.push(response.url()); });
    await page.reload();
    await app.waitUntilReady();
    assert.ok(fromWorker.some((url) => url.endsWith('.wasm')), 'the module came from the service worker');
    assert.ok(fromWorker.some((url) => url === server.url), 'the page came from the service worker');

    // /api/ is never answered from a cache: offline it fails.
    const apiOffline = await page.evaluate(() => fetch('api/health').then(() => 'answered', () => 'failed'));
    assert.equal(apiOffline, 'failed');
    await context.setOffline(false);
    const apiOnline = await page.evaluate(() => fetch('api/health').then((r) => r.status));
    assert.equal(apiOnline, 200);
  } finally {
    await context.close();
  }
});

test('a new build is offered, and taken only when the person asks', async () => {
  const { context, page, app } = await openApp(browser, server.url);
  try {
    const oldBuild = buildOf(web);
    await waitForControllingWorker(page);
    const newBuild = deployNewBuild(web);

    // Navigation checks for a new worker; it installs and waits.
    await page.reload();
    await app.waitUntilReady();
    await page.waitForFunction(() => window.pathwayPwa?.updateWaiting === true, null, { timeout: 30_000 });
    // Still the old build in control: nothing was reloaded behind the person's back.
    assert.equal(await controllerBuild(page), oldBuild);
    assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [`pathway-${newBuild}`, `pathway-${oldBuild}`].sort());

    // The app shows the offer; tapping it reloads into the new build.
    await app.waitForItem('A new version of Pathway is ready.');
    await app.screenshot('update-offered');
    await app.tap(/Reload to update/);
    await page.waitForFunction((name) => caches.keys().then((keys) => keys.length === 1 && keys[0] === name),
      `pathway-${newBuild}`, { polling: 200, timeout: 30_000 });
    await app.waitUntilReady();
    assert.equal(await controllerBuild(page), newBuild);
    assert.equal(await page.evaluate(() => window.pathwayPwa.updateWaiting), false);
  } finally {
    await context.close();
  }
});
