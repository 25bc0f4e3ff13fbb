// The care leaver's guide and the semantic DOM mirror, on a phone (DPR 3,
// touch) against the real server:
// - the guide opens from the first screen with no account, and from its links;
// - search "council tax" and "counsil tax" (a typo) and open the result;
// - "What can I get?" answered as a 19-year-old at university;
// - offline, a reload still opens the guide (service worker + kept bundle);
// - axe-core (npm, pinned) finds no WCAG 2.2 A/AA or best-practice violation
//   on the guide's pages, the sign-in screen and the caseload;
// - ARIA snapshots of the guide and the caseload: the roles and names a
//   screen reader gets;
// - keyboard only: Tab and Enter through the guide, the passphrase, to a caseload row;
// - text at 200% on a 320 px wide screen loses nothing (every item fits);
// - screenshots of every guide page in the light and the dark theme.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEMO_PASSWORD, DEVICES, ROOT, axeViolations, openApp, useServerAndBrowser } from './harness.mjs';

const running = useServerAndBrowser();
const at = (path) => new URL(path, running.server.url).href;
const TOPICS = ['your-pa', 'money', 'housing', 'education', 'work', 'health', 'rights', 'ages', 'asylum', 'contacts'];

// Activates an element of the DOM mirror as assistive technology does (a click on the element).
async function activateInMirror(page, role, name) {
  await page.waitForFunction(([r, n]) => [...document.querySelectorAll('#mirror ' + r)].some((e) => e.textContent === n), [role, name]);
  await page.evaluate(([r, n]) => [...document.querySelectorAll('#mirror ' + r)].find((e) => e.textContent === n).click(), [role, name]);
}

async function waitForHeading(page, name) {
  await page.waitForFunction((n) => [...document.querySelectorAll('#mirror h1')].some((e) => e.textContent === n), name, { timeout: 20_000 });
}

// Opens the guide at `path` and waits until its page (any heading) is drawn.
async function openGuide(device = 'phone', path = '/guide') {
  const opened = await openApp(running.browser, at(path), device);
  await opened.page.waitForFunction(() => document.querySelector('#mirror h1') !== null, null, { timeout: 30_000 });
  return opened;
}

test('phone: the guide opens from the first screen with no account; search finds council tax, typo and all', async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'phone');
  try {
    await app.waitForItem('Sign in to set up this device', { timeout: 30_000 });
    await app.tap(/^Care leaver\? Read the guide/);
    await waitForHeading(page, 'Your rights after care');
    assert.equal(new URL(page.url()).pathname, '/guide', 'the address is the guide link, nothing more');
    await app.screenshot('guide-phone-home');

    for (const words of ['council tax', 'counsil tax']) {
      await app.tap('Search the guide');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await app.type(words);
      await app.waitForItem(/pages? found$/);
      // Results are a list in the mirror, announced by a live region; the first is the money page.
      const first = await page.evaluate(() => document.querySelector('#mirror ul[aria-label="Search results"] a')?.textContent);
      assert.equal(first, 'Money', `top result for "${words}"`);
      const live = await page.evaluate(() => document.querySelector('#mirror [role=status]')?.textContent);
      assert.match(live, /pages? found/);
    }
    await app.screenshot('guide-phone-search-typo');
    await app.tap('Money');
    await waitForHeading(page, 'Money');
    assert.equal(new URL(page.url()).pathname, '/guide/money');
    assert.ok(!page.url().includes('counsil'), 'search words never reach the address');
    await app.waitForItem('Council tax');
  } finally {
    await context.close();
  }
});

test('phone: "What can I get?" as a 19-year-old at university lists the bursary and council tax', async () => {
  const { context, page, app } = await openGuide();
  try {
    await app.tap('What can I get?');
    await waitForHeading(page, 'What can I get?');
    await app.tap('Older');  // 18 -> 19
    await app.waitForItem('Your age: 19');
    await app.scrollTo('University');
    await app.tap('University');
    const listed = async () => page.evaluate(() => [...document.querySelectorAll('#mirror ul[aria-label="What you can get"] a')].map((a) => a.textContent));
    await page.waitForFunction(() => document.querySelectorAll('#mirror ul[aria-label="What you can get"] a').length > 0);
    const got = await listed();
    for (const wanted of ['A higher education bursary for university', 'No council tax to pay until you are 25', 'A Personal Adviser (PA) and a pathway plan']) {
      assert.ok(got.includes(wanted), `${wanted} in ${JSON.stringify(got)}`);
    }
    await app.screenshot('guide-phone-what-can-i-get');
    assert.equal(new URL(page.url()).pathname, '/guide', 'answers never reach the address');
  } catch (error) {
    await app.screenshot('guide-phone-what-can-i-get-failed');
    throw error;
  } finally {
    await context.close();
  }
});

test('phone: after one visit the guide opens offline, at its link', async () => {
  const { context, page, app } = await openGuide('phone', '/guide/housing');
  try {
    await waitForHeading(page, 'Housing');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await page.waitForFunction(() => localStorage.getItem('pathway.guide.bundle') !== null);
    await context.setOffline(true);
    await page.reload();
    await app.waitUntilReady();
    await waitForHeading(page, 'Housing');
    await app.waitForItem('Staying Put');
    await activateInMirror(page, 'a', 'All topics');
    await waitForHeading(page, 'Your rights after care');
    await app.waitForItem(/Offline: the guide works/);
    await app.screenshot('guide-phone-offline');
  } finally {
    await context.close();
  }
});

test('axe-core finds no violations on the guide pages, the sign-in screen and the caseload; ARIA snapshots', async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'phone');
  try {
    await app.waitForItem('Sign in to set up this device', { timeout: 30_000 });
    assert.deepEqual(await axeViolations(page), [], 'sign-in screen');
    await app.tap(/^Care leaver\? Read the guide/);
    await waitForHeading(page, 'Your rights after care');
    assert.deepEqual(await axeViolations(page), [], 'guide start');
    const home = await page.locator('#mirror').ariaSnapshot();
    for (const expected of ['heading "Your rights after care" [level=1]', 'textbox "Search the guide"', 'button "What can I get?"',
      'heading "Topics" [level=2]', 'list "Topics"', 'link "Money"', 'link "If you came to the UK alone to seek asylum"']) {
      assert.ok(home.includes(expected), `guide snapshot has ${expected}:\n${home}`);
    }
    for (const topic of ['Money', 'Your rights, advocacy and complaints']) {
      await activateInMirror(page, 'a', topic);
      await waitForHeading(page, topic);
      assert.deepEqual(await axeViolations(page), [], topic);
      await activateInMirror(page, 'a', 'All topics');
      await waitForHeading(page, 'Your rights after care');
    }
    const money = await (async () => {
      await activateInMirror(page, 'a', 'Money');
      await waitForHeading(page, 'Money');
      return page.locator('#mirror').ariaSnapshot();
    })();
    for (const expected of ['heading "Money" [level=1]', 'heading "Council tax" [level=2]', 'heading "The law" [level=3]', 'link "See also: Housing"']) {
      assert.ok(money.includes(expected), `money snapshot has ${expected}:\n${money}`);
    }
    await activateInMirror(page, 'a', 'All topics');
    await activateInMirror(page, 'button', 'What can I get?');
    await waitForHeading(page, 'What can I get?');
    assert.deepEqual(await axeViolations(page), [], 'what can I get');

    // The caseload, after setting a passphrase.
    await activateInMirror(page, 'a', 'All topics');
    await activateInMirror(page, 'a', 'Back to Pathway for staff');
    await app.setPassphrase('example phone passphrase');
    assert.deepEqual(await axeViolations(page), [], 'caseload');
    const caseload = await page.locator('#mirror').ariaSnapshot();
    assert.match(caseload, /heading "Your caseload" \[level=1\]/);
    assert.match(caseload, /button "[^"]+, \d+ · [A-Z][a-z]+[^"]*, (Contact|Never|Next)[^"]*"/, `a row says who, age, category and what is due:\n${caseload.slice(0, 1500)}`);
    assert.match(caseload, /status: Saved on this device/);
    const rows = await page.evaluate(() => window.pathway.allItems().filter((i) => i.role === 'button' && i.detail).length);
    const visible = await page.evaluate(() => window.pathway.items().filter((i) => i.role === 'button' && i.detail).length);
    assert.ok(rows > visible, `rows scrolled out of view stay in the mirror (${rows} in the mirror, ${visible} on screen)`);
    const mirrored = await page.evaluate(() => document.querySelectorAll('#mirror button').length);
    assert.ok(mirrored >= rows, 'every row is a button in the DOM');
  } finally {
    await context.close();
  }
});

test('keyboard only: Tab and Enter walk the guide, set a passphrase, and reach a caseload row', async () => {
  const { context, page, app } = await openApp(running.browser, at('/guide'), 'desktop');
  try {
    await waitForHeading(page, 'Your rights after care');
    const focused = () => page.evaluate(() => document.activeElement?.textContent || document.activeElement?.getAttribute('aria-label') || '');
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      await page.waitForTimeout(60);
      reached = (await focused()) === 'Housing';
    }
    assert.ok(reached, 'Tab reaches the Housing link');
    // Focus is visible: the app draws its focus ring on the focused item.
    await page.waitForFunction(() => window.pathway.items().some((i) => i.label === 'Housing' && i.flags.includes('focused')));
    await app.screenshot('guide-desktop-keyboard-focus');
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Housing');

    // To the staff side: back link, sign-in and passphrase fields, Set passphrase, a caseload row, all by keyboard.
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'All topics');
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Your rights after care');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Back to Pathway for staff');
    await page.keyboard.press('Enter');
    await app.waitForItem('Sign in to set up this device', { timeout: 30_000 });
    const editing = (label) => page.evaluate((l) => document.activeElement?.id === 'text-line' &&
      window.pathway.items().some((i) => i.label === l && i.flags.includes('active')), label);
    const tabUntilEditing = async (label) => {
      for (let i = 0; i < 10 && !(await editing(label)); i++) {
        await page.keyboard.press('Tab');
        await page.waitForTimeout(150);
      }
      assert.ok(await editing(label), `Tab reaches the ${label} field`);
    };
    await tabUntilEditing('Username');
    await app.type('demo-pa', { keys: true });
    await tabUntilEditing('Password');
    await app.type(DEMO_PASSWORD, { keys: true });
    await page.keyboard.press('Enter');
    await app.waitForItem('Set a passphrase for this device', { timeout: 30_000 });
    await tabUntilEditing('Passphrase');
    await app.type('example desktop passphrase', { keys: true });
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.activeElement?.id === 'text-line' &&
      window.pathway.items().some((i) => i.label === 'Passphrase again' && i.flags.includes('active')));
    await app.type('example desktop passphrase', { keys: true });
    await page.keyboard.press('Enter');
    await app.waitForItem('Your caseload', { timeout: 30_000 });
    await app.waitUntilSynced();  // the first sync brings the caseload
    let row = '';
    for (let i = 0; i < 20 && !/, \d+ · /.test(row); i++) {
      await page.keyboard.press('Tab');
      await page.waitForTimeout(60);
      row = await focused();
    }
    assert.match(row, /, \d+ · /, 'Tab reaches a caseload row');
    await app.screenshot('keyboard-caseload-row');
    // Enter on the row, and the rest of a visit by keyboard: visit.test.mjs.
  } finally {
    await context.close();
  }
});

// The mirror is sent only what changes each frame; after scrolling, a search
// and clearing it, it must still hold exactly the app's items, in order.
test('the DOM mirror holds exactly the app\'s items, in order, after scrolling the caseload, a search and its clearing', async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url, 'phone');
  const inStep = () => page.evaluate(() => {
    const words = (item) => (item.role === 'textbox' || item.role === 'checkbox' || item.role === 'list' ? '' :
      item.detail ? item.label + ', ' + item.detail : item.label);
    const seen = new Set();
    const wanted = window.pathway.allItems().filter((item) => !seen.has(item.id) && seen.add(item.id)).map((item) => `${item.id} ${words(item)}`);
    const mirrored = [...document.querySelectorAll('#mirror [data-id]')].map((el) =>
      `${el.dataset.id} ${el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'UL' ? '' : el.textContent}`);
    return { wanted, mirrored };
  });
  const settle = () => page.waitForFunction(() => window.pathway.frames > 0).then(() => page.waitForTimeout(300));
  try {
    await app.setPassphrase('example mirror passphrase');
    const { width, height } = page.viewportSize();
    await page.mouse.move(width / 2, height / 2);
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, height / 3);
    await settle();
    let state = await inStep();
    assert.deepEqual(state.mirrored, state.wanted, 'scrolled to the end');
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -height / 2);
    await app.tap('Search by name');
    await app.type('a');
    await settle();
    state = await inStep();
    assert.deepEqual(state.mirrored, state.wanted, 'filtered by a search');
    await app.press('Backspace');
    await settle();
    state = await inStep();
    assert.deepEqual(state.mirrored, state.wanted, 'the search cleared');
    assert.ok(state.wanted.length > 40, `the whole caseload is mirrored (${state.wanted.length} items)`);
  } finally {
    await context.close();
  }
});

test('text at 200% on a 320 px wide phone: nothing is cut off', async () => {
  const context = await running.browser.newContext({ ...DEVICES.phone, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  try {
    await page.goto(at('/guide'));
    await page.waitForFunction(() => window.pathway?.ready === true, null, { timeout: 30_000 });
    await waitForHeading(page, 'Your rights after care');
    await activateInMirror(page, 'a', 'Text size, colours and easy read');
    await waitForHeading(page, 'Text size, colours and easy read');
    for (let i = 0; i < 4; i++) await activateInMirror(page, 'button', 'Larger text');
    await page.waitForFunction(() => window.pathway.allItems().some((i) => i.label === 'Text size: 200%'));
    for (const path of ['/guide', '/guide/asylum', '/guide/money']) {
      await page.goto(at(path));
      await page.waitForFunction(() => window.pathway?.ready === true, null, { timeout: 30_000 });
      await page.waitForTimeout(500);
      const items = await page.evaluate(() => window.pathway.allItems());
      const wide = items.filter((i) => i.role !== 'list' && i.x + i.w > 320.5);
      assert.deepEqual(wide.map((i) => i.label), [], `${path}: items beyond the 320 px screen`);
      await page.screenshot({ path: join(ROOT, 'test-results/screenshots', `guide-320px-200pct${path.replaceAll('/', '-')}.png`) });
    }
  } finally {
    await context.close();
  }
});

test('screenshots of every guide page, light and dark', async () => {
  const { context, page, app } = await openGuide('phone');
  try {
    for (const mode of ['Light', 'Dark']) {
      await activateInMirror(page, 'a', 'Text size, colours and easy read');
      await activateInMirror(page, 'button', mode);
      await activateInMirror(page, 'a', 'All topics');
      await waitForHeading(page, 'Your rights after care');
      await app.screenshot(`guide-${mode.toLowerCase()}-home`);
      for (const topic of TOPICS) {
        const title = await page.evaluate((id) => [...document.querySelectorAll('#mirror a')].find((a) => a.getAttribute('href') === '/guide/' + id)?.textContent, topic);
        await activateInMirror(page, 'a', title);
        await waitForHeading(page, title);
        await app.screenshot(`guide-${mode.toLowerCase()}-${topic}`);
        await activateInMirror(page, 'a', 'All topics');
        await waitForHeading(page, 'Your rights after care');
      }
    }
  } finally {
    await context.close();
  }
});
