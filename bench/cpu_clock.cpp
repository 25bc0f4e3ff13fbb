// The benchmarks' CPU clock (declared in bench.h). On a shared machine
// wall-clock times include waiting for a core, so benchmarks print CPU time
// next to them. Natively it is this thread's CPU time. In wasm under Node,
// Emscripten's clock_gettime knows only real and monotonic time and its
// clock() is wall-clock, so it asks Node for the process's CPU time instead
// (the benchmark thread, plus V8's compiler and GC threads when they run).
#include <ctime>

#include "bench.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>

EM_JS(double, node_process_cpu_ms, (), {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
});
#endif

namespace pathway::bench {

std::optional<double> cpu_time_ms() {
#ifdef __EMSCRIPTEN__
  return node_process_cpu_ms();
#else
  timespec now{};
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) != 0) return std::nullopt;
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
#endif
}

}  // namespace pathway::bench
