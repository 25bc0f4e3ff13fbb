// The server killed with SIGKILL at random moments while a device pushes
// (issue 9's fault test), on loopback, PATHWAY_KILLS times (default 60;
// `PATHWAY_KILLS=500 ./test tests/e2e/sync_faults.test.mjs` for more). The
// device behaves as the app does: it sends its outbox oldest first, forgets a
// change set only once the server has answered `applied` or `duplicate`, and
// sends everything else again after the server comes back. Afterwards:
// nothing the server acknowledged is lost, no change set is applied twice,
// and every change set reached the server once. No browser: the device is
// this test, speaking the protocol of docs/sync.md.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, startServer } from './harness.mjs';

const KILLS = Number(process.env.PATHWAY_KILLS ?? 60);
const DEVICE = 'kill-test-device';
// The device store's schema in this build (the app sends its own).
const SCHEMA = Number(/current_schema_version = (\d+)/.exec(readFileSync(join(ROOT, 'src/sync/catalog.h'), 'utf8'))[1]);

async function call(url, path, body, token) {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

// A home visit to `person`, appended: one change set of the device's outbox.
function visitChangeSet(seq, person, staffId) {
  const at = new Date(Date.UTC(2026, 10, 2, 9, 0, seq)).toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    author: staffId, changes: [{
      base: 0, entity: 'contacts', id: `kill-visit-${seq}`, op: 'append',
      fields: {
        correction_reason: '', not_seen_reason: '', occurred_at: at, outcome: 'SEEN', pa_notes: `Fictional visit ${seq}`,
        present: '', recorded_at: at, staff_id: staffId, supersedes: null, type: 'HOME_VISIT', withdrawn: false,
        young_person_id: person, young_persons_words: '',
      },
    }], client_id: DEVICE, id: `kill-cs-${seq}`, made_at: at, schema: SCHEMA, seq,
  };
}

test('sync: the server killed at random moments during pushes loses nothing acknowledged and applies nothing twice', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pathway-kills-'));
  let server = await startServer({ demo: true, dataDir });
  try {
    const session = await call(server.url, 'api/session',
      { username: 'demo-pa', password: 'pathway-demo', device_id: DEVICE, device_name: 'kill test' });
    const token = session.token;
    const staffId = session.user.staff_id;
    const caseload = await (await fetch(server.url + 'api/caseload', { headers: { Authorization: `Bearer ${token}` } })).json();
    const person = caseload.lines[0].young_person_id;

    let outbox = [];  // waiting change sets, oldest first
    let nextSeq = 1;
    const applied = new Set();  // change sets the server answered `applied` for
    let kills = 0;
    let unanswered = 0;  // pushes whose answer never came
    let duplicates = 0;  // change sets applied before, their answer lost
    // One push of the outbox, as the app makes it: what is answered `applied`
    // or `duplicate` leaves the outbox; without an answer (it throws) nothing does.
    const pushOutbox = async () => {
      const answer = await call(server.url, 'api/sync/push', { format: 1, client_id: DEVICE, change_sets: outbox.slice(0, 200) }, token);
      for (const result of answer.results) {
        assert.notEqual(result.status, 'refused', `${result.id}: ${result.reason}`);
        if (result.status === 'duplicate') duplicates++;
        if (result.status === 'applied') {
          assert.ok(!applied.has(result.id), `${result.id} applied twice`);
          applied.add(result.id);
        }
      }
      const done = new Set(answer.results.filter((r) => r.status === 'applied' || r.status === 'duplicate').map((r) => r.id));
      outbox = outbox.filter((changeSet) => !done.has(changeSet.id));
    };
    while (kills < KILLS) {
      for (let n = 0; n < 1 + (kills % 4); n++) outbox.push(visitChangeSet(nextSeq++, person, staffId));
      const push = pushOutbox();
      // Kill somewhere between before the request is read and after the answer.
      const killed = new Promise((resolve) => setTimeout(resolve, Math.random() * 12)).then(() => server.kill());
      try {
        await push;
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        unanswered++;  // no answer: everything stays in the outbox
      }
      await killed;
      kills++;
      server = await startServer({ demo: true, dataDir });
    }
    // Online again for good: the rest goes through.
    while (outbox.length) await pushOutbox();

    // A second device of the same PA pulls everything from the start: each visit is there once.
    const phone = 'kill-test-phone';
    const other = await call(server.url, 'api/session', { username: 'demo-pa', password: 'pathway-demo', device_id: phone, device_name: 'phone' });
    const seen = new Map();
    let cursor = '';
    for (let more = true; more;) {
      const page = await call(server.url, 'api/sync/pull', { format: 1, client_id: phone, schema: SCHEMA, cursor, limit: 5000 }, other.token);
      for (const changeSet of page.change_sets) {
        for (const row of changeSet.rows) {
          if (row.entity === 'contacts' && row.id.startsWith('kill-visit-')) seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
        }
      }
      cursor = page.cursor;
      more = page.more;
    }
    const sent = nextSeq - 1;
    console.log(`# ${kills} kills, ${sent} change sets, ${unanswered} pushes unanswered, ${duplicates} answers of duplicate (applied, then the answer lost)`);
    assert.ok(unanswered > 0, 'some kills came before the answer');
    assert.equal(seen.size, sent, 'every change set reached the server');
    assert.ok([...seen.values()].every((count) => count === 1), 'each visit pulled once');
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
