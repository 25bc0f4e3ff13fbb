// Loading Example Council into a store (see load.h). Records are saved in
// an order the schema's references accept: teams and staff, then each
// person before their records, an original contact before its correction
// and a plan before its review. Bulk loads run with a large page cache (see
// shared/TOOLCHAIN.md: an encrypted store re-encrypts spilled pages).
#include "demo/load.h"

#include <algorithm>

namespace pathway::demo {
namespace {

using store::Store;
using store::Writer;

constexpr int bulk_cache_kib = 256 * 1024;
constexpr int default_cache_kib = 2000;  // SQLite's default page cache
const store::Actor demo_loader{"", "demo-loader"};

Status save_all(Writer& writer, const Council& council) {
  return for_each_record(council, [&](const auto& record) { return writer.save(record); });
}

// Runs `load` with the bulk page cache, then sets SQLite's default again
// (the store has no getter for the size it had).
template <class F>
Status with_bulk_cache(Store& store, F&& load) {
  if (Status s = store.set_cache_size_kib(bulk_cache_kib); !s) return s;
  Status loaded = load();
  Status restored = store.set_cache_size_kib(default_cache_kib);
  return loaded ? restored : loaded;
}

}  // namespace

Status load_council(Store& store, const Council& council) {
  return with_bulk_cache(store, [&] {
    return store.write(demo_loader, uk_start_of_day(council.today), [&](Writer& writer) { return save_all(writer, council); });
  });
}

Status load_generated(Store& store, const DemoOptions& options, int slice) {
  if (options.young_people < 0 || options.young_people > max_young_people)
    return invalid("young_people",
                   "The demo council has from 0 to " + std::to_string(max_young_people) + " young people.");
  slice = std::max(slice, 1);
  return with_bulk_cache(store, [&] {
    return store.write(demo_loader, uk_start_of_day(options.today), [&](Writer& writer) {
      const Council staff_only = generate_staff(options);
      if (Status s = save_all(writer, staff_only); !s) return s;
      for (int first = 0; first < options.young_people; first += slice) {
        Council part = staff_only;  // people are generated against the staff list...
        generate_young_people(options, first, std::min(slice, options.young_people - first), part);
        part.teams.clear();  // ...which is saved once, above
        part.staff.clear();
        part.duty_rota.clear();
        if (Status s = save_all(writer, part); !s) return s;
      }
      return ok_status();
    });
  });
}

Status seed_device_caseload(Store& store, Instant now) {
  DemoOptions options;
  options.today = uk_date_of(now);
  const Council caseload = generate_device_caseload(options);
  const core::Id pa = demo_device_pa(caseload);
  // A caseload is small (about 1,500 records): the device's own cache setting stays.
  return store.apply_pulled(demo_loader, now, [&](Writer& writer) {
    if (Status s = save_all(writer, caseload); !s) return s;
    return writer.set_setting(demo_staff_setting, pa);
  });
}

}  // namespace pathway::demo
