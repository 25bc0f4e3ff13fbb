// Browser glue for the platform layer (src/app/platform), an Emscripten JS
// library. It drives the hidden text fields of shell.html (#text-line and
// #text-area) that stand in for ImGui's active text field: focused while ImGui
// edits text, so phones and tablets open their on-screen keyboard and IMEs
// compose into them; what is typed, composed or pasted is passed to C++ and
// the fields are kept empty. It keeps the semantic DOM mirror (#mirror) in
// step with the item registry, and publishes window.pathway for tests:
// items(), allItems(), frames, ready.
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

  // The semantic DOM mirror of the item registry (src/app/platform/item_registry.h):
  // after every drawn frame whose items changed, it brings a hidden tree of
  // real elements in #mirror into step with them (headings, paragraphs, lists,
  // links, buttons, fields, a live region), creating, updating, moving and
  // removing only what changed, keyed by the items' stable ids. Focus, clicks
  // and typing on it go back to the app (pathway_mirror_act).
  $PathwayMirror__deps: ['$PathwayText', '$withCString'],
  $PathwayMirror: {
    root: null,
    nodes: null,           // Map: id -> { outer, inner, role, parent, label, size } (made in attach: library values are copied as text)
    version: -1,
    pendingText: null,     // { id, text } typed into a mirror field before the app edits it
    order: [],             // the items in frame order, as [id, parent, ...] (item_registry.h)
    focused: null,         // the node of the item with the app's keyboard focus
    following: false,      // true while followFocus() moves DOM focus itself
    lastUpdateMs: 0,
    tagFor: function (item) {
      switch (item.role) {
        case 'heading': return 'h' + Math.min(6, Math.max(1, item.level || 2));
        case 'paragraph': case 'text': return 'p';
        case 'list': return 'ul';
        case 'link': return 'a';
        case 'button': return 'button';
        case 'checkbox': return 'input';
        case 'status': return 'div';
        case 'textbox': return item.flags.includes('multiline') ? 'textarea' : 'input';
        default: return 'p';
      }
    },
    make: function (item) {
      const inner = document.createElement(PathwayMirror.tagFor(item));
      inner.dataset.id = String(item.id);
      if (item.role === 'button') inner.type = 'button';
      if (item.role === 'checkbox') inner.type = 'checkbox';
      if (item.role === 'status') { inner.setAttribute('role', 'status'); inner.setAttribute('aria-live', 'polite'); }
      if (item.role === 'textbox' && inner.tagName === 'INPUT') inner.type = item.flags.includes('password') ? 'password' : 'text';
      // Inside a list, every item is a list item.
      const parent = PathwayMirror.nodes.get(item.parent);
      const outer = parent && parent.role === 'list' && item.role !== 'list' ? document.createElement('li') : inner;
      if (outer !== inner) outer.appendChild(inner);
      return { outer: outer, inner: inner, role: item.role, parent: item.parent, label: '', size: '' };
    },
    // An item's words and state: sent only when they changed.
    apply: function (node, item) {
      const el = node.inner;
      const flags = item.flags;
      node.label = item.label;
      const words = item.detail ? item.label + ', ' + item.detail : item.label;
      switch (item.role) {
        case 'textbox':
          el.setAttribute('aria-label', item.label);
          if (!flags.includes('password')) el.value = item.value || '';
          break;
        case 'checkbox':
          el.setAttribute('aria-label', item.label);
          el.checked = flags.includes('checked');
          break;
        case 'list':
          el.setAttribute('aria-label', item.label);
          break;
        case 'link':
          el.textContent = words;
          el.href = item.value || '#';
          break;
        default:
          el.textContent = words;
      }
      if (item.role === 'button' || item.role === 'checkbox' || item.role === 'textbox') el.disabled = flags.includes('disabled');
      if (item.role === 'button' && flags.includes('selected')) el.setAttribute('aria-pressed', 'true');
      else el.removeAttribute('aria-pressed');
      PathwayMirror.place(node, item);
    },
    // Where it is: one transform write for a move (scrolling moves them all),
    // which needs no layout; sizes change seldom.
    place: function (node, item) {
      if (node.role === 'list') return;
      const el = node.inner;
      el.style.transform = 'translate(' + item.x + 'px,' + item.y + 'px)';
      const size = item.w + ',' + item.h;
      if (size !== node.size) {
        node.size = size;
        el.style.width = item.w + 'px';
        el.style.height = item.h + 'px';
      }
    },
    // Brings the DOM into step with what changed since the last frame it saw
    // (item_registry.h, mirror_changes_json): work in proportion to the change.
    update: function () {
      const root = PathwayMirror.root;
      if (!root) return;
      const version = _pathway_items_version();
      if (version === PathwayMirror.version) { PathwayMirror.followFocus(); return; }
      const started = performance.now();
      PathwayMirror.version = version;
      const changes = JSON.parse(UTF8ToString(_pathway_mirror_changes_json()));
      const nodes = PathwayMirror.nodes;
      for (const id of changes.gone) {
        const node = nodes.get(id);
        if (node) { node.outer.remove(); nodes.delete(id); }
      }
      let made = false;
      for (const item of changes.items) {
        let node = nodes.get(item.id);
        if (item.role === undefined) { if (node) PathwayMirror.place(node, item); continue; }
        if (!node || node.role !== item.role || node.parent !== item.parent) {
          if (node) node.outer.remove();
          node = PathwayMirror.make(item);
          nodes.set(item.id, node);
          made = true;
        }
        PathwayMirror.apply(node, item);
      }
      if (changes.order) PathwayMirror.order = changes.order;
      if (changes.order || made) PathwayMirror.arrange(PathwayMirror.order);
      const editing = nodes.get(changes.editing);
      PathwayMirror.focused = editing ? null : nodes.get(changes.focused) || null;
      PathwayMirror.followFocus();
      if (editing) {
        PathwayText.line.setAttribute('aria-label', editing.label);
        PathwayText.area.setAttribute('aria-label', editing.label);
        const pending = PathwayMirror.pendingText;
        if (pending && pending.id === changes.editing) {
          PathwayMirror.pendingText = null;
          PathwayText.send(pending.text);
        }
      }
      PathwayMirror.lastUpdateMs = performance.now() - started;
    },
    // Puts the elements in frame order, each in its list: [id, parent, ...].
    arrange: function (order) {
      const nodes = PathwayMirror.nodes;
      const children = new Map([[0, []]]);  // parent id -> outer elements in frame order
      for (let i = 0; i < order.length; i += 2) {
        const node = nodes.get(order[i]);
        if (!node) continue;
        const parent = children.has(order[i + 1]) ? order[i + 1] : 0;
        children.get(parent).push(node.outer);
        if (node.role === 'list') children.set(order[i], []);
      }
      children.forEach((list, parentId) => {
        const container = parentId === 0 ? PathwayMirror.root : nodes.get(parentId).inner;
        let cursor = container.firstChild;
        for (const element of list) {
          if (element === cursor) { cursor = cursor.nextSibling; continue; }
          container.insertBefore(element, cursor);
        }
      });
    },
    // Not while the DOM's own requests wait: the app's focus is then behind
    // (a Tab pressed faster than frames) and following it would pull focus back.
    followFocus: function () {
      const node = PathwayMirror.focused;
      const active = document.activeElement;
      if (node && node.inner.isConnected && active !== node.inner && _pathway_mirror_pending_actions() === 0 &&
          (active === document.body || PathwayMirror.root.contains(active))) {
        PathwayMirror.following = true;  // its focusin is the app's own focus, not a request
        node.inner.focus({ preventScroll: true });
        PathwayMirror.following = false;
      }
    },
    idOf: function (element) {
      const target = element && element.closest ? element.closest('[data-id]') : null;
      return target ? Number(target.dataset.id) : 0;
    },
    attach: function (root) {
      PathwayMirror.root = root;
      PathwayMirror.nodes = new Map();
      if (!root) return;
      root.addEventListener('click', (event) => {
        const id = PathwayMirror.idOf(event.target);
        if (!id) return;
        event.preventDefault();  // links and checkboxes change only when the app says so
        _pathway_mirror_act(id, 1);
      });
      root.addEventListener('focusin', (event) => {
        const id = PathwayMirror.idOf(event.target);
        if (!id || PathwayMirror.following) return;
        const field = event.target.tagName === 'INPUT' && event.target.type !== 'checkbox' || event.target.tagName === 'TEXTAREA';
        _pathway_mirror_act(id, field ? 2 : 0);
      });
      root.addEventListener('input', (event) => {
        const id = PathwayMirror.idOf(event.target);
        if (!id || event.target.type === 'checkbox') return;
        // Typed (or filled in by a test) before the app took the field: it is sent once the app edits it.
        PathwayMirror.pendingText = { id: id, text: event.target.value };
        event.target.value = '';
        _pathway_mirror_act(id, 2);
      });
    },
  },

  pathway_js_mirror_focused__deps: ['$PathwayMirror'],
  pathway_js_mirror_focused: function () {
    const root = PathwayMirror.root;
    return root && root.contains(document.activeElement) ? 1 : 0;
  },

  pathway_js_platform_init__deps: ['$PathwayText', '$PathwayMirror'],
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
    window.addEventListener('popstate', (event) => {
      const depth = event.state && typeof event.state.pathwayDepth === 'number' ? event.state.pathwayDepth : 0;
      _pathway_platform_history_moved(depth);
    });
    window.addEventListener('online', () => _pathway_platform_online_changed(1));
    window.addEventListener('offline', () => _pathway_platform_online_changed(0));
    const api = (window.pathway = window.pathway || {});
    api.frames = 0;
    api.ready = false;
    PathwayMirror.attach(document.getElementById('mirror'));
    // What is on screen (as before the mirror), and every item, also those scrolled out of view.
    api.allItems = () => JSON.parse(UTF8ToString(_pathway_items_json()));
    api.items = () => api.allItems().filter((item) => !item.flags.includes('offscreen'));
    api.mirrorUpdateMs = () => PathwayMirror.lastUpdateMs;
  },

  pathway_js_touch_device: function () {
    return matchMedia('(pointer: coarse)').matches ? 1 : 0;
  },

  pathway_js_online: function () {
    return navigator.onLine ? 1 : 0;
  },

  pathway_js_prefers_dark: function () {
    return matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0;
  },

  // Device settings (display, the guide's saved pages) under one prefix.
  // Storage can be refused (private modes): then settings last for the visit.
  pathway_js_local_setting__deps: ['malloc'],
  pathway_js_local_setting: function (key) {
    let value = null;
    try { value = localStorage.getItem('pathway.' + UTF8ToString(key)); } catch (error) { value = null; }
    if (value === null) return 0;
    const size = lengthBytesUTF8(value) + 1;
    const copy = _malloc(size);
    stringToUTF8(value, copy, size);
    return copy;
  },

  pathway_js_set_local_setting: function (key, value) {
    try { localStorage.setItem('pathway.' + UTF8ToString(key), UTF8ToString(value)); } catch (error) { /* kept for this visit only */ }
  },

  // A tel:, sms: or mailto: link followed as a tap on a real link is (platform.h).
  pathway_js_open_external_link: function (href) {
    const link = document.createElement('a');
    link.href = UTF8ToString(href);
    link.click();
  },

  // Back in the browser: entries hold their depth only (platform.h).
  pathway_js_history_push: function (depth) {
    history.pushState({ pathwayDepth: depth }, '');
  },
  pathway_js_history_back: function (steps) {
    history.go(-steps);
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

  pathway_js_frame_drawn__deps: ['$PathwayMirror'],
  pathway_js_frame_drawn: function (frames, frameMs) {
    const api = window.pathway;
    api.frames = frames;
    // Frame timing (bench/browser_field.mjs): the C++ frame (the UI built and
    // its GL commands issued) and the DOM mirror's update after it, in ms.
    const mirrorStarted = performance.now();
    PathwayMirror.update();
    api.lastFrame = { frame: frames, cppMs: frameMs, mirrorMs: performance.now() - mirrorStarted };
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
