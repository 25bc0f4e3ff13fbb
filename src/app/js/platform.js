// Browser glue for the platform layer (src/app/platform), an Emscripten JS
// library. It drives the hidden text fields of shell.html (#text-line and
// #text-area) that stand in for ImGui's active text field: focused while ImGui
// edits text, so phones and tablets open their on-screen keyboard and IMEs
// compose into them; what is typed, composed or pasted is passed to C++ and
// the fields are kept empty. It also publishes window.pathway for tests and
// the accessibility layer: items(), frames, ready.
mergeInto(LibraryManager.library, {
  $PathwayText__deps: ['$withCString'],
  $PathwayText: {
    line: null,          // <input>: single-line and password fields
    area: null,          // <textarea>: multi-line fields
    active: null,        // the element we focused, or null
    kind: -1,
    composing: false,
    clipboard: '',
    ourBlur: false,
    // Moves `element` over the caret (IME candidate windows appear there, and
    // mobile browsers scroll it into view) and focuses it.
    show: function (kind, x, y, lineHeight, refocus) {
      const element = kind === 2 ? PathwayText.area : PathwayText.line;
      if (!element) return;
      if (kind !== PathwayText.kind && element === PathwayText.line) {
        // Passwords get a password field: no autocorrect, no suggestions learnt.
        element.type = kind === 1 ? 'password' : 'text';
        element.autocomplete = kind === 1 ? 'current-password' : 'off';
      }
      element.style.left = Math.max(0, Math.round(x)) + 'px';
      element.style.top = Math.max(0, Math.round(y)) + 'px';
      element.style.height = Math.max(16, Math.round(lineHeight || 16)) + 'px';
      if (refocus && document.activeElement === element) {
        PathwayText.ourBlur = true;
        element.blur();
        PathwayText.ourBlur = false;
      }
      if (PathwayText.active !== element || document.activeElement !== element) {
        if (PathwayText.active && PathwayText.active !== element) PathwayText.hide();
        PathwayText.active = element;
        element.focus({ preventScroll: true });
      }
      PathwayText.kind = kind;
    },
    hide: function () {
      const element = PathwayText.active;
      PathwayText.active = null;
      PathwayText.kind = -1;
      if (!element) return;
      PathwayText.ourBlur = true;
      element.value = '';
      element.blur();
      PathwayText.ourBlur = false;
    },
    send: function (text) {
      if (text) withCString(text, _pathway_platform_text);
    },
    attach: function (element) {
      if (!element) return;
      element.addEventListener('beforeinput', (event) => {
        if (event.isComposing || PathwayText.composing) return;  // the IME owns the field until compositionend
        switch (event.inputType) {
          case 'insertText':
          case 'insertReplacementText':
            PathwayText.send(event.data || (event.dataTransfer && event.dataTransfer.getData('text/plain')));
            break;
          case 'insertLineBreak':
          case 'insertParagraph':
            _pathway_platform_edit_key(3);
            break;
          case 'deleteContentBackward':
          case 'deleteWordBackward':
            _pathway_platform_edit_key(1);
            break;
          case 'deleteContentForward':
            _pathway_platform_edit_key(2);
            break;
          case 'insertFromPaste':
          case 'insertFromDrop':
            return;  // the paste event below handles these
          default:
            return;
        }
        event.preventDefault();
      });
      element.addEventListener('compositionstart', () => { PathwayText.composing = true; });
      element.addEventListener('compositionend', (event) => {
        PathwayText.composing = false;
        PathwayText.send(event.data);
        element.value = '';
      });
      element.addEventListener('input', () => {
        // Anything that slipped past beforeinput (older engines): pass it on.
        if (PathwayText.composing || !element.value) return;
        PathwayText.send(element.value);
        element.value = '';
      });
      element.addEventListener('paste', (event) => {
        event.preventDefault();
        PathwayText.send(event.clipboardData ? event.clipboardData.getData('text/plain') : '');
      });
      const copy = (event) => {
        // C++ has just put ImGui's selection in PathwayText.clipboard (the
        // keydown handler ran a frame with Ctrl/Cmd+C or X).
        if (!event.clipboardData) return;
        event.clipboardData.setData('text/plain', PathwayText.clipboard);
        event.preventDefault();
      };
      element.addEventListener('copy', copy);
      element.addEventListener('cut', copy);
      element.addEventListener('blur', () => {
        if (PathwayText.ourBlur || PathwayText.active !== element) return;
        if (!document.hasFocus()) return;  // the whole window lost focus: keep editing on return
        PathwayText.active = null;
        PathwayText.kind = -1;
        _pathway_platform_text_blurred();
      });
    },
  },

  pathway_js_platform_init__deps: ['$PathwayText'],
  pathway_js_platform_init: function () {
    performance.mark('pathway-main');  // start-up timing: main() has the WebGL context
    PathwayText.line = document.getElementById('text-line');
    PathwayText.area = document.getElementById('text-area');
    PathwayText.attach(PathwayText.line);
    PathwayText.attach(PathwayText.area);
    // A new pixel ratio without a resize event (a window moved between screens).
    const watchPixelRatio = () => {
      const query = matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
      query.addEventListener('change', () => { _pathway_platform_layout_changed(); watchPixelRatio(); }, { once: true });
    };
    watchPixelRatio();
    window.addEventListener('online', () => _pathway_platform_online_changed(1));
    window.addEventListener('offline', () => _pathway_platform_online_changed(0));
    const api = (window.pathway = window.pathway || {});
    api.frames = 0;
    api.ready = false;
    api.items = () => JSON.parse(UTF8ToString(_pathway_items_json()));
  },

  pathway_js_touch_device: function () {
    return matchMedia('(pointer: coarse)').matches ? 1 : 0;
  },

  pathway_js_online: function () {
    return navigator.onLine ? 1 : 0;
  },

  pathway_js_mac: function () {
    return /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? 1 : 0;
  },

  pathway_js_text_focus__deps: ['$PathwayText'],
  pathway_js_text_focus: function (kind, x, y, lineHeight, refocus) {
    PathwayText.show(kind, x, y, lineHeight, refocus);
  },

  pathway_js_text_blur__deps: ['$PathwayText'],
  pathway_js_text_blur: function () {
    PathwayText.hide();
  },

  pathway_js_set_clipboard__deps: ['$PathwayText'],
  pathway_js_set_clipboard: function (text) {
    PathwayText.clipboard = UTF8ToString(text);
    // Also straight to the system clipboard where the browser allows it
    // (copy from a menu, not a key): failures are fine, the copy event covers keys.
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(PathwayText.clipboard).catch(() => {});
  },

  pathway_js_set_cursor: function (cursor) {
    // ImGuiMouseCursor_: Arrow, TextInput, ResizeAll, ResizeNS, ResizeEW, ResizeNESW, ResizeNWSE, Hand, NotAllowed
    const names = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize', 'nwse-resize', 'pointer', 'not-allowed'];
    const canvas = document.getElementById('canvas');
    if (canvas) canvas.style.cursor = cursor < 0 ? 'none' : names[cursor] || 'default';
  },

  // The app cannot run (e.g. no WebGL context): say so in the page's words.
  pathway_js_show_failure: function (text) {
    const loading = document.getElementById('loading');
    if (loading) loading.hidden = true;
    const failure = document.getElementById('failure');
    const message = document.getElementById('failure-message');
    if (message) message.textContent = UTF8ToString(text);
    if (failure) failure.hidden = false;
  },

  // Benchmark and field timing (platform::mark): a User Timing mark.
  pathway_js_mark: function (name) {
    performance.mark(UTF8ToString(name));
  },

  pathway_js_frame_drawn: function (frames) {
    const api = window.pathway;
    api.frames = frames;
    if (!api.ready) {
      api.ready = true;
      // Start-up timing for benchmarks and field measurement: the first frame
      // drawn, and the next display frame, by which the browser has composited it.
      performance.mark('pathway-first-frame');
      requestAnimationFrame(() => performance.mark('pathway-first-frame-shown'));
      const loading = document.getElementById('loading');
      if (loading) loading.hidden = true;
      document.dispatchEvent(new Event('pathway-ready'));
    }
  },
});
