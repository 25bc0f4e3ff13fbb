// The schema as numbered migrations (internal to src/store). Migration N is
// an SQL script that takes a database at version N-1 (PRAGMA user_version)
// to version N; each runs in its own transaction together with the refresh
// of the outbox triggers and the version bump, so a failure leaves the
// database at the previous version, never in between. Migrations are only
// ever appended: a shipped migration never changes.
//
// Every table syncs unless the migration that creates it declares it local:
// data that belongs to this device alone (settings, the outbox itself,
// drafts). A local table gets no outbox triggers, so nothing in it ever
// leaves the device; a new table syncs without anyone having to remember.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/change_capture.h"
#include "store/database.h"

namespace pathway::store::detail {

struct Migration {
  int version;               // 1, 2, 3 ... in order
  std::string_view summary;  // what it changes, for people
  std::string_view sql;
  std::vector<std::string_view> local_tables;  // tables this migration creates that never sync
};

const std::vector<Migration>& migrations();
int latest_schema_version();
// Every table declared local by a migration.
const std::vector<std::string_view>& local_tables();

Result<int> read_schema_version(Database& db);
// Applies every migration after the database's version up to `target`
// (default: the latest). Turns change capture off meanwhile: data moved by a
// migration is not a change to sync (every device runs the same migration).
Status migrate(Database& db, WriteContext& context, int target = -1);

}  // namespace pathway::store::detail
