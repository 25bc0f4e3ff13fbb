// Runs every registered benchmark, or those whose name contains argv[1].
#include <cstdio>
#include <cstring>

#include "bench.h"

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : "";
  for (const auto& bench : pathway::bench::registry()) {
    if (!std::strstr(bench.name, filter)) continue;
    std::printf("%s\n", bench.name);
    bench.run();
    std::fflush(stdout);
  }
  return 0;
}
