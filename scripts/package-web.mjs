#!/usr/bin/env node
// Packages the built app into the folder the server serves (build/web).
//
//   node scripts/package-web.mjs --app DIR --shell shell.html --web-src web --guide assets/guide --out build/web
//
// Inputs: the Emscripten output (DIR/pathway.js, DIR/pathway.wasm), the page
// (shell.html -> index.html), and web/: every *.js and *.css (loader, styles,
// pwa.js) is content-hashed ("loader.3f9a0c12b4de.js") so the server can let
// browsers cache it for a year; sw.js, the manifest and icons keep their
// names. index.html gets the hashed names, plus one small external script,
// assets.<hash>.js, that sets window.PATHWAY_ASSETS (plain name -> hashed
// name, for Module.locateFile) and window.PATHWAY_BUILD: an external file, as
// the Content-Security-Policy allows no inline script.
//
// The build id is a hash of every shipped file. sw.js gets it (its cache name)
// and the precache list, so a new build means a new service worker. build.json
// records both for the server's /api/health. Compressible files get .br
// (quality 11) and .gz (level 9) siblings when that makes them smaller; they
// are made with Node's zlib (the same brotli and zlib libraries as Debian's
// command-line tools) and reused for hashed names, whose content cannot change.
// Files of earlier builds are removed last, after the new sw.js is in place.
// The care leaver's guide (assets/guide/*.txt) is copied as it is to
// guide-content/, where the server publishes it (/api/guide); it is not part
// of the build id: a council publishes a new guide without a new app.
//
// No npm dependencies: node's standard library only.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt']);
const HASH_LENGTH = 12;

function fail(message) {
  console.error(`package-web: ${message}`);
  process.exit(1);
}

function parseArguments(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    if (!['app', 'shell', 'web-src', 'guide', 'out'].includes(name) || argv[i + 1] === undefined) {
      fail('usage: package-web.mjs --app DIR --shell shell.html --web-src web --guide assets/guide --out build/web');
    }
    options[name] = argv[i + 1];
  }
  for (const name of ['app', 'shell', 'web-src', 'guide', 'out']) if (!options[name]) fail(`missing --${name}`);
  return options;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const hashedName = (name, bytes) => {
  const extension = extname(name);
  return `${basename(name, extension)}.${sha256(bytes).slice(0, HASH_LENGTH)}${extension}`;
};

function read(path) {
  if (!existsSync(path)) fail(`missing input ${path}`);
  return readFileSync(path);
}

// Writes through a temporary name so the server never serves half a file.
function writeAtomically(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}

function filesBelow(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile());
}

// Rewrites src="x" / href="x" to the hashed names and checks the page is fit
// for the CSP: no inline scripts, no inline event handlers.
function makeIndex(shell, renamed, assetsScript) {
  if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(shell)) fail('shell.html has an inline <script>: the CSP forbids it');
  if (/\son[a-z]+\s*=/i.test(shell)) fail('shell.html has an inline event handler (on...=): the CSP forbids it');
  const rewritten = shell.replace(/(\s(?:src|href)\s*=\s*["'])(?:\.\/)?([^"'?#]+)(["'])/gi,
    (whole, before, name, after) => (renamed.has(name) ? `${before}${renamed.get(name)}${after}` : whole));
  const firstScript = rewritten.search(/<script\b/i);
  if (firstScript < 0) fail('shell.html loads no script');
  // Deferred like the page's own scripts, which run after it in order.
  return `${rewritten.slice(0, firstScript)}<script src="${assetsScript}" defer></script>\n${rewritten.slice(firstScript)}`;
}

// Every local file index.html refers to must exist in the output.
function checkReferences(index, shipped) {
  for (const [, name] of index.matchAll(/\s(?:src|href)\s*=\s*["'](?:\.\/)?([^"'?#]+)["']/gi)) {
    if (/^(?:[a-z]+:|\/\/)/i.test(name)) continue;
    if (!shipped.has(name)) fail(`shell.html refers to ${name}, which is not part of the build`);
  }
}

function compress(out, name, bytes, reuse) {
  const written = [];
  if (!COMPRESSIBLE.has(extname(name))) return written;
  const variants = [
    ['.br', () => brotliCompressSync(bytes, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    })],
    ['.gz', () => gzipSync(bytes, { level: 9 })],
  ];
  for (const [suffix, make] of variants) {
    const path = join(out, name + suffix);
    if (reuse && existsSync(path)) { written.push(name + suffix); continue; }
    const compressed = make();
    if (compressed.length >= bytes.length) { rmSync(path, { force: true }); continue; }
    writeAtomically(path, compressed);
    written.push(name + suffix);
  }
  return written;
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const out = options.out;
  const webSource = options['web-src'];
  mkdirSync(out, { recursive: true });

  // name in the page -> { bytes, output name }
  const hashed = new Map();
  for (const name of ['pathway.js', 'pathway.wasm']) hashed.set(name, read(join(options.app, name)));
  for (const name of readdirSync(webSource).sort()) {
    if ((name.endsWith('.js') || name.endsWith('.css')) && name !== 'sw.js') hashed.set(name, read(join(webSource, name)));
  }
  const renamed = new Map([...hashed].map(([name, bytes]) => [name, hashedName(name, bytes)]));

  // Files that keep their names: the manifest and icons.
  const plain = new Map();
  plain.set('manifest.webmanifest', read(join(webSource, 'manifest.webmanifest')));
  for (const path of filesBelow(join(webSource, 'icons'))) {
    if (/\.(png|svg|ico)$/.test(path)) plain.set(relative(webSource, path), readFileSync(path));
  }

  const shell = read(options.shell).toString('utf8');
  const swSource = read(join(webSource, 'sw.js')).toString('utf8');
  if (!swSource.includes('__PATHWAY_BUILD_ID__') || !swSource.includes('__PATHWAY_PRECACHE__')) {
    fail('web/sw.js must contain __PATHWAY_BUILD_ID__ and __PATHWAY_PRECACHE__');
  }
  // The build id covers everything shipped; assets.js and index.html follow from it.
  const fingerprint = createHash('sha256');
  for (const [name, bytes] of [...hashed, ...plain].sort(([a], [b]) => a.localeCompare(b))) {
    fingerprint.update(`${name}\0${sha256(bytes)}\0`);
  }
  fingerprint.update(`${shell}\0${swSource}`);
  const buildId = fingerprint.digest('hex').slice(0, HASH_LENGTH);

  const assetsMap = Object.fromEntries(renamed);
  const assetsSource = Buffer.from(
    `// Written by scripts/package-web.mjs: file names of build ${buildId}.\n` +
    `window.PATHWAY_BUILD = ${JSON.stringify(buildId)};\n` +
    `window.PATHWAY_ASSETS = ${JSON.stringify(assetsMap, null, 1)};\n`);
  const assetsScript = hashedName('assets.js', assetsSource);

  const index = Buffer.from(makeIndex(shell, renamed, assetsScript));
  const shipped = new Set([...renamed.values(), assetsScript, ...plain.keys(), 'index.html']);
  checkReferences(index.toString('utf8'), shipped);

  const keep = new Set(['build.json', 'sw.js']);
  const emit = (name, bytes, immutable) => {
    const path = join(out, name);
    if (!(immutable && existsSync(path))) writeAtomically(path, bytes);
    keep.add(name);
    for (const variant of compress(out, name, bytes, immutable)) keep.add(variant);
  };
  for (const [name, bytes] of hashed) emit(renamed.get(name), bytes, true);
  emit(assetsScript, assetsSource, true);
  for (const [name, bytes] of plain) emit(name, bytes, false);
  emit('index.html', index, false);
  for (const name of readdirSync(options.guide).filter((file) => file.endsWith('.txt')).sort()) {
    emit(join('guide-content', name), read(join(options.guide, name)), false);
  }

  // The service worker last: once it is visible, everything it precaches is there.
  const precache = ['./', assetsScript, ...renamed.values(), ...plain.keys()];
  const sw = Buffer.from(swSource
    .replaceAll('__PATHWAY_BUILD_ID__', buildId)
    .replace('__PATHWAY_PRECACHE__', JSON.stringify(precache, null, 1)));
  emit('sw.js', sw, false);

  for (const path of filesBelow(out)) {
    const name = relative(out, path);
    if (!keep.has(name)) rmSync(path);
  }
  writeAtomically(join(out, 'build.json'),
    Buffer.from(`${JSON.stringify({ build: buildId, assets: assetsMap, precache }, null, 1)}\n`));

  const total = (suffix) => [...keep].filter((name) => name.endsWith(suffix))
    .reduce((sum, name) => sum + statSync(join(out, name)).size, 0);
  console.log(`package-web: build ${buildId} in ${out} (${keep.size} files, ${(total('.br') / 1024).toFixed(0)} KiB brotli)`);
}

main();
