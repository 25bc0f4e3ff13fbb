// Browser glue for the local store (src/app/persist), an Emscripten JS
// library: the encrypted database's blocks in IndexedDB, and the rule that
// one tab writes them.
//
// One IndexedDB database per local database, with two object stores:
// "blocks" (key: block number, value: the block's bytes, already encrypted by
// SQLite3 Multiple Ciphers) and "meta" (key "file": size, generation, block
// size and the key-derivation parameters, which are not secret; key "owner":
// the tab that last took the database). A save is ONE readwrite transaction
// with strict durability that puts the changed blocks, deletes blocks past
// the end and puts the meta record: IndexedDB applies it whole or not at all,
// and runs readwrite transactions in the order they were created, which is
// the order C++ begins saves. C++ hears back through exported functions
// (pathway_idb_*), and only then tells the user "saved".
//
// One writer per device. Every tab keeps the whole database in memory, so two
// tabs saving would write blocks over each other's. Two things stop that:
// - An exclusive Web Lock (navigator.locks), held from before the blocks are
//   read until the database is closed. A second tab that finds it taken says
//   so (pathway_idb_lock_busy); to use Pathway there it asks the holder over a
//   BroadcastChannel to save, close and release (pathway_idb_release_requested
//   in the holder), and waits in the lock's queue. A holder that never
//   answers (a hung tab) has its lock stolen after steal_after_ms; a killed
//   tab's lock is released by the browser.
// - A fence in IndexedDB itself: the tab that takes the database writes its
//   random owner id in the same readwrite transaction that reads the blocks,
//   and every save first checks, in its own transaction, that the owner is
//   still this tab. IndexedDB serialises those transactions, so a save either
//   committed before the new tab read the blocks (the new tab sees it) or
//   fails as "taken over" (and the old tab stops): never a save over blocks
//   another tab has read. This is what makes a stolen lock, or a browser
//   without Web Locks, safe.
//
// Everything read from IndexedDB goes to C++ as it was found (numbers, bytes,
// text): C++ alone decides whether it is valid (local_database.cpp).
mergeInto(LibraryManager.library, {
  $PathwayIdb__deps: ['$withCString'],
  $PathwayIdb: {
    db: null,
    name: '',
    closedReason: '',
    owner: '',               // this tab's id in meta "owner" while it holds the database
    releaseLock: null,       // resolves the held Web Lock's callback promise
    lockReleased: null,      // settles when this page holds no lock (null: holds none)
    channel: null,
    epoch: 0,                // bumped by open and close: a lock granted for an older epoch is let go
    stealTimer: 0,
    stealAfterMs: 8000,

    lockName: function () { return 'pathway-database:' + PathwayIdb.name; },

    // A message for people; the browser's own text (DOMException name) goes in brackets.
    describe: function (error, what) {
      const name = error && error.name ? error.name : 'UnknownError';
      if (name === 'QuotaExceededError') {
        return 'The browser has no room left to save the local database. Free some space, then try again.';
      }
      return 'The browser could not ' + what + ' (' + name + ').';
    },

    fail: function (text) {
      withCString(text, (pointer) => _pathway_idb_load_end(0, pointer));
    },

    // Takes the database for this tab and reads it, in one readwrite
    // transaction: the owner record, the meta record and every block.
    load: function () {
      const owner = typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID()
        : String(Math.random()) + String(Date.now());
      const tx = PathwayIdb.db.transaction(['meta', 'blocks'], 'readwrite', { durability: 'strict' });
      tx.objectStore('meta').put(owner, 'owner');
      const meta = tx.objectStore('meta').get('file');
      const keys = tx.objectStore('blocks').getAllKeys();
      const values = tx.objectStore('blocks').getAll();
      tx.onabort = () => PathwayIdb.fail(PathwayIdb.describe(tx.error, 'read the local database'));
      tx.oncomplete = () => {
        PathwayIdb.owner = owner;
        const file = meta.result;
        const stored = file !== undefined;
        const field = (name) => (file !== null && typeof file === 'object' ? Number(file[name]) : NaN);
        const kdf = file !== null && typeof file === 'object' && typeof file.kdf === 'string' ? file.kdf : '';
        withCString(kdf, (pointer) => _pathway_idb_load_begin(stored ? 1 : 0, field('size'), field('generation'),
          field('blockSize'), pointer));
        let buffer = 0;
        let capacity = 0;
        for (let i = 0; i < keys.result.length; ++i) {
          const value = values.result[i];
          const bytes = value instanceof ArrayBuffer ? new Uint8Array(value)
            : ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
              : new Uint8Array(0);  // not bytes at all: C++ sees a block of the wrong length
          if (bytes.length > capacity) {
            if (buffer) _free(buffer);
            capacity = bytes.length;
            buffer = _malloc(capacity);
            if (!buffer) {
              PathwayIdb.fail('There is not enough memory to open the local database. Close other tabs or apps, then reload.');
              return;
            }
          }
          HEAPU8.set(bytes, buffer);
          _pathway_idb_block(Number(keys.result[i]), buffer, bytes.length);
        }
        if (buffer) _free(buffer);
        withCString('', (pointer) => _pathway_idb_load_end(1, pointer));
      };
    },

    // Opens (creating if needed) the IndexedDB database and loads it.
    connect: function () {
      PathwayIdb.closedReason = '';
      let request;
      try {
        if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('missing');
        request = indexedDB.open(PathwayIdb.name, 1);
      } catch (e) {
        PathwayIdb.fail('This browser does not let Pathway store data (IndexedDB is missing or turned off, '
          + 'for example in a private window). Open Pathway in a normal browser window.');
        return;
      }
      request.onupgradeneeded = () => {
        request.result.createObjectStore('blocks');
        request.result.createObjectStore('meta');
      };
      request.onblocked = () => PathwayIdb.fail('Pathway is open in another tab. Close the other tab, then reload.');
      request.onerror = () => PathwayIdb.fail(PathwayIdb.describe(request.error, 'open its storage (IndexedDB)'));
      request.onsuccess = () => {
        const db = request.result;
        PathwayIdb.db = db;
        // Another tab upgrading, or the user clearing site data: later saves must fail clearly.
        db.onversionchange = () => { db.close(); PathwayIdb.closedReason = 'another tab changed the storage'; };
        db.onclose = () => { PathwayIdb.closedReason = 'the browser closed the storage (site data cleared?)'; };
        PathwayIdb.load();
      };
    },

    // Closes IndexedDB and releases the lock (the database was handed over or destroyed).
    disconnect: function () {
      if (PathwayIdb.db) PathwayIdb.db.close();
      PathwayIdb.db = null;
      PathwayIdb.owner = '';
      clearTimeout(PathwayIdb.stealTimer);
      PathwayIdb.stealTimer = 0;
      if (PathwayIdb.releaseLock) PathwayIdb.releaseLock();
      PathwayIdb.releaseLock = null;
    },

    // Requests the database's lock (`options`: ifAvailable, signal or steal)
    // and connects once it is granted. A lock this page still holds (an
    // earlier database being released) is waited for first.
    acquire: function (options, onAborted) {
      if (typeof navigator === 'undefined' || !navigator.locks) {
        PathwayIdb.connect();  // no Web Locks: the owner fence alone keeps saves apart
        return;
      }
      const epoch = PathwayIdb.epoch;
      (PathwayIdb.lockReleased || Promise.resolve()).then(() => {
        let granted = false;
        const held = navigator.locks.request(PathwayIdb.lockName(), options, (lock) => {
          if (epoch !== PathwayIdb.epoch) return undefined;  // the database it was for is gone
          if (!lock) {
            _pathway_idb_lock_busy();
            return undefined;
          }
          granted = true;
          clearTimeout(PathwayIdb.stealTimer);
          PathwayIdb.stealTimer = 0;
          PathwayIdb.connect();
          return new Promise((resolve) => { PathwayIdb.releaseLock = resolve; });
        });
        PathwayIdb.lockReleased = held.then(() => {}, (error) => {
          if (granted) {
            // Another tab stole the lock: stop at once (the fence refuses our saves anyway).
            PathwayIdb.releaseLock = null;
            PathwayIdb.disconnect();
            _pathway_idb_lock_lost();
          } else if (onAborted) {
            onAborted(error);
          }
        });
      });
    },

    listen: function () {
      if (PathwayIdb.channel || typeof BroadcastChannel === 'undefined') return;
      PathwayIdb.channel = new BroadcastChannel(PathwayIdb.lockName());
      PathwayIdb.channel.onmessage = (event) => {
        if (event.data === 'release' && PathwayIdb.releaseLock) _pathway_idb_release_requested();
      };
    },
  },

  // Starts database `name` for this tab: takes its lock if no other tab
  // holds it and loads it (pathway_idb_load_begin, pathway_idb_block for each
  // block, pathway_idb_load_end), or reports pathway_idb_lock_busy.
  pathway_idb_open__deps: ['$PathwayIdb', 'malloc', 'free'],
  pathway_idb_open: function (namePointer) {
    PathwayIdb.disconnect();
    ++PathwayIdb.epoch;
    PathwayIdb.name = UTF8ToString(namePointer);
    PathwayIdb.listen();
    PathwayIdb.acquire({ mode: 'exclusive', ifAvailable: true });
    if (!PathwayIdb.unloadHandler) {
      // Warn before leaving while anything is not yet saved: a save in
      // flight, or one that failed and waits for its retry (C++ knows).
      PathwayIdb.unloadHandler = (event) => {
        if (_pathway_idb_unsaved()) { event.preventDefault(); event.returnValue = ''; }
      };
      addEventListener('beforeunload', PathwayIdb.unloadHandler);
    }
  },

  // Asks the tab that holds the database to save, close and release it, then
  // loads it here once the lock is ours (stolen if the holder never answers).
  pathway_idb_take_over__deps: ['$PathwayIdb'],
  pathway_idb_take_over: function () {
    if (PathwayIdb.channel) PathwayIdb.channel.postMessage('release');
    const queued = new AbortController();
    let stealing = false;
    PathwayIdb.acquire({ mode: 'exclusive', signal: queued.signal }, () => {
      if (stealing) PathwayIdb.acquire({ mode: 'exclusive', steal: true });
    });
    clearTimeout(PathwayIdb.stealTimer);
    PathwayIdb.stealTimer = setTimeout(() => { stealing = true; queued.abort(); }, PathwayIdb.stealAfterMs);
  },

  // Closes the database and lets another tab take it.
  pathway_idb_close__deps: ['$PathwayIdb'],
  pathway_idb_close: function () {
    PathwayIdb.disconnect();
    ++PathwayIdb.epoch;
  },

  // Begins one save: `count` blocks (numbers at `indices`, data pointers at
  // `pointers`, `blockSize` bytes each), the file size and the meta record.
  // Completion: pathway_idb_saved(generation, ok, message).
  pathway_idb_save__deps: ['$PathwayIdb'],
  pathway_idb_save: function (generation, fileSize, blockSize, count, indices, pointers, kdfPointer) {
    const finish = (ok, message) => withCString(message, (pointer) => _pathway_idb_saved(generation, ok, pointer));
    if (!PathwayIdb.db || PathwayIdb.closedReason) {
      finish(0, 'The local database could not be saved: ' + (PathwayIdb.closedReason || 'its storage is not open') + '. Reload the page.');
      return;
    }
    // Copied now (the BlockSink contract): the transaction puts them once the owner is checked.
    const blocks = [];
    for (let i = 0; i < count; ++i) {
      const pointer = HEAPU32[(pointers >> 2) + i];
      blocks.push({ index: HEAPU32[(indices >> 2) + i], bytes: HEAPU8.slice(pointer, pointer + blockSize) });
    }
    const file = { size: fileSize, generation, blockSize, kdf: UTF8ToString(kdfPointer) };
    const owner = PathwayIdb.owner;
    let takenOver = false;
    let tx;
    try {
      tx = PathwayIdb.db.transaction(['blocks', 'meta'], 'readwrite', { durability: 'strict' });
      const check = tx.objectStore('meta').get('owner');
      check.onsuccess = () => {
        if (check.result !== owner) {
          takenOver = true;
          tx.abort();
          return;
        }
        const store = tx.objectStore('blocks');
        // (A plain loop: Emscripten 3.1.6's JS optimizer mangles destructuring in for-of.)
        for (let i = 0; i < blocks.length; ++i) store.put(blocks[i].bytes, blocks[i].index);
        store.delete(IDBKeyRange.lowerBound(Math.ceil(fileSize / blockSize)));
        tx.objectStore('meta').put(file, 'file');
      };
    } catch (e) {
      if (tx) try { tx.abort(); } catch (ignored) { /* already finished */ }
      finish(0, PathwayIdb.describe(e, 'save the local database'));
      return;
    }
    const begun = performance.now();
    tx.oncomplete = () => {
      // Save timing (bench/browser_field.mjs): the last durable save, in ms since the page started.
      if (window.pathway) window.pathway.lastSave = { begun: begun, done: performance.now(), blocks: count, blockSize: blockSize };
      finish(1, '');
    };
    tx.onabort = () => {
      if (!takenOver) {
        finish(0, PathwayIdb.describe(tx.error, 'save the local database'));
        return;
      }
      finish(0, 'Pathway was opened in another tab or window, so this tab stopped saving.');
      PathwayIdb.disconnect();
      _pathway_idb_lock_lost();
    };
  },

  // Asks for storage the browser will not evict; answers with
  // pathway_idb_persistence(1 granted, 2 refused, 3 unsupported).
  pathway_idb_request_persistence: function () {
    const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
    if (!storage || !storage.persist) { _pathway_idb_persistence(3); return; }
    (storage.persisted ? storage.persisted() : Promise.resolve(false))
      .then((already) => (already ? true : storage.persist()))
      .then((granted) => _pathway_idb_persistence(granted ? 1 : 2), () => _pathway_idb_persistence(2));
  },
});
