// Outbox triggers and the SQL functions they call (change_capture.h).
#include "store/change_capture.h"

#include <algorithm>
#include <ctime>

#include "core/date.h"

namespace pathway::store::detail {
namespace {

WriteContext& context_of(sqlite3_context* call) {
  return *static_cast<WriteContext*>(sqlite3_user_data(call));
}

void result_text(sqlite3_context* call, const std::string& text) {
  sqlite3_result_text(call, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void capture_function(sqlite3_context* call, int, sqlite3_value**) {
  sqlite3_result_int(call, context_of(call).capture ? 1 : 0);
}
void write_id_function(sqlite3_context* call, int, sqlite3_value**) { result_text(call, context_of(call).write_id); }
void actor_function(sqlite3_context* call, int, sqlite3_value**) { result_text(call, context_of(call).actor); }
void device_function(sqlite3_context* call, int, sqlite3_value**) { result_text(call, context_of(call).device); }

void client_seq_function(sqlite3_context* call, int, sqlite3_value**) {
  const WriteContext& context = context_of(call);
  if (context.in_write && context.client_seq > 0) return sqlite3_result_int64(call, context.client_seq);
  sqlite3_result_null(call);
}

void now_function(sqlite3_context* call, int, sqlite3_value**) {
  const WriteContext& context = context_of(call);
  if (context.in_write) return result_text(call, context.now_iso);
  result_text(call, Instant{static_cast<int64_t>(std::time(nullptr))}.iso());
}

// Quotes an SQL identifier or string literal (names come from our own schema,
// but quoting keeps the generated SQL right whatever they are).
std::string quoted(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    out += c;
    if (c == quote) out += c;
  }
  return out + quote;
}

Result<std::vector<std::string>> columns_of(Database& db, const std::string& table) {
  auto query = db.prepare("SELECT name FROM pragma_table_info(?1)");
  if (!query) return query.error();
  query->bind(1, table);
  std::vector<std::string> columns;
  for (;;) {
    auto row = query->step();
    if (!row) return row.error();
    if (!*row) break;
    columns.push_back(query->text(0));
  }
  return columns;
}

// json_object('a', ROW.a, 'b', ROW.b, ...) for the given row alias.
std::string row_json(const std::vector<std::string>& columns, std::string_view row) {
  std::string json = "json_object(";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) json += ", ";
    json += quoted(columns[i], '\'') + ", " + std::string(row) + "." + quoted(columns[i], '"');
  }
  return json + ")";
}

// The outbox triggers of one table. From schema 5 (sync) each entry also
// carries its change set's number, the server version the record was last
// pulled at (the base of an edit or removal), the row before an update and the
// schema it was written at; a removal forgets the pulled version. An update
// that changes no column but `version` (a save of an unchanged record) queues
// nothing: there is nothing to send.
struct TriggerShape {
  const std::string& table;
  const std::vector<std::string>& columns;
  int schema_version;
  bool with_sync_columns() const { return schema_version >= 5; }
};

std::string pulled_version_sql(const TriggerShape& shape, std::string_view row) {
  return "coalesce((SELECT version FROM pulled_versions WHERE entity = " + quoted(shape.table, '\'') +
         " AND record_id = " + std::string(row) + ".id), 0)";
}

std::string forget_pulled_version_sql(const TriggerShape& shape) {
  return "  DELETE FROM pulled_versions WHERE entity = " + quoted(shape.table, '\'') + " AND record_id = OLD.id;\n";
}

std::string trigger_sql(const TriggerShape& shape, std::string_view event, std::string_view operation) {
  const bool is_delete = operation == "delete";
  const bool is_update = operation == "update";
  const std::string_view row = is_delete ? "OLD" : "NEW";
  const std::string name = quoted("outbox_" + shape.table + "_" + std::string(operation), '"');
  std::string when = "pathway_capture()";
  if (is_update) {
    std::vector<std::string> compared;
    for (const auto& column : shape.columns) {
      if (column != "id" && column != "version") compared.push_back(column);
    }
    std::string old_values, new_values;
    for (size_t i = 0; i < compared.size(); ++i) {
      old_values += (i ? ", OLD." : "OLD.") + quoted(compared[i], '"');
      new_values += (i ? ", NEW." : "NEW.") + quoted(compared[i], '"');
    }
    if (!compared.empty()) when += " AND (" + old_values + ") IS NOT (" + new_values + ")";
  }
  std::string columns = "write_id, table_name, record_id, operation, row_json, actor, device, changed_at";
  std::string values = "pathway_write_id(), " + quoted(shape.table, '\'') + ", " + std::string(row) + ".id, '" +
                       std::string(operation) + "', " + row_json(shape.columns, row) +
                       ", pathway_actor(), pathway_device(), pathway_now()";
  if (shape.with_sync_columns()) {
    columns += ", client_seq, base, old_json, schema";
    values += ", pathway_client_seq(), " + (operation == "insert" ? std::string("0") : pulled_version_sql(shape, row)) +
              ", " + (is_update ? row_json(shape.columns, "OLD") : std::string("NULL")) + ", " +
              std::to_string(shape.schema_version);
  }
  std::string body = "  INSERT INTO outbox(" + columns + ")\n  VALUES (" + values + ");\n";
  if (is_delete && shape.with_sync_columns()) body += forget_pulled_version_sql(shape);
  return "DROP TRIGGER IF EXISTS " + name + ";\n" + "CREATE TRIGGER " + name + " AFTER " + std::string(event) +
         " ON " + quoted(shape.table, '"') + " WHEN " + when + " BEGIN\n" + body + "END;\n";
}

// A record deleted by a pull (a tombstone, a young person who left the
// device's scope, a cascade from either) has no pulled version any more.
std::string forget_sql(const TriggerShape& shape) {
  const std::string name = quoted("forget_pulled_" + shape.table, '"');
  std::string sql = "DROP TRIGGER IF EXISTS " + name + ";\n";
  if (!shape.with_sync_columns()) return sql;
  return sql + "CREATE TRIGGER " + name + " AFTER DELETE ON " + quoted(shape.table, '"') +
         " WHEN NOT pathway_capture() BEGIN\n" + forget_pulled_version_sql(shape) + "END;\n";
}

// Sync identifies rows by id: an id never changes once written.
std::string keep_id_sql(const std::string& table) {
  const std::string name = quoted("keep_id_" + table, '"');
  return "DROP TRIGGER IF EXISTS " + name + ";\nCREATE TRIGGER " + name + " BEFORE UPDATE OF id ON " +
         quoted(table, '"') + " WHEN NEW.id IS NOT OLD.id BEGIN SELECT RAISE(ABORT, 'record ids never change'); END;\n";
}

}  // namespace

Status register_change_functions(Database& db, WriteContext& context) {
  struct Function {
    const char* name;
    void (*call)(sqlite3_context*, int, sqlite3_value**);
  };
  // Innocuous: they only read the write context, so triggers may call them
  // even with trusted_schema off. Not deterministic: the answer changes.
  static const Function functions[] = {{"pathway_capture", capture_function},
                                       {"pathway_write_id", write_id_function},
                                       {"pathway_actor", actor_function},
                                       {"pathway_device", device_function},
                                       {"pathway_now", now_function},
                                       {"pathway_client_seq", client_seq_function}};
  for (const auto& function : functions) {
    const int rc = sqlite3_create_function_v2(db.handle(), function.name, 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                              &context, function.call, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return db.last_error("registering the change functions");
  }
  return ok_status();
}

Result<std::vector<std::string>> synced_tables(Database& db, std::span<const std::string_view> local_tables) {
  auto query = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name");
  if (!query) return query.error();
  std::vector<std::string> tables;
  for (;;) {
    auto row = query->step();
    if (!row) return row.error();
    if (!*row) break;
    std::string name = query->text(0);
    const bool local = name.starts_with("sqlite_") ||
                       std::find(local_tables.begin(), local_tables.end(), name) != local_tables.end();
    if (!local) tables.push_back(std::move(name));
  }
  return tables;
}

Status refresh_outbox_triggers(Database& db, std::span<const std::string_view> local_tables, int schema_version) {
  auto tables = synced_tables(db, local_tables);
  if (!tables) return tables.error();
  for (const auto& table : *tables) {
    auto columns = columns_of(db, table);
    if (!columns) return columns.error();
    const TriggerShape shape{table, *columns, schema_version};
    const std::string sql = trigger_sql(shape, "INSERT", "insert") + trigger_sql(shape, "UPDATE", "update") +
                            trigger_sql(shape, "DELETE", "delete") + forget_sql(shape) + keep_id_sql(table);
    if (Status done = db.exec(sql); !done) return done;
  }
  return ok_status();
}

}  // namespace pathway::store::detail
