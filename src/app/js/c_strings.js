// Browser glue shared by the app's Emscripten JS libraries: passing a
// JavaScript string to C.
mergeInto(LibraryManager.library, {
  // Calls callback(pointer) with `text` as a NUL-terminated UTF-8 copy in the
  // module's memory, freed when the callback returns. On the heap, not the
  // stack: pasted text can be long.
  $withCString__deps: ['malloc', 'free'],
  $withCString: function (text, callback) {
    const size = lengthBytesUTF8(text) + 1;
    const pointer = _malloc(size);
    stringToUTF8(text, pointer, size);
    try {
      callback(pointer);
    } finally {
      _free(pointer);
    }
  },
});
