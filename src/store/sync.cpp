// The device side of sync and Writer::apply_server_row() (store.h).
#include <cassert>

#include "store/database.h"
#include "store/store.h"
#include "store/sync_rows.h"

namespace pathway::store {

using detail::Database;
using detail::Statement;
using sync::Json;

namespace {

Json conflicts_json(const std::map<std::string, std::vector<std::string>>& conflicts) {
  Json json = Json::object();
  for (const auto& [field, texts] : conflicts) json[field] = texts;
  return json;
}

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

// INSERT, or UPDATE of the fields given when any differs. A device's local
// version (which its own saves check) moves on past the server's.
std::string upsert_sql(const detail::EntityTable& target, const std::vector<const sync::FieldSpec*>& fields) {
  const std::string table(target.entity->name);
  std::string columns = "id";
  std::string values = "?1";
  std::string assignments;
  std::string stored;
  std::string incoming;
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string_view name = fields[i]->name;
    const std::string_view separator = i ? ", " : "";
    columns.append(", ").append(name);
    values.append(", ?").append(std::to_string(i + 2));
    assignments.append(separator).append(name).append(" = excluded.").append(name);
    stored.append(separator).append(table).append(".").append(name);
    incoming.append(separator).append("excluded.").append(name);
  }
  if (target.has_version()) {
    columns += ", version";
    values += ", ?" + std::to_string(fields.size() + 2);
    assignments += ", version = max(" + table + ".version + 1, excluded.version)";
  }
  std::string sql = "INSERT INTO " + table + "(" + columns + ") VALUES (" + values + ")";
  if (fields.empty()) return sql + " ON CONFLICT(id) DO NOTHING";
  return sql + " ON CONFLICT(id) DO UPDATE SET " + assignments + " WHERE (" + stored + ") IS NOT (" + incoming + ")";
}

// One outbox entry as a change (nullopt: nothing to send, such as an
// append-only record deleted with the young person it belongs to).
Result<std::optional<sync::Change>> change_of_entry(const std::string& table, const std::string& record_id,
                                                    const std::string& operation, const std::string& row_json,
                                                    const std::optional<std::string>& old_json, int64_t base) {
  auto target = detail::entity_table(table);
  if (!target) return target.error();
  const sync::EntitySpec& entity = *target->entity;
  const bool append_only = entity.kind == sync::EntityKind::append_only;
  sync::Change change;
  change.entity = table;
  change.record_id = record_id;
  change.base_version = base;
  if (operation == "delete") {
    if (append_only) return std::optional<sync::Change>{};
    change.operation = sync::Operation::remove;
    return std::optional<sync::Change>{std::move(change)};
  }
  auto fields = detail::fields_of_row_text(entity, row_json);
  if (!fields) return fields.error();
  if (operation == "insert") {
    change.operation = append_only ? sync::Operation::append : sync::Operation::create;
    change.base_version = 0;
    change.fields = std::move(*fields);
    return std::optional<sync::Change>{std::move(change)};
  }
  change.operation = sync::Operation::edit;
  if (!old_json) {  // queued before sync existed: every field
    change.fields = std::move(*fields);
    return std::optional<sync::Change>{std::move(change)};
  }
  auto old_fields = detail::fields_of_row_text(entity, *old_json);
  if (!old_fields) return old_fields.error();
  // Only what changed: an unchanged field sent along would overwrite
  // someone else's concurrent change to it in the server's merge.
  for (auto it = fields->begin(); it != fields->end(); ++it) {
    if (!old_fields->contains(it.key()) || (*old_fields)[it.key()] != it.value()) change.fields[it.key()] = it.value();
  }
  if (change.fields.empty()) return std::optional<sync::Change>{};
  return std::optional<sync::Change>{std::move(change)};
}

constexpr std::string_view change_set_columns =
    "SELECT client_seq, write_id, table_name, record_id, operation, row_json, old_json, base, actor, changed_at, schema "
    "FROM outbox WHERE client_seq IN ";

// The change sets of the outbox entries a query selects (change_set_columns
// + its filter), in client_seq order.
Result<std::vector<sync::ChangeSet>> read_change_sets(Statement& query, std::string_view client_id) {
  std::vector<sync::ChangeSet> sets;
  for (;;) {
    auto row = query.step();
    if (!row) return row.error();
    if (!*row) return sets;
    const int64_t client_seq = query.integer(0);
    if (sets.empty() || sets.back().client_seq != client_seq) {
      sync::ChangeSet& set = sets.emplace_back();
      set.id = query.text(1);
      set.client_id = std::string(client_id);
      set.author = query.text(8);
      set.schema_version = static_cast<int>(query.integer(10));
      set.client_seq = client_seq;
      set.made_at = query.text(9);
    }
    auto change = change_of_entry(query.text(2), query.text(3), query.text(4), query.text(5), query.optional_text(6),
                                  query.integer(7));
    if (!change) return change.error();
    if (*change) sets.back().changes.push_back(std::move(**change));
  }
}

}  // namespace

// [SECTION] Writing a record as the server holds it

Status Writer::apply_server_row(const sync::ServerRow& row) {
  auto target = detail::entity_table(row.entity);
  if (!target) return remember(target.error());
  if (Status id = sync::check_field_value({"id", sync::FieldKind::id}, Json(row.record_id), "id"); !id) {
    return remember(id);
  }
  if (row.removed) return remember(detail::delete_with_owned(db(), *target->entity, row.record_id));

  std::vector<const sync::FieldSpec*> fields;
  for (auto it = row.fields.begin(); it != row.fields.end(); ++it) {
    const sync::FieldSpec* field = sync::find_field(*target->entity, it.key());
    if (!field) return remember(invalid("fields." + it.key(), it.key() + " is not a field of " + row.entity));
    if (Status checked = sync::check_field_value(*field, it.value(), "fields." + it.key()); !checked) {
      return remember(checked);
    }
    fields.push_back(field);
  }
  auto statement = db().prepare(upsert_sql(*target, fields));
  if (!statement) return remember(statement.error());
  statement->bind(1, row.record_id);
  for (size_t i = 0; i < fields.size(); ++i) {
    detail::bind_field_value(*statement, static_cast<int>(i + 2), *fields[i], row.fields.at(std::string(fields[i]->name)));
  }
  if (target->has_version()) statement->bind(static_cast<int>(fields.size() + 2), row.version);
  if (Status ran = statement->run(); !ran) return remember(ran);
  if (!keeps_pulled_versions_) return ok_status();
  auto pulled = db().prepare(
      "INSERT INTO pulled_versions(entity, record_id, version, conflicts) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(entity, record_id) DO UPDATE SET version = excluded.version, conflicts = excluded.conflicts");
  if (!pulled) return remember(pulled.error());
  pulled->bind_all(row.entity, row.record_id, row.version, dump(conflicts_json(row.conflicts)));
  return remember(pulled->run());
}

// [SECTION] Push

Result<std::vector<sync::ChangeSet>> Store::pending_change_sets(std::string_view client_id, size_t max_change_sets) {
  detail::ReadTransaction snapshot(*db_);
  auto query = db_->prepare(
      std::string(change_set_columns) +
      "(SELECT DISTINCT client_seq FROM outbox WHERE client_seq IS NOT NULL AND client_seq NOT IN "
      "(SELECT client_seq FROM refused_change_sets) ORDER BY client_seq LIMIT ?1) ORDER BY client_seq, seq");
  if (!query) return query.error();
  query->bind(1, static_cast<int64_t>(max_change_sets));
  return read_change_sets(*query, client_id);
}

Result<int64_t> Store::pending_change_set_count() {
  auto query = db_->prepare("SELECT count(DISTINCT client_seq) FROM outbox WHERE client_seq IS NOT NULL");
  if (!query) return query.error();
  auto row = query->step();
  if (!row) return row.error();
  return query->integer(0);
}

Status Store::record_push_results(const sync::PushResponse& response, Instant now) {
  return run_write({}, now, /*queue_for_sync=*/false, [&](Writer& writer) -> Status {
    Database& db = writer.db();
    for (const sync::PushResult& result : response.results) {
      if (result.status == sync::PushStatus::applied || result.status == sync::PushStatus::duplicate) {
        auto done = db.prepare("DELETE FROM outbox WHERE client_seq = ?1");
        if (!done) return done.error();
        if (Status ran = done->bind(1, result.client_seq).run(); !ran) return ran;
      } else if (result.status == sync::PushStatus::refused) {
        auto refused = db.prepare(
            "INSERT INTO refused_change_sets(client_seq, reason, field, refused_at) "
            "SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM outbox WHERE client_seq = ?1) "
            "ON CONFLICT(client_seq) DO NOTHING");
        if (!refused) return refused.error();
        refused->bind_all(result.client_seq, result.reason, result.field, now.iso());
        if (Status ran = refused->run(); !ran) return ran;
      }
    }
    return ok_status();
  });
}

Result<std::vector<RefusedChangeSet>> Store::refused_change_sets(std::string_view client_id) {
  detail::ReadTransaction snapshot(*db_);
  auto query = db_->prepare(std::string(change_set_columns) +
                            "(SELECT client_seq FROM refused_change_sets) ORDER BY client_seq, seq");
  if (!query) return query.error();
  auto sets = read_change_sets(*query, client_id);
  if (!sets) return sets.error();
  std::vector<RefusedChangeSet> refused;
  for (auto& set : *sets) {
    auto why = db_->prepare("SELECT reason, field, refused_at FROM refused_change_sets WHERE client_seq = ?1");
    if (!why) return why.error();
    why->bind(1, set.client_seq);
    auto row = why->step();
    if (!row) return row.error();
    if (!*row) continue;
    refused.push_back(RefusedChangeSet{std::move(set), why->text(0), why->text(1), why->text(2)});
  }
  return refused;
}

Status Store::discard_refused_change_set(int64_t client_seq) {
  return run_write({}, Instant{}, /*queue_for_sync=*/false, [&](Writer& writer) -> Status {
    auto refused = writer.db().prepare("DELETE FROM refused_change_sets WHERE client_seq = ?1");
    if (!refused) return refused.error();
    if (Status ran = refused->bind(1, client_seq).run(); !ran) return ran;
    if (sqlite3_changes(writer.db().handle()) == 0) {
      return Error{ErrorCode::not_found, "There is no refused change set " + std::to_string(client_seq)};
    }
    auto entries = writer.db().prepare("DELETE FROM outbox WHERE client_seq = ?1");
    if (!entries) return entries.error();
    return entries->bind(1, client_seq).run();
  });
}

// [SECTION] Pull

namespace {

// The device's one sync_device row, column by column.
Result<std::optional<std::string>> sync_device_text(Database& db, std::string_view column) {
  auto query = db.prepare("SELECT " + std::string(column) + " FROM sync_device");
  if (!query) return query.error();
  auto row = query->step();
  if (!row) return row.error();
  if (!*row) return Error{ErrorCode::corrupt, "The device's sync state is missing"};
  return query->optional_text(0);
}

}  // namespace

Result<std::string> Store::sync_cursor() {
  auto cursor = sync_device_text(*db_, "cursor");
  if (!cursor) return cursor.error();
  return cursor->value_or("");
}

Result<std::optional<std::string>> Store::last_pull_at() { return sync_device_text(*db_, "last_pull_at"); }

Status Store::apply_pull_page(const sync::PullResponse& page, Instant now) {
  // Rows come as the server holds them now, grouped by the change that last
  // touched them, so a record can arrive before the one it belongs to (in
  // this page or the next): foreign keys are not checked while a page is
  // applied, and deletions walk the catalog instead of cascading.
  if (Status off = db_->exec("PRAGMA foreign_keys = OFF"); !off) return off;
  const auto young_people = sync::find_entity("young_people");
  assert(young_people);
  Status applied = run_write({}, now, /*queue_for_sync=*/false, [&](Writer& writer) -> Status {
    Database& db = writer.db();
    for (const sync::PulledChangeSet& set : page.change_sets) {
      for (const sync::ServerRow& row : set.rows) {
        // A change of this record still waiting to be pushed: keep the
        // device's row; the server sends the record again once it has it.
        auto waiting = db.prepare(
            "SELECT 1 FROM outbox WHERE table_name = ?1 AND record_id = ?2 AND client_seq IS NOT NULL "
            "AND client_seq NOT IN (SELECT client_seq FROM refused_change_sets) LIMIT 1");
        if (!waiting) return waiting.error();
        waiting->bind_all(row.entity, row.record_id);
        auto found = waiting->step();
        if (!found) return found.error();
        if (*found) continue;
        if (Status written = writer.apply_server_row(row); !written) return written;
      }
    }
    for (const std::string& person : page.leave) {
      if (Status left = detail::delete_with_owned(db, *young_people, person); !left) return left;
    }
    auto cursor = db.prepare("UPDATE sync_device SET cursor = ?1, last_pull_at = ?2");
    if (!cursor) return cursor.error();
    return cursor->bind_all(page.cursor, now.iso()).run();
  });
  Status on = db_->exec("PRAGMA foreign_keys = ON");
  return applied ? on : applied;
}

Result<std::map<std::string, std::vector<std::string>>> Store::conflicts_of(std::string_view entity,
                                                                             std::string_view record_id) {
  std::map<std::string, std::vector<std::string>> conflicts;
  auto query = db_->prepare("SELECT conflicts FROM pulled_versions WHERE entity = ?1 AND record_id = ?2");
  if (!query) return query.error();
  query->bind_all(entity, record_id);
  auto row = query->step();
  if (!row) return row.error();
  if (!*row) return conflicts;
  const std::string text = query->text(0);
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return Error{ErrorCode::corrupt, "A record's pulled conflicts cannot be read"};
  for (auto it = json.begin(); it != json.end(); ++it) {
    for (const auto& item : it.value()) {
      if (item.is_string()) conflicts[it.key()].push_back(item.get<std::string>());
    }
  }
  return conflicts;
}

Result<int64_t> Store::pulled_version(std::string_view entity, std::string_view record_id) {
  auto query = db_->prepare("SELECT version FROM pulled_versions WHERE entity = ?1 AND record_id = ?2");
  if (!query) return query.error();
  query->bind_all(entity, record_id);
  auto row = query->step();
  if (!row) return row.error();
  return *row ? query->integer(0) : int64_t{0};
}

}  // namespace pathway::store
