// The migrations (schema.h). Conventions for every synced table: `id TEXT
// PRIMARY KEY` (a client-made UUID), dates and instants as ISO 8601 TEXT,
// enums as short stable text codes (they travel in JSON change sets),
// booleans as 0/1 with a CHECK, lists as JSON arrays in TEXT.
#include "store/schema.h"

#include <string>

namespace pathway::store::detail {
namespace {

// Version 1: the first real schema.
constexpr std::string_view migration_1 = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  write_id   TEXT NOT NULL,
  table_name TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  operation  TEXT NOT NULL CHECK (operation IN ('insert', 'update', 'delete')),
  row_json   TEXT NOT NULL,
  actor      TEXT NOT NULL,
  device     TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE TRIGGER outbox_is_append_only BEFORE UPDATE ON outbox
BEGIN SELECT RAISE(ABORT, 'outbox entries never change'); END;
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "first schema: settings and outbox", migration_1},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

Result<int> read_schema_version(Database& db) {
  auto query = db.prepare("PRAGMA user_version");
  if (!query) return query.error();
  auto row = query->step();
  if (!row) return row.error();
  return static_cast<int>(query->integer(0));
}

Status migrate(Database& db, WriteContext& context, int target) {
  if (target < 0) target = latest_schema_version();
  auto current = read_schema_version(db);
  if (!current) return current.error();
  if (*current > latest_schema_version()) {
    return Error{ErrorCode::conflict, "This database was made by a newer version of Pathway (schema " +
                                          std::to_string(*current) + "): update the app to open it"};
  }
  const bool captured = context.capture;
  context.capture = false;
  Status result = ok_status();
  for (const Migration& migration : migrations()) {
    if (migration.version <= *current || migration.version > target) continue;
    result = db.exec("BEGIN IMMEDIATE");
    if (!result) break;
    result = db.exec(migration.sql);
    if (result) result = refresh_outbox_triggers(db);
    if (result) result = db.exec("PRAGMA user_version = " + std::to_string(migration.version));
    if (result) result = db.exec("COMMIT");
    if (!result) {
      (void)db.exec("ROLLBACK");
      result = Error{result.error().code, "Could not upgrade the database to schema " +
                                              std::to_string(migration.version) + ": " + result.error().message};
      break;
    }
  }
  context.capture = captured;
  // Cached statements may refer to tables a migration replaced.
  db.clear_statement_cache();
  return result;
}

}  // namespace pathway::store::detail
