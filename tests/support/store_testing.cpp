// The test-only access to a store (store_testing.h), through the one friend
// Store grants: StoreAccess hands over the connection.
#include "support/store_testing.h"

#include "store/database.h"

namespace pathway::store::testing {

struct StoreAccess {
  static detail::Database& database(Store& store) { return *store.db_; }
};

Status execute(Store& store, std::string_view sql) { return StoreAccess::database(store).exec(sql); }

void inject_fault(Store& store, int64_t nth_step) { StoreAccess::database(store).inject_fault_at_step(nth_step); }

Result<std::vector<std::vector<std::string>>> query(Store& store, std::string_view sql) {
  auto statement = StoreAccess::database(store).prepare(sql);
  if (!statement) return statement.error();
  const int columns = sqlite3_column_count(statement->handle());
  std::vector<std::vector<std::string>> rows;
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return rows;
    auto& values = rows.emplace_back();
    for (int c = 0; c < columns; ++c) values.push_back(statement->is_null(c) ? "NULL" : statement->text(c));
  }
}

Result<std::string> dump(Store& store) {
  auto tables = query(store, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  if (!tables) return tables.error();
  std::string text;
  for (const auto& table : *tables) {
    text += "[" + table[0] + "]\n";
    auto rows = query(store, "SELECT * FROM \"" + table[0] + "\" ORDER BY 1");
    if (!rows) return rows.error();
    for (const auto& row : *rows) {
      for (const auto& value : row) {
        text += value;
        text += '|';
      }
      text += '\n';
    }
  }
  return text;
}

}  // namespace pathway::store::testing
