// Browser glue for the app's requests to its own server
// (src/app/net/browser_http_client.cpp), an Emscripten JS library: a POST of
// a JSON body with fetch(), same-origin credentials (the HttpOnly session
// cookie goes with it; the app never holds the token), given up after a
// timeout by an AbortController. It never blocks: the answer reaches C++
// later through pathway_http_done(request, status, body), status 0 when no
// answer came. Bodies hold passwords and caseloads: nothing here logs them,
// and the copy of an answer handed to C is zeroed afterwards (withCString).
mergeInto(LibraryManager.library, {
  // The app's own folder: the page may be /guide/<topic> below it.
  $appRoot: function () {
    return new URL(location.pathname.replace(/guide(\/[^/]*)?\/?$/, ''), location.origin);
  },

  pathway_js_http_post__deps: ['$withCString', '$appRoot'],
  pathway_js_http_post: function (request, path, body, timeoutMs) {
    const url = new URL(UTF8ToString(path), appRoot());
    const controller = new AbortController();
    const timer = setTimeout(function () { controller.abort(); }, timeoutMs);
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: UTF8ToString(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller.signal,
    })
      .then(function (response) {
        return response.text().then(function (text) { return { status: response.status, text: text }; });
      })
      .catch(function () { return { status: 0, text: '' }; })  // offline, aborted, dropped
      .then(function (answer) {
        clearTimeout(timer);
        withCString(answer.text, function (pointer) { _pathway_http_done(request, answer.status, pointer); });
      });
  },
});
