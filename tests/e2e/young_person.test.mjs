// The young person's screen (issue 10), on a tablet (DPR 2) and a phone
// (DPR 3), against the real server: opened from the caseload, it shows the
// summary header (name, details, date of birth, category, what contact is
// due, the plan review), contact details as real links (tel:, sms:, mailto:
// in the DOM mirror, and a tap on the canvas follows the same address), the
// current plan with its objectives and their status, risks, EET and
// accommodation now and before, and the history, whose older pages load as
// they scroll into view until the first entry. Screenshots go to
// build/screenshots (look at them).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, openApp, useServerAndBrowser } from './harness.mjs';

const PASSPHRASE = 'example person passphrase';
const SHOTS = join(ROOT, 'build/screenshots');
const running = useServerAndBrowser();

// Records the address of every link the app follows instead of leaving the page.
async function catchFollowedLinks(page) {
  await page.evaluate(() => {
    window.followedLinks = [];
    HTMLAnchorElement.prototype.click = function () { window.followedLinks.push(this.href); };
  });
}

// The first person on the caseload who has a phone number and an email address.
async function openPersonWithContactDetails(app) {
  const rows = (await app.page.evaluate(() => window.pathway.allItems()))
    .filter((item) => item.flags.includes('button') && (item.detail ?? '').includes('Last contact'));
  for (const row of rows) {
    await app.scrollTo(row.label);
    await app.tap(row.label);
    await app.waitForItem('Contact details');
    const items = await app.page.evaluate(() => window.pathway.allItems());
    if (items.some((item) => item.label.startsWith('Call ')) && items.some((item) => item.label.startsWith('Email ')))
      return row.label;
    await app.tap('Caseload');
  }
  throw new Error('nobody on the caseload has a phone number and an email address');
}

for (const device of ['tablet', 'phone']) {
  test(`${device}: the young person's screen: summary, real contact links, plan, risks, EET, home, history`, async () => {
    const { context, page, app } = await openApp(running.browser, running.server.url, device);
    try {
      await app.setPassphrase(PASSPHRASE);
      const person = await openPersonWithContactDetails(app);
      await app.waitForItem(person);
      await app.waitForItem(/^Born \d+ \w+ \d{4}/);
      await app.waitForItem(/^(Contact overdue by|Next contact by|Contact due today|Never contacted)/);
      await app.waitForItem(/^(Plan review|No pathway plan)/);
      await app.screenshot(`person-${device}-header`, SHOTS);

      // Real links in the DOM mirror, and a tap on the canvas follows the same address.
      const call = await app.waitForItem(/^Call /);
      const text = await app.waitForItem(/^Text /);
      const email = await app.waitForItem(/^Email /);
      assert.match(call.value, /^tel:\+?\d{10,13}$/);
      assert.equal(text.value, call.value.replace('tel:', 'sms:'));
      assert.match(email.value, /^mailto:[^@\s]+@[^@\s]+$/);
      assert.ok(call.h >= 44, 'the call link is a 44 px touch target');
      const hrefs = await page.evaluate(() => [...document.querySelectorAll('#mirror a')].map((a) => a.getAttribute('href')));
      for (const link of [call, text, email]) assert.ok(hrefs.includes(link.value), `the mirror has <a href="${link.value}">`);
      await catchFollowedLinks(page);
      await app.tapItem(call);
      await page.waitForFunction(() => window.followedLinks.length === 1);
      assert.deepEqual(await page.evaluate(() => window.followedLinks), [call.value]);
      await app.tapItem(await app.waitForItem(/^Email /));
      await page.waitForFunction(() => window.followedLinks.length === 2);
      assert.equal(await page.evaluate(() => window.followedLinks[1]), email.value);

      for (const heading of ['Pathway plan', 'Risks', 'Education, training or work', 'Accommodation', 'History'])
        await app.scrollTo(heading);
      await app.screenshot(`person-${device}-sections`, SHOTS);
      // The history: scrolled to its end, every page is read and "Show older" goes.
      const { width, height } = page.viewportSize();
      for (let step = 0; step < 300; step++) {
        const items = await page.evaluate(() => window.pathway.allItems());
        if (!items.some((item) => item.label === 'Show older')) break;
        await page.mouse.move(width * 0.75, height / 2);
        await page.mouse.wheel(0, height);
        await page.waitForTimeout(50);
      }
      const labels = (await page.evaluate(() => window.pathway.allItems())).map((item) => item.label);
      assert.ok(!labels.includes('Show older'), 'the whole history was paged in');
      assert.ok(labels.some((label) => /^(Home visit|Office|Phone call|Video call|Message|Other)/.test(label)), 'contacts are in the history');
      await app.screenshot(`person-${device}-history-end`, SHOTS);
    } finally {
      await context.close();
    }
  });
}
