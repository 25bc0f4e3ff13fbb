// Browser glue for the local store (src/app/persist), an Emscripten JS
// library: the encrypted database's blocks in IndexedDB.
//
// One IndexedDB database per local database, with two object stores:
// "blocks" (key: block number, value: the block's bytes, already encrypted by
// SQLite3 Multiple Ciphers) and "meta" (key "file": size, generation, block
// size and the key-derivation parameters, which are not secret). A save is ONE
// readwrite transaction with strict durability that puts the changed blocks,
// deletes blocks past the end and puts the meta record: IndexedDB applies it
// whole or not at all, and runs readwrite transactions in the order they were
// created, which is the order C++ begins saves. C++ hears back through
// exported functions (pathway_idb_*), and only then tells the user "saved".
mergeInto(LibraryManager.library, {
  $PathwayIdb__deps: ['$withCString'],
  $PathwayIdb: {
    db: null,
    name: '',
    inFlight: 0,
    closedReason: '',

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

    // Reads the meta record and every block in one readonly transaction.
    load: function () {
      const tx = PathwayIdb.db.transaction(['meta', 'blocks'], 'readonly');
      const meta = tx.objectStore('meta').get('file');
      const keys = tx.objectStore('blocks').getAllKeys();
      const values = tx.objectStore('blocks').getAll();
      tx.onabort = tx.onerror = () => PathwayIdb.fail(PathwayIdb.describe(tx.error, 'read the local database'));
      tx.oncomplete = () => {
        const file = meta.result;
        if (!file) {
          _pathway_idb_load_begin(0, 0, 0, 0);
          withCString('', (pointer) => _pathway_idb_load_end(1, pointer));
          return;
        }
        withCString(file.kdf || '', (kdf) => _pathway_idb_load_begin(file.size, file.generation, file.blockSize, kdf));
        let buffer = 0;
        let capacity = 0;
        for (let i = 0; i < keys.result.length; ++i) {
          const bytes = new Uint8Array(values.result[i]);
          if (bytes.length > capacity) {
            if (buffer) _free(buffer);
            capacity = bytes.length;
            buffer = _malloc(capacity);
          }
          HEAPU8.set(bytes, buffer);
          _pathway_idb_block(keys.result[i], buffer, bytes.length);
        }
        if (buffer) _free(buffer);
        withCString('', (pointer) => _pathway_idb_load_end(1, pointer));
      };
    },
  },

  // Opens (creating if needed) IndexedDB database `name` and loads it:
  // pathway_idb_load_begin, pathway_idb_block for each block, pathway_idb_load_end.
  pathway_idb_open__deps: ['$PathwayIdb', 'malloc', 'free'],
  pathway_idb_open: function (namePointer) {
    const name = UTF8ToString(namePointer);
    if (PathwayIdb.db) PathwayIdb.db.close();
    PathwayIdb.db = null;
    PathwayIdb.name = name;
    PathwayIdb.closedReason = '';
    let request;
    try {
      if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('missing');
      request = indexedDB.open(name, 1);
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
    if (!PathwayIdb.unloadHandler) {
      // Warn before leaving while a save is still being written.
      PathwayIdb.unloadHandler = (event) => {
        if (PathwayIdb.inFlight > 0) { event.preventDefault(); event.returnValue = ''; }
      };
      addEventListener('beforeunload', PathwayIdb.unloadHandler);
    }
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
    let tx;
    try {
      tx = PathwayIdb.db.transaction(['blocks', 'meta'], 'readwrite', { durability: 'strict' });
      const blocks = tx.objectStore('blocks');
      for (let i = 0; i < count; ++i) {
        const pointer = HEAPU32[(pointers >> 2) + i];
        blocks.put(HEAPU8.slice(pointer, pointer + blockSize), HEAPU32[(indices >> 2) + i]);
      }
      blocks.delete(IDBKeyRange.lowerBound(Math.ceil(fileSize / blockSize)));
      tx.objectStore('meta').put({ size: fileSize, generation, blockSize, kdf: UTF8ToString(kdfPointer) }, 'file');
    } catch (e) {
      if (tx) try { tx.abort(); } catch (ignored) { /* already finished */ }
      finish(0, PathwayIdb.describe(e, 'save the local database'));
      return;
    }
    ++PathwayIdb.inFlight;
    tx.oncomplete = () => { --PathwayIdb.inFlight; finish(1, ''); };
    tx.onabort = () => { --PathwayIdb.inFlight; finish(0, PathwayIdb.describe(tx.error, 'save the local database')); };
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
