// Browser glue shared by the app's Emscripten JS libraries: passing a
// JavaScript string to C.
mergeInto(LibraryManager.library, {
  // Calls callback(pointer) with `text` as a NUL-terminated UTF-8 copy in the
  // module's memory, zeroed and freed when the callback returns (typed text
  // may be a passphrase: no copy stays behind in freed memory). On the heap,
  // not the stack: pasted text can be long. If the copy cannot be allocated
  // the callback gets 0, which every C receiver reads as empty text.
  $withCString__deps: ['malloc', 'free'],
  $withCString: function (text, callback) {
    const size = lengthBytesUTF8(text) + 1;
    const pointer = _malloc(size);
    if (!pointer) {
      callback(0);
      return;
    }
    stringToUTF8(text, pointer, size);
    try {
      callback(pointer);
    } finally {
      HEAPU8.fill(0, pointer, pointer + size);
      _free(pointer);
    }
  },
});
