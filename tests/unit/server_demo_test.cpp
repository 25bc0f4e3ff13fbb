// pathway-server --demo: the Example Council goes into an empty database once
// and never into one that already holds a council.
#include <doctest/doctest.h>

#include "demo/council.h"
#include "server/account_store_sqlite.h"
#include "server/demo_data.h"
#include "server/passwords.h"
#include "server/shared_record.h"

using namespace pathway;

TEST_CASE("server demo: loads into an empty store only, and queues nothing") {
  auto opened = server::open_shared_record(":memory:");
  REQUIRE(opened.ok());
  auto& database = **opened;
  const auto now = *Instant::parse("2026-05-01T09:00:00Z");

  const auto first = server::load_demo_council_if_empty(database, now);
  REQUIRE(first.ok());
  CHECK(*first);
  const auto staff = database.all_staff();
  REQUIRE(staff.ok());
  CHECK_FALSE(staff->empty());
  const auto teams = database.teams();
  REQUIRE(teams.ok());
  CHECK_FALSE(teams->empty());
  // The shared record is not a device: it has nothing to push (the demo's
  // writes once left about 42,000 rows in an outbox nobody read).
  CHECK(*database.outbox_size() == 0);

  const auto again = server::load_demo_council_if_empty(database, now);
  REQUIRE(again.ok());
  CHECK_FALSE(*again);  // an existing council is left alone
  CHECK(database.all_staff()->size() == staff->size());
}

TEST_CASE("server demo: accounts for the demo council's staff, made once") {
  auto opened = store::Store::open({.path = ":memory:"});
  REQUIRE(opened.ok());
  auto& record = **opened;
  auto accounts_opened = server::open_sqlite_account_store(":memory:");
  REQUIRE(accounts_opened.ok());
  auto& accounts = **accounts_opened;
  const auto now = *Instant::parse("2026-05-01T09:00:00Z");

  // Another council's database gets no demo accounts.
  const auto refused = server::ensure_demo_accounts(accounts, record, now);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::conflict);  // the server goes on without demo accounts

  REQUIRE(server::load_demo_council_if_empty(record, now).ok());
  const auto made = server::ensure_demo_accounts(accounts, record, now);
  REQUIRE(made.ok());
  REQUIRE(made->size() == 5);
  const auto again = server::ensure_demo_accounts(accounts, record, now);  // a restart
  REQUIRE(again.ok());
  CHECK(again->size() == 5);
  const auto created = accounts.audit_after(0, 100);
  REQUIRE(created.ok());
  CHECK(created->size() == 5);  // one account_created each, not two

  const auto user = [&](const char* username) {
    auto found = accounts.user_by_username(username);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK(server::verify_password((*found)->password_hash, server::demo_password));
    return **found;
  };
  const auto pa = user("demo-pa"), pa2 = user("demo-pa2"), tm = user("demo-tm"), sm = user("demo-sm"),
             admin = user("demo-admin");
  const auto council = demo::generate_staff(demo::DemoOptions{});
  CHECK(pa.staff_id == demo::demo_device_pa(council));  // the PA whose caseload a new device shows
  CHECK(pa.role == server::Role::pa);
  CHECK(pa2.role == server::Role::pa);
  CHECK(pa2.team_id != pa.team_id);
  CHECK(tm.role == server::Role::team_manager);
  CHECK(tm.team_id == pa.team_id);
  CHECK(record.team(pa.team_id)->manager_id == tm.staff_id);
  CHECK(record.staff(sm.staff_id)->role == core::StaffRole::service_manager);
  CHECK(admin.role == server::Role::admin);
  CHECK(record.staff(pa2.staff_id)->name == pa2.display_name);
}
