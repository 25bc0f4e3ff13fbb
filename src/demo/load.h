// Putting Example Council into a store, through the store's one write path
// (every record validated, all of it one transaction: a failed load leaves
// the store as it was).
//
//  * load_council: a generated council into a server database.
//  * load_generated: the same without holding the whole council in memory
//    (for --scale 100000): people are generated and saved a slice at a time,
//    still inside one transaction.
//  * seed_device_caseload: one PA's open cases into a new device store, as
//    if pulled from the server (no outbox entries, so nothing is pushed
//    back). The app calls it right after creating the local database; the
//    PA's staff id is left in the setting `demo_staff_setting`.
#pragma once

#include <string_view>

#include "core/date.h"
#include "core/result.h"
#include "demo/council.h"
#include "store/store.h"

namespace pathway::demo {

// The device setting holding the staff id of the PA whose caseload was seeded.
inline constexpr std::string_view demo_staff_setting = "demo.staff_id";

// Saves every record of `council`, dated as of the start of council.today.
Status load_council(store::Store& store, const Council& council);

// generate_council(options) + load_council, `slice` young people at a time.
Status load_generated(store::Store& store, const DemoOptions& options, int slice = 1000);

// The default council for now's date, reduced to the caseload of its demo
// PA (about 22 young people with their histories, every member of staff,
// the teams and the duty rota).
Status seed_device_caseload(store::Store& store, Instant now);

}  // namespace pathway::demo
