// A tiny benchmark harness. Each benchmark registers itself with
// PATHWAY_BENCH and prints its figures next to a baseline measured in the same
// run (never against a number remembered from another machine).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pathway::bench {

// Where the benchmarks run. A few figures belong to the server only (a plain
// database, the whole council loaded at once) and are left out of the wasm
// build, which stands for the device.
#ifdef __EMSCRIPTEN__
inline constexpr bool in_wasm = true;
#else
inline constexpr bool in_wasm = false;
#endif

struct Stats {
  double p50_ms = 0, p95_ms = 0, min_ms = 0, max_ms = 0;
  int runs = 0;
  std::optional<double> cpu_ms_per_run;  // mean CPU time (cpu_time_ms), where there is one
};

// CPU time in ms (bench/cpu_clock.cpp: this thread's natively, the Node
// process's in wasm), or nothing if the platform cannot tell.
std::optional<double> cpu_time_ms();

inline Stats summarise(std::vector<double> samples_ms) {
  std::sort(samples_ms.begin(), samples_ms.end());
  const auto at = [&](double q) { return samples_ms[static_cast<size_t>(q * (samples_ms.size() - 1))]; };
  return Stats{at(0.5), at(0.95), samples_ms.front(), samples_ms.back(), static_cast<int>(samples_ms.size())};
}

// Runs fn `runs` times and returns the distribution of wall-clock times,
// with the mean CPU time per run where there is a CPU clock.
template <class F>
Stats measure(int runs, F&& fn) {
  std::vector<double> samples;
  samples.reserve(runs);
  const std::optional<double> cpu_start = cpu_time_ms();
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    samples.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  const std::optional<double> cpu_end = cpu_time_ms();
  Stats stats = summarise(std::move(samples));
  if (cpu_start && cpu_end) stats.cpu_ms_per_run = (*cpu_end - *cpu_start) / runs;
  return stats;
}

// "goal <= N ms: met" or "...: MISSED", judged on the CPU time per run where
// there is one (other processes on the machine do not count against it),
// else on the median wall-clock time; the note says which. The goals are set
// for native code: in wasm the note says so and only compares.
inline std::string goal_note(const Stats& s, double goal_ms) {
  const bool cpu = s.cpu_ms_per_run.has_value();
  const double judged = cpu ? *s.cpu_ms_per_run : s.p50_ms;
  const bool within = judged <= goal_ms;
  const char* verdict = in_wasm ? (within ? "within" : "over") : (within ? "met" : "MISSED");
  char note[112];
  std::snprintf(note, sizeof note, "%s <= %g ms (%s %.3f ms): %s", in_wasm ? "native goal" : "goal", goal_ms,
                cpu ? "CPU" : "wall p50", judged, verdict);
  return note;
}

// Below this many runs a line gives the slowest run, as the max: the 95th
// percentile of a handful of runs is not one.
inline constexpr int min_runs_for_p95 = 20;

// One line: median wall-clock time, the 95th percentile (or the max, with
// fewer than min_runs_for_p95 runs), and the mean CPU time per run where
// there is one.
inline void print_stats(std::string_view name, const Stats& s, std::string_view note = "") {
  char cpu[32] = "";
  if (s.cpu_ms_per_run) std::snprintf(cpu, sizeof cpu, "  cpu %9.3f ms", *s.cpu_ms_per_run);
  const bool p95 = s.runs >= min_runs_for_p95;
  std::printf("  %-52.*s p50 %9.3f ms  %s %9.3f ms%s  (%d runs)  %.*s\n", static_cast<int>(name.size()), name.data(),
              s.p50_ms, p95 ? "p95" : "max", p95 ? s.p95_ms : s.max_ms, cpu, s.runs, static_cast<int>(note.size()),
              note.data());
}

inline void print_value(std::string_view name, double value, std::string_view unit, std::string_view note = "") {
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
