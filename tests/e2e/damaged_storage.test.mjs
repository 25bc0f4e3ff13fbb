// Browser tests of damaged storage (src/app/persist/local_database.cpp
// validates everything read from IndexedDB), issue 8: each kind of damage is
// planted in a real device database, written by the app, and then the app
// must show "This device's copy is damaged" (no crash, no abort, no new
// empty database) and leave every stored byte as it was: the blocks and the
// meta record are compared with what was planted. (Taking the database writes
// only the tab's "owner" record, which is left out of the comparison.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEVICES, openApp, openTab, useServerAndBrowser } from './harness.mjs';

const PASSPHRASE = 'example damaged device passphrase';
const running = useServerAndBrowser();

// Every record of the app's IndexedDB database, as JSON-able values (bytes as base64).
const dumpStorage = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const request = indexedDB.open('pathway', 1);
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const db = request.result;
    const tx = db.transaction(['blocks', 'meta'], 'readonly');
    const dump = { blocks: [], meta: [] };
    const encode = (value) => {
      if (!(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) return { json: JSON.stringify(value) ?? 'undefined' };
      const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return { base64: btoa(text) };
    };
    for (const name of ['blocks', 'meta']) {
      const cursor = tx.objectStore(name).openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        if (at.key !== 'owner') dump[name].push([at.key, encode(at.value)]);
        at.continue();
      };
    }
    tx.oncomplete = () => { db.close(); resolve(dump); };
    tx.onerror = () => reject(tx.error);
  };
}));

// Writes `dump` (dumpStorage's form) into the app's IndexedDB database of this origin.
const plantStorage = (page, dump) => page.evaluate((records) => new Promise((resolve, reject) => {
  const request = indexedDB.open('pathway', 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore('blocks');
    request.result.createObjectStore('meta');
  };
  request.onerror = () => reject(request.error);
  request.onsuccess = () => {
    const db = request.result;
    const tx = db.transaction(['blocks', 'meta'], 'readwrite');
    const decode = (value) => {
      if (value.json !== undefined) return value.json === 'undefined' ? undefined : JSON.parse(value.json);
      const text = atob(value.base64);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; ++i) bytes[i] = text.charCodeAt(i);
      return bytes.buffer;
    };
    for (const name of ['blocks', 'meta']) {
      tx.objectStore(name).clear();
      for (const [key, value] of records[name]) tx.objectStore(name).put(decode(value), key);
    }
    tx.oncomplete = () => { db.close(); resolve(); };
    tx.onerror = () => reject(tx.error);
  };
}), dump);

// A healthy device database as the app wrote it, made once (for the first row).
let healthy;
function healthyStorage() {
  healthy ??= (async () => {
    const { context, page, app } = await openApp(running.browser, running.server.url);
    await app.setPassphrase(PASSPHRASE);
    const dump = await dumpStorage(page);
    await context.close();
    assert.ok(dump.blocks.length >= 2, 'the healthy database has several blocks');
    return dump;
  })();
  return healthy;
}

const fileRecord = (dump) => JSON.parse(dump.meta.find(([key]) => key === 'file')[1].json);
const withFile = (dump, change) => ({
  ...dump,
  meta: dump.meta.map(([key, value]) => (key === 'file' ? [key, { json: JSON.stringify(change(fileRecord(dump))) }] : [key, value])),
});
const withRawFile = (dump, json) => ({ ...dump, meta: dump.meta.map(([key, value]) => (key === 'file' ? [key, { json }] : [key, value])) });

// One row per kind of damage: how it is planted.
const damages = [
  ['a meta record that is not a record', (d) => withRawFile(d, JSON.stringify('garbage'))],
  ['a truncated meta record (size only)', (d) => withFile(d, (file) => ({ size: file.size }))],
  ['a size that is not a number (NaN)', (d) => withRawFile(d, JSON.stringify(fileRecord(d)).replace(/"size":\d+/, '"size":"many"'))],
  ['a huge size', (d) => withFile(d, (file) => ({ ...file, size: 1e300 }))],
  ['a fractional generation', (d) => withFile(d, (file) => ({ ...file, generation: 2.5 }))],
  ['a block size that is not a power of two', (d) => withFile(d, (file) => ({ ...file, blockSize: 5000 }))],
  ['unreadable key settings', (d) => withFile(d, (file) => ({ ...file, kdf: 'argon2id;m=oops' }))],
  ['a block of the wrong length', (d) => ({
    ...d, blocks: d.blocks.map(([key, value], i) => (i === 0 ? [key, { base64: value.base64.slice(0, 400) }] : [key, value])),
  })],
  ['a block that is not bytes', (d) => ({ ...d, blocks: d.blocks.map(([key, value], i) => (i === 0 ? [key, { json: '"text"' }] : [key, value])) })],
  ['a missing block', (d) => ({ ...d, blocks: d.blocks.slice(1) })],
];

for (const [damage, plant] of damages) {
  test(`${damage}: "This device's copy is damaged", and every stored byte is kept`, { timeout: 60_000 }, async () => {
    const context = await running.browser.newContext(DEVICES.desktop);
    try {
      const planted = plant(await healthyStorage());
      const setup = await context.newPage();
      await setup.goto(running.server.url + 'api/health');  // the app's origin, without the app
      await plantStorage(setup, planted);
      await setup.close();

      const { page, app } = await openTab(context, running.server.url);
      await app.waitForItem("This device's copy is damaged");
      await app.waitForItem(/Nothing has been deleted/);
      assert.equal(await page.evaluate(() => window.pathway.ready), true, 'the app runs on');
      assert.deepEqual(await dumpStorage(page), planted, 'every stored record is as it was planted');
    } finally {
      await context.close();
    }
  });
}
