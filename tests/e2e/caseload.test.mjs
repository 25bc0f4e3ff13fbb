// My caseload cards, on a tablet (1024x768, DPR 2, touch) and a phone
// (390x844, DPR 3, touch): each card says when contact is overdue and by how
// long ("Contact overdue by 3 days"), the last contact and the plan review;
// search as you type, sort by name, and "overdue only" narrow and order the
// cards; filters by category and by flag (UASC, parent, custody, SEND) show
// the cards that have any chosen category and any chosen flag, with counts,
// wrapping on a phone; every button is a 44 CSS px touch target that fits the
// screen.
// Screenshots go to build/screenshots (look at them).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, openApp, useServerAndBrowser } from './harness.mjs';

const PASSPHRASE = 'example caseload passphrase';
const SHOTS = join(ROOT, 'build/screenshots');
const running = useServerAndBrowser();

// The cards on screen and scrolled away: the buttons that carry the details.
async function cards(page) {
  return (await page.evaluate(() => window.pathway.allItems()))
    .filter((item) => item.flags.includes('button') && (item.detail ?? '').includes('Last contact'));
}

for (const device of ['tablet', 'phone']) {
  test(`${device}: cards say how long contact is overdue; search, sort and overdue only`, async () => {
    const { context, page, app } = await openApp(running.browser, running.server.url, device);
    try {
      await app.setPassphrase(PASSPHRASE);
      await app.firstRow();
      const all = await cards(page);
      assert.ok(all.length > 5, 'the demo caseload is on the device');
      const overdue = all.filter((card) => /Contact overdue by \d+ days?\b/.test(card.detail));
      assert.ok(overdue.length > 0, `some cards say how long contact is overdue: ${all.map((c) => c.detail).join(' | ')}`);
      assert.ok(all.every((card) => /Plan review|No pathway plan|Plan up to date/.test(card.detail)), 'every card says where the plan is');
      const width = page.viewportSize().width;
      for (const item of (await app.items()).filter((i) => i.flags.includes('button'))) {
        assert.ok(item.h >= 44, `${item.label} is at least 44 px tall (${item.h})`);
        assert.ok(item.x >= 0 && item.x + item.w <= width, `${item.label} fits the screen`);
      }
      await app.screenshot(`caseload-${device}`, SHOTS);

      // Search as you type: part of one name, any case.
      const someone = all[all.length - 1].label;
      const part = someone.split(' ')[1].slice(0, 4).toLowerCase();
      await app.tap('Search by name');
      await app.type(part);
      await page.waitForFunction((p) => window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact'))
        .every((i) => i.label.toLowerCase().includes(p)), part);
      assert.ok((await cards(page)).some((card) => card.label === someone), `${part} finds ${someone}`);
      await app.screenshot(`caseload-${device}-search`, SHOTS);
      for (let i = 0; i < part.length; i++) await app.press('Backspace');
      await page.waitForFunction((n) => window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact')).length === n, all.length);

      // Sort by name, then overdue only.
      await app.tap('Name');
      await page.waitForFunction(() => {
        const names = window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact')).map((i) => i.label);
        return names.every((name, i) => i === 0 || names[i - 1] <= name);
      });
      await app.tap('Overdue only');
      await page.waitForFunction(() => window.pathway.items().some((i) => i.label === 'Overdue only' && i.flags.includes('selected')));
      const due = all.filter((card) => /Contact overdue|Never contacted/.test(card.detail)).length;
      await page.waitForFunction((n) => window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact')).length === n, due);
      assert.ok((await cards(page)).every((card) => /overdue|Never contacted/.test(card.detail)));
      await app.screenshot(`caseload-${device}-overdue`, SHOTS);
    } finally {
      await context.close();
    }
  });
}

// The categories as the filter buttons and the cards name them.
const CATEGORIES = {
  Eligible: 'Eligible',
  Relevant: 'Relevant',
  'Former relevant': 'Former relevant',
  'Pursuing education': 'Former relevant pursuing education',
  '21-25 (s23CZB)': 'Former relevant, may ask for support to 25',
  Qualifying: 'Qualifying',
};
const FLAGS = ['UASC', 'Parent', 'Custody', 'SEND'];
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A card's first detail is "19 · Former relevant · UASC · High risk".
const facts = (card) => card.detail.split(', ')[0].split(' · ');
const countOf = (label) => Number(/\((\d+)\)$/.exec(label)[1]);

async function buttonsFit(app, page) {
  const width = page.viewportSize().width;
  for (const item of (await app.items()).filter((i) => i.flags.includes('button'))) {
    assert.ok(item.h >= 44, `${item.label} is at least 44 px tall (${item.h})`);
    assert.ok(item.x >= 0 && item.x + item.w <= width, `${item.label} fits the screen (${item.x}+${item.w} of ${width})`);
  }
}

for (const device of ['tablet', 'phone']) {
  test(`${device}: filters by category and flag, with counts, and clear`, async () => {
    const { context, page, app } = await openApp(running.browser, running.server.url, device);
    try {
      await app.setPassphrase(PASSPHRASE);
      await app.firstRow();
      const all = await cards(page);
      await app.tap('Filters');
      await app.waitForItem('Category');
      await buttonsFit(app, page);
      const categoryPattern = new RegExp(`^(${Object.keys(CATEGORIES).map(escaped).join('|')}) \\((\\d+)\\)$`);
      const categoryButtons = (await app.items()).filter((item) => categoryPattern.test(item.label));
      assert.ok(categoryButtons.length >= 2, `the caseload's categories are offered: ${categoryButtons.map((b) => b.label)}`);
      // Each count is how many cards have that category.
      for (const button of categoryButtons) {
        const category = CATEGORIES[categoryPattern.exec(button.label)[1]];
        assert.equal(all.filter((card) => facts(card)[1] === category).length, countOf(button.label), button.label);
      }
      await app.screenshot(`caseload-${device}-filters`, SHOTS);

      // The commonest category: only its cards, and "Showing n of N".
      const common = categoryButtons.reduce((a, b) => (countOf(b.label) > countOf(a.label) ? b : a));
      const category = CATEGORIES[categoryPattern.exec(common.label)[1]];
      await app.tapItem(common);
      await page.waitForFunction((n) => window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact')).length === n, countOf(common.label));
      assert.ok((await cards(page)).every((card) => facts(card)[1] === category), `only ${category}`);
      await app.waitForItem(`Showing ${countOf(common.label)} of ${all.length} young people`);
      await app.waitForItem('Filters (1)');

      // A second category as well: cards of either.
      const other = categoryButtons.find((button) => button !== common);
      await app.tapItem(await app.waitForItem(other.label));
      const either = countOf(common.label) + countOf(other.label);
      await page.waitForFunction((n) => window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact')).length === n, either);

      // And a flag: cards with either category and the flag.
      const flagButton = (await app.items()).find((item) => new RegExp(`^(${FLAGS.join('|')}) \\(\\d+\\)$`).test(item.label));
      if (flagButton) {
        const flag = flagButton.label.split(' ')[0];
        const categories = [category, CATEGORIES[categoryPattern.exec(other.label)[1]]];
        const expected = all.filter((card) => categories.includes(facts(card)[1]) && facts(card).includes(flag)).length;
        await app.tapItem(flagButton);
        await app.waitForItem('Filters (3)');
        await page.waitForFunction((n) => window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact')).length === n, expected);
        assert.ok((await cards(page)).every((card) => facts(card).includes(flag)), `only cards flagged ${flag}`);
        if (expected === 0) await app.waitForItem('Nobody matches.');
        await app.screenshot(`caseload-${device}-filtered`, SHOTS);
      }
      await buttonsFit(app, page);

      await app.tap('Clear filters');
      await page.waitForFunction((n) => window.pathway.allItems().filter((i) => (i.detail ?? '').includes('Last contact')).length === n, all.length);
      await app.waitForItem(`${all.length} young people`);
    } finally {
      await context.close();
    }
  });
}
