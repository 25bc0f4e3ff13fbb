// The pathway plan editor and the authorisation queue (issue 10), on a tablet
// (DPR 2) and a phone (DPR 3), against the real demo server, on two devices
// that sync through it: the PA's (signed in as demo-pa) and their team
// manager's (demo-tm).
// - the PA opens a young person's plan, opens a section, adds an objective
//   (what, who, by when) and the young person's views; "what changed since
//   the authorised plan" says so in words; the page is reloaded mid-typing
//   and the plan's draft is back; the PA submits it;
// - the manager's queue lists it with how long it has waited; the manager
//   reads the changes and returns it with comments;
// - the PA sees the comments (young person and plan screens), submits again,
//   and the manager authorises it; the PA sees it authorised.
// Screenshots go to build/screenshots (look at them).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, openApp, useServerAndBrowser } from './harness.mjs';

const PASSPHRASE = 'example plan passphrase';
const SHOTS = join(ROOT, 'build/screenshots');
const running = useServerAndBrowser();

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const allLabels = async (app) => (await app.page.evaluate(() => window.pathway.allItems())).map((item) => item.label);

// A day a month ahead, as the form takes it.
function inAMonth() {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(new Date(Date.now() + 30 * 86400_000));
}

async function openPerson(app, person) {
  await app.toCaseload();
  await app.scrollTo(person, { x: 100 });
  await app.tap(person);
  await app.waitForItemAnywhere('Contact details');  // a record opened again keeps where it was scrolled to
}

async function openPlan(app, person) {
  await openPerson(app, person);
  await app.scrollTo('Open the plan');
  const tapped = await app.page.evaluate(() => performance.now());
  await app.tap('Open the plan');
  await app.waitForItem('Pathway plan');
  const drawn = await app.page.evaluate(() => performance.getEntriesByName('pathway-plan-drawn').map((mark) => mark.startTime));
  if (drawn.length === 1 && drawn[0] > tapped) console.log(`# tap on "Open the plan" to the editor drawn: ${(drawn[0] - tapped).toFixed(1)} ms`);
}

// The first young person whose plan can be edited now (not awaiting authorisation).
async function personWithEditablePlan(app) {
  const rows = (await app.page.evaluate(() => window.pathway.allItems()))
    .filter((item) => item.flags.includes('button') && (item.detail ?? '').includes('Last contact'));
  for (const row of rows) {
    await openPlan(app, row.label);
    if ((await allLabels(app)).includes('Submit for authorisation')) return row.label;
    await app.tap(row.label);  // the plan's Back (or, beside the caseload, the card)
  }
  throw new Error('no editable plan on the caseload');
}

async function typeInto(app, field, text) {
  await app.scrollTo(field);
  await app.tap(field);
  await app.type(text);
}

for (const device of ['tablet', 'phone']) {
  test(`${device}: edit a plan, submit it; the manager returns it with comments, then authorises it`, async () => {
    const { context, page, app } = await openApp(running.browser, running.server.url, device);
    let manager = null;
    try {
      await app.setPassphrase(PASSPHRASE);
      const person = await personWithEditablePlan(app);
      await app.screenshot(`plan-${device}-editor`, SHOTS);

      // The education section: a new objective and the young person's views.
      await app.tap(/^3\. Education, training and employment/);
      const before = (await allLabels(app)).filter((label) => /^Objective \d+: what will be done$/.test(label)).length;
      await app.scrollTo('Add an objective');
      await app.tap('Add an objective');
      const n = before + 1;
      const what = `Apply for the college bursary ${device} (fictional)`;
      await typeInto(app, `Objective ${n}: what will be done`, what);
      await typeInto(app, `Objective ${n}: who`, 'Young person and PA');
      await typeInto(app, `Objective ${n}: by when (day/month/year)`, inAMonth());
      // Beside the buttons, or under them on a phone: never cut off at the edge.
      const kept = await app.waitForItem('Draft kept on this device');
      const { width, height } = page.viewportSize();
      assert.ok(kept.x >= 0 && kept.x + kept.w <= width && kept.y + kept.h <= height,
        `the draft line is on the screen: ${JSON.stringify(kept)} in ${width}x${height}`);
      for (const label of ['Save plan', 'Submit for authorisation']) {
        const button = await app.waitForItem(label);
        assert.ok(button.x + button.w <= width, `${label} fits the screen`);
        assert.ok(kept.y >= button.y + button.h || kept.x >= button.x + button.w, `the draft line is beside or under ${label}`);
      }
      await app.screenshot(`plan-${device}-draft-kept`, SHOTS);

      // A reload mid-typing: the draft is back when the plan opens again.
      await page.reload();
      await app.waitUntilReady();
      await app.unlock(PASSPHRASE);
      await openPlan(app, person);
      await app.tap(/^3\. Education, training and employment/);
      assert.equal(await app.fieldValue(`Objective ${n}: what will be done`), what);
      const changes = await app.scrollTo(new RegExp(`^Education, training and employment: New objective .${escaped(what)}`));
      assert.ok(changes, 'the change is listed in words');
      await app.screenshot(`plan-${device}-changes`, SHOTS);

      await app.tap('Submit for authorisation');
      await app.waitForItem('Submitted for authorisation.');
      await app.waitForItem('Awaiting authorisation');
      await app.syncNow();

      // The manager's own device: the queue, oldest first, with how long each has waited.
      manager = await openApp(running.browser, running.server.url, device);
      const tm = manager.app;
      await tm.setPassphrase(PASSPHRASE, { username: 'demo-tm' });
      await tm.tap(/^Plans awaiting authorisation \(\d+\)$/);
      // The team's other plans wait too (oldest first): this one may be further down.
      const queued = await tm.scrollTo(new RegExp(`^${escaped(person)}\\nSubmitted .*, waiting since today`));
      await tm.screenshot(`plan-${device}-queue`, SHOTS);
      await tm.tapItem(queued);
      await tm.scrollTo(new RegExp(`^Education, training and employment: New objective .${escaped(what)}`));
      await tm.screenshot(`plan-${device}-decision`, SHOTS);
      await tm.tap('Return with comments');
      const comments = 'Add who pays the deposit (fictional comment).';
      await tm.tap('Comments for the PA: what needs to change');
      await tm.type(comments);
      await tm.tap('Return with these comments');
      await tm.waitForItem(`Returned the plan for ${person}.`);
      await tm.syncNow();

      // The PA sees the comments, changes the plan and submits it again.
      await app.syncNow();
      await openPerson(app, person);
      await app.scrollTo(`Returned: ${comments}`);
      await app.tap('Open the plan');
      await app.waitForItem(new RegExp(`with comments: ${escaped(comments)}$`));
      await app.screenshot(`plan-${device}-returned`, SHOTS);
      await app.tap('Submit for authorisation');
      await app.waitForItem('Submitted for authorisation.');
      await app.syncNow();

      await tm.toCaseload();
      await tm.syncNow();
      await tm.tap(/^Plans awaiting authorisation \(\d+\)$/);
      await tm.tapItem(await tm.scrollTo(new RegExp(`^${escaped(person)}\\n`)));
      await tm.tap('Authorise');
      await tm.waitForItem(`Authorised the plan for ${person}.`);
      await tm.syncNow();

      await app.syncNow();
      await openPerson(app, person);
      const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date());
      await app.scrollTo(new RegExp(`^Authorised ${today}`));
      await app.screenshot(`plan-${device}-authorised`, SHOTS);
    } finally {
      await manager?.context.close();
      await context.close();
    }
  });
}
