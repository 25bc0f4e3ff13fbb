// A tiny benchmark harness. Each benchmark registers itself with
// PATHWAY_BENCH and prints its figures next to a baseline measured in the same
// run (never against a number remembered from another machine).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

namespace pathway::bench {

struct Stats {
  double p50_ms = 0, p95_ms = 0, min_ms = 0, max_ms = 0;
  int runs = 0;
};

inline Stats summarise(std::vector<double> samples_ms) {
  std::sort(samples_ms.begin(), samples_ms.end());
  const auto at = [&](double q) { return samples_ms[static_cast<size_t>(q * (samples_ms.size() - 1))]; };
  return Stats{at(0.5), at(0.95), samples_ms.front(), samples_ms.back(), static_cast<int>(samples_ms.size())};
}

// Runs fn `runs` times and returns the distribution of wall-clock times.
template <class F>
Stats measure(int runs, F&& fn) {
  std::vector<double> samples;
  samples.reserve(runs);
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    samples.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return summarise(std::move(samples));
}

inline void print_stats(std::string_view name, const Stats& s, std::string_view note = {}) {
  std::printf("  %-52.*s p50 %9.3f ms  p95 %9.3f ms  (%d runs)  %.*s\n", static_cast<int>(name.size()), name.data(),
              s.p50_ms, s.p95_ms, s.runs, static_cast<int>(note.size()), note.data());
}

inline void print_value(std::string_view name, double value, std::string_view unit, std::string_view note = {}) {
  std::printf("  %-52.*s %12.3f %.*s  %.*s\n", static_cast<int>(name.size()), name.data(), value,
              static_cast<int>(unit.size()), unit.data(), static_cast<int>(note.size()), note.data());
}

using BenchFunction = void (*)();
struct Registered { const char* name; BenchFunction run; };
inline std::vector<Registered>& registry() {
  static std::vector<Registered> all;
  return all;
}
struct Registration {
  Registration(const char* name, BenchFunction run) { registry().push_back({name, run}); }
};

}  // namespace pathway::bench

#define PATHWAY_BENCH(name)                                                   \
  static void name();                                                         \
  static ::pathway::bench::Registration name##_registration(#name, name);    \
  static void name()
