// How row changes reach the outbox (internal to src/store). Every synced
// table has AFTER INSERT/UPDATE/DELETE triggers, generated from the table's
// columns, that insert one outbox row holding the changed row as JSON
// (SQLite's json_object()). The triggers call SQL functions that exist only
// on a connection opened by Store:
//   pathway_capture()   1 normally; 0 while Store::apply_pulled() runs, so
//                       changes that came from the server are not queued again
//   pathway_write_id()  the id of the current Store::write ('' outside one)
//   pathway_actor()     the acting staff id
//   pathway_device()    the acting device id
//   pathway_now()       the write's time (the wall clock outside a write)
//   pathway_client_seq() the number of the change set this write makes on a
//                       device (1, 2, 3 ... without gaps); NULL outside a write
// A connection without them (the sqlite3 shell, another program) cannot
// change a synced table at all: the trigger fails with "no such function".
// That is deliberate: no row changes without an outbox entry.
//
// Every table syncs except those the schema declares local (schema.h:
// Migration::local_tables) and SQLite's own (sqlite_*): a new table gets its
// triggers without anyone having to remember.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace pathway::store::detail {

struct WriteContext {
  bool in_write = false;
  bool capture = true;
  std::string write_id;
  std::string actor;
  std::string device;
  std::string now_iso;
  int64_t client_seq = 0;  // the change set this write queues, when it queues any (0: none)
};

// Registers the pathway_* functions on `db`, reading `context` (which must
// outlive the connection).
Status register_change_functions(Database& db, WriteContext& context);

// Drops and recreates the outbox triggers of every synced table (every table
// not in `local_tables`), from its current columns, for the outbox of
// `schema_version`. Run after each migration, inside its transaction.
Status refresh_outbox_triggers(Database& db, std::span<const std::string_view> local_tables, int schema_version);

// The synced tables that exist in the database, by name.
Result<std::vector<std::string>> synced_tables(Database& db, std::span<const std::string_view> local_tables);

}  // namespace pathway::store::detail
