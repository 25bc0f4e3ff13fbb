// Sign-in and sync in the browser (issue 9) against the real demo server:
// - a new device signs in as demo-pa, sets its passphrase and its first sync
//   brings the caseload (timed, printed);
// - the status strip says a change is waiting, then that it is synced;
// - a note added offline is pushed when the network returns, and is on the
//   server (read back through the sync API as another device of the PA);
// - a push whose response is lost after the server applied it (a Playwright
//   route lets the request through, then aborts the answer) is sent again
//   and applied once: the server answers it `duplicate`;
// - a wrong password, a locked account (429) and sign-in offline are refused
//   in plain words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_PASSWORD, openApp, useServerAndBrowser } from './harness.mjs';

const PASSPHRASE = 'example sync passphrase';
const running = useServerAndBrowser();

// The sync API as another device of `username`: every row the server sends it, from the start.
async function serverRows(username) {
  const base = running.server.url;
  const deviceId = `api-check-${Math.random().toString(16).slice(2)}`;
  const signIn = await fetch(`${base}api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, device_id: deviceId, device_name: 'test check' }),
  });
  assert.equal(signIn.status, 200);
  const { token } = await signIn.json();
  const rows = [];
  for (let cursor = '', more = true; more;) {
    const response = await fetch(`${base}api/sync/pull`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ format: 1, client_id: deviceId, schema: 5, cursor, limit: 5000 }),
    });
    assert.equal(response.status, 200);
    const page = await response.json();
    for (const set of page.change_sets) rows.push(...set.rows);
    cursor = page.cursor;
    more = page.more;
  }
  return rows;
}

const contactsWithNotes = (rows, text) => rows.filter((row) => row.entity === 'contacts' && row.fields.pa_notes === text);

// One device for the tests that need a signed-in one (a first sync costs seconds).
let device = null;

test('a new device signs in as demo-pa, sets its passphrase, and its first sync brings the caseload', async () => {
  device = await openApp(running.browser, running.server.url, 'desktop');
  const { app, page } = device;
  await app.waitForItem('Sign in to set up this device');
  await app.setPassphrase(PASSPHRASE);
  const first = await page.evaluate(() => {
    const started = performance.getEntriesByName('pathway-sync-started')[0].startTime;
    const ended = performance.getEntriesByName('pathway-sync-ended')[0].startTime;
    return (ended - started) / 1000;
  });
  const rows = (await serverRows('demo-pa')).length;
  console.log(`# first sync of demo-pa's caseload in the browser: ${first.toFixed(2)} s (${rows} rows on the server for them)`);
  const row = await app.firstRow();
  assert.ok(row.label, 'the caseload is on the device');
  await app.waitForItem('Nothing waiting to sync');
  await app.screenshot('sync-first-start-synced');
});

test('the status strip: a change waiting, then synced', async () => {
  const { app, page } = device;
  const person = (await app.firstRow()).label;
  const note = 'Status strip check note (fictional)';
  // The push (about 2 s after the change) is held until the strip has been read.
  // (Each held push goes on before the route is removed: removing it first
  // lets the push through unheld, and continuing it after fails.)
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const held = [];
  await page.route('**/api/sync/push', (route) => {
    const sent = released.then(() => route.continue());
    held.push(sent);
    return sent;
  });
  try {
    await app.addNote(person, note);
    await app.waitForItem(/^\d+ changes? waiting to sync$/);
  } finally {
    release();
    await Promise.all(held);
    await page.unroute('**/api/sync/push');
  }
  await app.waitForItem('Nothing waiting to sync', { timeout: 15_000 });
  await app.waitForItem('Last sync: just now');
  assert.equal(contactsWithNotes(await serverRows('demo-pa'), note).length, 1);
});

test('a note added offline is pushed when the network returns, and is on the server', async () => {
  const { app, context } = device;
  const person = (await app.firstRow()).label;
  await context.setOffline(true);
  await app.waitForItem('Offline: your work is kept on this device');
  const note = 'Offline note for the sync test (fictional)';
  await app.addNote(person, note);
  await app.waitForItem(/^\d+ changes? waiting to sync$/);
  await app.page.waitForTimeout(2500);  // past the 2 s after a change: still waiting, offline
  await app.waitForItem(/^\d+ changes? waiting to sync$/);
  await app.screenshot('sync-offline-waiting');
  await context.setOffline(false);
  await app.waitForItem('Nothing waiting to sync', { timeout: 15_000 });
  assert.equal(contactsWithNotes(await serverRows('demo-pa'), note).length, 1);
});

test('a push whose answer is lost after the server applied it is sent again and applied once', async () => {
  const { app, page } = device;
  const person = (await app.firstRow()).label;
  const answers = [];
  await page.route('**/api/sync/push', async (route) => {
    const response = await route.fetch();  // the server applies it
    const body = await response.json();
    answers.push(body.results.map((result) => result.status));
    if (answers.length === 1) await route.abort('connectionreset');  // ... and the answer never arrives
    else await route.fulfill({ response, json: body });
  });
  try {
    const note = 'Lost answer note for the sync test (fictional)';
    await app.addNote(person, note);
    await app.waitForItem('Nothing waiting to sync', { timeout: 20_000 });  // retried after 1-2 s
    assert.deepEqual(answers, [['applied'], ['duplicate']]);
    assert.equal(contactsWithNotes(await serverRows('demo-pa'), note).length, 1);
  } finally {
    await page.unroute('**/api/sync/push');
    await device.context.close();
  }
});

test('sign-in refuses a wrong password, a locked account and no network in plain words', async () => {
  const { context, app } = await openApp(running.browser, running.server.url, 'phone');
  try {
    await app.signIn('demo-pa', 'not the password');
    await app.waitForItem('That username and password did not match. Check them and try again.');
    await app.screenshot('sync-sign-in-wrong-password');
    // demo-pa2's account: 5 wrong passwords within 15 minutes lock it.
    await app.tap('Username');  // the caret after "demo-pa"
    await app.type('2');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await app.tap('Password');
      await app.type(`wrong ${attempt}`);
      const answered = app.page.waitForResponse((response) => response.url().endsWith('/api/session'));
      await app.tap('Sign in');
      await answered;  // the last attempt's words are still shown until this one is answered
      await app.waitForItem(attempt < 5 ? 'That username and password did not match. Check them and try again.'
        : /^Too many wrong passwords: signing in is paused for 15 minutes/);
    }
    await context.setOffline(true);
    await app.waitForItem('Sign-in needs the network the first time. Connect to the internet and try again.');
    await app.tap('Password');
    await app.type(DEMO_PASSWORD);
    await app.tap('Sign in');
    await app.waitForItem('Sign in to set up this device');
    assert.ok(!(await app.items()).some((item) => item.label === 'Passphrase again'), 'no passphrase without signing in');
  } finally {
    await context.close();
  }
});
