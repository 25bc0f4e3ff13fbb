// --demo: the server starts with the Example Council (an obviously fictional
// leaving care service from src/demo) when its database holds no council
// yet, so a newcomer's first run has something to look at. An existing
// database is never touched.
#pragma once

#include "core/date.h"
#include "core/result.h"
#include "store/store.h"

namespace pathway::server {

// Loads the default demo council, dated for `now`'s day, if the store has no
// staff (nothing loaded yet). Returns whether it loaded; one transaction, so
// a failure leaves the store empty.
Result<bool> load_demo_council_if_empty(store::Store& store, Instant now);

}  // namespace pathway::server
