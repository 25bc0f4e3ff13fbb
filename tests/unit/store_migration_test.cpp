// Migrations: a database made by every older schema version, holding the
// data that version could hold, opens with the current store, is migrated to
// the newest version, and keeps every record (with what a later migration
// derives from it). A migration failing at any step leaves the database at
// its previous version; a database from a newer app is refused.
#include <doctest/doctest.h>

#include <cstdio>
#include <algorithm>
#include <map>

#include "store/change_capture.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/uuid.h"
#include "store_fixtures.h"

using namespace pathway;
using namespace pathway::store_test;

namespace {

struct TempFile {
  std::string path = "/tmp/pathway_migration_test_" + store::new_uuid() + ".db";
  ~TempFile() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
  }
};

// The rows a database at each version could hold, written as that version's
// SQL (the typed saves always write the newest schema). Version 0 is an empty
// file. A new migration must add its version here: the test below fails
// until it does.
constexpr const char* data_at_version_1 = R"sql(
INSERT INTO teams(id, name, manager_id, version) VALUES ('team-1', 'Test Team North', 'staff-tm-1', 1);
INSERT INTO staff(id, name, role, team_id, active, version) VALUES
  ('staff-pa-1', 'Testa Adviser', 'PA', 'team-1', 1, 1),
  ('staff-tm-1', 'Testa Manager', 'TM', 'team-1', 1, 1);
INSERT INTO young_people(id, legal_given_name, legal_family_name, preferred_name, date_of_birth, gender, ethnicity,
  phone, email, address_line1, address_line2, town, postcode, languages, interpreter_needed, uasc, parent,
  disability, in_custody, send, detained_on_16th, looked_after_before_sgo, allocated_pa_id, team_id, case_status,
  contact_frequency, version)
VALUES ('yp-1', 'Zed', 'Testperson', '', '2007-03-14', '2', 'WOTH', '', '', '1 Fictional Row', '', 'Exampleton',
  'ZZ1 1ZZ', '["English"]', 0, 0, 0, 0, 0, 0, 'NO', 0, 'staff-pa-1', 'team-1', 'OPEN', 'W4', 3);
INSERT INTO care_periods(id, young_person_id, position, start_date, end_date, legal_basis) VALUES
  ('yp-1:care:0', 'yp-1', 0, '2021-04-01', '2025-03-13', 'C2');
INSERT INTO contacts(id, young_person_id, staff_id, occurred_at, recorded_at, type, outcome, not_seen_reason, present,
  young_persons_words, pa_notes, supersedes, correction_reason, withdrawn)
VALUES ('contact-1', 'yp-1', 'staff-pa-1', '2026-11-02T14:30:00Z', '2026-11-02T15:00:00Z', 'PHONE', 'SEEN', '', '',
  'All fine', 'Fictional phone call', NULL, '', 0);
INSERT INTO contact_follow_ups(id, contact_id, position, text, due, done) VALUES
  ('contact-1:follow_up:0', 'contact-1', 0, 'Send bus pass form', '2026-11-30', 0);
INSERT INTO pathway_plans(id, young_person_id, author_id, team_id, status, needs_summary, young_persons_views,
  created_on, submitted_on, authorised_by, authorised_on, returned_by, returned_on, return_comments,
  early_review_reason, version)
VALUES
  ('plan-a', 'yp-1', 'staff-pa-1', 'team-1', 'AUTHORISED', '', 'Fine', '2026-01-05', '2026-01-10', 'staff-tm-1', '2026-01-12', NULL, NULL, '', '', 3),
  ('plan-r', 'yp-1', 'staff-pa-1', 'team-1', 'RETURNED', '', '', '2026-07-01', '2026-07-02', NULL, NULL, 'staff-tm-1', '2026-07-03', 'Add the finance objectives', '', 3),
  ('plan-d', 'yp-1', 'staff-pa-1', 'team-1', 'DRAFT', '', '', '2026-11-01', NULL, NULL, NULL, NULL, NULL, '', '', 1);
INSERT INTO plan_objectives(id, plan_id, section, position, what, how, who, by_when, status) VALUES
  ('plan-a:objective:FINANCE:0', 'plan-a', 'FINANCE', 0, 'Open a bank account', '', 'Zed', NULL, 'ACHIEVED');
INSERT INTO settings(key, value) VALUES ('last_screen', 'caseload');
)sql";

// Version 2 adds plan events (the migration derived them from the dates).
constexpr const char* plan_events_at_version_2 = R"sql(
INSERT INTO plan_events(id, plan_id, event, staff_id, on_date, comments) VALUES
  ('plan-a:created', 'plan-a', 'created', 'staff-pa-1', '2026-01-05', ''),
  ('plan-a:submitted', 'plan-a', 'submitted', 'staff-pa-1', '2026-01-10', ''),
  ('plan-a:authorised', 'plan-a', 'authorised', 'staff-tm-1', '2026-01-12', ''),
  ('plan-r:created', 'plan-r', 'created', 'staff-pa-1', '2026-07-01', ''),
  ('plan-r:submitted', 'plan-r', 'submitted', 'staff-pa-1', '2026-07-02', ''),
  ('plan-r:returned', 'plan-r', 'returned', 'staff-tm-1', '2026-07-03', 'Add the finance objectives'),
  ('plan-d:created', 'plan-d', 'created', 'staff-pa-1', '2026-11-01', '');
)sql";

// Version 3 adds drafts (local) and follow-up owners (appended with them,
// never edited: the version 1 follow-up keeps none).
constexpr const char* drafts_at_version_3 = R"sql(
INSERT INTO draft_fields(young_person_id, form, name, value, updated_at) VALUES
  ('yp-1', 'visit', 'notes', 'Half-typed before the upgrade', '2026-11-23T09:00:00Z');
)sql";

// Version 4 adds a period at home with a parent. Its outbox holds changes
// not yet synced (sync came with version 5): two writes, which migration 5
// numbers as change sets 1 and 2 in order.
constexpr const char* parent_home_at_version_4 = R"sql(
INSERT INTO parent_home_periods(id, young_person_id, position, start_date, end_date) VALUES
  ('yp-1:parent_home:0', 'yp-1', 0, '2024-01-01', '2024-08-01');
)sql";
constexpr const char* unsynced_at_version_4 = R"sql(
INSERT INTO outbox(write_id, table_name, record_id, operation, row_json, actor, device, changed_at) VALUES
  ('write-a', 'teams', 'team-1', 'update', '{"id":"team-1","name":"Test Team North","manager_id":"staff-tm-1","version":2}',
   'staff-pa-1', 'device-1', '2026-11-22T09:00:00Z'),
  ('write-b', 'activity_spells', 'eet-9', 'delete',
   '{"id":"eet-9","young_person_id":"yp-1","start_date":"2026-01-01","end_date":null,"code":"F4","detail":"","version":1}',
   'staff-pa-1', 'device-1', '2026-11-22T09:05:00Z'),
  ('write-a', 'staff', 'staff-pa-1', 'update', '{"id":"staff-pa-1","name":"Testa Adviser","role":"PA","team_id":"team-1","active":1,"version":2}',
   'staff-pa-1', 'device-1', '2026-11-22T09:00:00Z');
)sql";

// Version 4 renamed a care period's last day to the ceased day, the day after.
std::string data_at_version_4() {
  std::string data = std::string(data_at_version_1) + plan_events_at_version_2 + drafts_at_version_3 + parent_home_at_version_4;
  const auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = data.find(from);
    if (at != std::string::npos) data.replace(at, from.size(), to);  // else the load fails, naming the column
  };
  replace("start_date, end_date, legal_basis) VALUES", "start_date, ceased_on, legal_basis) VALUES");
  replace("'2021-04-01', '2025-03-13'", "'2021-04-01', '2025-03-14'");
  return data;
}

const std::map<int, std::string> data_at_version = {
    {0, ""},
    {1, data_at_version_1},
    {2, std::string(data_at_version_1) + plan_events_at_version_2},
    {3, std::string(data_at_version_1) + plan_events_at_version_2 + drafts_at_version_3},
    {4, data_at_version_4()},
};

// A database at `version` with that version's data, made the way that
// version of the app would have made it.
void make_database_at(const std::string& path, int version) {
  store::detail::Database db;
  store::detail::WriteContext context;
  REQUIRE(db.open(path, "").ok());
  REQUIRE(store::detail::register_change_functions(db, context).ok());
  REQUIRE(store::detail::migrate(db, context, version).ok());
  REQUIRE(*store::detail::read_schema_version(db) == version);
  const Status loaded = db.exec(data_at_version.at(version));
  REQUIRE_MESSAGE(loaded.ok(), loaded.error().message);
  if (version > 0) REQUIRE(db.exec("DELETE FROM outbox").ok());  // as if every change had been synced
  if (version == 4) REQUIRE(db.exec(unsynced_at_version_4).ok());   // but these, made before sync existed
}

// What every migrated database must show, given the data it started with.
void check_migrated(store::Store& store, int from_version) {
  CHECK(*store.schema_version() == store::detail::latest_schema_version());
  auto outbox = store.outbox_after(0, 100);
  REQUIRE(outbox.ok());
  CHECK(outbox->size() == (from_version == 4 ? 3u : 0u));  // migrating is not a change to sync
  if (from_version == 0) return;
  if (from_version == 4) {
    // Migration 5: changes waiting from before sync are change sets in the
    // order they were made, one per write; an old edit sends every field.
    auto sets = store.pending_change_sets("device-1");
    REQUIRE_MESSAGE(sets.ok(), sets.error().message);
    REQUIRE(sets->size() == 2);
    CHECK((*sets)[0].id == "write-a");
    CHECK((*sets)[0].client_seq == 1);
    CHECK((*sets)[0].schema_version == 4);
    REQUIRE((*sets)[0].changes.size() == 2);
    CHECK((*sets)[0].changes[1].fields.at("active") == true);
    CHECK((*sets)[1].id == "write-b");
    CHECK((*sets)[1].changes.at(0).operation == sync::Operation::remove);
    REQUIRE(store.record_push_results({2, {{"write-a", 1, sync::PushStatus::applied, {}, {}},
                                           {"write-b", 2, sync::PushStatus::applied, {}, {}}}},
                                      test_now).ok());
    CHECK(store.outbox_after(0, 100)->empty());
  }

  auto person = store.young_person("yp-1");
  REQUIRE_MESSAGE(person.ok(), person.error().message);
  CHECK(person->legal_family_name == "Testperson");
  // Migration 3: follow-ups made before owners existed have none; drafts
  // can be kept, and stay out of the outbox.
  CHECK(store.contact("contact-1")->follow_ups.at(0).owner.empty());
  if (from_version >= 3) CHECK(store.draft("yp-1", store::DraftForm::visit)->has_value());  // kept by migrations 4, 5
  const store::DraftField words{"words", "Fictional words typed before the migration test ends"};
  REQUIRE(store.write(test_actor, test_now, [&](store::Writer& w) { return w.save_draft("yp-1", store::DraftForm::visit, {&words, 1}); }).ok());
  CHECK(store.draft("yp-1", store::DraftForm::visit)->has_value());
  CHECK(store.outbox_after(0, 100)->empty());
  CHECK(person->version == 3);
  REQUIRE(person->care_periods.size() == 1);
  // Migration 4: the stored last day looked after (2025-03-13) becomes the
  // SSDA903 ceased day, the day after.
  CHECK(person->care_periods[0].ceased == day("2025-03-14"));
  CHECK_FALSE(person->detention_began.has_value());
  CHECK(person->lived_with_parent.size() == (from_version == 4 ? 1u : 0u));
  CHECK(person->contact_frequency == core::ContactFrequency::every_4_weeks);
  auto contact = store.contact("contact-1");
  REQUIRE(contact.ok());
  CHECK(contact->follow_ups.size() == 1);
  auto plan = store.pathway_plan("plan-r");
  REQUIRE(plan.ok());
  CHECK(plan->return_comments == "Add the finance objectives");
  CHECK(store.pathway_plan("plan-a")->sections[5].objectives.size() == 1);
  CHECK(store.setting("last_screen")->value_or("") == "caseload");

  if (from_version < 2) {
    // Migration 2 derived the workflow events from the plans' dates.
    auto timeline = store.timeline("yp-1");
    REQUIRE(timeline.ok());
    std::vector<std::string> events;
    for (const auto& entry : timeline->entries) {
      if (entry.kind == store::TimelineEntry::Kind::plan_event) events.push_back(entry.record_id + " " + entry.code);
    }
    CHECK(events == std::vector<std::string>{"plan-d created", "plan-r returned", "plan-r submitted", "plan-r created",
                                             "plan-a authorised", "plan-a submitted", "plan-a created"});
    const auto returned = std::find_if(timeline->entries.begin(), timeline->entries.end(),
                                       [](const auto& e) { return e.code == "returned"; });
    REQUIRE(returned != timeline->entries.end());
    CHECK(returned->text == "Add the finance objectives");
  }
  // The store works on the migrated database, and new tables are captured;
  // the next write is the next change set.
  auto submitted = store.write(test_actor, test_now, [&](store::Writer& w) {
    core::PathwayPlan draft = *store.pathway_plan("plan-d");
    draft.status = core::PlanStatus::submitted;
    draft.submitted_on = test_today;
    return w.save(draft);
  });
  REQUIRE_MESSAGE(submitted.ok(), submitted.error().message);
  auto entries = store.outbox_after(0, 100);
  REQUIRE(entries.ok());
  const bool event_queued = std::any_of(entries->begin(), entries->end(),
                                        [](const auto& e) { return e.table == "plan_events" && e.operation == "insert"; });
  CHECK(event_queued);
  CHECK(store.pending_change_sets("device-1")->at(0).client_seq == (from_version == 4 ? 3 : 1));
  // Migration 4's new table is captured too.
  core::YoungPerson home = *store.young_person("yp-1");
  home.lived_with_parent.push_back({day("2025-03-14"), std::nullopt});
  REQUIRE(store.write(test_actor, test_now, [&](store::Writer& w) { return w.save(home); }).ok());
  const auto after = store.outbox_after(0, 100);
  CHECK(std::any_of(after->begin(), after->end(), [](const auto& e) { return e.table == "parent_home_periods"; }));
  auto awaiting = store.plans_awaiting_authorisation("team-1");
  REQUIRE(awaiting.ok());
  REQUIRE(awaiting->size() == 1);
  CHECK(awaiting->front().plan_id == "plan-d");
}

}  // namespace

TEST_CASE("store migrations: numbered 1, 2, 3 ... with no gaps") {
  int expected = 1;
  for (const auto& migration : store::detail::migrations()) {
    CHECK(migration.version == expected++);
    CHECK_FALSE(migration.summary.empty());
  }
  CHECK(store::detail::latest_schema_version() >= 2);
}

TEST_CASE("store migrations: from every older version, with data, to the newest") {
  for (int version = 0; version < store::detail::latest_schema_version(); ++version) {
    CAPTURE(version);
    REQUIRE_MESSAGE(data_at_version.count(version), "add the data a version ", version, " database holds");
    TempFile file;
    make_database_at(file.path, version);
    auto opened = store::Store::open({.path = file.path});
    REQUIRE_MESSAGE(opened.ok(), opened.error().message);
    check_migrated(**opened, version);
  }
}

TEST_CASE("store migrations: a failure at any step leaves the database at its previous version") {
  // The newest migration, from the version before it (the steps of each
  // earlier one were tested this way when it was the newest).
  const int previous = store::detail::latest_schema_version() - 1;
  const std::string upgrade_message = "Could not upgrade the database to schema " + std::to_string(previous + 1);
  TempFile file;
  make_database_at(file.path, previous);
  store::detail::Database db;
  store::detail::WriteContext context;
  REQUIRE(db.open(file.path, "").ok());
  REQUIRE(store::detail::register_change_functions(db, context).ok());
  auto dump = [&] {
    std::string text;
    auto query = db.prepare("SELECT type || name || ifnull(sql, '') FROM sqlite_schema ORDER BY name");
    while (*query->step()) text += query->text(0) + "\n";
    return text;
  };
  const std::string before = dump();
  int failures = 0;
  for (int step = 1; step < 5000; ++step) {
    CAPTURE(step);
    db.inject_fault_at_step(step);
    Status migrated = store::detail::migrate(db, context);
    db.inject_fault_at_step(0);
    if (migrated.ok()) break;
    ++failures;
    CHECK(migrated.error().code == ErrorCode::storage);
    if (step > 1) CHECK(migrated.error().message.find(upgrade_message) != std::string::npos);
    CHECK(*store::detail::read_schema_version(db) == previous);
    CHECK(dump() == before);
  }
  CHECK(failures > 20);  // reading the version, begin, the script, each trigger, the version, commit
  CHECK(*store::detail::read_schema_version(db) == store::detail::latest_schema_version());
}

TEST_CASE("store migrations: a database from a newer app is refused, not damaged") {
  TempFile file;
  {
    auto opened = store::Store::open({.path = file.path});
    REQUIRE(opened.ok());
    REQUIRE(store::testing::execute(**opened, "PRAGMA user_version = 999").ok());
  }
  auto newer = store::Store::open({.path = file.path});
  REQUIRE_FALSE(newer.ok());
  CHECK(newer.error().code == ErrorCode::conflict);
  CHECK(newer.error().message.find("newer version of Pathway") != std::string::npos);
}
