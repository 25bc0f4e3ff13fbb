// Pathway's service worker: the app shell of one build, kept on the device so
// the app starts with no network.
//
// - Install precaches every file of this build into a cache named after the
//   build id (scripts/package-web.mjs writes the id and the list below). It
//   does not skip waiting: a new build's worker installs in the background
//   and waits until the page, once everything is saved, asks it to take over
//   (pwa.js posts SKIP_WAITING), so an open form is never reloaded under
//   someone's hands.
// - Activate deletes the caches of earlier builds, turns on navigation
//   preload (the page request starts while the worker boots) and takes
//   control at once.
// - Fetch: content-hashed files cache-first (they never change); the page
//   itself network-first, falling back to the cached copy offline; /api/ is
//   never cached or answered from a cache.
'use strict';

const BUILD_ID = '__PATHWAY_BUILD_ID__';
const PRECACHE = __PATHWAY_PRECACHE__;
const CACHE_PREFIX = 'pathway-';
const CACHE = CACHE_PREFIX + BUILD_ID;
// A page request that hangs (a weak signal) falls back to the cached page after this.
const NETWORK_TIMEOUT_MS = 4000;

const scopePath = new URL(self.registration.scope).pathname;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

function isPage(request, path) {
  return request.mode === 'navigate' || path === '' || path === 'index.html';
}

let openedCache = null;
function buildCache() {
  openedCache = openedCache || caches.open(CACHE);
  return openedCache;
}

// The latest page when the network answers in time; this build's copy otherwise.
async function networkFirstPage(event) {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_TIMEOUT_MS); });
  const network = Promise.resolve(event.preloadResponse).then((preloaded) => preloaded || fetch(event.request));
  try {
    const response = await Promise.race([network, timeout.then(() => null)]);
    if (response) return response;
  } catch (_) {
    // offline: fall through to the cached page
  } finally {
    clearTimeout(timer);
  }
  return (await (await buildCache()).match('./')) || Response.error();
}

async function cacheFirst(request) {
  return (await (await buildCache()).match(request)) || fetch(request);
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(scopePath)) return;
  const path = url.pathname.slice(scopePath.length);
  if (path === 'api' || path.startsWith('api/')) return;  // always the network, never a cache
  event.respondWith(isPage(request, path) ? networkFirstPage(event) : cacheFirst(request));
});
