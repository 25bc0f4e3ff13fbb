// Pre-js of the wasm benchmarks under Node: hands the variables the
// benchmarks read (PATHWAY_BENCH_*, and TMPDIR for their database files) from
// Node's environment to the program's, which Emscripten otherwise fills with
// fixed defaults.
Module['preRun'] = (Module['preRun'] || []).concat(function () {
  for (var name in process.env) {
    if (name.indexOf('PATHWAY_BENCH') === 0 || name === 'TMPDIR') ENV[name] = process.env[name];
  }
});
