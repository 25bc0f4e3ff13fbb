// The device side of sync in the store (store.h, docs/sync.md): the catalog
// matches the tables column for column; every write that changes a synced
// row is one change set, numbered 1, 2, 3 ... without gaps inside its own
// transaction; change sets carry create/edit/remove/append by entity kind,
// an edit only the fields it changed, from the server version last pulled;
// push answers clear, keep (refused, with the reason) or leave change sets;
// a pulled page writes rows as given, tombstones and `leave` delete with
// everything owned, the cursor moves in the same transaction, and nothing
// pulled is queued again.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "store/schema.h"
#include "store_fixtures.h"
#include "sync/catalog.h"

using namespace pathway;
using namespace pathway::store_test;

namespace {

std::vector<sync::ChangeSet> pending(store::Store& store) {
  auto sets = store.pending_change_sets("device-test");
  REQUIRE_MESSAGE(sets.ok(), sets.error().message);
  return *sets;
}

const sync::Change* find_change(const sync::ChangeSet& set, const std::string& entity, const std::string& id) {
  for (const auto& change : set.changes) {
    if (change.entity == entity && change.record_id == id) return &change;
  }
  return nullptr;
}

sync::PushResponse answer(const std::vector<std::pair<int64_t, sync::PushStatus>>& results) {
  sync::PushResponse response;
  for (const auto& [seq, status] : results) {
    sync::PushResult result{"w", seq, status, {}, {}};
    if (status == sync::PushStatus::refused) result.reason = "You may not change this record";
    response.results.push_back(result);
    response.last_seq = std::max(response.last_seq, seq);
  }
  return response;
}

// A pulled row of a young person as the server would send it.
sync::ServerRow pulled_person(const std::string& id, int64_t version, const std::string& town) {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(store->write(test_actor, test_now, [&](store::Writer& w) {
    core::YoungPerson person = sample_person(id);
    person.town = town;
    return w.save(person);
  }).ok());
  const auto sets = pending(*store);
  const sync::Change* create = find_change(sets.at(0), "young_people", id);
  REQUIRE(create);
  return sync::ServerRow{"young_people", id, version, false, create->fields, {}};
}

}  // namespace

TEST_CASE("store sync: every synced table matches the catalog column for column") {
  auto store = open_memory_store();
  REQUIRE(store);
  std::set<std::string> tables;
  for (const auto& row : query(*store, "SELECT name FROM sqlite_schema WHERE type = 'table'")) tables.insert(row[0]);
  for (std::string_view local : store::detail::local_tables()) tables.erase(std::string(local));
  tables.erase("sqlite_sequence");
  std::set<std::string> catalogued;
  for (const auto& entity : sync::entities()) {
    CAPTURE(entity.name);
    catalogued.insert(std::string(entity.name));
    std::vector<std::string> expected{"id"};
    for (const auto& field : entity.fields) expected.emplace_back(field.name);
    std::vector<std::string> columns;
    for (const auto& row : query(*store, "SELECT name FROM pragma_table_info('" + std::string(entity.name) + "')")) {
      if (row[0] != "version") columns.push_back(row[0]);
    }
    // Columns a migration added come last in the table: order aside.
    std::sort(columns.begin(), columns.end());
    std::sort(expected.begin(), expected.end());
    CHECK(columns == expected);
  }
  CHECK(tables == catalogued);
}

TEST_CASE("store sync: each write that changes synced rows is one change set, numbered without gaps") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  // A write that fails uses no number; neither does one that changes only
  // local data, or saves a record unchanged.
  CHECK_FALSE(store->write(test_actor, test_now, [](store::Writer& w) {
    (void)w.save(sample_activity("eet-2"));
    return Status(Error{ErrorCode::conflict, "the person pressed cancel"});
  }).ok());
  const store::DraftField notes{"notes", "typed"};
  REQUIRE(store->write(test_actor, test_now, [&](store::Writer& w) {
    return w.save_draft("yp-1", store::DraftForm::visit, {&notes, 1});
  }).ok());
  REQUIRE(store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(*store->team("team-1")); }).ok());
  REQUIRE(store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_activity("eet-2")); }).ok());
  REQUIRE(store->write(test_actor, test_now, [](store::Writer& w) { return w.remove_activity_spell("eet-2"); }).ok());

  const auto sets = pending(*store);
  REQUIRE(sets.size() == 3);
  for (size_t i = 0; i < sets.size(); ++i) {
    CHECK(sets[i].client_seq == static_cast<int64_t>(i + 1));
    CHECK(sets[i].client_id == "device-test");
    CHECK(sets[i].author == "staff-pa-1");
    CHECK(sets[i].schema_version == sync::current_schema_version);
    CHECK(sets[i].made_at == "2026-11-23T10:00:00Z");
    // Each serialises to a change set the server's parser accepts.
    auto reparsed = sync::parse_change_set(sync::serialize(sets[i]));
    REQUIRE_MESSAGE(reparsed.ok(), reparsed.error().message);
  }
  CHECK(sets[0].id != sets[1].id);
  CHECK(*store->pending_change_set_count() == 3);
  // One of everything: a create per versioned row, an append per contact,
  // follow-up and plan event, lists as arrays and flags as true/false.
  const sync::Change* person = find_change(sets[0], "young_people", "yp-1");
  REQUIRE(person);
  CHECK(person->operation == sync::Operation::create);
  CHECK(person->fields.at("languages").is_array());
  CHECK(person->fields.at("uasc").is_boolean());
  CHECK_FALSE(person->fields.contains("version"));
  const sync::Change* contact = find_change(sets[0], "contacts", "contact-1");
  REQUIRE(contact);
  CHECK(contact->operation == sync::Operation::append);
  const sync::Change* factor = find_change(sets[0], "risk_factors", "risk-1:factor:SUBSTANCE");
  REQUIRE(factor);
  CHECK(factor->operation == sync::Operation::create);
  const sync::Change* spell = find_change(sets[1], "activity_spells", "eet-2");
  REQUIRE(spell);
  CHECK(spell->operation == sync::Operation::create);
  const sync::Change* removal = find_change(sets[2], "activity_spells", "eet-2");
  REQUIRE(removal);
  CHECK(removal->operation == sync::Operation::remove);
  CHECK(removal->base_version == 0);  // made here, never pulled back
}

TEST_CASE("store sync: an edit carries only the fields it changed, from the version last pulled") {
  auto store = open_memory_store();
  REQUIRE(store);
  sync::PullResponse page;
  page.cursor = "7";
  page.change_sets.push_back({7, {pulled_person("yp-1", 4, "Oldtown")}});
  REQUIRE(store->apply_pull_page(page, test_now).ok());
  CHECK(*store->pulled_version("young_people", "yp-1") == 4);
  CHECK(pending(*store).empty());  // nothing pulled is queued again

  core::YoungPerson person = *store->young_person("yp-1");
  person.town = "Newtown";
  person.languages = {"English", "Welsh"};
  REQUIRE(store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(person); }).ok());
  person = *store->young_person("yp-1");
  person.phone = "07700 900111";
  REQUIRE(store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(person); }).ok());

  const auto sets = pending(*store);
  REQUIRE(sets.size() == 2);
  REQUIRE(sets[0].changes.size() == 1);
  CHECK(sets[0].changes[0].operation == sync::Operation::edit);
  CHECK(sets[0].changes[0].base_version == 4);
  CHECK(sets[0].changes[0].fields == sync::Json{{"town", "Newtown"}, {"languages", {"English", "Welsh"}}});
  // A chain of local edits shares the base it was pulled at.
  CHECK(sets[1].changes[0].base_version == 4);
  CHECK(sets[1].changes[0].fields == sync::Json{{"phone", "07700 900111"}});
}

TEST_CASE("store sync: push answers clear applied and duplicate change sets and keep refused ones") {
  auto store = open_memory_store();
  REQUIRE(store);
  for (const char* id : {"eet-1", "eet-2", "eet-3", "eet-4"}) {
    if (std::string(id) == "eet-1") REQUIRE(save_one_of_everything(*store).ok());
    else REQUIRE(store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(sample_activity(id)); }).ok());
  }
  REQUIRE(pending(*store).size() == 4);
  using S = sync::PushStatus;
  REQUIRE(store->record_push_results(answer({{1, S::duplicate}, {2, S::applied}, {3, S::refused}, {4, S::later}}),
                                     test_now).ok());
  auto left = pending(*store);
  REQUIRE(left.size() == 1);
  CHECK(left[0].client_seq == 4);
  CHECK(*store->pending_change_set_count() == 2);
  auto refused = store->refused_change_sets("device-test");
  REQUIRE(refused.ok());
  REQUIRE(refused->size() == 1);
  CHECK(refused->front().change_set.client_seq == 3);
  CHECK(refused->front().reason == "You may not change this record");
  CHECK(find_change(refused->front().change_set, "activity_spells", "eet-3"));
  // The same answer again (a retried push) changes nothing.
  REQUIRE(store->record_push_results(answer({{3, S::refused}}), test_now).ok());
  CHECK(store->refused_change_sets("device-test")->size() == 1);
  // Someone lets the refused one go.
  REQUIRE(store->discard_refused_change_set(3).ok());
  CHECK(store->refused_change_sets("device-test")->empty());
  CHECK(*store->pending_change_set_count() == 1);
  CHECK(store->discard_refused_change_set(3).error().code == ErrorCode::not_found);
  // Numbering goes on from where it was.
  REQUIRE(store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_activity("eet-5")); }).ok());
  CHECK(pending(*store).back().client_seq == 5);
}

TEST_CASE("store sync: a pulled page writes rows as given, deletes tombstones and leavers, and moves the cursor") {
  auto store = open_memory_store();
  REQUIRE(store);
  CHECK(*store->sync_cursor() == "");
  CHECK_FALSE(store->last_pull_at()->has_value());
  // The second young person's records, pulled before the young person
  // (rows come grouped by the change that last touched them).
  auto source = open_memory_store();
  REQUIRE(source);
  REQUIRE(source->write(test_actor, test_now, [](store::Writer& w) {
    (void)w.save(sample_team());
    (void)w.save(sample_staff());
    (void)w.save(sample_person("yp-1"));
    (void)w.save(sample_person("yp-2"));
    (void)w.save(sample_contact("contact-2", "yp-2"));
    return w.save(sample_risk("risk-2", "yp-2"));
  }).ok());
  std::vector<sync::ServerRow> rows;
  const auto made = pending(*source);
  for (const auto& change : made.at(0).changes) {
    rows.push_back({change.entity, change.record_id, 1, false, change.fields, {}});
  }
  std::stable_partition(rows.begin(), rows.end(), [](const sync::ServerRow& r) { return r.entity != "young_people"; });
  rows.front().conflicts["name"] = {"the other text"};
  sync::PullResponse first;
  first.cursor = "12";
  first.more = true;
  first.change_sets.push_back({12, rows});
  const Status applied = store->apply_pull_page(first, test_now);
  REQUIRE_MESSAGE(applied.ok(), applied.error().message);
  CHECK(*store->sync_cursor() == "12");
  CHECK(store->last_pull_at()->value_or("") == "2026-11-23T10:00:00Z");
  CHECK(domain_dump(*store) == domain_dump(*source));
  CHECK(*store->outbox_size() == 0);
  CHECK(store->conflicts_of(rows.front().entity, rows.front().record_id)->at("name") ==
        std::vector<std::string>{"the other text"});
  CHECK(store->risks_of("yp-2")->size() == 1);

  // A tombstone deletes a risk assessment and its factors; `leave` deletes
  // yp-2 and everything they own; one transaction with the new cursor.
  sync::PullResponse second;
  second.cursor = "15";
  second.change_sets.push_back({13, {{"risk_assessments", "risk-2", 4, true, rows.back().fields, {}}}});
  for (auto& row : second.change_sets[0].rows) {
    for (const auto& r : rows) {
      if (r.record_id == "risk-2") row.fields = r.fields;
    }
  }
  second.leave = {"yp-2"};
  REQUIRE(store->apply_pull_page(second, test_now).ok());
  CHECK(*store->sync_cursor() == "15");
  CHECK(store->young_person("yp-2").error().code == ErrorCode::not_found);
  CHECK(query(*store, "SELECT count(*) FROM contacts WHERE young_person_id = 'yp-2'")[0][0] == "0");
  CHECK(query(*store, "SELECT count(*) FROM risk_factors")[0][0] == "0");
  CHECK(query(*store, "SELECT count(*) FROM pulled_versions WHERE record_id LIKE '%2%'")[0][0] == "0");
  CHECK(store->young_person("yp-1").ok());
  CHECK(*store->outbox_size() == 0);
  CHECK(query(*store, "PRAGMA foreign_key_check").empty());
}

TEST_CASE("store sync: a pulled row leaves alone a record whose change still waits to be pushed") {
  auto store = open_memory_store();
  REQUIRE(store);
  sync::PullResponse page;
  page.cursor = "1";
  page.change_sets.push_back({1, {pulled_person("yp-1", 1, "Oldtown")}});
  REQUIRE(store->apply_pull_page(page, test_now).ok());
  core::YoungPerson person = *store->young_person("yp-1");
  person.town = "Typed offline";
  REQUIRE(store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(person); }).ok());

  page.cursor = "2";
  page.change_sets = {{2, {pulled_person("yp-1", 2, "Changed by someone else")}}};
  REQUIRE(store->apply_pull_page(page, test_now).ok());
  CHECK(store->young_person("yp-1")->town == "Typed offline");
  CHECK(*store->pulled_version("young_people", "yp-1") == 1);
  // Once the server has it, the next pull writes the merged record.
  REQUIRE(store->record_push_results(answer({{1, sync::PushStatus::applied}}), test_now).ok());
  page.cursor = "3";
  page.change_sets = {{3, {pulled_person("yp-1", 3, "Merged")}}};
  REQUIRE(store->apply_pull_page(page, test_now).ok());
  CHECK(store->young_person("yp-1")->town == "Merged");
  CHECK(*store->pulled_version("young_people", "yp-1") == 3);
}

TEST_CASE("store sync: a bad pulled row changes nothing, cursor included") {
  auto store = open_memory_store();
  REQUIRE(store);
  sync::PullResponse page;
  page.cursor = "9";
  sync::ServerRow good = pulled_person("yp-1", 1, "Oldtown");
  sync::ServerRow bad = good;
  bad.record_id = "yp-2";
  bad.fields["uasc"] = "yes";
  page.change_sets.push_back({9, {good, bad}});
  auto applied = store->apply_pull_page(page, test_now);
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.error().field == "fields.uasc");
  CHECK(*store->sync_cursor() == "");
  CHECK(store->young_person("yp-1").error().code == ErrorCode::not_found);
  CHECK(query(*store, "PRAGMA foreign_keys")[0][0] == "1");
}
