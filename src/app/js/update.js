// Emscripten JS library: the app's side of the update offer (web/pwa.js is
// the page's side).
//
// Once the module has started, the app's exported C function
// pathway_update_available() is called whenever a new build is waiting, and
// at once if one was found before the module loaded. The app calls
// pathway_js_apply_update() when the person chooses to update and everything
// is saved: the new service worker takes over and the page reloads.
mergeInto(LibraryManager.library, {
  pathway_js_apply_update__postset:
    'addOnPostRun(function () {' +
    '  var pwa = window.pathwayPwa = window.pathwayPwa || {};' +
    '  pwa.onUpdate = function () { if (Module["_pathway_update_available"]) Module["_pathway_update_available"](); };' +
    '  if (pwa.updateWaiting) pwa.onUpdate();' +
    '});',
  pathway_js_apply_update: function () {
    var pwa = window.pathwayPwa;
    if (!pwa || !pwa.applyUpdate || !pwa.applyUpdate()) window.location.reload();
  },
});
