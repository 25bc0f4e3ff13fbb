// Browser test of the README's promise that the passphrase and the key are
// wiped after use (src/app/screens/unlock_screen.cpp, src/app/js/c_strings.js,
// src/app/platform/platform.cpp, src/store/store.cpp), issue 8: after a first
// start and after an unlock, the app's whole wasm memory (HEAPU8: heap, stack
// and static data) holds no copy of the passphrase, in UTF-8 or in UTF-16
// (Dear ImGui edits text as 16-bit characters) or UTF-32 (its input events
// hold typed characters as code points), and no copy of the 64-digit hex key
// derived from it. The key itself (32 bytes) is in SQLite3MC's cipher
// state while the database is open: that is what encrypts, so it is not
// looked for.
//
// The expected key comes from the persistence test page (bench/wasm), which
// runs the app's own key derivation on the stored key settings.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage, servePage } from '../../bench/wasm/persist_page.mjs';
import { openApp, useServerAndBrowser } from './harness.mjs';

// Fictional, and with letters outside ASCII so that UTF-8 and UTF-16 differ.
const PASSPHRASE = 'Quokka lantern Zürich ščedrý';
const running = useServerAndBrowser();
let pageServer;
before(async () => { pageServer = await servePage(); });
after(async () => { await pageServer?.close(); });

// Offsets in the app's wasm memory where each of `needles` (name -> byte array) occurs.
function findInWasmMemory(page, needles) {
  return page.evaluate((wanted) => {
    const memory = HEAPU8;
    const found = {};
    for (const [name, bytes] of Object.entries(wanted)) {
      found[name] = [];
      const first = bytes[0];
      for (let at = memory.indexOf(first); at !== -1 && found[name].length < 10; at = memory.indexOf(first, at + 1)) {
        let i = 1;
        while (i < bytes.length && memory[at + i] === bytes[i]) ++i;
        if (i === bytes.length) found[name].push(at);
      }
    }
    return found;
  }, needles);
}

function needlesFor(keyHex) {
  const utf32 = [];
  for (const character of PASSPHRASE) {
    const code = character.codePointAt(0);
    utf32.push(code & 0xff, (code >> 8) & 0xff, code >> 16, 0);
  }
  return {
    'passphrase (UTF-8)': [...Buffer.from(PASSPHRASE, 'utf8')],
    'passphrase (UTF-16)': [...Buffer.from(PASSPHRASE, 'utf16le')],
    'passphrase (UTF-32, as ImGui queues typed characters)': utf32,
    'hex key': [...Buffer.from(keyHex, 'latin1')],
  };
}

async function storedKeySettings(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('pathway', 1);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const get = request.result.transaction('meta').objectStore('meta').get('file');
      get.onsuccess = () => { resolve(get.result.kdf); request.result.close(); };
      get.onerror = () => reject(get.error);
    };
  }));
}

test('after setting the passphrase and after unlocking, wasm memory holds no copy of the passphrase or the hex key', { timeout: 120_000 }, async () => {
  const { context, page, app } = await openApp(running.browser, running.server.url);
  const keyPage = await openPage(context, pageServer.url);
  try {
    await app.setPassphrase(PASSPHRASE);
    const keyHex = await keyPage.call('bench_key_hex', 'string', ['string', 'string'],
      [PASSPHRASE, await storedKeySettings(page)]);
    assert.match(keyHex, /^[0-9a-f]{64}$/, keyHex);
    const needles = needlesFor(keyHex);
    const none = Object.fromEntries(Object.keys(needles).map((name) => [name, []]));
    assert.deepEqual(await findInWasmMemory(page, needles), none, 'after the first start');

    await page.reload();
    await app.waitUntilReady();
    await app.unlock(PASSPHRASE);
    assert.deepEqual(await findInWasmMemory(page, needles), none, 'after unlocking');

    // The scan finds what is there: the key page still holds the hex key it returned.
    const control = await findInWasmMemory(keyPage.page, { 'hex key': needles['hex key'] });
    assert.ok(control['hex key'].length > 0, 'the scan finds a copy that is there');
  } finally {
    await context.close();
  }
});
