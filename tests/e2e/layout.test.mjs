// Tablet and phone layouts (issue 10), against the real server:
// - tablet in landscape (1024x768, DPR 2): the caseload and the young person
//   side by side; the open card is marked chosen; no Back to the caseload is
//   drawn; the browser's Back closes the young person; turned to portrait
//   (768 wide) it is one pane with a Back control;
// - phone (390x844, DPR 3): one pane at a time; the browser's Back steps from
//   the visit to the young person to the caseload, as the app's own Back
//   controls do (and the two agree: after the app's Back, the browser's
//   history is back at the caseload's entry); the address never changes,
//   so no record id or name is in it.
// Screenshots go to build/screenshots (look at them).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, openApp, useServerAndBrowser } from './harness.mjs';

const PASSPHRASE = 'example layout passphrase';
const SHOTS = join(ROOT, 'build/screenshots');
const running = useServerAndBrowser();

const labels = async (app) => (await app.items()).map((item) => item.label);
const depth = (page) => page.evaluate(() => (history.state && history.state.pathwayDepth) || 0);

test('tablet: caseload and young person side by side; Back closes the young person; portrait is one pane', async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'tablet');
  try {
    await app.setPassphrase(PASSPHRASE);
    const row = await app.firstRow();
    await app.tapItem(row);
    await app.waitForItem('Contact details');
    const shown = await labels(app);
    assert.ok(shown.includes('Your caseload'), 'the caseload stays on screen');
    assert.ok(!shown.includes('Caseload'), 'no Back to the caseload beside it');
    const card = (await app.items()).find((item) => item.label === row.label && item.flags.includes('button'));
    assert.ok(card.flags.includes('selected'), 'the open card is marked chosen');
    const heading = (await app.items()).find((item) => item.label === row.label && item.role === 'heading');
    assert.ok(heading.x > card.x + card.w, 'the young person is to the right of the caseload');
    await app.screenshot('layout-tablet-two-panes', SHOTS);

    await page.goBack();
    await app.waitForItem('Choose a young person to see their record.');
    assert.equal(await depth(page), 0);

    await app.tapItem(await app.firstRow());
    await app.waitForItem('Contact details');
    await page.setViewportSize({ width: 768, height: 1024 });
    await app.waitForItem('Caseload');
    assert.ok(!(await labels(app)).includes('Your caseload'), 'portrait: one pane');
    await app.screenshot('layout-tablet-portrait', SHOTS);
    assert.equal(page.url(), running.server.url, 'the address never changes');
  } finally {
    await context.close();
  }
});

test('phone: one pane at a time; the browser Back steps visit -> young person -> caseload, as the app\'s Back does', async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'phone');
  try {
    await app.setPassphrase(PASSPHRASE);
    const person = (await app.firstRow()).label;
    const tapped = await page.evaluate(() => performance.now());
    await app.tap(person);
    await app.waitForItem('Caseload');
    const toPerson = await page.evaluate((from) => performance.getEntriesByName('pathway-person-drawn')[0].startTime - from, tapped);
    console.log(`# phone: tap on a card to the young person drawn: ${toPerson.toFixed(1)} ms`);
    assert.ok(!(await labels(app)).includes('Your caseload'), 'one pane');
    await app.tap('Record visit');
    await app.waitForItem('Record a visit');
    assert.equal(await depth(page), 2);
    await app.screenshot('layout-phone-visit', SHOTS);

    await page.goBack();
    await app.waitForItem('Contact details');
    await app.waitForItem(person);
    assert.equal(await depth(page), 1);
    await page.goBack();
    await app.waitForItem('Your caseload');
    assert.equal(await depth(page), 0);

    // The app's own Back and the browser's agree.
    await app.tap(person);
    await app.waitForItem('Caseload');
    await app.tap('Caseload');
    await app.waitForItem('Your caseload');
    await page.waitForFunction(() => !history.state || history.state.pathwayDepth === 0);
    assert.equal(page.url(), running.server.url, 'the address never changes');
  } finally {
    await context.close();
  }
});
