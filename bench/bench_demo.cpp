// Demo council: generating 300 and 10,000 young people and loading 300, in
// records per second (a record is one core record: a person, a contact, a
// plan...; the store writes more rows for each, plus the outbox). Loading
// 10,000 is measured by bench_store.cpp. Baselines in the same run, for 300:
// the same load with SQLite's default page cache, and a slice of it with one
// transaction per record (what a loader without one enclosing transaction
// would do). Databases are files in a temporary folder, as the server's are.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench.h"
#include "demo/council.h"
#include "demo/load.h"
#include "sqlite3.h"
#include "store/store.h"
#include "support/temp_folder.h"

namespace {

using namespace pathway;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

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

// Rows in every table of a database file, outbox included (read only: the
// store is the only writer).
int64_t rows_in(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  int64_t rows = 0;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* tables = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1, &tables, nullptr);
    while (tables && sqlite3_step(tables) == SQLITE_ROW) {
      const std::string sql =
          "SELECT count(*) FROM \"" + std::string(reinterpret_cast<const char*>(sqlite3_column_text(tables, 0))) + "\"";
      sqlite3_stmt* count = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &count, nullptr) == SQLITE_OK && sqlite3_step(count) == SQLITE_ROW)
        rows += sqlite3_column_int64(count, 0);
      sqlite3_finalize(count);
    }
    sqlite3_finalize(tables);
  }
  sqlite3_close(db);
  return rows;
}

demo::Council generate(int young_people) {
  demo::DemoOptions options;
  options.young_people = young_people;
  return demo::generate_council(options);
}

demo::Council timed_generate(int young_people) {
  const auto start = Clock::now();
  demo::Council council = generate(young_people);
  report(("generate " + std::to_string(young_people)).c_str(), council.record_count(), seconds_since(start));
  return council;
}

void generate_and_load(int young_people, const std::filesystem::path& folder) {
  const demo::Council council = timed_generate(young_people);
  const std::string size = std::to_string(young_people);

  const auto file = folder / ("council-" + size + ".db");
  auto store = fresh_store(file);
  if (!store) return;
  const auto load_start = Clock::now();
  const Status loaded = demo::load_council(*store, council);  // one transaction, bulk cache
  const double load_seconds = seconds_since(load_start);
  if (!loaded) {
    std::printf("  load failed: %s\n", loaded.error().message.c_str());
    return;
  }
  report(("load " + size + " (one transaction, bulk cache)").c_str(), council.record_count(), load_seconds);
  store.reset();
  const int64_t rows = rows_in(file);
  char note[64];
  std::snprintf(note, sizeof note, "%lld rows incl. outbox", static_cast<long long>(rows));
  bench::print_value(("load " + size + ", table rows").c_str(), static_cast<double>(rows) / load_seconds, "rows/s",
                     note);
}

// Seconds to load `council` into a fresh file with one write, with or
// without the loader's bulk page cache; the best of `runs`.
double best_load_seconds(const demo::Council& council, const std::filesystem::path& file, bool bulk_cache, int runs) {
  const store::Actor actor{"", "bench"};
  const Instant now = uk_start_of_day(council.today);
  double best = 0;
  for (int run = 0; run < runs; ++run) {
    auto store = fresh_store(file);
    if (!store) return 0;
    const auto start = Clock::now();
    const Status loaded =
        bulk_cache ? demo::load_council(*store, council) : store->write(actor, now, [&](store::Writer& writer) {
          return demo::for_each_record(council, [&](const auto& record) { return writer.save(record); });
        });
    const double seconds = seconds_since(start);
    if (!loaded) return 0;
    if (run == 0 || seconds < best) best = seconds;
  }
  return best;
}

}  // namespace

PATHWAY_BENCH(demo_generate_and_load) {
  const testing::TempFolder folder("bench-demo");  // of this run's own: runs may overlap
  generate_and_load(300, folder.path());
  // Loading 10,000 is the first figure of store_caseload_10000 (the same
  // loader on the same council), so it is generated only.
  (void)timed_generate(10'000);

  // Baselines for 300, in the same run: the loader against one transaction
  // with SQLite's default cache (best of 3 each, so the first run's cold
  // start does not count against either), and one transaction per record.
  const demo::Council council = generate(300);
  const store::Actor actor{"", "bench"};
  const Instant now = uk_start_of_day(council.today);
  const double bulk = best_load_seconds(council, folder / "bulk-cache.db", true, 3);
  const double plain = best_load_seconds(council, folder / "default-cache.db", false, 3);
  if (bulk > 0) report("load 300, one transaction, bulk cache (best of 3)", council.record_count(), bulk);
  if (plain > 0) report("baseline: load 300, one transaction, default cache", council.record_count(), plain);
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
      bench::print_value("seed a device caseload (one PA: generate + load)", seconds_since(start) * 1000, "ms", "");
  }
}
