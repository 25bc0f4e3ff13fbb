// Sync end to end, in process: device stores (store.h's sync API) push and
// pull through the real routes (POST /api/sync/push, /api/sync/pull) against
// the Example Council on the server's shared record and its ledger, signed
// in as the demo accounts. Each case is a fault or a rule of docs/sync.md:
// round trip to a second device, a retried push and a crash before the
// acknowledgement applied once, out of order answered `later`, refusals final
// and repeated, concurrent texts both kept, reallocation leaving one device
// and reaching another, scope the same whether or not a record exists, bad
// bytes and oversized bodies, an older schema told to update, every write and
// pull audited.
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>

#include "server/demo_data.h"
#include "server_sync_world.h"
#include "store_fixtures.h"
#include "sync/change_set.h"

using namespace pathway;
using namespace pathway::server;
using nlohmann::json;
using sync_test::SyncWorld;
using sync_test::visit_to;

namespace {

// A device: its own store, signed in as one user.
struct TestDevice {
  SyncWorld& world;
  std::string username;
  std::string id;
  std::string token;
  std::string staff_id;
  std::unique_ptr<store::Store> store = store_test::open_memory_store();

  TestDevice(SyncWorld& w, std::string user, std::string device_id) : world(w), username(std::move(user)), id(std::move(device_id)) {
    const json body = {{"username", username}, {"password", demo_password}, {"device_id", id}, {"device_name", "test"}};
    const auto signed_in = world.router.handle({.method = "POST", .path = "/api/session", .body = body.dump()});
    REQUIRE(signed_in.status == 200);
    token = json::parse(signed_in.body)["token"];
    staff_id = world.user(username).staff_id;
  }

  Response post(const std::string& path, std::string body) {
    return world.router.handle(
        {.method = "POST", .path = path, .headers = {{"Authorization", "Bearer " + token}}, .body = std::move(body)});
  }
  std::string push_body(size_t max = sync::max_change_sets_per_message) {
    auto sets = store->pending_change_sets(id, max);
    REQUIRE(sets.ok());
    return sync::serialize(sync::PushRequest{id, *sets});
  }
  sync::PushResponse send_push(const std::string& body) {
    const Response response = post("/api/sync/push", body);
    REQUIRE_MESSAGE(response.status == 200, response.body);
    auto parsed = sync::parse_push_response(response.body);
    REQUIRE(parsed.ok());
    return *parsed;
  }
  sync::PushResponse push() {
    sync::PushResponse response = send_push(push_body());
    REQUIRE(store->record_push_results(response, world.now).ok());
    return response;
  }
  // Pulls page after page until the server has no more.
  std::vector<std::string> pull_all(int limit = 1000) {
    std::vector<std::string> left;
    for (int pages = 0; pages < 1000; ++pages) {
      const sync::PullRequest request{id, sync::current_schema_version, *store->sync_cursor(), limit};
      const Response response = post("/api/sync/pull", sync::serialize(request));
      REQUIRE_MESSAGE(response.status == 200, response.body);
      auto page = sync::parse_pull_response(response.body);
      REQUIRE_MESSAGE(page.ok(), page.error().message);
      const Status applied = store->apply_pull_page(*page, world.now);
      REQUIRE_MESSAGE(applied.ok(), applied.error().message);
      left.insert(left.end(), page->leave.begin(), page->leave.end());
      if (!page->more) return left;
    }
    FAIL("the pull never ended");
    return left;
  }
  template <class F>
  void write(F&& changes) {
    const Status written = store->write({staff_id, id}, world.now, std::forward<F>(changes));
    REQUIRE_MESSAGE(written.ok(), written.error().message);
  }
  std::set<std::string> young_people() {
    std::set<std::string> ids;
    auto rows = store::testing::query(*store, "SELECT id FROM young_people");
    for (const auto& row : *rows) ids.insert(row[0]);
    return ids;
  }
};

sync::ChangeSet hand_made(const TestDevice& device, int64_t seq, const std::string& entity, const std::string& id,
                          sync::Operation operation, json fields, int64_t base = 1) {
  return {"cs-" + device.id + "-" + std::to_string(seq), device.id, device.staff_id, sync::current_schema_version, seq,
          "2026-05-01T09:00:00Z", {{entity, id, operation, base, std::move(fields), {}}}};
}

}  // namespace

TEST_CASE("server sync: the first pull of demo-pa brings exactly their caseload, and is audited") {
  SyncWorld world;
  TestDevice tablet(world, "demo-pa", "pa-tablet");
  const int64_t audit_before = (*world.accounts->audit_after(0, 100000)).size();
  CHECK(tablet.pull_all(500).empty());
  const auto expected = world.caseload_ids(tablet.staff_id);
  CHECK(expected.size() > 5);
  auto caseload = tablet.store->caseload(tablet.staff_id, uk_date_of(world.now));
  REQUIRE(caseload.ok());
  std::set<std::string> got;
  for (const auto& row : *caseload) got.insert(row.young_person_id);
  CHECK(got == expected);
  const auto allocated = world.allocated_to(tablet.staff_id);
  CHECK(tablet.young_people() == allocated);  // nobody else's
  // Their histories came whole: every contact of one of them.
  const std::string person = *expected.begin();
  CHECK(tablet.store->contacts_of(person)->size() == world.record_store->contacts_of(person)->size());
  CHECK(tablet.store->plans_of(person)->size() == world.record_store->plans_of(person)->size());
  CHECK(*tablet.store->outbox_size() == 0);
  // One audit row for the pull and one per young person sent, at least.
  const auto audit = *world.accounts->audit_after(0, 100000);
  std::set<std::string> read;
  for (size_t i = audit_before; i < audit.size(); ++i) {
    if (audit[i].action == "sync_read") read.insert(audit[i].record_id);
    CHECK(audit[i].device_id == "pa-tablet");
  }
  CHECK(read == allocated);
  // Nothing new: the next pull is empty.
  const sync::PullRequest again{tablet.id, sync::current_schema_version, *tablet.store->sync_cursor(), 100};
  auto page = sync::parse_pull_response(tablet.post("/api/sync/pull", sync::serialize(again)).body);
  REQUIRE(page.ok());
  CHECK(page->change_sets.empty());
  CHECK(page->leave.empty());
}

TEST_CASE("server sync: a visit and an edit round-trip to a second device as identical rows; a retried push applies once") {
  SyncWorld world;
  TestDevice tablet(world, "demo-pa", "pa-tablet");
  TestDevice phone(world, "demo-pa", "pa-phone");
  tablet.pull_all();
  phone.pull_all();
  const std::string person = world.case_of(tablet.staff_id);
  const int64_t contacts_before = world.count("SELECT count(*) FROM contacts");

  tablet.write([&](store::Writer& w) {
    core::YoungPerson young = *tablet.store->young_person(person);
    young.phone = "07700 900123";
    young.languages = {"English", "Polish"};
    (void)w.save(young);
    return w.save(visit_to(person, tablet.staff_id, "visit-sync-1", world.now));
  });
  const std::string body = tablet.push_body();
  // The first answer is lost; the device sends the same push again.
  const sync::PushResponse lost = tablet.send_push(body);
  REQUIRE(lost.results.size() == 1);
  CHECK(lost.results[0].status == sync::PushStatus::applied);
  const sync::PushResponse retried = tablet.send_push(body);
  CHECK(retried.results.at(0).status == sync::PushStatus::duplicate);
  CHECK(retried.last_seq == 1);
  REQUIRE(tablet.store->record_push_results(retried, world.now).ok());
  CHECK(*tablet.store->pending_change_set_count() == 0);
  CHECK(world.count("SELECT count(*) FROM contacts") == contacts_before + 1);
  CHECK(world.record_store->young_person(person)->phone == "07700 900123");

  phone.pull_all();
  tablet.pull_all();
  CHECK(store_test::domain_dump(*phone.store) == store_test::domain_dump(*tablet.store));
  CHECK(phone.store->contact("visit-sync-1")->young_persons_words == "College is going fine, I want to learn to drive.");
  CHECK(phone.store->young_person(person)->languages == std::vector<std::string>{"English", "Polish"});
  // The edit was sent as the two fields that changed, so the server's
  // version moved on once.
  CHECK(*phone.store->pulled_version("young_people", person) == 2);
}

TEST_CASE("server sync: a crash between apply and acknowledgement; out of order is `later`") {
  SyncWorld world;
  TestDevice tablet(world, "demo-pa", "pa-tablet");
  tablet.pull_all();
  const std::string person = world.case_of(tablet.staff_id);
  for (int i = 0; i < 3; ++i) {
    tablet.write([&](store::Writer& w) {
      return w.save(visit_to(person, tablet.staff_id, "visit-crash-" + std::to_string(i), world.now));
    });
  }
  // Sent, applied, then the device dies before recording the answer.
  (void)tablet.send_push(tablet.push_body(1));
  // After the restart everything is sent again, from seq 1.
  const sync::PushResponse after = tablet.push();
  REQUIRE(after.results.size() == 3);
  CHECK(after.results[0].status == sync::PushStatus::duplicate);
  CHECK(after.results[1].status == sync::PushStatus::applied);
  CHECK(after.results[2].status == sync::PushStatus::applied);
  CHECK(world.count("SELECT count(*) FROM contacts WHERE id LIKE 'visit-crash-%'") == 3);

  // Seq 5 before seq 4: this and the rest wait.
  tablet.write([&](store::Writer& w) { return w.save(visit_to(person, tablet.staff_id, "visit-four", world.now)); });
  tablet.write([&](store::Writer& w) { return w.save(visit_to(person, tablet.staff_id, "visit-five", world.now)); });
  auto pending = *tablet.store->pending_change_sets(tablet.id);
  REQUIRE(pending.size() == 2);
  const sync::PushResponse gap = tablet.send_push(sync::serialize(sync::PushRequest{tablet.id, {pending[1]}}));
  CHECK(gap.results.at(0).status == sync::PushStatus::later);
  CHECK(gap.last_seq == 3);
  CHECK(world.count("SELECT count(*) FROM contacts WHERE id = 'visit-five'") == 0);
  const sync::PushResponse whole = tablet.push();
  CHECK(whole.results.at(0).status == sync::PushStatus::applied);
  CHECK(whole.results.at(1).status == sync::PushStatus::applied);
  CHECK(whole.last_seq == 5);
}

TEST_CASE("server sync: out of scope is refused the same whether or not the record exists; a refusal is final") {
  SyncWorld world;
  TestDevice tablet(world, "demo-pa", "pa-tablet");
  tablet.pull_all();
  const std::string others = world.case_of(world.user("demo-pa2").staff_id);
  const std::string mine = world.case_of(tablet.staff_id);
  // Table: what the PA sends -> refused with the same words and field.
  struct Case {
    const char* name;
    sync::ChangeSet change_set;
  };
  const json phone = {{"phone", "07700 900999"}};
  json contact = json::parse(R"({"young_person_id":"X","staff_id":"S","occurred_at":"2026-05-01T08:00:00Z",
    "recorded_at":"2026-05-01T08:00:00Z","type":"HOME","outcome":"SEEN","not_seen_reason":"","present":"",
    "young_persons_words":"","pa_notes":"","supersedes":null,"correction_reason":"","withdrawn":false})");
  contact["staff_id"] = tablet.staff_id;
  json others_contact = contact;
  others_contact["young_person_id"] = others;
  json nobodys_contact = contact;
  nobodys_contact["young_person_id"] = "no-such-person";
  const Case cases[] = {
      {"edit another PA's young person", hand_made(tablet, 1, "young_people", others, sync::Operation::edit, phone)},
      {"edit a young person who does not exist", hand_made(tablet, 1, "young_people", "no-such-person", sync::Operation::edit, phone)},
      {"a visit to another PA's young person", hand_made(tablet, 1, "contacts", "c-out-1", sync::Operation::append, others_contact, 0)},
      {"a visit to nobody", hand_made(tablet, 1, "contacts", "c-out-2", sync::Operation::append, nobodys_contact, 0)},
  };
  std::string reason;
  std::string field;
  for (const Case& c : cases) {
    CAPTURE(c.name);
    TestDevice fresh(world, "demo-pa", std::string("pa-device-") + std::to_string(&c - cases));
    sync::ChangeSet set = c.change_set;
    set.client_id = fresh.id;
    const int64_t log_before = world.count("SELECT count(*) FROM server_records WHERE fields LIKE '%07700 900999%'");
    const sync::PushResponse answer = fresh.send_push(sync::serialize(sync::PushRequest{fresh.id, {set}}));
    REQUIRE(answer.results.size() == 1);
    CHECK(answer.results[0].status == sync::PushStatus::refused);
    if (reason.empty()) {
      reason = answer.results[0].reason;
      field = answer.results[0].field;
    }
    CHECK(answer.results[0].reason == reason);
    CHECK(answer.results[0].field == field);
    CHECK(answer.last_seq == 1);  // processed: the next one may come
    CHECK(world.count("SELECT count(*) FROM server_records WHERE fields LIKE '%07700 900999%'") == log_before);
    CHECK(world.count("SELECT count(*) FROM contacts WHERE id LIKE 'c-out-%'") == 0);
    // Sent again (a lost answer): the same refusal, word for word.
    const sync::PushResponse again = fresh.send_push(sync::serialize(sync::PushRequest{fresh.id, {set}}));
    CHECK(again.results.at(0).status == sync::PushStatus::refused);
    CHECK(again.results.at(0).reason == answer.results[0].reason);
    CHECK(again.results.at(0).field == answer.results[0].field);
  }
  CHECK(reason == "You do not have access to this record");
  CHECK(field == "changes[0]");
  // The device keeps a refused change set, with its reason, and sends the
  // ones after it.
  tablet.write([&](store::Writer& w) {
    core::YoungPerson young = *tablet.store->young_person(mine);
    young.allocated_pa_id = world.user("demo-pa2").staff_id;  // a PA cannot hand a case to another team
    return w.save(young);
  });
  tablet.write([&](store::Writer& w) { return w.save(visit_to(mine, tablet.staff_id, "visit-after-refusal", world.now)); });
  const sync::PushResponse mixed = tablet.push();
  REQUIRE(mixed.results.size() == 2);
  CHECK(mixed.results[0].status == sync::PushStatus::refused);
  CHECK(mixed.results[1].status == sync::PushStatus::applied);
  const auto refused = tablet.store->refused_change_sets(tablet.id);
  REQUIRE(refused->size() == 1);
  CHECK(refused->front().reason == "You do not have access to this record");
  CHECK(world.record_store->young_person(mine)->allocated_pa_id == tablet.staff_id);
  // The next pull puts the record back as the server has it.
  tablet.pull_all();
  CHECK(tablet.store->young_person(mine)->allocated_pa_id == tablet.staff_id);
  CHECK(tablet.store->refused_change_sets(tablet.id)->size() == 1);  // until someone acts on it
}

TEST_CASE("server sync: two people change the same text offline; both texts are kept and pulled as a conflict") {
  SyncWorld world;
  TestDevice pa(world, "demo-pa", "pa-tablet");
  TestDevice manager(world, "demo-tm", "tm-laptop");
  pa.pull_all();
  manager.pull_all();
  const std::string person = world.case_of(pa.staff_id);
  REQUIRE(manager.store->young_person(person).ok());  // the PA's team is the manager's
  const std::string original = world.record_store->young_person(person)->address_line2;
  pa.write([&](store::Writer& w) {
    core::YoungPerson young = *pa.store->young_person(person);
    young.address_line2 = "Flat 2 (the PA's text)";
    return w.save(young);
  });
  manager.write([&](store::Writer& w) {
    core::YoungPerson young = *manager.store->young_person(person);
    young.address_line2 = "Flat 9 (the manager's text)";
    young.town = "Newtown Example";  // and a field nobody else changed
    return w.save(young);
  });
  CHECK(pa.push().results.at(0).status == sync::PushStatus::applied);
  CHECK(manager.push().results.at(0).status == sync::PushStatus::applied);
  pa.pull_all();
  manager.pull_all();
  for (TestDevice* device : {&pa, &manager}) {
    CAPTURE(device->username);
    const auto young = device->store->young_person(person);
    CHECK(young->address_line2 == "Flat 2 (the PA's text)");  // the first to arrive stays
    CHECK(young->town == "Newtown Example");
    const auto conflicts = device->store->conflicts_of("young_people", person);
    REQUIRE(conflicts.ok());
    CHECK(conflicts->at("address_line2") == std::vector<std::string>{"Flat 9 (the manager's text)"});
  }
  CHECK(store_test::domain_dump(*pa.store).find("Flat 9") == std::string::npos);  // kept as a conflict, not a row
  (void)original;
}

TEST_CASE("server sync: a reallocated young person leaves the old PA's device and arrives on the new PA's") {
  SyncWorld world;
  TestDevice old_pa(world, "demo-pa", "old-pa-tablet");
  TestDevice manager(world, "demo-tm", "tm-laptop");
  // Another PA of the same team, with an account.
  const User tm = world.user("demo-tm");
  std::string new_pa_id;
  const auto staff = world.record_store->all_staff();
  REQUIRE(staff.ok());
  for (const auto& member : *staff) {
    if (member.role == core::StaffRole::personal_adviser && member.team_id == tm.team_id && member.id != old_pa.staff_id) {
      new_pa_id = member.id;
    }
  }
  REQUIRE_FALSE(new_pa_id.empty());
  REQUIRE(create_account(*world.accounts, {"north-pa-2", "Another North PA", Role::pa, tm.team_id, new_pa_id},
                         demo_password, world.now, AuditEntry{})
              .ok());
  TestDevice new_pa(world, "north-pa-2", "new-pa-tablet");
  old_pa.pull_all();
  manager.pull_all();
  new_pa.pull_all();
  const std::string person = world.case_of(old_pa.staff_id);
  REQUIRE(old_pa.young_people().count(person));
  REQUIRE_FALSE(new_pa.young_people().count(person));
  const size_t history = world.record_store->contacts_of(person)->size();
  REQUIRE(history > 0);

  manager.write([&](store::Writer& w) {
    core::YoungPerson young = *manager.store->young_person(person);
    young.allocated_pa_id = new_pa_id;
    return w.save(young);
  });
  CHECK(manager.push().results.at(0).status == sync::PushStatus::applied);

  CHECK(old_pa.pull_all() == std::vector<std::string>{person});
  CHECK_FALSE(old_pa.young_people().count(person));
  CHECK(old_pa.store->contacts_of(person)->empty());
  CHECK(store::testing::query(*old_pa.store, "SELECT count(*) FROM pulled_versions WHERE record_id LIKE '" + person + "%'")
            ->at(0).at(0) == "0");
  new_pa.pull_all();
  CHECK(new_pa.young_people().count(person));
  CHECK(new_pa.store->contacts_of(person)->size() == history);
  CHECK(new_pa.store->young_person(person)->allocated_pa_id == new_pa_id);
  // The manager keeps them (still the team's), and nobody is told to leave twice.
  CHECK(manager.pull_all().empty());
  CHECK(manager.young_people().count(person));
  CHECK(old_pa.pull_all().empty());
}

TEST_CASE("server sync: bad bytes, oversized bodies, an older schema, another device: a clear answer, nothing changed") {
  SyncWorld world;
  TestDevice tablet(world, "demo-pa", "pa-tablet");
  const int64_t log_before = world.count("SELECT count(*) FROM server_change_log");
  std::mt19937 random(9);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(random() & 0xff);
  const std::string person = world.case_of(tablet.staff_id);
  sync::ChangeSet old_schema = hand_made(tablet, 1, "young_people", person, sync::Operation::edit, {{"town", "Oldtown"}});
  old_schema.schema_version = sync::oldest_supported_schema_version - 1;
  sync::ChangeSet from_elsewhere = hand_made(tablet, 1, "young_people", person, sync::Operation::edit, {{"town", "X"}});
  from_elsewhere.client_id = "someone-elses-device";
  struct Case {
    const char* name;
    std::string path;
    std::string body;
    int status;
    std::string words;  // in the error message
  };
  const Case cases[] = {
      {"push: random bytes", "/api/sync/push", noise, 400, "not valid JSON"},
      {"push: empty", "/api/sync/push", "", 400, "not valid JSON"},
      {"push: over 8 MiB", "/api/sync/push", std::string((8 << 20) + 1, ' '), 413, "larger than 8 MiB"},
      {"push: nested too deep", "/api/sync/push", std::string(100, '[') + std::string(100, ']'), 400, "nests deeper"},
      {"push: a field of the wrong kind", "/api/sync/push",
       sync::serialize(sync::PushRequest{tablet.id, {hand_made(tablet, 1, "young_people", person, sync::Operation::edit,
                                                               {{"uasc", "yes"}})}}),
       400, "change_sets[0].changes[0].fields.uasc"},
      {"push: an older app", "/api/sync/push", sync::serialize(sync::PushRequest{tablet.id, {old_schema}}), 409,
       "update the app"},
      {"push: another device's change sets", "/api/sync/push",
       sync::serialize(sync::PushRequest{"someone-elses-device", {from_elsewhere}}), 400, "not the device signed in"},
      {"pull: random bytes", "/api/sync/pull", noise, 400, "not valid JSON"},
      {"pull: over 8 MiB", "/api/sync/pull", std::string((8 << 20) + 1, ' '), 413, "larger than 8 MiB"},
      {"pull: an older app", "/api/sync/pull",
       sync::serialize(sync::PullRequest{tablet.id, sync::oldest_supported_schema_version - 1, "", 100}), 409,
       "update the app"},
      {"pull: a cursor this server never gave", "/api/sync/pull",
       sync::serialize(sync::PullRequest{tablet.id, sync::current_schema_version, "99999999", 100}), 400, "cursor"},
      {"pull: another device", "/api/sync/pull",
       sync::serialize(sync::PullRequest{"someone-elses-device", sync::current_schema_version, "", 100}), 400,
       "not the device signed in"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const Response response = tablet.post(c.path, c.body);
    CHECK(response.status == c.status);
    const json error = json::parse(response.body, nullptr, false);
    REQUIRE(error.is_object());
    CHECK(error.value("error", "").find(c.words) != std::string::npos);
    CHECK(world.count("SELECT count(*) FROM server_change_log") == log_before);
  }
  CHECK(world.record_store->young_person(person)->town != "Oldtown");
  // Without a session: 401, like every guarded route.
  CHECK(world.router.handle({.method = "POST", .path = "/api/sync/push", .body = "{}"}).status == 401);
  CHECK(world.router.handle({.method = "POST", .path = "/api/sync/pull", .body = "{}"}).status == 401);
}

TEST_CASE("server sync: scope by role: a manager pulls the team, an administrator no case records") {
  SyncWorld world;
  TestDevice manager(world, "demo-tm", "tm-laptop");
  TestDevice service(world, "demo-sm", "sm-laptop");
  TestDevice admin(world, "demo-admin", "admin-laptop");
  manager.pull_all();
  service.pull_all();
  admin.pull_all();
  const User tm = world.user("demo-tm");
  std::set<std::string> team;
  const auto staff = world.record_store->all_staff();
  REQUIRE(staff.ok());
  for (const auto& member : *staff) {
    if (member.team_id == tm.team_id) {
      const auto ids = world.caseload_ids(member.id);
      team.insert(ids.begin(), ids.end());
    }
  }
  // Open cases of the team's PAs, and possibly closed ones too.
  for (const auto& id : team) CHECK(manager.young_people().count(id));
  CHECK(manager.young_people().size() < service.young_people().size());
  CHECK(service.young_people().size() == static_cast<size_t>(world.count("SELECT count(*) FROM young_people")));
  CHECK(admin.young_people().empty());
  CHECK_FALSE(admin.store->teams()->empty());  // reference data
  // An administrator's change to a case record is refused.
  const std::string person = *team.begin();
  const sync::PushResponse refused = admin.send_push(sync::serialize(sync::PushRequest{
      admin.id, {hand_made(admin, 1, "young_people", person, sync::Operation::edit, {{"town", "Admintown"}})}}));
  CHECK(refused.results.at(0).status == sync::PushStatus::refused);
  CHECK(world.record_store->young_person(person)->town != "Admintown");
}

namespace {

// What a store holds of these young people, as text in one order: their rows
// and their contacts' (without the store's own row version, a local counter),
// and the server version and open conflicts of each young person's record
// (a device's pulled_versions; the server's ledger). Equal on two stores that
// agree about these records.
std::string state_of_people(store::Store& store, const std::set<std::string>& people, bool is_server) {
  std::string in;
  for (const std::string& id : people) in += (in.empty() ? "'" : ",'") + id + "'";
  const auto columns_of = [&](const std::string& table) {
    std::string list;
    for (const auto& column : store_test::query(store, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid"))
      if (column[0] != "version") list += (list.empty() ? "" : ", ") + column[0];
    return list;
  };
  const std::string ledger = is_server ? "server_records" : "pulled_versions";
  std::string dump;
  for (const std::string& query :
       {"SELECT " + columns_of("young_people") + " FROM young_people WHERE id IN (" + in + ") ORDER BY id",
        "SELECT " + columns_of("contacts") + " FROM contacts WHERE young_person_id IN (" + in + ") ORDER BY id",
        "SELECT record_id, version, conflicts FROM " + ledger + " WHERE entity = 'young_people' AND record_id IN (" + in +
            ") ORDER BY record_id"}) {
    for (const auto& row : store_test::query(store, query)) {
      for (const std::string& value : row) dump += value + "|";
      dump += "\n";
    }
  }
  return dump;
}

// One offline change a person might make on a device: a phone number (the
// later arrival wins), an address line (free text: concurrent edits
// are kept as a conflict), the languages (a list), or a visit (appended).
// Says whether it recorded a visit.
bool change_something(TestDevice& device, const std::vector<std::string>& people, std::mt19937& random, int serial) {
  const std::string person = people[random() % people.size()];
  const std::string mark = device.id + "-" + std::to_string(serial);
  bool visit = false;
  device.write([&](store::Writer& w) {
    core::YoungPerson young = *device.store->young_person(person);
    switch (random() % 4) {
      case 0: young.phone = "07700 9" + std::to_string(10000 + random() % 90000); break;
      case 1: young.address_line2 = "Flat " + mark; break;
      case 2: young.languages = {"English", random() % 2 ? "Polish" : "Tigrinya"}; break;
      default:
        visit = true;
        return w.save(visit_to(person, device.staff_id, "visit-" + mark, device.world.now));
    }
    return w.save(young);
  });
  return visit;
}

}  // namespace

// Issue 9's convergence test: many devices change the same records offline
// and sync in random orders; afterwards every device of a person holds the
// same rows as every other, and as the server, with nothing lost.
TEST_CASE("server sync: 20 devices change overlapping records offline and sync in random orders; all end identical") {
  SyncWorld world;
  std::vector<std::unique_ptr<TestDevice>> devices;
  for (int i = 0; i < 20; ++i) {
    devices.push_back(std::make_unique<TestDevice>(world, i % 10 == 0 ? "demo-tm" : "demo-pa", "device-" + std::to_string(i)));
    devices.back()->pull_all();
  }
  // A few of the PA's young people: every device holds them (the manager's team includes them).
  std::vector<std::string> shared;
  for (const std::string& id : world.caseload_ids(devices[1]->staff_id)) {
    if (shared.size() < 4) shared.push_back(id);
  }
  std::mt19937 random(20261202);
  int64_t visits = 0;
  int serial = 0;
  for (int round = 0; round < 4; ++round) {
    for (auto& device : devices) {
      for (int n = random() % 3; n >= 0; --n) visits += change_something(*device, shared, random, ++serial);
    }
    std::shuffle(devices.begin(), devices.end(), random);
    for (auto& device : devices) {
      if (random() % 2) device->push();
      device->pull_all();
      if (random() % 2) device->push();
    }
  }
  // Everyone comes online in turn until nothing is waiting anywhere.
  for (int pass = 0; pass < 3; ++pass) {
    for (auto& device : devices) {
      device->push();
      device->pull_all();
    }
  }
  const std::set<std::string> people(shared.begin(), shared.end());
  const std::string server_state = state_of_people(*world.record_store, people, true);
  for (auto& device : devices) {
    CAPTURE(device->id);
    CHECK(*device->store->pending_change_set_count() == 0);
    CHECK(state_of_people(*device->store, people, false) == server_state);
  }
  REQUIRE(visits > 0);
  CHECK(world.count("SELECT count(*) FROM contacts WHERE id LIKE 'visit-device-%'") == visits);  // each once
  CHECK(world.count("SELECT count(*) FROM server_refusals") == 0);
}
