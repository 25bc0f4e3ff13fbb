// The outbox always matches the row changes: for every synced table, every
// inserted, updated or deleted row has exactly one outbox entry whose JSON
// holds the row's values, whether the change came through the typed saves or
// raw SQL; changes pulled from the server queue nothing; a connection that is
// not the store's cannot change a synced table at all.
#include <doctest/doctest.h>

#include <cstdio>
#include <map>

#include "sqlite3.h"
#include "store/schema.h"
#include "store/uuid.h"
#include "store_fixtures.h"
#include "sync/catalog.h"

using namespace pathway;
using namespace pathway::store_test;

namespace {

int64_t count(store::Store& store, const std::string& sql) { return std::stoll(query(store, sql).at(0).at(0)); }

// Every table but those the schema declares local and SQLite's own.
std::vector<std::string> synced_tables(store::Store& store) {
  std::string local = "'sqlite_sequence'";
  for (std::string_view table : store::detail::local_tables()) local += ", '" + std::string(table) + "'";
  std::vector<std::string> tables;
  for (const auto& row :
       query(store, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT IN (" + local + ") ORDER BY name")) {
    tables.push_back(row[0]);
  }
  return tables;
}

std::vector<std::string> columns_of(store::Store& store, const std::string& table) {
  std::vector<std::string> columns;
  for (const auto& row : query(store, "SELECT name FROM pragma_table_info('" + table + "')")) columns.push_back(row[0]);
  return columns;
}

// Entries of `operation` for `table` whose JSON differs from the row now in
// the table in any column (for deletes: rows that are still there).
int64_t mismatched_entries(store::Store& store, const std::string& table, const std::string& operation) {
  if (operation == "delete") {
    return count(store, "SELECT count(*) FROM outbox o WHERE o.table_name = '" + table +
                            "' AND o.operation = 'delete' AND o.record_id IN (SELECT id FROM " + table + ")");
  }
  std::string differs = "0";
  for (const auto& column : columns_of(store, table)) {
    differs += " OR json_extract(o.row_json, '$." + column + "') IS NOT t." + column;
  }
  return count(store, "SELECT count(*) FROM outbox o LEFT JOIN " + table + " t ON t.id = o.record_id WHERE o.table_name = '" +
                          table + "' AND o.operation = '" + operation + "' AND (t.id IS NULL OR " + differs + ")");
}

std::map<std::string, int64_t> entries_by_table(store::Store& store, const std::string& operation) {
  std::map<std::string, int64_t> counts;
  for (const auto& row : query(store, "SELECT table_name, count(*) FROM outbox WHERE operation = '" + operation +
                                          "' GROUP BY table_name")) {
    counts[row[0]] = std::stoll(row[1]);
  }
  return counts;
}

// An SQL assignment that changes every row of `table` and keeps it valid:
// its first text field gets longer, else its first number grows, else its
// last date moves on a day.
std::string real_change_of(const std::string& table) {
  const sync::EntitySpec* entity = sync::find_entity(table);
  REQUIRE(entity);
  for (sync::FieldKind kind : {sync::FieldKind::text, sync::FieldKind::integer, sync::FieldKind::date}) {
    for (auto field = entity->fields.rbegin(); field != entity->fields.rend(); ++field) {
      if (field->kind != kind) continue;
      const std::string name(field->name);
      if (kind == sync::FieldKind::text) return name + " = " + name + " || ' (changed)'";
      if (kind == sync::FieldKind::integer) return name + " = " + name + " + 1";
      return name + " = date(" + name + ", '+1 day')";
    }
  }
  FAIL("no field to change in " << table);
  return {};
}

Status clear_outbox(store::Store& store) {
  auto entries = store.outbox_after(0, 100000);
  if (!entries) return entries.error();
  return entries->empty() ? ok_status() : store.outbox_acknowledge(entries->back().seq);
}

}  // namespace

TEST_CASE("store outbox: every inserted row of every synced table has exactly one matching entry") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  const auto inserts = entries_by_table(*store, "insert");
  const auto tables = synced_tables(*store);
  CHECK(tables.size() >= 17);
  for (const auto& table : tables) {
    CAPTURE(table);
    const int64_t rows = count(*store, "SELECT count(*) FROM " + table);
    CHECK(rows > 0);  // the fixture fills every table, so this test covers each
    CHECK(inserts.count(table) == 1);
    if (inserts.count(table)) CHECK(inserts.at(table) == rows);
    CHECK(count(*store, "SELECT count(DISTINCT record_id) FROM outbox WHERE table_name = '" + table + "'") == rows);
    CHECK(mismatched_entries(*store, table, "insert") == 0);
  }
  CHECK(count(*store, "SELECT count(*) FROM outbox WHERE operation <> 'insert'") == 0);
  // One write: one write id, the actor, device and time of the write.
  CHECK(count(*store, "SELECT count(DISTINCT write_id) FROM outbox") == 1);
  CHECK(count(*store, "SELECT count(*) FROM outbox WHERE actor <> 'staff-pa-1' OR device <> 'device-test' OR "
                      "changed_at <> '2026-11-23T10:00:00Z'") == 0);
}

TEST_CASE("store outbox: an update makes one entry per changed row, none for unchanged rows") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  REQUIRE(clear_outbox(*store).ok());

  auto person = store->young_person("yp-1");
  REQUIRE(person.ok());
  person->town = "Newtown Example";
  person->care_periods[1].basis = core::LegalBasis::interim_care_order;  // one child row changes
  person->in_touch_records.pop_back();                                    // one child row goes
  auto plan = store->pathway_plan("plan-1");
  REQUIRE(plan.ok());
  plan->sections[2].objectives[0].status = core::ObjectiveStatus::achieved;
  auto saved = store->write(test_actor, test_now, [&](store::Writer& w) {
    (void)w.save(*person);
    return w.save(*plan);
  });
  REQUIRE_MESSAGE(saved.ok(), saved.error().message);

  const auto updates = entries_by_table(*store, "update");
  const auto deletes = entries_by_table(*store, "delete");
  // The plan's own row changed only its local version: nothing to send.
  CHECK(updates == std::map<std::string, int64_t>{{"young_people", 1}, {"care_periods", 1}, {"plan_objectives", 1}});
  CHECK(deletes == std::map<std::string, int64_t>{{"in_touch_records", 1}});
  CHECK(entries_by_table(*store, "insert").empty());
  for (const auto& [table, n] : updates) CHECK(mismatched_entries(*store, table, "update") == 0);
  CHECK(mismatched_entries(*store, "in_touch_records", "delete") == 0);
  CHECK(count(*store, "SELECT count(*) FROM outbox WHERE table_name = 'young_people' AND "
                      "json_extract(row_json, '$.town') = 'Newtown Example' AND json_extract(row_json, '$.version') = 2") == 1);
  CHECK(count(*store, "SELECT count(*) FROM outbox WHERE table_name = 'in_touch_records' AND "
                      "json_extract(row_json, '$.age') = 18 AND json_extract(row_json, '$.code') = 'REFU'") == 1);
}

TEST_CASE("store outbox: removals make one delete entry per row, with the row as it was") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  REQUIRE(clear_outbox(*store).ok());
  auto removed = store->write(test_actor, test_now, [](store::Writer& w) {
    (void)w.remove_activity_spell("eet-1");
    (void)w.remove_accommodation_spell("home-1");
    (void)w.remove_duty_entry("duty-1");
    return w.remove_risk_assessment("risk-1");  // and its two factors, by cascade
  });
  REQUIRE_MESSAGE(removed.ok(), removed.error().message);
  CHECK(entries_by_table(*store, "delete") == std::map<std::string, int64_t>{{"activity_spells", 1},
                                                                             {"accommodation_spells", 1},
                                                                             {"duty_rota", 1},
                                                                             {"risk_assessments", 1},
                                                                             {"risk_factors", 2}});
  CHECK(count(*store, "SELECT count(*) FROM outbox") == 6);
  CHECK(count(*store, "SELECT count(*) FROM outbox WHERE record_id = 'eet-1' AND "
                      "json_extract(row_json, '$.code') = 'F4' AND json_extract(row_json, '$.start_date') = '2026-09-01'") == 1);
  for (const auto& [table, n] : entries_by_table(*store, "delete")) CHECK(mismatched_entries(*store, table, "delete") == 0);

  auto missing = store->write(test_actor, test_now, [](store::Writer& w) { return w.remove_activity_spell("eet-1"); });
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == ErrorCode::not_found);
}

TEST_CASE("store outbox: raw SQL on the store's connection is queued too, for every table") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  for (const auto& table : synced_tables(*store)) {
    CAPTURE(table);
    REQUIRE(clear_outbox(*store).ok());
    const int64_t rows = count(*store, "SELECT count(*) FROM " + table);
    // An update that changes nothing queues nothing: there is nothing to send.
    const std::string last_column = columns_of(*store, table).back();
    auto unchanged = store::testing::execute(*store, "UPDATE " + table + " SET " + last_column + " = " + last_column);
    CHECK(count(*store, "SELECT count(*) FROM outbox") == 0);
    auto updated = store::testing::execute(*store, "UPDATE " + table + " SET " + real_change_of(table));
    if (table == "contacts" || table == "contact_follow_ups") {
      // Append-only: the update is refused, and nothing is queued.
      REQUIRE_FALSE(updated.ok());
      CHECK(updated.error().message.find("never edited") != std::string::npos);
      CHECK(count(*store, "SELECT count(*) FROM outbox") == 0);
      continue;
    }
    REQUIRE_MESSAGE(unchanged.ok(), unchanged.error().message);
    REQUIRE_MESSAGE(updated.ok(), updated.error().message);
    CHECK(count(*store, "SELECT count(*) FROM outbox WHERE operation = 'update' AND table_name = '" + table + "'") == rows);
    CHECK(count(*store, "SELECT count(*) FROM outbox") == rows);
    CHECK(mismatched_entries(*store, table, "update") == 0);
    // Raw SQL outside a write has no actor and the wall-clock time.
    CHECK(count(*store, "SELECT count(*) FROM outbox WHERE actor = '' AND write_id = '' AND changed_at LIKE '20__-__-__T__:__:__Z'") == rows);
  }
  // Raw deletes, leaves first: one entry per deleted row.
  REQUIRE(clear_outbox(*store).ok());
  const int64_t factors = count(*store, "SELECT count(*) FROM risk_factors");
  REQUIRE(store::testing::execute(*store, "DELETE FROM risk_factors").ok());
  CHECK(count(*store, "SELECT count(*) FROM outbox WHERE operation = 'delete' AND table_name = 'risk_factors'") == factors);
  // Ids never change (sync identifies rows by them).
  auto renamed = store::testing::execute(*store, "UPDATE teams SET id = 'team-renamed'");
  REQUIRE_FALSE(renamed.ok());
  CHECK(renamed.error().message.find("record ids never change") != std::string::npos);
}

TEST_CASE("store outbox: changes pulled from the server are applied without being queued again") {
  auto store = open_memory_store();
  REQUIRE(store);
  auto pulled = store->apply_pulled({"server", ""}, test_now, [](store::Writer& w) {
    (void)w.save(sample_team());
    return w.save(sample_person());
  });
  REQUIRE(pulled.ok());
  CHECK(count(*store, "SELECT count(*) FROM young_people") == 1);
  CHECK(count(*store, "SELECT count(*) FROM care_periods") == 2);
  CHECK(count(*store, "SELECT count(*) FROM outbox") == 0);
  // And capture is back on for the next local write.
  auto local = store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_staff()); });
  REQUIRE(local.ok());
  CHECK(count(*store, "SELECT count(*) FROM outbox") == 1);
}

TEST_CASE("store outbox: paging and acknowledging") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  const int64_t total = count(*store, "SELECT count(*) FROM outbox");
  auto first = store->outbox_after(0, 5);
  REQUIRE(first.ok());
  REQUIRE(first->size() == 5);
  CHECK((*first)[0].seq < (*first)[4].seq);
  CHECK((*first)[0].operation == "insert");
  CHECK((*first)[0].changed_at == "2026-11-23T10:00:00Z");
  CHECK_FALSE((*first)[0].row_json.empty());
  auto rest = store->outbox_after((*first)[4].seq, 1000);
  REQUIRE(rest.ok());
  CHECK(static_cast<int64_t>(first->size() + rest->size()) == total);
  REQUIRE(store->outbox_acknowledge((*first)[4].seq).ok());
  auto after_ack = store->outbox_after(0, 1000);
  REQUIRE(after_ack.ok());
  CHECK(static_cast<int64_t>(after_ack->size()) == total - 5);
  CHECK(after_ack->front().seq == rest->front().seq);
  // Outbox entries themselves never change.
  CHECK_FALSE(store::testing::execute(*store, "UPDATE outbox SET actor = 'someone'").ok());
}

TEST_CASE("store outbox: another connection cannot change a synced table (no outbox, no change)") {
  const std::string path = "/tmp/pathway_outbox_test_" + store::new_uuid() + ".db";
  {
    auto opened = store::Store::open({.path = path});
    REQUIRE(opened.ok());
    REQUIRE(save_one_of_everything(**opened).ok());
  }
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  const int rc = sqlite3_exec(raw, "UPDATE teams SET name = 'Changed behind the store''s back'", nullptr, nullptr, nullptr);
  CHECK(rc == SQLITE_ERROR);
  CHECK(std::string(sqlite3_errmsg(raw)).find("pathway_capture") != std::string::npos);
  sqlite3_close(raw);
  {
    auto reopened = store::Store::open({.path = path});
    REQUIRE(reopened.ok());
    CHECK((*reopened)->team("team-1")->name == "Test Team North");
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}
