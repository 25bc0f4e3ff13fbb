// Starts Pathway: starts compiling the .wasm (with download progress on a
// first visit), checks that the browser has what the app needs (WebAssembly,
// WebGL 2, IndexedDB) and says plainly what is missing if not, then
// configures the Emscripten module and loads pathway.js, which instantiates
// the compiled module and draws the first frame.
//
// Asset names: the packaging step renames files with content hashes and may
// provide window.PATHWAY_ASSETS = {"pathway.wasm": "pathway.<hash>.wasm", ...};
// every name goes through assetUrl(), so this file refers to plain names.
'use strict';

(function () {
  const loading = document.getElementById('loading');
  const message = document.getElementById('loading-message');
  const progress = document.getElementById('loading-progress');

  function assetUrl(name) {
    const assets = window.PATHWAY_ASSETS;
    return (assets && assets[name]) || name;
  }

  function showFailure(text) {
    if (loading) loading.hidden = true;
    const failure = document.getElementById('failure');
    document.getElementById('failure-message').textContent = text;
    failure.hidden = false;
  }

  // The app's WebGL 2 context attributes (src/app/platform/platform.cpp).
  // The probe below creates the context the app then uses: Emscripten's
  // getContext on the same canvas returns it, so it is made only once.
  const CONTEXT_ATTRIBUTES = {
    alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: false,
    powerPreference: 'low-power',
  };

  // What the browser lacks (WebGL 2, IndexedDB), as a sentence for the person using it, or null.
  function missingFeature() {
    let gl = null;
    try { gl = document.getElementById('canvas').getContext('webgl2', CONTEXT_ATTRIBUTES); } catch (_) { gl = null; }
    if (!gl) {
      return 'This browser cannot draw Pathway: WebGL 2 is turned off or not supported. Please update the browser, or turn on hardware acceleration in its settings.';
    }
    if (!window.indexedDB) {
      return 'This browser cannot keep Pathway\'s records on this device (IndexedDB is not available, which happens in some private browsing modes). Please open Pathway in a normal window.';
    }
    return null;
  }

  // Downloads the .wasm with progress (the module itself does no progress).
  // Compressed transfers have no usable total, so the bar is then indeterminate.
  async function fetchWithProgress(url) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + url);
    const encoded = response.headers.get('Content-Encoding');
    const total = encoded ? 0 : Number(response.headers.get('Content-Length')) || 0;
    if (!response.body || !total) {
      progress.removeAttribute('value');
      return response.arrayBuffer();
    }
    const reader = response.body.getReader();
    const bytes = new Uint8Array(total);
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received + value.length > bytes.length) throw new Error('download larger than announced');
      bytes.set(value, received);
      received += value.length;
      progress.value = received / total;
    }
    return bytes.buffer.slice(0, received);
  }

  // Compiles the .wasm. Once the service worker serves the app it comes from
  // its cache at once: compile while reading, which also lets the browser keep
  // the compiled code for the next start. Otherwise download with progress.
  async function compile(url) {
    if (navigator.serviceWorker && navigator.serviceWorker.controller && WebAssembly.compileStreaming) {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + url);
      return WebAssembly.compileStreaming(response);
    }
    const bytes = await fetchWithProgress(url);
    message.textContent = 'Starting…';
    return WebAssembly.compile(bytes);
  }

  function start() {
    performance.mark('pathway-loader');
    if (typeof WebAssembly !== 'object') {
      showFailure('This browser cannot run Pathway (WebAssembly is missing). Please use an up-to-date Chrome, Edge, Firefox or Safari.');
      return;
    }
    // Compiling runs in the background while the checks below and pathway.js run.
    const compiled = compile(assetUrl('pathway.wasm'));
    compiled.catch(() => {});  // reported when the module asks for it (instantiateWasm)
    const missing = missingFeature();
    if (missing) {
      showFailure(missing);
      return;
    }
    window.Module = {
      canvas: document.getElementById('canvas'),
      locateFile: (name) => assetUrl(name),
      instantiateWasm(imports, receiveInstance) {
        compiled
          .then((module) => WebAssembly.instantiate(module, imports).then((instance) => {
            performance.mark('pathway-wasm-ready');  // start-up timing, as pathway-first-frame
            receiveInstance(instance, module);
          }))
          .catch((error) => {
            console.error(error);
            showFailure(navigator.onLine
              ? 'Pathway could not be loaded. Please reload the page.'
              : 'Pathway has not been saved on this device yet, and there is no network. Connect to the internet and reload.');
          });
        return {};  // instantiated asynchronously
      },
      onAbort() {
        showFailure('Pathway stopped because of an error. Reload the page; everything shown as saved is kept.');
      },
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
    };
    const script = document.createElement('script');
    script.src = assetUrl('pathway.js');
    script.onerror = () => showFailure('Pathway could not be loaded. Please check the connection and reload.');
    document.body.appendChild(script);
  }

  start();
})();
