// Registers the service worker and offers a new build to the app.
//
// When a new build is deployed, its service worker installs in the background
// and waits. This script notices the waiting worker, sets
// window.pathwayPwa.updateWaiting and calls window.pathwayPwa.onUpdate if the
// app has set it (src/app/js/update.js does, once the module runs; if the
// update was found earlier, it reads the flag). The app shows "Reload to
// update" and, only when everything is saved, calls pathwayPwa.applyUpdate():
// the waiting worker takes over and the page reloads into the new build.
//
// Registration waits until the app has drawn its first frame (or 10 s), so
// the precache does not compete with the first download of the module.
'use strict';

(function () {
  const pwa = (window.pathwayPwa = window.pathwayPwa || {});
  pwa.updateWaiting = false;
  let waitingWorker = null;
  let reloadOnControllerChange = false;

  function offerUpdate(worker) {
    waitingWorker = worker;
    pwa.updateWaiting = true;
    if (typeof pwa.onUpdate === 'function') pwa.onUpdate();
  }

  // Returns false when there is no new build to move to.
  pwa.applyUpdate = function () {
    if (!waitingWorker) return false;
    reloadOnControllerChange = true;
    waitingWorker.postMessage({ type: 'SKIP_WAITING' });
    return true;
  };

  if (!('serviceWorker' in navigator)) return;

  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloadOnControllerChange) window.location.reload();
  });

  function whenAppStarted() {
    return new Promise((resolve) => {
      const started = Date.now();
      (function check() {
        if ((window.pathway && window.pathway.ready) || Date.now() - started > 10000) resolve();
        else setTimeout(check, 200);
      })();
    });
  }

  // A worker that finishes installing while another controls the page is a new build.
  function watch(worker) {
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
    });
  }

  async function register() {
    await whenAppStarted();
    // The app's folder, also when the page was opened at a guide link (/guide/<topic>).
    const root = new URL(location.pathname.replace(/guide(\/[^/]*)?\/?$/, ''), location.origin);
    const registration = await navigator.serviceWorker.register(new URL('sw.js', root), { scope: root.pathname, updateViaCache: 'none' });
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // The app stays open all day: look for a new build when it comes back into view, and hourly.
    const check = () => registration.update().catch(() => {});
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') check(); });
    setInterval(check, 60 * 60 * 1000);
  }

  register().catch((error) => console.warn('Pathway works online only: service worker not registered.', error));
})();
