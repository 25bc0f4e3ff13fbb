// Browser tests of the encrypted local store (src/app/persist,
// src/app/js/idb_blocks.js): what issue 3 promises a PA about the data on
// their device.
//
// - A crash in the middle of a save: every process of the browser is killed
//   with SIGKILL (no unload, no clean shutdown of IndexedDB) while a save of
//   several MB is still being written, at a few moments of it. The reopened
//   database passes PRAGMA integrity_check and holds exactly the old state or
//   exactly the new one, never a mix; at least one kill must find the old
//   state, which shows the kill really interrupted a save.
// - The durability rule: once the page reports "saved" (or the app "Saved on
//   this device"), killing the browser loses nothing.
// - No plaintext in IndexedDB: every record of every IndexedDB database of
//   the origin, read raw, holds no SQLite header and no byte of a marker text
//   that the store reads back, on the persistence test page and in the real
//   app (a note typed in it, and the young person's name), nor the passphrase.
// - A wrong passphrase opens nothing and changes no stored byte; the right one
//   still opens.
//
// The persistence test page is bench/wasm (persist.html + persist_bench.js,
// target pathway_persist_bench of the wasm build; PATHWAY_WASM_BUILD picks the
// build folder, default build/wasm); the app comes from the harness's server
// (PATHWAY_WEB, default build/web). A killed browser needs a profile on disk:
// those tests launch chromium on a temporary user-data-dir and relaunch it on
// the same folder.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PASSPHRASE, Phase, SaveState, WRONG_KEY, openPage, servePage } from '../../bench/wasm/persist_page.mjs';
import { AppDriver, DEVICES, KillableProfile, launchBrowser, startServer } from './harness.mjs';

const DATABASE = 'pathway-e2e';  // the persistence page's IndexedDB database
const MARKER = 'ZZMARKER-fictional-7f3a9c';  // a text nobody would type
const SQLITE_HEADER = 'SQLite format 3\u0000';

let pageServer;  // serves the persistence test page
// Browsers and profiles still open when a test ends early (a timeout): closed
// after the file, so that it can exit.
const stillOpen = new Set();
const track = (closeable) => { stillOpen.add(closeable); return closeable; };
const release = async (closeable) => { stillOpen.delete(closeable); await closeable.close(); };

before(async () => { pageServer = await servePage(); });
after(async () => {
  for (const closeable of stillOpen) await closeable.close().catch(() => {});
  await pageServer?.close();
});

// [SECTION] A browser on a profile folder that can be killed and relaunched

// A killable profile (harness.mjs) with the persistence page or the app.
class Profile extends KillableProfile {
  async open() {
    await this.launch();
    return openPage(this.context, pageServer.url);
  }

  // The app at `url` on the desktop device, once its first frame is drawn.
  async openApp(url) {
    await this.launch(DEVICES.desktop);
    const tab = this.context.pages()[0] ?? await this.context.newPage();
    const app = new AppDriver(tab, DEVICES.desktop);
    await tab.goto(url);
    await app.waitUntilReady();
    return app;
  }

  // Opens the page and unlocks the stored database.
  async reopen() {
    const driver = await this.open();
    const started = await driver.start(DATABASE);
    assert.equal(started.phase, Phase.locked, `the stored database is found (${await driver.failure()})`);
    const unlocked = await driver.openWith('unlock');
    assert.equal(unlocked.code, 0, `unlock: ${await driver.failure()}`);
    return driver;
  }

  // A clean browser restart. A brand-new origin killed within seconds of its
  // first IndexedDB write is tested on its own (fresh_origin.test.mjs); the
  // crash tests here kill a browser restarted once, like a device in use.
  async restart() {
    await this.shutDown();
    return this.reopen();
  }
}

// [SECTION] States of the test database that can be told apart

// State `g`: crash_rows holds ROWS + g rows whose 1000-character bodies are
// all derived from g, and crash_state says g. A mix of two states' blocks
// shows as rows of the wrong body, a wrong count or a failed integrity_check.
// The rows are rewritten in one transaction: about 4 MB, so the IndexedDB
// save takes a while (blocks are encrypted: nothing compresses).
const ROWS = 4000;
const body = (generation) =>
  `substr(replace(hex(zeroblob(250)), '00', printf('%08x', (${generation} * 1000003 + id * 7919) % 4294967296)), 1, 1000)`;
const writeState = (g) => [
  'BEGIN',
  'CREATE TABLE IF NOT EXISTS crash_rows(id INTEGER PRIMARY KEY, body TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS crash_state(id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL)',
  'DELETE FROM crash_rows',
  `WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < ${ROWS + g}) ` +
    `INSERT INTO crash_rows(id, body) SELECT id, ${body(g)} FROM n`,
  `INSERT INTO crash_state VALUES(1, ${g}) ON CONFLICT(id) DO UPDATE SET generation = excluded.generation`,
  'COMMIT',
];
// "<generation> <rows> <rows whose body is not that generation's>"
const DESCRIBE_STATE =
  "SELECT generation || ' ' || (SELECT count(*) FROM crash_rows) || ' ' || " +
  `(SELECT count(*) FROM crash_rows WHERE body <> ${body('crash_state.generation')}) FROM crash_state`;

// The state the database holds, checked whole: integrity, count and every body.
async function storedState(driver) {
  assert.equal(await driver.query('PRAGMA integrity_check'), 'ok');
  const described = await driver.query(DESCRIBE_STATE);
  assert.match(described, /^\d+ \d+ \d+$/, 'the test rows are there');
  const [generation, rows, wrongBodies] = described.split(' ').map(Number);
  assert.equal(rows, ROWS + generation, `state ${generation} has all its rows`);
  assert.equal(wrongBodies, 0, `every row of state ${generation} has its body`);
  return generation;
}

// Commits state g in one transaction, then waits `delayMs` (page time) and
// reports the save state: the page's own view of whether IndexedDB confirmed it.
function commitState(driver, g, delayMs) {
  return driver.page.evaluate(async ([statements, delay]) => {
    for (const sql of statements) {
      const answer = Module.ccall('bench_query', 'string', ['string'], [sql]);
      if (answer.startsWith('error')) throw new Error(`${sql.slice(0, 40)}: ${answer}`);
    }
    const committed = performance.now();
    if (delay === null) await persist.until(() => persist.saveState() !== 1);
    else await new Promise((resolve) => setTimeout(resolve, delay));
    return { state: persist.saveState(), ms: performance.now() - committed };
  }, [writeState(g), delayMs]);
}

// [SECTION] Crash and durability

test('a browser killed in the middle of a save reopens with the old or the new state, never a mix', { timeout: 120_000 }, async (t) => {
  const profile = track(new Profile());
  try {
    let driver = await profile.open();
    assert.equal((await driver.start(DATABASE)).phase, Phase.needs_new_passphrase);
    assert.equal((await driver.openWith('create')).code, 0);
    assert.equal((await commitState(driver, 1, null)).state, SaveState.saved);
    // A rewrite like the ones killed below: the kills come at fractions of its save time.
    const rewrite = await commitState(driver, 2, null);
    assert.equal(rewrite.state, SaveState.saved);
    driver = await profile.restart();
    assert.equal(await storedState(driver), 2);
    t.diagnostic(`save of ${ROWS / 1000} MB of rows: ${rewrite.ms.toFixed(0)} ms, file ${(await driver.fileSize() / 1048576).toFixed(1)} MB`);

    let current = 2;
    const kills = [];
    for (const fraction of [0, 0.2, 0.4]) {
      const next = current + 1;
      // The page logs when IndexedDB confirms a save: one logged before the kill is seen here.
      let confirmedBeforeKill = false;
      driver.page.on('console', (message) => { confirmedBeforeKill ||= message.text() === 'e2e: saved'; });
      await driver.page.evaluate(() => {
        Module.onPersistChange = () => { if (persist.saveState() === 0) console.log('e2e: saved'); };
      });
      const atKill = await commitState(driver, next, Math.round(fraction * rewrite.ms));
      await profile.kill();

      driver = await profile.reopen();
      const found = await storedState(driver);
      assert.ok(found === current || found === next, `state ${found} is the old (${current}) or the new (${next})`);
      kills.push({
        afterMs: Math.round(atKill.ms),
        midSave: atKill.state === SaveState.saving && !confirmedBeforeKill,
        found: found === current ? 'old' : 'new',
      });
      current = found;
    }
    t.diagnostic(`kills: ${JSON.stringify(kills)}`);
    assert.ok(kills.filter((kill) => kill.midSave).length >= 2, 'most kills came before the save was confirmed');
    assert.ok(kills.some((kill) => kill.midSave && kill.found === 'old'), 'a kill interrupted a save (old state found)');
  } finally {
    await release(profile);
  }
});

test('once the page reports saved, a killed browser loses nothing', { timeout: 90_000 }, async () => {
  const profile = track(new Profile());
  try {
    let driver = await profile.open();
    assert.equal((await driver.start(DATABASE)).phase, Phase.needs_new_passphrase);
    assert.equal((await driver.openWith('create')).code, 0);
    const small = await driver.durable('bench_small_write', ['string', 'string'], ['e2e.durable', 'fictional value']);
    assert.deepEqual([small.code, small.state], [0, SaveState.saved]);
    driver = await profile.restart();
    // Killed as soon as the page reports saved: a "saved" that came before
    // IndexedDB's complete event would lose this large save.
    assert.equal((await commitState(driver, 1, null)).state, SaveState.saved);
    await profile.kill();
    const reopened = await profile.reopen();
    assert.equal(await storedState(reopened), 1);
    assert.equal(await reopened.setting('e2e.durable'), 'fictional value');
  } finally {
    await release(profile);
  }
});

// [SECTION] What IndexedDB holds

// Every record of every IndexedDB database of the page's origin, read raw:
// per database, how many records and bytes, and in how many records each
// needle occurs (searched in the bytes: binary values as they are, anything
// else as its JSON text; keys too).
function scanIndexedDb(target, needles) {
  return target.evaluate(async (wanted) => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const asBytes = (value) => (value instanceof ArrayBuffer || ArrayBuffer.isView(value)
      ? new Uint8Array(value.buffer ?? value, value.byteOffset ?? 0, value.byteLength)
      : new TextEncoder().encode(JSON.stringify(value)));
    const contains = (bytes, needle) => {
      for (let at = bytes.indexOf(needle[0]); at >= 0 && at + needle.length <= bytes.length; at = bytes.indexOf(needle[0], at + 1)) {
        let i = 1;
        while (i < needle.length && bytes[at + i] === needle[i]) i++;
        if (i === needle.length) return true;
      }
      return false;
    };
    const needles = wanted.map((text) => new TextEncoder().encode(text));
    const report = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name));
      const found = { records: 0, bytes: 0, hits: Object.fromEntries(wanted.map((text) => [text, 0])) };
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly');
        const [keys, values] = await Promise.all([request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll())]);
        values.forEach((value, i) => {
          const record = [asBytes(keys[i]), asBytes(value)];
          found.records++;
          found.bytes += record[1].length;
          needles.forEach((needle, n) => { if (record.some((bytes) => contains(bytes, needle))) found.hits[wanted[n]]++; });
        });
      }
      db.close();
      report[name] = found;
    }
    return report;
  }, needles);
}

// A plaintext database stored the way the blocks are: the scan must find it.
function storePlaintextControl(target) {
  return target.evaluate(async ([header, marker]) => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('e2e-plaintext-control', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('blocks');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const block = new Uint8Array(4096);
    block.set(new TextEncoder().encode(header));
    block.set(new TextEncoder().encode(marker), 3000);
    await new Promise((resolve, reject) => {
      const tx = db.transaction('blocks', 'readwrite');
      tx.objectStore('blocks').put(block, 0);
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, [SQLITE_HEADER, MARKER]);
}

function assertNoPlaintext(report, database, needles) {
  const stored = report[database];
  assert.ok(stored && stored.records > 1 && stored.bytes > 64 * 1024, `database ${database} was read (${JSON.stringify(stored)})`);
  for (const needle of needles) assert.equal(stored.hits[needle], 0, `"${needle.replace('\0', '\\0')}" in ${database}`);
}

test('persistence page: IndexedDB holds no SQLite header and no byte of a marker the store reads back', { timeout: 90_000 }, async () => {
  const browser = track(await launchBrowser());
  try {
    const context = await browser.newContext();
    const writer = await openPage(context, pageServer.url);
    assert.equal((await writer.start(DATABASE)).phase, Phase.needs_new_passphrase);
    assert.equal((await writer.openWith('create')).code, 0);
    const marked = `${MARKER} note about a fictional bus pass`;
    const saved = await writer.durable('bench_small_write', ['string', 'string'], ['e2e.note', marked]);
    assert.deepEqual([saved.code, saved.state], [0, SaveState.saved]);
    assert.equal((await commitState(writer, 1, null)).state, SaveState.saved);  // some MB of text rows too
    await writer.page.close();

    // The marker reads back from IndexedDB through a fresh page and the store.
    const reader = await openPage(context, pageServer.url);
    assert.equal((await reader.start(DATABASE)).phase, Phase.locked);
    assert.equal((await reader.openWith('unlock')).code, 0);
    assert.equal(await reader.setting('e2e.note'), marked);
    assert.equal(await storedState(reader), 1);

    await storePlaintextControl(reader.page);
    const body1 = await reader.query(`SELECT ${body(1)} FROM (SELECT 1 AS id)`);  // text of crash_rows row 1
    const needles = [SQLITE_HEADER, MARKER, body1.slice(0, 32), PASSPHRASE];
    const report = await scanIndexedDb(reader.page, needles);
    assert.equal(report['e2e-plaintext-control'].hits[SQLITE_HEADER], 1, 'the scan finds a plaintext header');
    assert.equal(report['e2e-plaintext-control'].hits[MARKER], 1, 'the scan finds the marker in bytes');
    assertNoPlaintext(report, DATABASE, needles);
    assert.ok(report[DATABASE].bytes >= await reader.fileSize(), 'every block was read');
  } finally {
    await release(browser);
  }
});

// The app's own flow and labels (src/app/screens), on the desktop device: on
// the tablet (2x device pixels on SwiftShader) typing takes four times longer.
const APP_PASSPHRASE = 'e2e fictional pass';

test('app: a note shown as saved survives a killed browser, and neither it nor a name is in IndexedDB in plaintext', { timeout: 90_000 }, async () => {
  const server = await startServer();
  const running = track({ close: () => server.stop() });
  const profile = track(new Profile());
  try {
    let app = await profile.openApp(server.url);
    await app.setPassphrase(APP_PASSPHRASE);
    const row = await app.firstRow();
    const note = `${MARKER} bus pass (fictional)`;
    await app.addNote(row.label, note);

    // Killed once the app says saved; the note reads back from IndexedDB.
    await profile.kill();
    app = await profile.openApp(server.url);
    await app.unlock(APP_PASSPHRASE);
    await app.scrollTo(row.label);  // the note changed the caseload's order
    await app.tap(row.label);
    await app.scrollTo(note);

    await storePlaintextControl(app.page);
    const needles = [SQLITE_HEADER, MARKER, row.label, APP_PASSPHRASE];
    const report = await scanIndexedDb(app.page, needles);
    assert.equal(report['e2e-plaintext-control'].hits[MARKER], 1, 'the scan finds the marker in bytes');
    assertNoPlaintext(report, 'pathway', needles);
    for (const [name, stored] of Object.entries(report)) {
      if (name !== 'e2e-plaintext-control') assert.equal(stored.hits[MARKER], 0, `marker in IndexedDB database ${name}`);
    }
  } finally {
    await release(profile);
    await release(running);
  }
});

// [SECTION] Wrong passphrase

// SHA-256 of every key and value of database `name`, in key order, but for
// meta "owner": the tab that last took the database (idb_blocks.js's fence
// against a second writer), which every open rewrites.
function digestDatabase(target, name) {
  return target.evaluate(async (database) => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const db = await request(indexedDB.open(database));
    const parts = [];
    for (const store of [...db.objectStoreNames].sort()) {
      const tx = db.transaction(store, 'readonly');
      const [keys, values] = await Promise.all([request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll())]);
      values.forEach((value, i) => {
        if (store === 'meta' && keys[i] === 'owner') return;
        parts.push(new TextEncoder().encode(`${store}/${JSON.stringify(keys[i])}:`));
        parts.push(ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
          : new TextEncoder().encode(JSON.stringify(value)));
      });
    }
    db.close();
    const all = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    parts.reduce((at, part) => { all.set(part, at); return at + part.length; }, 0);
    return [...new Uint8Array(await crypto.subtle.digest('SHA-256', all))].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, name);
}

test('a wrong passphrase opens nothing and changes no stored byte; the right one still opens', { timeout: 90_000 }, async () => {
  const browser = track(await launchBrowser());
  try {
    const context = await browser.newContext();
    const writer = await openPage(context, pageServer.url);
    await writer.start(DATABASE);
    assert.equal((await writer.openWith('create')).code, 0);
    const saved = await writer.durable('bench_small_write', ['string', 'string'], ['e2e.kept', 'fictional kept value']);
    assert.deepEqual([saved.code, saved.state], [0, SaveState.saved]);
    await writer.page.close();

    const first = await openPage(context, pageServer.url);
    const stored = await digestDatabase(first.page, DATABASE);
    assert.equal((await first.start(DATABASE)).phase, Phase.locked);
    for (const wrong of ['fictional bench passphrasf', 'not the passphrase at all', PASSPHRASE.toUpperCase()]) {
      assert.equal((await first.openWith('unlock', wrong)).code, WRONG_KEY, `"${wrong}" is refused`);
      assert.equal(await first.call('bench_phase', 'number', [], []), Phase.locked, 'still locked');
    }
    await first.page.waitForTimeout(200);  // a stray save would have begun by now
    assert.equal(await digestDatabase(first.page, DATABASE), stored, 'no stored byte changed');
    // The right passphrase on the same page, then on a fresh one.
    assert.equal((await first.openWith('unlock')).code, 0);
    assert.equal(await first.setting('e2e.kept'), 'fictional kept value');
    await first.page.close();

    const second = await openPage(context, pageServer.url);
    assert.equal((await second.start(DATABASE)).phase, Phase.locked);
    assert.equal((await second.openWith('unlock')).code, 0);
    assert.equal(await second.setting('e2e.kept'), 'fictional kept value');
    assert.equal(await second.query('PRAGMA integrity_check'), 'ok');
  } finally {
    await release(browser);
  }
});
