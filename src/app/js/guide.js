// Browser glue for the care leaver's guide (src/app/guide_content.h), an
// Emscripten JS library: keeps the published guide bundle in local storage
// (never in the staff database), fetches a newer one at an online start,
// and keeps the address bar on the guide's shareable links (/guide,
// /guide/<topic>) - the topic only, never anything typed.
mergeInto(LibraryManager.library, {
  $PathwayGuide__deps: ['$withCString', '$appRoot'],
  $PathwayGuide: {
    bundleKey: 'pathway.guide.bundle',
    etagKey: 'pathway.guide.etag',
    deliver: function (bundleText, isUpdate) {
      let bundle;
      try { bundle = JSON.parse(bundleText); } catch (error) { return false; }
      if (!bundle || !Array.isArray(bundle.files)) return false;
      _pathway_guide_begin();
      for (const file of bundle.files) {
        withCString(String(file.name), (name) => withCString(String(file.text), (text) => _pathway_guide_file(name, text)));
      }
      _pathway_guide_end(isUpdate ? 1 : 0);
      return true;
    },
    read: function (key) {
      try { return localStorage.getItem(key); } catch (error) { return null; }
    },
    write: function (key, value) {
      try { localStorage.setItem(key, value); return true; } catch (error) { return false; }
    },
  },

  pathway_js_guide_start__deps: ['$PathwayGuide', '$appRoot'],
  pathway_js_guide_start: function () {
    const kept = PathwayGuide.read(PathwayGuide.bundleKey);
    if (kept) PathwayGuide.deliver(kept, false);
    if (!navigator.onLine) return;
    const headers = {};
    const etag = kept && PathwayGuide.read(PathwayGuide.etagKey);
    if (etag) headers['If-None-Match'] = etag;
    fetch(new URL('api/guide', appRoot()), { headers: headers, cache: 'no-store' })
      .then((response) => {
        if (response.status !== 200) return null;  // 304: the kept version is the latest
        const etagNow = response.headers.get('ETag') || '';
        return response.text().then((text) => {
          if (!PathwayGuide.deliver(text, true)) return;
          PathwayGuide.write(PathwayGuide.bundleKey, text);
          PathwayGuide.write(PathwayGuide.etagKey, etagNow);
        });
      })
      .catch(() => { /* offline or server away: the kept version stays */ });
  },

  // The topic named by the address ("" for /guide), or null when the page is not a guide link.
  pathway_js_guide_topic_in_address__deps: ['malloc'],
  pathway_js_guide_topic_in_address: function () {
    const match = /\/guide(?:\/([a-z0-9-]*))?\/?$/.exec(location.pathname);
    if (!match) return 0;
    const topic = match[1] || '';
    const size = lengthBytesUTF8(topic) + 1;
    const copy = _malloc(size);
    stringToUTF8(topic, copy, size);
    return copy;
  },

  // Shows the guide's link for `topic` ("" for the guide's start) in the
  // address bar, or the app's own address when `inGuide` is 0.
  pathway_js_guide_set_address__deps: ['$appRoot'],
  pathway_js_guide_set_address: function (topic, inGuide) {
    const root = appRoot();
    const name = UTF8ToString(topic);
    const path = inGuide ? new URL('guide' + (name ? '/' + name : ''), root) : root;
    if (path.pathname !== location.pathname) history.replaceState(null, '', path.pathname);
  },
});
