// The page around the app (shell.html + web/loader.js): a browser without
// WebGL 2 or without IndexedDB gets a plain sentence saying what is missing
// and what to do, instead of a blank canvas; a capable one loads the app.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useServerAndBrowser } from './harness.mjs';

const running = useServerAndBrowser();

// Opens the page with `removeFeature` run before any of its scripts, and
// returns the failure message shown (or null once the app is ready).
async function loadWithout(removeFeature) {
  const context = await running.browser.newContext();
  try {
    const page = await context.newPage();
    if (removeFeature) await page.addInitScript(removeFeature);
    await page.goto(running.server.url);
    await page.waitForFunction(() => window.pathway?.ready === true || !document.getElementById('failure').hidden,
      null, { timeout: 30_000 });
    return await page.evaluate(() => {
      const failure = document.getElementById('failure');
      return failure.hidden ? null : document.getElementById('failure-message').textContent;
    });
  } finally {
    await context.close();
  }
}

const cases = [
  {
    name: 'no WebGL 2',
    remove: () => {
      const getContext = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return kind === 'webgl2' ? null : getContext.call(this, kind, ...rest);
      };
    },
    message: /WebGL 2 is turned off or not supported/,
  },
  {
    name: 'no IndexedDB (some private modes)',
    remove: () => { Object.defineProperty(window, 'indexedDB', { value: undefined }); },
    message: /IndexedDB is not available/,
  },
  { name: 'a capable browser', remove: null, message: null },
];

for (const { name, remove, message } of cases) {
  test(`shell: ${name}`, async () => {
    const shown = await loadWithout(remove);
    if (message) assert.match(shown ?? '', message);
    else assert.equal(shown, null);
  });
}
