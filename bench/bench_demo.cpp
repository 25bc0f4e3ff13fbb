// Demo council: generating and loading 300 and 10,000 young people, in
// records per second (a record is one core record: a person, a contact, a
// plan...; the store writes more rows for each, plus the outbox). Baselines
// in the same run, for 300: the same load with SQLite's default page cache,
// and a slice of it with one transaction per record (what a loader without
// one enclosing transaction would do). Databases are files in a temporary
// folder, as the server's are.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench.h"
#include "demo/council.h"
#include "demo/load.h"
#include "store/store.h"

namespace {

using namespace pathway;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::filesystem::path bench_folder() {
  const auto folder = std::filesystem::temp_directory_path() / "pathway-bench-demo";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

std::unique_ptr<store::Store> fresh_store(const std::filesystem::path& file) {
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  auto opened = store::Store::open({file.string(), "", ""});
  if (!opened) {
    std::printf("  cannot open %s: %s\n", file.c_str(), opened.error().message.c_str());
    return nullptr;
  }
  return std::move(*opened);
}

void report(const char* what, size_t records, double seconds) {
  char note[64];
  std::snprintf(note, sizeof note, "%zu records in %.3f s", records, seconds);
  bench::print_value(what, static_cast<double>(records) / seconds, "records/s", note);
}

demo::Council generate(int young_people) {
  demo::DemoOptions options;
  options.young_people = young_people;
  return demo::generate_council(options);
}

void generate_and_load(int young_people, const std::filesystem::path& folder) {
  const auto start = Clock::now();
  const demo::Council council = generate(young_people);
  const double generated = seconds_since(start);
  const std::string size = std::to_string(young_people);
  report(("generate " + size).c_str(), council.record_count(), generated);

  auto store = fresh_store(folder / ("council-" + size + ".db"));
  if (!store) return;
  const auto load_start = Clock::now();
  const Status loaded = demo::load_council(*store, council);
  const double load_seconds = seconds_since(load_start);
  if (!loaded) {
    std::printf("  load failed: %s\n", loaded.error().message.c_str());
    return;
  }
  report(("load " + size + " (one transaction, bulk cache)").c_str(), council.record_count(), load_seconds);
}

}  // namespace

PATHWAY_BENCH(demo_generate_and_load) {
  const auto folder = bench_folder();
  generate_and_load(300, folder);
  generate_and_load(10'000, folder);

  // Baselines for 300, in the same run.
  const demo::Council council = generate(300);
  const store::Actor actor{"", "bench"};
  const Instant now{int64_t{council.today.days} * 86400};
  if (auto store = fresh_store(folder / "default-cache.db")) {
    const auto start = Clock::now();
    const Status loaded = store->write(actor, now, [&](store::Writer& writer) {
      return demo::for_each_record(council, [&](const auto& record) { return writer.save(record); });
    });
    if (loaded)
      report("baseline: load 300, one transaction, default cache", council.record_count(), seconds_since(start));
  }
  if (auto store = fresh_store(folder / "per-record.db")) {
    // One transaction per record, for the first 2,000 records (all of them
    // would take minutes).
    size_t written = 0;
    const auto start = Clock::now();
    const Status loaded = demo::for_each_record(council, [&](const auto& record) -> Status {
      if (written == 2000) return Error{ErrorCode::internal, "enough"};
      ++written;
      return store->write(actor, now, [&](store::Writer& writer) { return writer.save(record); });
    });
    if (loaded || written == 2000)
      report("baseline: load 300, a transaction per record", written, seconds_since(start));
  }
  if (auto store = fresh_store(folder / "device.db")) {
    const auto start = Clock::now();
    const Status seeded = demo::seed_device_caseload(*store, now);
    if (seeded)
      bench::print_value("seed a device caseload (one PA: generate + load)", seconds_since(start) * 1000, "ms");
  }
  std::filesystem::remove_all(folder);
}
