// The server's side of the in-process sync tests: the Example Council on a
// shared record in memory, its sync ledger, the demo accounts and the real
// routing table (server_sync_test.cpp, app_sync_engine_test.cpp).
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <set>
#include <string>

#include "server/account_store_sqlite.h"
#include "server/accounts.h"
#include "server/demo_data.h"
#include "server/routes.h"
#include "server/sync_store.h"
#include "store_fixtures.h"

namespace sync_test {

using namespace pathway;
using namespace pathway::server;

struct SyncWorld {
  Instant now = *Instant::parse("2026-05-01T09:00:00Z");
  std::unique_ptr<store::Store> record_store = store_test::required(open_shared_record(":memory:"));
  std::unique_ptr<AccountStore> accounts = store_test::required(open_sqlite_account_store(":memory:"));
  SharedRecord record{*record_store};
  std::unique_ptr<SyncStore> sync = open_sqlite_sync_store(record);
  Router router = make_router({.check_database = [] { return ok_status(); },
                               .accounts = accounts.get(),
                               .record = &record,
                               .sync = sync.get(),
                               .now = [this] { return now; }});

  SyncWorld() {
    REQUIRE(load_demo_council_if_empty(*record_store, now).ok());
    REQUIRE(ensure_demo_accounts(*accounts, *record_store, now).ok());
    auto adopted = sync->adopt_unlogged_records(now);
    REQUIRE(adopted.ok());
    REQUIRE(*adopted > 1000);
  }

  User user(const std::string& username) { return **accounts->user_by_username(username); }
  std::string case_of(const std::string& staff_id) {
    const auto caseload = record_store->caseload(staff_id, uk_date_of(now));
    REQUIRE(caseload.ok());
    REQUIRE_FALSE(caseload->empty());
    return caseload->front().young_person_id;
  }
  // Everyone allocated to the PA, closed cases included.
  std::set<std::string> allocated_to(const std::string& staff_id) {
    std::set<std::string> ids;
    auto rows = store::testing::query(*record_store, "SELECT id FROM young_people WHERE allocated_pa_id = '" + staff_id + "'");
    REQUIRE(rows.ok());
    for (const auto& row : *rows) ids.insert(row[0]);
    return ids;
  }
  std::set<std::string> caseload_ids(const std::string& staff_id) {
    std::set<std::string> ids;
    const auto caseload = record_store->caseload(staff_id, uk_date_of(now));
    REQUIRE(caseload.ok());
    for (const auto& row : *caseload) ids.insert(row.young_person_id);
    return ids;
  }
  int64_t count(const std::string& sql) {
    auto rows = store::testing::query(*record_store, sql);
    REQUIRE(rows.ok());
    return std::stoll(rows->at(0).at(0));
  }
};

// A fictional home visit by `staff` to `person`.
inline core::Contact visit_to(const std::string& person, const std::string& staff, const std::string& id, Instant at) {
  core::Contact contact = store_test::sample_contact(id, person, at);
  contact.staff_id = staff;
  return contact;
}

}  // namespace sync_test
