// Until sign-in and sync (issue 9), the demo device is used as its PA or as
// their team manager ("Use it as ..." at the end of the caseload): the steps
// the plan and team tests share.
import assert from 'node:assert/strict';

const allLabels = async (app) => (await app.page.evaluate(() => window.pathway.allItems())).map((item) => item.label);

// Back to the caseload with the browser's Back (a phone shows one screen at a time).
export async function toCaseload(app) {
  for (let steps = 0; steps < 4 && !(await allLabels(app)).includes('Your caseload'); steps++) {
    await app.page.goBack();
    await app.page.waitForTimeout(200);
  }
  await app.waitForItem('Your caseload');
}

// Taps "Use it as <name>, <role>" and waits until the device says it is used so.
export async function useDeviceAs(app, role) {
  await toCaseload(app);
  // The last thing on the caseload: scrolled until it is well in view, or as
  // far as the list goes (the caseload is on the left beside a record).
  const wanted = new RegExp(`^Use it as .*, ${role}$`);
  const { height } = app.page.viewportSize();
  // The wheel goes to the list, under the line that counts it (the controls above it do not scroll).
  const count = (await app.items()).find((item) => /^(Showing \d+ of )?\d+ young (people|person)$/.test(item.label));
  const listY = count ? (count.y + count.h + height * 0.9) / 2 : height / 2;
  let button;
  for (let step = 0, lastY = null; step < 60; step++) {
    button = (await app.items()).find((item) => wanted.test(item.label));
    if (button && (button.y + button.h <= height * 0.75 || button.y === lastY)) break;
    lastY = button ? button.y : null;
    await app.page.mouse.move(100, listY);
    await app.page.mouse.wheel(0, height / 2);
    await app.page.waitForTimeout(150);
  }
  assert.ok(button, `no ${wanted} on the caseload`);
  await app.tapItem(button);
  const used = `, ${role}.`;
  await app.page.waitForFunction((end) => window.pathway.allItems().some(
    (item) => item.label.startsWith('Demo council: this device is used by ') && item.label.endsWith(end)), used, { timeout: 30_000 });
  // The other caseload starts at its top, as scrollTo expects.
  await app.page.mouse.move(100, listY);
  for (let i = 0; i < 10; i++) await app.page.mouse.wheel(0, -2 * height);
  await app.page.waitForTimeout(300);
}
