// Reading the shared record by role: the authorisation matrix (role x whose
// record -> status) for GET /api/young-people/<id>, the caseload each role
// gets from GET /api/caseload, 403 bodies that do not say whether a record
// exists, and an audit row for every read and refusal. The Example Council
// and its demo accounts, signed in through the real routes.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "server/account_store_sqlite.h"
#include "server/demo_data.h"
#include "server/record_access.h"
#include "server/routes.h"
#include "store_fixtures.h"

using namespace pathway;
using namespace pathway::server;
using nlohmann::json;

namespace {

struct CouncilWorld {
  Instant now = *Instant::parse("2026-05-01T09:00:00Z");
  std::unique_ptr<store::Store> store = store_test::required(store::Store::open({.path = ":memory:"}));
  std::unique_ptr<AccountStore> accounts = store_test::required(open_sqlite_account_store(":memory:"));
  SharedRecord record{*store};
  Router router = make_router({.check_database = [] { return ok_status(); },
                               .accounts = accounts.get(),
                               .record = &record,
                               .now = [this] { return now; }});
  std::map<std::string, std::string> tokens;  // by username

  CouncilWorld() {
    REQUIRE(load_demo_council_if_empty(*store, now).ok());
    REQUIRE(ensure_demo_accounts(*accounts, *store, now).ok());
    for (const char* username : {"demo-pa", "demo-pa2", "demo-tm", "demo-sm", "demo-admin"}) {
      const json body = {{"username", username}, {"password", demo_password}, {"device_id", std::string("d-") + username},
                         {"device_name", "test"}};
      const auto signed_in = router.handle({.method = "POST", .path = "/api/session", .body = body.dump()});
      REQUIRE(signed_in.status == 200);
      tokens[username] = json::parse(signed_in.body)["token"];
    }
  }
  Response get(const std::string& username, const std::string& path) {
    return router.handle({.method = "GET", .path = path, .headers = {{"Authorization", "Bearer " + tokens[username]}}});
  }
  User user(const char* username) { return **accounts->user_by_username(username); }
  // An open case of `staff_id`.
  std::string case_of(const std::string& staff_id) {
    const auto caseload = store->caseload(staff_id, uk_date_of(now));
    REQUIRE(caseload.ok());
    REQUIRE_FALSE(caseload->empty());
    return caseload->front().young_person_id;
  }
  std::vector<AuditEntry> audit_since(int64_t after) { return *accounts->audit_after(after, 100000); }
  int64_t last_audit_id() {
    const auto all = audit_since(0);
    return all.empty() ? 0 : all.back().id;
  }
};

}  // namespace

TEST_CASE("records: the scope rule, role x where the record belongs") {
  const Principal pa{.role = Role::pa, .team_id = "north", .staff_id = "pa-1"};
  const Principal tm{.role = Role::team_manager, .team_id = "north", .staff_id = "tm-1"};
  const Principal sm{.role = Role::service_manager, .staff_id = "sm-1"};
  const Principal admin{.role = Role::admin};
  const Principal pa_without_staff{.role = Role::pa, .team_id = "north"};
  const struct {
    const Principal* who;
    RecordPlace place;
    bool allowed;
  } cases[] = {
      {&pa, {"pa-1", "north"}, true},    // their own case
      {&pa, {"pa-2", "north"}, false},   // a colleague's in the same team
      {&pa, {"pa-9", "south"}, false},   // another team's
      {&pa, {"", ""}, false},            // not allocated
      {&pa_without_staff, {"", ""}, false},
      {&tm, {"pa-1", "north"}, true},    // their team's
      {&tm, {"pa-2", "north"}, true},
      {&tm, {"pa-9", "south"}, false},   // another team's
      {&tm, {"", ""}, false},
      {&sm, {"pa-9", "south"}, true},    // the whole service
      {&sm, {"", ""}, true},
      {&admin, {"pa-1", "north"}, false},  // accounts, not case records
  };
  for (const auto& row : cases) {
    CAPTURE(role_code(row.who->role));
    CAPTURE(row.place.allocated_pa_id);
    CHECK(may_see(*row.who, row.place) == row.allowed);
  }
}

TEST_CASE("records: GET /api/young-people/<id>, the authorisation matrix") {
  CouncilWorld world;
  const std::string own = world.case_of(world.user("demo-pa").staff_id);
  const std::string other_team = world.case_of(world.user("demo-pa2").staff_id);
  // Another PA's case in demo-pa's team.
  std::string same_team;
  const auto all_staff = world.store->all_staff();
  REQUIRE(all_staff.ok());
  for (const auto& staff : *all_staff) {
    if (staff.role == core::StaffRole::personal_adviser && staff.team_id == world.user("demo-pa").team_id &&
        staff.id != world.user("demo-pa").staff_id) {
      same_team = world.case_of(staff.id);
      break;
    }
  }
  REQUIRE_FALSE(same_team.empty());
  const std::string missing = "00000000-0000-4000-8000-000000000000";

  const struct {
    const char* username;
    const std::string* record;
    int status;
  } cases[] = {
      {"demo-pa", &own, 200},        {"demo-pa", &same_team, 403},  {"demo-pa", &other_team, 403},
      {"demo-pa", &missing, 403},    {"demo-pa2", &other_team, 200}, {"demo-pa2", &own, 403},
      {"demo-tm", &own, 200},        {"demo-tm", &same_team, 200},  {"demo-tm", &other_team, 403},
      {"demo-tm", &missing, 403},    {"demo-sm", &own, 200},        {"demo-sm", &other_team, 200},
      {"demo-sm", &missing, 403},    {"demo-admin", &own, 403},     {"demo-admin", &missing, 403},
  };
  std::set<std::string> refusal_bodies;
  for (const auto& row : cases) {
    CAPTURE(row.username);
    CAPTURE(*row.record);
    const int64_t before = world.last_audit_id();
    const auto response = world.get(row.username, std::string(young_people_prefix) + *row.record);
    CHECK(response.status == row.status);
    if (response.status == 200) CHECK(json::parse(response.body)["young_person_id"] == *row.record);
    else refusal_bodies.insert(response.body);
    const auto audit = world.audit_since(before);
    REQUIRE(audit.size() == 1);
    CHECK(audit[0].action == (row.status == 200 ? "read_young_person" : "read_refused"));
    CHECK(audit[0].record_id == *row.record);
    CHECK(audit[0].username == row.username);
    CHECK(audit[0].device_id == std::string("d-") + row.username);
  }
  CHECK(refusal_bodies.size() == 1);  // existing or not, in another team or not: the same answer
  CHECK(world.get("demo-pa", "/api/young-people/..%2f..%2fetc").status == 403);
  CHECK(world.router.handle({.method = "GET", .path = std::string(young_people_prefix) + own}).status == 401);
}

TEST_CASE("records: GET /api/caseload gives each role its scope, each line audited") {
  CouncilWorld world;
  const auto lines_of = [&](const char* username) {
    const auto response = world.get(username, "/api/caseload");
    REQUIRE(response.status == 200);
    return json::parse(response.body)["lines"];
  };
  const auto pa = world.user("demo-pa");
  int64_t before = world.last_audit_id();
  const auto own = lines_of("demo-pa");
  REQUIRE_FALSE(own.empty());
  for (const auto& line : own) CHECK(line["pa_id"] == pa.staff_id);
  const auto audit = world.audit_since(before);
  REQUIRE(audit.size() == own.size());
  for (size_t i = 0; i < own.size(); ++i) {
    CHECK(audit[i].action == "read_caseload_line");
    CHECK(audit[i].record_id == own[i]["young_person_id"]);
  }

  std::set<std::string> team_pas;
  const auto all_staff = world.store->all_staff();
  REQUIRE(all_staff.ok());
  for (const auto& staff : *all_staff) {
    if (staff.team_id == pa.team_id && staff.role == core::StaffRole::personal_adviser) team_pas.insert(staff.id);
  }
  const auto team = lines_of("demo-tm");
  CHECK(team.size() > own.size());
  for (const auto& line : team) CHECK(team_pas.count(line["pa_id"].get<std::string>()) == 1);
  const auto service = lines_of("demo-sm");
  CHECK(service.size() > team.size());

  before = world.last_audit_id();
  const auto refused = world.get("demo-admin", "/api/caseload");
  CHECK(refused.status == 403);
  CHECK(world.audit_since(before).empty());
}
