// The server's sync ledger (ledger.h).
#include "store/ledger.h"

#include <map>
#include <set>

#include "store/database.h"
#include "store/sync_rows.h"

namespace pathway::store {

using detail::Database;
using sync::Json;

namespace {

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json parse_object(const std::string& text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return json.is_object() ? json : Json::object();
}

Json stamps_json(const std::map<std::string, sync::FieldStamp>& stamps) {
  Json json = Json::object();
  for (const auto& [field, stamp] : stamps) json[field] = Json::array({stamp.version, stamp.client_id});
  return json;
}

std::map<std::string, sync::FieldStamp> stamps_of(const std::string& text) {
  std::map<std::string, sync::FieldStamp> stamps;
  const Json json = parse_object(text);
  for (auto it = json.begin(); it != json.end(); ++it) {
    if (it.value().is_array() && it.value().size() == 2 && it.value()[0].is_number_integer() && it.value()[1].is_string()) {
      stamps[it.key()] = {it.value()[0].get<int64_t>(), it.value()[1].get<std::string>()};
    }
  }
  return stamps;
}

Json conflicts_json(const std::map<std::string, std::vector<std::string>>& conflicts) {
  Json json = Json::object();
  for (const auto& [field, texts] : conflicts) json[field] = texts;
  return json;
}

std::map<std::string, std::vector<std::string>> conflicts_of(const std::string& text) {
  std::map<std::string, std::vector<std::string>> conflicts;
  const Json json = parse_object(text);
  for (auto it = json.begin(); it != json.end(); ++it) {
    for (const auto& item : it.value()) {
      if (item.is_string()) conflicts[it.key()].push_back(item.get<std::string>());
    }
  }
  return conflicts;
}

Result<std::optional<std::string>> one_text(Database& db, std::string_view sql, std::string_view a, std::string_view b = {}) {
  auto query = db.prepare(sql);
  if (!query) return query.error();
  query->bind(1, a);
  if (sqlite3_bind_parameter_count(query->handle()) >= 2) query->bind(2, b);
  auto row = query->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return query->optional_text(0).has_value() ? std::optional<std::string>{query->text(0)}
                                             : std::optional<std::string>{std::string()};
}

Status insert_state(Database& db, const sync::RecordState& state, std::string_view young_person_id, int64_t server_seq) {
  auto statement = db.prepare(
      "INSERT INTO server_records(entity, record_id, young_person_id, version, removed, fields, conflicts, stamps, "
      "conflict_stamps, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
      "ON CONFLICT(entity, record_id) DO UPDATE SET young_person_id = excluded.young_person_id, "
      "version = excluded.version, removed = excluded.removed, fields = excluded.fields, conflicts = excluded.conflicts, "
      "stamps = excluded.stamps, conflict_stamps = excluded.conflict_stamps, last_seq = excluded.last_seq");
  if (!statement) return statement.error();
  const sync::ServerRow& row = state.row;
  statement->bind_all(row.entity, row.record_id);
  if (young_person_id.empty()) statement->bind_null(3);
  else statement->bind(3, young_person_id);
  statement->bind(4, row.version).bind(5, row.removed).bind(6, dump(row.fields)).bind(7, dump(conflicts_json(row.conflicts)));
  statement->bind(8, dump(stamps_json(state.stamps))).bind(9, dump(stamps_json(state.conflict_stamps))).bind(10, server_seq);
  if (Status ran = statement->run(); !ran) return ran;
  auto logged = db.prepare(
      "INSERT INTO server_change_rows(server_seq, entity, record_id, version) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(server_seq, entity, record_id) DO UPDATE SET version = excluded.version");
  if (!logged) return logged.error();
  return logged->bind_all(server_seq, row.entity, row.record_id, row.version).run();
}

// The young person whose record the owner is (ledger first: it knows every
// record it logged).
Result<std::string> young_person_owning(Database& db, const sync::EntitySpec& entity, const Json& fields,
                                        std::string_view record_id) {
  if (entity.name == "young_people") return std::string(record_id);
  if (entity.is_reference_data()) return std::string();
  const auto owner = fields.find(entity.owner_field);
  if (owner == fields.end() || !owner->is_string()) {
    return invalid("fields." + std::string(entity.owner_field), "A new record must say what it belongs to");
  }
  if (entity.owner_entity == "young_people") return owner->get<std::string>();
  auto found = one_text(db, "SELECT young_person_id FROM server_records WHERE entity = ?1 AND record_id = ?2 AND NOT removed",
                        entity.owner_entity, owner->get<std::string>());
  if (!found) return found.error();
  if (!*found) return Error{ErrorCode::not_found, "The record this belongs to is not on the server", "fields." + std::string(entity.owner_field)};
  return **found;
}

Status place(Database& db, std::string_view young_person_id, const Json& fields, int64_t server_seq) {
  const auto pa = fields.find("allocated_pa_id");
  auto statement = db.prepare(
      "INSERT INTO server_placements(young_person_id, server_seq, allocated_pa_id) VALUES (?1, ?2, ?3) "
      "ON CONFLICT(young_person_id, server_seq) DO UPDATE SET allocated_pa_id = excluded.allocated_pa_id");
  if (!statement) return statement.error();
  statement->bind_all(young_person_id, server_seq);
  if (pa == fields.end() || !pa->is_string()) statement->bind_null(3);
  else statement->bind(3, pa->get<std::string>());
  return statement->run();
}

}  // namespace

// [SECTION] Inside a write

Status Ledger::savepoint(std::string_view sql) { return writer_.db().exec(sql); }
void Ledger::forget_failure() { writer_.first_error_.reset(); }

Result<int64_t> Ledger::last_seq(std::string_view client_id) {
  auto query = writer_.db().prepare("SELECT last_seq FROM server_clients WHERE client_id = ?1");
  if (!query) return query.error();
  query->bind(1, client_id);
  auto row = query->step();
  if (!row) return row.error();
  return *row ? query->integer(0) : int64_t{0};
}

Status Ledger::set_last_seq(std::string_view client_id, int64_t seq) {
  auto statement = writer_.db().prepare(
      "INSERT INTO server_clients(client_id, last_seq) VALUES (?1, ?2) "
      "ON CONFLICT(client_id) DO UPDATE SET last_seq = excluded.last_seq");
  if (!statement) return statement.error();
  return statement->bind_all(client_id, seq).run();
}

Result<std::optional<LedgerRefusal>> Ledger::refusal(std::string_view client_id, int64_t client_seq) {
  auto query = writer_.db().prepare("SELECT reason, field FROM server_refusals WHERE client_id = ?1 AND client_seq = ?2");
  if (!query) return query.error();
  query->bind_all(client_id, client_seq);
  auto row = query->step();
  if (!row) return row.error();
  if (!*row) return std::optional<LedgerRefusal>{};
  return std::optional<LedgerRefusal>{LedgerRefusal{query->text(0), query->text(1)}};
}

Status Ledger::record_refusal(const sync::ChangeSet& change_set, const LedgerRefusal& refusal) {
  auto statement = writer_.db().prepare(
      "INSERT INTO server_refusals(client_id, client_seq, change_set_id, reason, field, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!statement) return statement.error();
  statement->bind_all(change_set.client_id, change_set.client_seq, change_set.id, refusal.reason, refusal.field,
                      writer_.now().iso());
  return statement->run();
}

Result<sync::RecordState> Ledger::record(std::string_view entity, std::string_view id) {
  auto query = writer_.db().prepare(
      "SELECT version, removed, fields, conflicts, stamps, conflict_stamps FROM server_records "
      "WHERE entity = ?1 AND record_id = ?2");
  if (!query) return query.error();
  query->bind_all(entity, id);
  auto row = query->step();
  if (!row) return row.error();
  sync::RecordState state;
  state.row.entity = std::string(entity);
  state.row.record_id = std::string(id);
  if (!*row) return state;
  state.exists = true;
  state.row.version = query->integer(0);
  state.row.removed = query->integer(1) != 0;
  state.row.fields = parse_object(query->text(2));
  state.row.conflicts = conflicts_of(query->text(3));
  state.stamps = stamps_of(query->text(4));
  state.conflict_stamps = stamps_of(query->text(5));
  return state;
}

Result<std::string> Ledger::young_person_of(const sync::Change& change) {
  auto target = detail::entity_table(change.entity);
  if (!target) return target.error();
  auto known = one_text(writer_.db(), "SELECT young_person_id FROM server_records WHERE entity = ?1 AND record_id = ?2",
                        change.entity, change.record_id);
  if (!known) return known.error();
  if (*known) return **known;
  if (change.operation != sync::Operation::create && change.operation != sync::Operation::append) {
    return Error{ErrorCode::not_found, "This record is not on the server", "id"};
  }
  return young_person_owning(writer_.db(), *target->entity, change.fields, change.record_id);
}

Result<Placement> Ledger::placement(std::string_view young_person_id) {
  auto query = writer_.db().prepare(
      "SELECT y.allocated_pa_id, s.team_id FROM young_people y LEFT JOIN staff s ON s.id = y.allocated_pa_id "
      "WHERE y.id = ?1");
  if (!query) return query.error();
  query->bind(1, young_person_id);
  auto row = query->step();
  if (!row) return row.error();
  if (!*row) return Placement{};
  return Placement{true, query->text(0), query->text(1)};
}

Result<int64_t> Ledger::log_entry(std::string_view kind, const sync::ChangeSet& change_set) {
  auto statement = writer_.db().prepare(
      "INSERT INTO server_change_log(kind, client_id, client_seq, change_set_id, author, at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!statement) return statement.error();
  statement->bind_all(kind, change_set.client_id, change_set.client_seq, change_set.id, change_set.author,
                      writer_.now().iso());
  if (Status ran = statement->run(); !ran) return ran.error();
  return static_cast<int64_t>(sqlite3_last_insert_rowid(writer_.db().handle()));
}

Status Ledger::put(const sync::RecordState& state, std::string_view young_person_id, int64_t server_seq) {
  Database& db = writer_.db();
  std::optional<std::string> placed_with;
  if (state.row.entity == "young_people") {
    auto placed = one_text(db,
                           "SELECT coalesce(allocated_pa_id, '') FROM server_placements WHERE young_person_id = ?1 "
                           "ORDER BY server_seq DESC LIMIT 1",
                           state.row.record_id);
    if (!placed) return placed.error();
    placed_with = *placed;
  }
  if (Status kept = insert_state(db, state, young_person_id, server_seq); !kept) return kept;
  if (Status written = writer_.apply_server_row(state.row); !written) return written;
  if (state.row.entity != "young_people") return ok_status();
  const auto pa = state.row.fields.find("allocated_pa_id");
  const std::string now_with = pa != state.row.fields.end() && pa->is_string() ? pa->get<std::string>() : "";
  if (placed_with && *placed_with == now_with) return ok_status();
  return reallocated(state.row.record_id, now_with, server_seq);
}

Status Ledger::resend(std::string_view entity, std::string_view id, int64_t server_seq) {
  auto statement = writer_.db().prepare("UPDATE server_records SET last_seq = ?3 WHERE entity = ?1 AND record_id = ?2");
  if (!statement) return statement.error();
  return statement->bind_all(entity, id, server_seq).run();
}

Status Ledger::reallocated(std::string_view young_person_id, std::string_view allocated_pa_id, int64_t server_seq) {
  Database& db = writer_.db();
  const Json fields = allocated_pa_id.empty() ? Json::object() : Json{{"allocated_pa_id", allocated_pa_id}};
  if (Status placed = place(db, young_person_id, fields, server_seq); !placed) return placed;
  auto statement = db.prepare("UPDATE server_records SET last_seq = ?2 WHERE young_person_id = ?1");
  if (!statement) return statement.error();
  return statement->bind_all(young_person_id, server_seq).run();
}

// [SECTION] Adopting records loaded without sync

Result<int64_t> Ledger::adopt_unlogged_records(Store& store, Instant now) {
  int64_t adopted = 0;
  Status done = store.apply_pulled({}, now, [&](Writer& writer) -> Status {
    Ledger ledger(writer);
    Database& db = writer.db();
    std::map<std::string, int64_t> seq_of;  // by young person ("" = reference data)
    const sync::ChangeSet adoption{"adopted", "server", "", sync::current_schema_version, 0, now.iso(), {}};
    // Catalog order: a record's owner is adopted before it.
    for (const sync::EntitySpec& entity : sync::entities()) {
      auto target = detail::entity_table(entity.name);
      if (!target) return target.error();
      std::vector<std::string> rows;
      {
        auto query = db.prepare("SELECT " + detail::row_json_sql(*target->table, "t") + " FROM " +
                                std::string(entity.name) + " t WHERE NOT EXISTS (SELECT 1 FROM server_records r WHERE "
                                "r.entity = ?1 AND r.record_id = t.id) ORDER BY t.id");
        if (!query) return query.error();
        query->bind(1, entity.name);
        for (;;) {
          auto row = query->step();
          if (!row) return row.error();
          if (!*row) break;
          rows.push_back(query->text(0));
        }
      }
      for (const std::string& text : rows) {
        const Json row = parse_object(text);
        auto fields = detail::fields_of_row(entity, row);
        if (!fields) return fields.error();
        const std::string id = row.value("id", "");
        auto person = young_person_owning(db, entity, *fields, id);
        if (!person) return person.error();
        auto seq = seq_of.find(*person);
        if (seq == seq_of.end()) {
          auto logged = ledger.log_entry("adopted", adoption);
          if (!logged) return logged.error();
          seq = seq_of.emplace(*person, *logged).first;
        }
        sync::RecordState state{true, {std::string(entity.name), id, 1, false, *fields, {}}, {}, {}};
        for (auto it = fields->begin(); it != fields->end(); ++it) state.stamps[it.key()] = {1, ""};
        if (Status kept = insert_state(db, state, *person, seq->second); !kept) return kept;
        if (entity.name == "young_people") {
          if (Status placed = place(db, id, *fields, seq->second); !placed) return placed;
        }
        ++adopted;
      }
    }
    return ok_status();
  });
  if (!done) return done.error();
  return adopted;
}

// [SECTION] Pull

Result<LedgerPage> Ledger::pull(Store& store, const RecordScope& scope, const sync::PullRequest& request) {
  Database& db = *store.db_;
  detail::ReadTransaction snapshot(db);
  int64_t head = 0;
  {
    auto query = db.prepare("SELECT coalesce(max(server_seq), 0) FROM server_change_log");
    if (!query) return query.error();
    auto row = query->step();
    if (!row) return row.error();
    head = query->integer(0);
  }
  int64_t cursor = 0;
  if (!request.cursor.empty()) {
    const bool digits = request.cursor.size() <= 18 &&
                        request.cursor.find_first_not_of("0123456789") == std::string::npos;
    cursor = digits ? std::stoll(request.cursor) : -1;
    if (cursor < 0 || cursor > head) return invalid("cursor", "cursor is not one this server gave: pull again from the start");
  }
  const auto bind_scope = [&](detail::Statement& statement) {
    statement.bind(1, cursor).bind(2, head).bind(3, scope.everyone);
    if (scope.allocated_pa_id.empty()) statement.bind_null(4);
    else statement.bind(4, scope.allocated_pa_id);
    if (scope.pa_team_id.empty()) statement.bind_null(5);
    else statement.bind(5, scope.pa_team_id);
  };
  const std::string in_scope_now =
      "(?3 OR %s IN (SELECT y.id FROM young_people y LEFT JOIN staff s ON s.id = y.allocated_pa_id "
      "WHERE y.allocated_pa_id = ?4 OR s.team_id = ?5))";
  const auto scope_of = [&](const std::string& column) {
    std::string sql = in_scope_now;
    sql.replace(sql.find("%s"), 2, column);
    return sql;
  };

  LedgerPage page;
  sync::PullResponse& response = page.response;
  response.cursor = std::to_string(head);
  std::set<std::string> young_people;
  {
    auto query = db.prepare(
        "SELECT r.entity, r.record_id, r.version, r.removed, r.fields, r.conflicts, r.last_seq, "
        "coalesce(r.young_person_id, '') FROM server_records r "
        "WHERE r.last_seq > ?1 AND r.last_seq <= ?2 AND NOT (r.removed AND ?1 = 0) AND "
        "(r.young_person_id IS NULL OR " + scope_of("r.young_person_id") + ") "
        "ORDER BY r.last_seq, r.entity, r.record_id");
    if (!query) return query.error();
    bind_scope(*query);
    size_t rows = 0;
    for (;;) {
      auto row = query->step();
      if (!row) return row.error();
      if (!*row) break;
      const int64_t seq = query->integer(6);
      if (response.change_sets.empty() || response.change_sets.back().server_seq != seq) {
        if (rows >= static_cast<size_t>(request.limit)) {
          response.more = true;
          response.cursor = std::to_string(response.change_sets.back().server_seq);
          break;
        }
        response.change_sets.push_back({seq, {}});
      }
      sync::ServerRow pulled{query->text(0), query->text(1), query->integer(2), query->integer(3) != 0,
                             parse_object(query->text(4)), conflicts_of(query->text(5))};
      // A field this device's schema does not know yet stays on the server.
      if (const sync::EntitySpec* entity = sync::find_entity(pulled.entity)) {
        for (const sync::FieldSpec& field : entity->fields) {
          if (field.since_schema > request.schema_version) pulled.fields.erase(std::string(field.name));
        }
      }
      response.change_sets.back().rows.push_back(std::move(pulled));
      if (std::string person = query->text(7); !person.empty()) young_people.insert(std::move(person));
      ++rows;
    }
  }
  if (cursor > 0) {
    auto query = db.prepare(
        "SELECT young_person_id FROM (SELECT h.young_person_id AS young_person_id, "
        "(SELECT t.allocated_pa_id FROM server_placements t WHERE t.young_person_id = h.young_person_id "
        "AND t.server_seq <= ?1 ORDER BY t.server_seq DESC LIMIT 1) AS then_pa "
        "FROM server_placements h WHERE h.server_seq > ?1 AND h.server_seq <= ?2 GROUP BY h.young_person_id) "
        "WHERE (then_pa = ?4 OR then_pa IN (SELECT id FROM staff WHERE team_id = ?5)) AND NOT " +
        scope_of("young_person_id") + " ORDER BY young_person_id");
    if (!query) return query.error();
    bind_scope(*query);
    for (;;) {
      auto row = query->step();
      if (!row) return row.error();
      if (!*row) break;
      response.leave.push_back(query->text(0));
    }
  }
  page.young_people.assign(young_people.begin(), young_people.end());
  return page;
}

}  // namespace pathway::store
