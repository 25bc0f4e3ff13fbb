// The --demo start-up load (see demo_data.h).
#include "server/demo_data.h"

#include "demo/load.h"

namespace pathway::server {

Result<bool> load_demo_council_if_empty(store::Store& store, Instant now) {
  const auto staff = store.all_staff();
  if (!staff) return staff.error();
  if (!staff->empty()) return false;
  demo::DemoOptions options;
  options.today = uk_date_of(now);
  if (Status loaded = demo::load_generated(store, options); !loaded) return loaded.error();
  return true;
}

}  // namespace pathway::server
