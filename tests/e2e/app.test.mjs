// Browser tests of the app against the real server: a PA's day on a tablet
// (set a passphrase, add a note, reload, start offline from the service
// worker, add a note, reload: both notes are there); taps press buttons and
// the note field opens the keyboard input; a finger drag scrolls the caseload
// without opening anyone; the canvas is sized at device pixels (sharp text) on
// a tablet and a phone, and follows rotation; an idle app draws no frames; a
// wrong passphrase is refused with a clear message. Every test has its own
// browser context, so its own new device database. Screenshots go to
// test-results/screenshots (look at them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openApp, useServerAndBrowser } from './harness.mjs';

const PASSPHRASE = 'example tablet passphrase';
const running = useServerAndBrowser();

// Canvas backing store vs CSS size: sharp text needs one canvas pixel per device pixel.
function canvasPixels(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    return { width: canvas.width, cssWidth: canvas.clientWidth, height: canvas.height, cssHeight: canvas.clientHeight, ratio: devicePixelRatio };
  });
}

async function framesWhileIdle(page, ms) {
  const before = await page.evaluate(() => window.pathway.frames);
  await page.waitForTimeout(ms);
  return (await page.evaluate(() => window.pathway.frames)) - before;
}

test('tablet: taps press buttons, the note field opens the keyboard input, a saved note shows', async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'tablet');
  try {
    const pixels = await canvasPixels(page);
    assert.equal(pixels.ratio, 2);
    assert.equal(pixels.width, pixels.cssWidth * 2, 'canvas backing store at device pixels');
    assert.equal(pixels.height, pixels.cssHeight * 2);
    await app.screenshot('app-tablet-set-passphrase');

    await app.setPassphrase(PASSPHRASE);
    const row = await app.firstRow();
    await app.tap(row.label);
    await app.waitForItem('Add note');
    await app.tap('Add note');
    await app.waitForItem('New note');
    // A tap focuses the hidden textarea inside the gesture: on a real tablet this opens the keyboard.
    await page.waitForFunction(() => document.activeElement?.id === 'text-area');

    const note = 'Met at the library (fictional test note) about a GBP 20 bus pass.';
    await app.type(note);
    await app.tap('Save note');
    await app.waitForItem('Note saved on this device');
    await app.scrollTo(note);
    await app.waitForItem('Saved on this device');
    await page.waitForFunction(() => document.activeElement?.id !== 'text-area');  // keyboard closed again
    await app.screenshot('app-tablet-note-saved');
    // The note is pushed 2 s after it was saved; idle after that round.
    await app.waitForItem('Nothing waiting to sync');
    await app.waitForItem('Sync now');  // the round has pulled too ("Syncing..." until then)
    await app.waitForItem('Saved on this device');  // and its last page is on disk
    await page.waitForTimeout(1000);
    assert.equal(await framesWhileIdle(page, 1500), 0, 'an idle app draws no frames');
  } finally {
    await context.close();
  }
});

test("a PA's day: notes added online and offline survive reloads (the durability rule)", async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'tablet');
  try {
    await app.setPassphrase(PASSPHRASE);
    const person = (await app.firstRow()).label;
    const online = 'Talked through the college bursary form (fictional online note).';
    await app.addNote(person, online);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

    await page.reload();
    await app.waitUntilReady();
    await app.unlock(PASSPHRASE);
    await app.scrollToPerson(person);
    await app.tap(person);
    await app.scrollTo(online);

    // In the car park: no network. The app starts from the service worker.
    await context.setOffline(true);
    await page.reload();
    await app.waitUntilReady();
    await app.unlock(PASSPHRASE);
    await app.waitForItem(/Offline/);
    const offline = 'Saw them at the bus station, all well (fictional offline note).';
    await app.addNote(person, offline);
    await app.screenshot('app-tablet-offline-note');

    await page.reload();
    await app.waitUntilReady();
    await app.unlock(PASSPHRASE);
    await app.scrollToPerson(person);
    await app.tap(person);
    await app.scrollTo(offline);
    await app.scrollTo(online);
  } finally {
    await context.close();
  }
});

test('tablet: a finger drag scrolls the caseload and opens nobody', async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'tablet');
  try {
    await app.setPassphrase(PASSPHRASE);
    const row = await app.firstRow();
    const client = await context.newCDPSession(page);
    const x = row.x + row.w / 2;
    const from = row.y + row.h / 2 + 200;
    const points = (y) => [{ x, y, id: 1 }];
    await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(from) });
    for (let step = 1; step <= 10; step++) {
      await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(from - step * 20) });
    }
    await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(600);  // any glide settles
    const moved = (await app.items()).find((item) => item.label === row.label);
    assert.ok(!moved || moved.y < row.y - 150, `row scrolled up (was y=${row.y}, now ${moved?.y})`);
    await app.waitForItem('Your caseload');  // still on the caseload: a drag is not a tap
    assert.equal((await app.items()).some((item) => item.label === 'Add note'), false);
  } finally {
    await context.close();
  }
});

test('desktop: a wrong passphrase is refused plainly; the right one unlocks', async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'desktop');
  try {
    await app.setPassphrase(PASSPHRASE);
    await page.reload();
    await app.waitUntilReady();
    await app.waitForItem('Unlock', { timeout: 30_000 });
    await app.tap('Passphrase');
    await app.type('not the passphrase');
    await app.press('Enter');
    await app.waitForItem('That passphrase did not open Pathway. Check it and try again.', { timeout: 30_000 });
    await app.tap('Passphrase');
    await app.type(PASSPHRASE);
    await app.press('Enter');
    await app.waitForItem('Your caseload', { timeout: 30_000 });
    await app.screenshot('app-desktop-caseload');
    const pixels = await canvasPixels(page);
    assert.equal(pixels.width, pixels.cssWidth);
  } finally {
    await context.close();
  }
});

test('phone: canvas at 3x device pixels, caseload fits the width, rotation resizes', async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'phone');
  try {
    const pixels = await canvasPixels(page);
    assert.equal(pixels.width, pixels.cssWidth * 3);
    await app.setPassphrase(PASSPHRASE);
    const row = await app.firstRow();
    assert.ok(row.x >= 0 && row.x + row.w <= pixels.cssWidth, 'rows fit the phone width');
    assert.ok(row.h >= 44, 'touch targets at least 44 CSS px');
    await app.screenshot('app-phone-caseload');

    // Rotation: the backing store follows the new size, and the list reflows.
    await page.setViewportSize({ width: 844, height: 390 });
    await page.waitForFunction(() => document.getElementById('canvas').width === 844 * 3);
    await page.waitForFunction(() => window.pathway.items().some((item) => item.flags.includes('button') && item.w > 600));
    await app.screenshot('app-phone-landscape');
  } finally {
    await context.close();
  }
});
