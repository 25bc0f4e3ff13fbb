// --demo: the server starts with the Example Council (an obviously fictional
// leaving care service from src/demo) when its database holds no council
// yet, so a newcomer's first run has something to look at. An existing
// database is never touched. It also makes sign-in accounts for some of the
// council's staff (all with the password below, which is public: demo only):
//   demo-pa     the device demo PA (demo::demo_device_pa), first team
//   demo-pa2    the first PA of another team
//   demo-tm     the team manager of demo-pa's team
//   demo-sm     the service manager
//   demo-admin  the administrator
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "server/account_store.h"
#include "store/store.h"

namespace pathway::server {

// Loads the default demo council, dated for `now`'s day, if the store has no
// staff (nothing loaded yet). Returns whether it loaded; one transaction, so
// a failure leaves the store empty.
Result<bool> load_demo_council_if_empty(store::Store& store, Instant now);

inline constexpr std::string_view demo_password = "pathway-demo";

struct DemoAccount {
  std::string username;
  std::string display_name;
  Role role = Role::pa;
  std::string team_name;  // empty when outside any team
};

// Creates each demo account that does not exist yet (a restart creates
// none) for the demo council's staff, which must be in `record`. Returns
// every demo account, made now or before.
Result<std::vector<DemoAccount>> ensure_demo_accounts(AccountStore& accounts, store::Store& record, Instant now);

}  // namespace pathway::server
