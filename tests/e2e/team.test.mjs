// A team manager's caseload (issue 10), on a tablet (DPR 2) and a phone
// (DPR 3): signed in as the demo team manager (demo-tm), the device shows
// the team's young people, synced from the server, grouped under each PA's
// name with how many each has and how many are overdue; a tap opens a PA's
// cards; overdue only shows each group's matches. Screenshots go to
// build/screenshots (look at them).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, openApp, useServerAndBrowser } from './harness.mjs';

const PASSPHRASE = 'example team passphrase';
const SHOTS = join(ROOT, 'build/screenshots');
const running = useServerAndBrowser();

const GROUP = /^(.+): (\d+) young (?:people|person)(?:, (\d+) contacts? overdue)?(?:, (\d+) plans? late)?(?: \((\d+) shown\))?$/;
const allItems = (page) => page.evaluate(() => window.pathway.allItems());
const cards = async (page) => (await allItems(page)).filter((item) => item.flags.includes('button') && (item.detail ?? '').includes('Last contact'));
const groups = async (page) => (await allItems(page)).filter((item) => item.flags.includes('button') && GROUP.test(item.label))
  .map((item) => {
    const [, name, people, overdue, late, shown] = GROUP.exec(item.label);
    return { item, name, people: Number(people), overdue: Number(overdue ?? 0), late: Number(late ?? 0), shown: shown && Number(shown) };
  });

// Scrolls the caseload (on the left beside a record) back to its start.
async function toTop(page) {
  const { height } = page.viewportSize();
  await page.mouse.move(100, height * 0.8);
  for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -2 * height);
  await page.waitForTimeout(300);
}

for (const device of ['tablet', 'phone']) {
  test(`${device}: the team manager sees the team grouped by PA, with counts`, async () => {
    const { context, page, app } = await openApp(running.browser, running.server.url, device);
    try {
      await app.setPassphrase(PASSPHRASE, { username: 'demo-tm' });
      await app.waitForItem(/^North Team: 6 Personal Advisers$/);
      await toTop(page);
      const team = await groups(page);
      assert.equal(team.length, 6, `a group for each PA: ${team.map((g) => g.item.label)}`);
      assert.deepEqual(team.map((g) => g.name), [...team.map((g) => g.name)].sort(), 'PAs by name');
      const total = team.reduce((sum, g) => sum + g.people, 0);
      await app.waitForItem(`${total} young people`);
      assert.ok(team.every((g) => g.people >= 10), `every PA has a caseload: ${team.map((g) => g.item.label)}`);
      assert.equal((await cards(page)).length, 0, 'groups start closed');
      for (const item of (await app.items()).filter((i) => i.flags.includes('button'))) {
        assert.ok(item.h >= 44, `${item.label} is at least 44 px tall (${item.h})`);
        assert.ok(item.x >= 0 && item.x + item.w <= page.viewportSize().width, `${item.label} fits the screen`);
      }
      await app.screenshot(`team-${device}`, SHOTS);

      // A tap opens a PA's cards, and a second closes them.
      const other = team[1];
      await app.tapItem(await app.scrollTo(other.item.label, { x: 100 }));
      await page.waitForFunction((n) => window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact')).length === n, other.people);
      await app.screenshot(`team-${device}-open`, SHOTS);
      await toTop(page);
      await app.tapItem(await app.scrollTo(other.item.label, { x: 100 }));
      await page.waitForFunction(() => !window.pathway.allItems().some((i) => (i.detail ?? '').includes('Last contact')));

      // Overdue only: each group shows its overdue cards, and says how many.
      await toTop(page);
      await app.tap('Overdue only');
      const overdue = team.reduce((sum, g) => sum + g.overdue, 0);
      await page.waitForFunction((n) => window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact')).length === n, overdue);
      assert.ok((await cards(page)).every((card) => /Contact overdue|Never contacted/.test(card.detail)));
      for (const group of await groups(page)) assert.equal(group.shown, group.overdue, group.item.label);
      await app.screenshot(`team-${device}-overdue`, SHOTS);
    } finally {
      await context.close();
    }
  });
}
