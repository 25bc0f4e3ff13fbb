// Pathway's service worker: the app shell of one build, kept on the device so
// the app starts with no network.
//
// - Install precaches every file of this build into a cache named after the
//   build id (scripts/package-web.mjs writes the id and the list below). It
//   does not skip waiting: a new build's worker installs in the background
//   and waits until the page, once everything is saved, asks it to take over
//   (pwa.js posts SKIP_WAITING), so an open form is never reloaded under
//   someone's hands.
// - Activate deletes the caches of earlier builds and takes control at once.
// - Fetch: the page and the content-hashed files come from this build's cache
//   (cache-first: a start never waits for the network, which on a weak signal
//   can take seconds; the page always matches the files of its build), from
//   the network if missing; /api/ is never cached or answered from a cache.
//   New builds arrive through the worker update above, not through the page.
//   The guide's links (/guide, /guide/<topic>) are the page too, and files
//   asked for below /guide/ are the app's own.
'use strict';

const BUILD_ID = '__PATHWAY_BUILD_ID__';
const PRECACHE = __PATHWAY_PRECACHE__;
const CACHE_PREFIX = 'pathway-';
const CACHE = CACHE_PREFIX + BUILD_ID;

const scopePath = new URL(self.registration.scope).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

// SKIP_WAITING: the page lets a waiting new build take over. BUILD_ID: the
// page (and the offline test) asks which build this worker serves; the
// answer goes to the MessagePort sent with the question.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
  if (event.data && event.data.type === 'BUILD_ID' && event.ports[0]) event.ports[0].postMessage(BUILD_ID);
});

function isPage(request, path) {
  return request.mode === 'navigate' || path === '' || path === 'index.html';
}

let openedCache = null;
function buildCache() {
  openedCache = openedCache || caches.open(CACHE);
  return openedCache;
}

async function cacheFirst(request, key) {
  return (await (await buildCache()).match(key)) || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(scopePath)) return;
  const path = url.pathname.slice(scopePath.length);
  if (path === 'api' || path.startsWith('api/')) return;  // always the network, never a cache
  if (isPage(request, path)) {
    event.respondWith(cacheFirst(request, './'));
  } else if (path.startsWith('guide/')) {
    // The page's own files asked for from a guide link (/guide/<topic>): the app's files.
    event.respondWith(cacheFirst(request, path.slice(path.lastIndexOf('/') + 1)));
  } else {
    event.respondWith(cacheFirst(request, request));
  }
});
