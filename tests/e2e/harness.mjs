// Shared set-up for the browser tests: starts the real server on a free port
// with a fresh data directory, launches Debian's chromium through
// playwright-core, and drives the canvas app by the labels of its widgets
// (window.pathway.items(), recorded from Dear ImGui's item hooks).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
// PATHWAY_SERVER / PATHWAY_WEB point a helper's own build at the tests.
// Without it: the Release server (./run, scripts/bench.sh), or else the
// sanitizer build's (./test builds only that one).
const RELEASE_SERVER = join(ROOT, 'build/native/src/server/pathway-server');
export const SERVER_BINARY = process.env.PATHWAY_SERVER ??
  (existsSync(RELEASE_SERVER) ? RELEASE_SERVER : join(ROOT, 'build/native-asan/src/server/pathway-server'));
export const WEB_DIR = process.env.PATHWAY_WEB ?? join(ROOT, 'build/web');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

// Browser contexts for the devices a PA uses. Touch devices are emulated as
// TOOLCHAIN.md describes (isMobile, hasTouch, deviceScaleFactor).
export const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  tablet: { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
};

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

// The demo council loads in seconds (more on a busy machine): it is loaded
// once per server build into a folder kept in the temporary directory, and
// each test server starts on a copy of it. Returns the folder.
async function demoDataTemplate() {
  const { mtimeMs, size } = statSync(SERVER_BINARY);
  const template = join(tmpdir(), `pathway-e2e-demo-${Math.round(mtimeMs)}-${size}`);
  if (existsSync(join(template, 'ready'))) return template;
  const making = mkdtempSync(join(tmpdir(), 'pathway-e2e-demo-making-'));
  const server = await launchServer({ web: WEB_DIR, demo: true, dataDir: making });
  await server.stopProcess();
  mkdirSync(join(making, 'ready'));
  try { renameSync(making, template); } catch { rmSync(making, { recursive: true, force: true }); }  // made meanwhile
  return template;
}

async function launchServer({ web, demo, dataDir }) {
  const port = await freePort();
  const args = ['--host', '127.0.0.1', '--port', String(port), '--data', dataDir, '--web', web];
  if (demo) args.push('--demo');
  const child = spawn(SERVER_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const url = `http://127.0.0.1:${port}/`;
  // A first --demo start loads the whole demo council: seconds, more on a busy machine.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pathway-server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(url + 'api/health');
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { child.kill(); throw new Error(`pathway-server did not start:\n${output}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: () => output,
    // SIGKILL, as a crash or the OOM killer ends it; the data folder stays.
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
      }
    },
    // SIGTERM, as a service manager stops it: it must stop cleanly, and a
    // sanitizer build must have reported nothing (leaks are reported at exit).
    async stopProcess() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (/(AddressSanitizer|LeakSanitizer|runtime error:)/.test(output) || (child.signalCode === null && child.exitCode !== 0)) {
        throw new Error(`pathway-server stopped with exit ${child.exitCode ?? child.signalCode}:\n${output.slice(-4000)}`);
      }
    },
  };
}

// Starts pathway-server and waits for /api/health. Returns { url, dataDir, stop }.
// With `demo` (the default) it holds the Example Council and the demo
// accounts (demo-pa, demo-pa2, demo-tm ...; password DEMO_PASSWORD).
export async function startServer({ web = WEB_DIR, demo = true, dataDir } = {}) {
  const ownDataDir = !dataDir;
  dataDir ??= mkdtempSync(join(tmpdir(), 'pathway-e2e-'));
  if (demo && ownDataDir) cpSync(await demoDataTemplate(), dataDir, { recursive: true });
  const server = await launchServer({ web, demo, dataDir });
  return {
    url: server.url,
    dataDir,
    output: server.output,
    kill: server.kill,
    async stop() {
      await server.stopProcess();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const DEMO_PASSWORD = 'pathway-demo';

const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
};

export async function launchBrowser() {
  return chromium.launch(CHROMIUM);
}

// A browser (one context, `contextOptions` such as DEVICES.tablet) whose
// profile, IndexedDB included, is kept in `userDataDir`: a test can kill it
// and launch it again on the same data.
export async function launchPersistentBrowser(userDataDir, contextOptions = {}) {
  return chromium.launchPersistentContext(userDataDir, { ...CHROMIUM, ...contextOptions });
}

// [SECTION] A browser on a profile folder that can be killed and relaunched

// Chromium's processes for profile `dir` (its main process has no --type).
// Processes forked from the zygote rewrite their command line as one string
// with spaces, hence the split on both.
function browserProcesses(dir) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args;
    try { args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\0 ]/); } catch { continue; }
    if (args.includes(`--user-data-dir=${dir}`)) found.push({ pid: Number(entry), main: !args.some((a) => a.startsWith('--type=')) });
  }
  return found;
}

// SIGKILL, unless the process has exited since it was listed.
function killProcess(pid) {
  try { process.kill(pid, 'SIGKILL'); } catch (error) { if (error.code !== 'ESRCH') throw error; }
}

// A temporary profile folder and the browser launched on it (`context`, a
// persistent context), which a test can kill and launch again on the same data.
export class KillableProfile {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'pathway-e2e-profile-'));
    this.context = null;
  }

  // Launches the browser on the folder (`contextOptions`: a device of DEVICES).
  async launch(contextOptions = {}) {
    this.context = await launchPersistentBrowser(this.dir, contextOptions);
    return this.context;
  }

  // SIGKILL to every process of the browser at once, as a power cut ends it:
  // no unload, no clean shutdown, and IndexedDB's storage service (a process
  // of its own) gets no chance to finish what it was writing.
  async kill() {
    const processes = browserProcesses(this.dir);
    if (processes.filter((p) => p.main).length !== 1 || processes.length < 2) {
      throw new Error(`expected one browser process on the profile and its children: ${JSON.stringify(processes)}`);
    }
    const closed = new Promise((resolveClosed) => this.context.once('close', resolveClosed));
    for (const { pid } of processes) killProcess(pid);
    await closed;
    for (let tries = 0; browserProcesses(this.dir).length > 0 && tries < 50; tries++) await sleep(100);
    for (const { pid } of browserProcesses(this.dir)) killProcess(pid);  // started meanwhile
    this.context = null;
  }

  // Closes the browser cleanly (it stays closed until the next launch).
  async shutDown() {
    await this.context.close();
    this.context = null;
  }

  // Closes the browser if it runs and deletes the folder.
  async close() {
    await this.context?.close();
    for (const { pid } of browserProcesses(this.dir)) killProcess(pid);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// For a test file: starts the server (startServer's options) and the browser
// before its first test and stops both after its last. The returned object's
// `server` and `browser` are set once started.
export function useServerAndBrowser(options) {
  const running = { server: null, browser: null };
  before(async () => {
    running.server = await startServer(options);
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

// Opens the app in a new tab of `context` (made for `device`) and waits for its first frame.
export async function openTab(context, url, device = 'desktop') {
  const page = await context.newPage();
  const driver = new AppDriver(page, DEVICES[device]);
  await page.goto(url);
  await driver.waitUntilReady();
  return { page, app: driver };
}

// Opens the app in a new context emulating `device` and waits for its first frame.
export async function openApp(browser, url, device = 'desktop') {
  const context = await browser.newContext(DEVICES[device]);
  return { context, ...await openTab(context, url, device) };
}

const matches = (item, label) => (label instanceof RegExp ? label.test(item.label) : item.label === label);

// axe-core's WCAG 2.2 AA and best-practice violations on the page, as
// readable lines (none is a pass). Injected by the test: the page's CSP allows
// no inline script, and evaluate is not subject to it.
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
export async function axeViolations(page) {
  await page.evaluate(`${AXE}\n;true`);
  await page.waitForTimeout(200);  // the mirror is updated after the frame that drew the page
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

export class AppDriver {
  constructor(page, device = DEVICES.desktop) {
    this.page = page;
    this.touch = !!device.hasTouch;
  }

  async waitUntilReady(timeout = 30_000) {
    await this.page.waitForFunction(() => window.pathway?.ready === true, null, { timeout });
  }

  items() {
    return this.page.evaluate(() => window.pathway.items());
  }

  // Waits until a widget with this label (string or RegExp) is on screen.
  async waitForItem(label, { timeout = 15_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const item = (await this.items()).find((candidate) => matches(candidate, label));
      if (item) return item;
      if (Date.now() > deadline) {
        const seen = (await this.items()).map((candidate) => candidate.label).filter(Boolean);
        throw new Error(`no item ${label} on screen; seen: ${JSON.stringify(seen.slice(0, 60))}`);
      }
      await this.page.waitForTimeout(50);
    }
  }

  // Waits until a widget with this label is drawn, on screen or scrolled out of view.
  async waitForItemAnywhere(label, { timeout = 15_000 } = {}) {
    await this.page.waitForFunction((wanted) => window.pathway.allItems().some((item) => item.label === wanted),
      label, { timeout });
  }

  async waitForNoItem(label, { timeout = 15_000 } = {}) {
    const deadline = Date.now() + timeout;
    while ((await this.items()).some((candidate) => matches(candidate, label))) {
      if (Date.now() > deadline) throw new Error(`item ${label} still on screen`);
      await this.page.waitForTimeout(50);
    }
  }

  // Taps (touch devices) or clicks (desktop) the middle of the labelled
  // widget, scrolled whole into view first if its pane cuts it off.
  async tap(label) {
    const item = await this.waitForItem(label);
    return this.tapItem(item.flags.includes('clipped') ? await this.scrollTo(label) : item);
  }

  // The same for an item found by other means (e.g. by its detail).
  async tapItem(item) {
    const x = item.x + item.w / 2;
    const y = item.y + item.h / 2;
    if (this.touch) await this.page.touchscreen.tap(x, y);
    else await this.page.mouse.click(x, y);
    // A person types once the caret shows: wait until a tapped field is the one editing.
    if (item.flags.includes('input')) {
      await this.page.waitForFunction((wanted) => window.pathway.items().some(
        (candidate) => candidate.label === wanted && candidate.flags.includes('active')), item.label);
    }
    return item;
  }

  // Scrolls until a widget with this label is whole on screen, and returns
  // it. A widget laid out off screen or cut off by its pane's edge (the app
  // lists it among allItems) is scrolled to in its own pane, up or down;
  // otherwise the list under the middle of the screen, or under `x` (the
  // caseload beside an open record: x = 100), scrolls down with the mouse
  // wheel. A laid-out widget far away is reached in a few turns: each turn
  // is sized by how far the last one moved it.
  async scrollTo(label, { steps = 40, x } = {}) {
    const { width, height } = this.page.viewportSize();
    let pixelsPerWheel = 0;  // how far a unit of wheel moved the widget, once seen
    let last = null;         // the widget's y and the wheel turned after it was read
    for (let step = 0; step < steps; step++) {
      const laidOut = (await this.page.evaluate(() => window.pathway.allItems())).find((candidate) => matches(candidate, label));
      // Whole on screen, and clear of the bottom edge, unless the pane has
      // scrolled as far as it goes (the last turn did not move it).
      const whole = laidOut && !laidOut.flags.includes('offscreen') && !laidOut.flags.includes('clipped') &&
        laidOut.y >= 0 && laidOut.y + laidOut.h <= height;
      const atEnd = last && laidOut && last.y === laidOut.y;
      if (whole && (laidOut.y + laidOut.h < height * 0.8 || atEnd)) return laidOut;
      const above = laidOut && laidOut.y + laidOut.h / 2 < height / 2;
      let wheel = (above ? -height : height) / 3;
      if (laidOut && last) {
        const moved = last.y - laidOut.y;
        if (Math.abs(moved) > 10 && Math.sign(moved) === Math.sign(last.wheel)) pixelsPerWheel = moved / last.wheel;
        if (pixelsPerWheel > 0) {
          const wanted = (laidOut.y + laidOut.h / 2 - height * 0.4) / pixelsPerWheel;
          wheel = Math.max(-3 * height, Math.min(3 * height, wanted));
        }
      }
      last = laidOut ? { y: laidOut.y, wheel } : null;
      const frames = await this.page.evaluate(() => window.pathway.frames);
      await this.page.mouse.move(laidOut ? laidOut.x + Math.min(laidOut.w / 2, 20) : x ?? width / 2, height / 2);
      await this.page.mouse.wheel(0, wheel);
      // The app draws two frames after input (input.cpp): read the second.
      await this.page.waitForFunction((before) => window.pathway.frames >= before + 2, frames, { timeout: 2_000 }).catch(() => {});
    }
    return this.waitForItem(label, { timeout: 0 });
  }

  // A young person's card on the caseload (on the left beside an open record).
  scrollToPerson(person) {
    return this.scrollTo(person, { x: 100 });
  }

  // Back to the caseload with the browser's Back (a phone shows one screen at a time).
  async toCaseload() {
    const labels = async () => (await this.page.evaluate(() => window.pathway.allItems())).map((item) => item.label);
    for (let steps = 0; steps < 4 && !(await labels()).includes('Your caseload'); steps++) {
      await this.page.goBack();
      await this.page.waitForTimeout(200);
    }
    await this.waitForItem('Your caseload');
  }

  // [The app's own steps, shared by the test files]

  // First start, as a new device does it: signs in (demo-pa unless told
  // otherwise), sets the device passphrase and waits until the first sync
  // has brought the caseload.
  async setPassphrase(passphrase, { username = 'demo-pa' } = {}) {
    await this.signIn(username, DEMO_PASSWORD);
    await this.waitForItem('Passphrase again', { timeout: 30_000 });
    await this.tap('Passphrase');
    await this.type(passphrase);
    await this.tap('Passphrase again');
    await this.type(passphrase);
    await this.tap('Set passphrase');
    await this.waitForItem('Your caseload', { timeout: 30_000 });
    await this.waitUntilSynced();
    await this.waitForItem('Saved on this device', { timeout: 30_000 });
  }

  // Types a username and password on the sign-in screen and signs in (the
  // answer, right or wrong, is the caller's to wait for).
  async signIn(username, password) {
    await this.tap('Username');
    await this.type(username);
    await this.tap('Password');
    await this.type(password);
    await this.tap('Sign in');
  }

  // How many sync rounds have ended on this page (the app's User Timing marks).
  syncRoundsEnded() {
    return this.page.evaluate(() => performance.getEntriesByName('pathway-sync-ended').length);
  }

  // Until a sync round has ended with the last sync "just now" (a new
  // device: its first sync, which brings the caseload).
  async waitUntilSynced({ timeout = 60_000 } = {}) {
    await this.page.waitForFunction(() => performance.getEntriesByName('pathway-sync-ended').length > 0 &&
      window.pathway.allItems().some((item) => item.label === 'Last sync: just now'), null, { timeout });
  }

  // Taps "Sync now" and waits until that round has ended, pushing and
  // pulling everything.
  async syncNow() {
    const before = await this.syncRoundsEnded();
    await this.tap('Sync now');
    await this.page.waitForFunction((count) => performance.getEntriesByName('pathway-sync-ended').length > count,
      before, { timeout: 30_000 });
    await this.waitForItem('Nothing waiting to sync');
  }

  async unlock(passphrase) {
    await this.waitForItem('Unlock', { timeout: 30_000 });
    await this.tap('Passphrase');
    await this.type(passphrase);
    await this.tap('Unlock');
    await this.waitForItem('Your caseload', { timeout: 30_000 });
  }

  // The first young person's card on the caseload (a button whose details are the card's lines).
  async firstRow() {
    await this.waitForItem('Your caseload');
    for (let tries = 0; tries < 100; tries++) {
      const row = (await this.items()).find((item) => item.flags.includes('button') && item.label !== 'Record visit' && (item.detail ?? '').includes('Last contact'));
      if (row) return row;
      await this.page.waitForTimeout(50);
    }
    throw new Error('no caseload rows');
  }

  // Opens the young person from the caseload and adds a note, until it shows as saved.
  async addNote(person, note) {
    await this.scrollToPerson(person);
    await this.tap(person);
    await this.startNote();
    await this.type(note);
    await this.tap('Save note');
    await this.waitForItem('Note saved on this device');
    await this.waitForItem('Saved on this device');
    await this.scrollTo(note);
  }

  // On the open young person: "Add note" (scrolled back to when the record is
  // scrolled down), until the note field takes typing.
  async startNote() {
    await this.tapItem(await this.scrollTo('Add note'));
    await this.waitForItem('New note');
    await this.page.waitForFunction(() => document.activeElement?.id === 'text-area');  // keys typed sooner are lost
  }

  // Types into whatever text field has focus (through the hidden DOM input),
  // as an on-screen keyboard's word or an IME's commit does: one insertText
  // input event. `{ keys: true }` presses a key per character instead, for
  // the tests about keys themselves (each costs a frame, about 0.25 s on an
  // emulated tablet, so 26 typed characters take 6 s and inserted 0.3 s).
  // Returns once the app has drawn the frames after the text (input.cpp
  // draws two), so what is read next shows it.
  async type(text, { keys = false } = {}) {
    const before = await this.page.evaluate(() => window.pathway.frames);
    if (keys) await this.page.keyboard.type(text, { delay: 5 });
    else await this.page.keyboard.insertText(text);
    await this.page.waitForFunction((frames) => window.pathway.frames >= frames + 2, before);
  }

  async press(key) {
    await this.page.keyboard.press(key);
  }

  // The text in the labelled field, as the app holds it (scrolled into view or not).
  async fieldValue(label) {
    const field = await this.page.waitForFunction(
      (wanted) => window.pathway.allItems().find((item) => item.label === wanted), label, { timeout: 15_000 });
    return (await field.jsonValue()).value ?? '';
  }

  // Opens "Record a visit" from the young person's card on the caseload.
  async recordVisitFromCaseload(person) {
    await this.scrollToPerson(person);
    const button = (await this.items()).find((item) => item.label === 'Record visit' && item.detail === person);
    if (!button) throw new Error(`no Record visit button for ${person}`);
    await this.tapItem(button);
    await this.waitForItem('Record a visit');
  }

  // [Keyboard alone]

  // What has keyboard focus, as a screen reader announces it: the DOM
  // mirror's element's words, or a field's label (typing goes to a hidden input).
  focusedWords() {
    return this.page.evaluate(() => document.activeElement?.textContent || document.activeElement?.getAttribute('aria-label') || '');
  }

  // Presses Tab until the focused element's words match `wanted` (a string or RegExp; no
  // press when they already do: a screen that moves the focus itself), and
  // the app's own focus has followed (its ring is drawn there); returns the words.
  async tabTo(wanted, { presses = 40 } = {}) {
    const fits = (words) => (typeof wanted === 'string' ? words === wanted : wanted.test(words));
    let words = await this.focusedWords();
    for (let i = 0; i < presses && !fits(words); i++) {
      await this.page.keyboard.press('Tab');
      await this.page.waitForTimeout(80);
      words = await this.focusedWords();
    }
    if (!fits(words)) throw new Error(`Tab did not reach ${wanted}; focus is on ${JSON.stringify(words)}`);
    await this.page.waitForFunction(() => window.pathway.items().some((item) =>
      item.flags.includes('focused') || (item.flags.includes('input') && item.flags.includes('active'))));
    return words;
  }

  async screenshot(name, folder = SCREENSHOTS) {
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}

// PATHWAY_E2E_TRACE=1 prints how long each of the driver's steps took (to
// find where a slow browser test spends its time).
if (process.env.PATHWAY_E2E_TRACE) {
  for (const name of Object.getOwnPropertyNames(AppDriver.prototype)) {
    const step = AppDriver.prototype[name];
    if (name === 'constructor' || typeof step !== 'function') continue;
    AppDriver.prototype[name] = async function (...args) {
      const started = Date.now();
      try { return await step.apply(this, args); } finally {
        const ms = Date.now() - started;
        if (ms >= 200) console.log(`# step ${name}(${args.map((a) => String(a).slice(0, 30)).join(', ')}): ${ms} ms`);
      }
    };
  }
}
