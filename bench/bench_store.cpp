// The store: opening a database and loading a 25-person caseload with due
// dates, in stores of 300 and 10,000 young people (Example Council, with 25
// of its open cases moved to one bench PA), encrypted (the device) and, natively
// only, plain (the server). Goal: the caseload query in 1 ms or less natively.
// Baselines in the same run: the same query after dropping the indexes it
// uses, and plain against encrypted. Also a timeline page, the plans awaiting
// a team manager, and load_world for the figures.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench.h"
#include "demo/council.h"
#include "demo/load.h"
#include "store/store.h"
#include "support/store_testing.h"
#include "support/temp_folder.h"

namespace {

using namespace pathway;
using bench::measure;
using bench::print_stats;
using bench::print_value;

const std::string bench_pa = "bench-pa";
const std::string bench_key(64, 'b');  // a fixed key: the bench measures cost, not secrecy
constexpr int caseload_size = 25;

std::filesystem::path bench_file(const std::string& name) {
  static const testing::TempFolder folder("bench-store");  // of this run's own: runs may overlap
  const auto file = folder / name;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(file.string() + suffix);
  return file;
}

void remove_file(const std::filesystem::path& file) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(file.string() + suffix);
}

// Example Council with `people` young people, the first 25 open cases
// allocated to the bench PA.
demo::Council bench_council(int people) {
  demo::DemoOptions options;
  options.young_people = people;
  options.today = Date::from_ymd(2026, 11, 23);
  demo::Council council = demo::generate_council(options);
  int moved = 0;
  for (auto& person : council.people) {
    if (moved == caseload_size) break;
    if (person.case_status == core::CaseStatus::closed || person.allocated_pa_id.empty()) continue;
    person.allocated_pa_id = bench_pa;
    ++moved;
  }
  return council;
}

std::unique_ptr<store::Store> open_store(const std::filesystem::path& file, bool encrypted) {
  auto opened = store::Store::open({file.string(), "", encrypted ? bench_key : ""});
  if (!opened) {
    std::printf("  cannot open %s: %s\n", file.c_str(), opened.error().message.c_str());
    return nullptr;
  }
  return std::move(*opened);
}

size_t caseload_rows(store::Store& store, Date today) {
  auto rows = store.caseload(bench_pa, today);
  return rows ? rows->size() : 0;
}

void bench_one_store(const demo::Council& council, bool encrypted) {
  const int people = static_cast<int>(council.people.size());
  const std::string label = std::to_string(people) + (encrypted ? " encrypted" : " plain");
  const auto file = bench_file("store-" + std::to_string(people) + (encrypted ? "-enc" : "") + ".db");
  const Date today = council.today;
  {
    auto store = open_store(file, encrypted);
    if (!store) return;
    const auto start = std::chrono::steady_clock::now();
    if (Status loaded = demo::load_council(*store, council); !loaded) {
      std::printf("  load failed: %s\n", loaded.error().message.c_str());
      return;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    print_value(label + ": load, records per second", static_cast<double>(council.record_count()) / seconds, "rec/s",
                std::to_string(council.record_count()) + " records");
  }
  print_value(label + ": file size", static_cast<double>(std::filesystem::file_size(file)) / (1024 * 1024), "MiB");

  // Cold: open the file (key, schema check, migrations) and load the caseload.
  size_t rows = 0;
  const auto cold = measure(20, [&] {
    auto store = open_store(file, encrypted);
    rows = store ? caseload_rows(*store, today) : 0;
  });
  print_stats(label + ": open + caseload (cold)", cold, std::to_string(rows) + " rows");

  auto store = open_store(file, encrypted);
  if (!store) return;
  caseload_rows(*store, today);  // warm the page cache and the statement cache
  const auto warm = measure(200, [&] { rows = caseload_rows(*store, today); });
  print_stats(label + ": caseload (warm)", warm, std::to_string(rows) + " rows; " + bench::goal_note(warm, 1.0));

  const core::Id person = store->caseload(bench_pa, today)->front().young_person_id;
  print_stats(label + ": timeline, first page of 50", measure(200, [&] { (void)store->timeline(person); }));
  const core::Id team = council.teams.front().id;
  print_stats(label + ": plans awaiting authorisation (a team)",
              measure(200, [&] { (void)store->plans_awaiting_authorisation(team); }));
  size_t contacts = 0;
  const auto world = measure(people > 1000 ? 3 : 10, [&] {
    auto loaded = store->load_world();
    contacts = loaded ? loaded->contacts.size() : 0;
  });
  print_stats(label + ": load_world (whole council)", world, std::to_string(contacts) + " contacts");

  // Baseline: the same caseload without the indexes made for it.
  if (Status dropped = store::testing::execute(*store, 
          "DROP INDEX young_people_by_pa; DROP INDEX contacts_by_person; DROP INDEX activity_by_person;"
          "DROP INDEX plans_by_person; DROP INDEX risks_by_person; DROP INDEX care_periods_by_person;");
      !dropped) {
    std::printf("  cannot drop indexes: %s\n", dropped.error().message.c_str());
    return;
  }
  const auto unindexed = measure(people > 1000 ? 3 : 50, [&] { rows = caseload_rows(*store, today); });
  print_stats(label + ": caseload without its indexes (baseline)", unindexed, std::to_string(rows) + " rows");
  store.reset();
  remove_file(file);
}

// A device's store is always encrypted; the plain one is the server's, so
// it is measured natively only.
void bench_stores(int people) {
  const demo::Council council = bench_council(people);
  bench_one_store(council, /*encrypted=*/true);
  if (!bench::in_wasm) bench_one_store(council, /*encrypted=*/false);
}

}  // namespace

PATHWAY_BENCH(store_caseload_300) { bench_stores(300); }

PATHWAY_BENCH(store_caseload_10000) { bench_stores(10000); }
