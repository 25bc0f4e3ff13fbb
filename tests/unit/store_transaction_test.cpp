// Every write is one transaction: whatever step of a multi-row write fails,
// the store is left exactly as it was (rows and outbox), and usable. Faults
// are injected the SQLite way (test/malloc_common.tcl): fail step N, for
// every N until the write gets through, and compare the whole database.
#include <doctest/doctest.h>

#include "store_fixtures.h"

using namespace pathway;
using namespace pathway::store_test;

namespace {

// A write touching many tables: a new person with child rows, contacts with
// follow-ups, a plan moving to submitted (an event), spells, a risk, a
// setting, and an update of an existing person.
Status many_row_write(store::Store& store, const core::YoungPerson& existing) {
  return store.write(test_actor, test_now, [&](store::Writer& w) -> Status {
    if (Status s = w.save(sample_person("yp-2")); !s) return s;
    if (Status s = w.save(sample_contact("contact-2a", "yp-2")); !s) return s;
    if (Status s = w.save(sample_contact("contact-2b", "yp-2", at("2026-11-10T09:00:00Z"))); !s) return s;
    core::PathwayPlan plan = sample_plan("plan-2", "yp-2");
    plan.status = core::PlanStatus::submitted;
    plan.authorised_by.clear();
    plan.authorised_on.reset();
    if (Status s = w.save(plan); !s) return s;
    if (Status s = w.save(sample_activity("eet-2", "yp-2")); !s) return s;
    if (Status s = w.save(sample_accommodation("home-2", "yp-2")); !s) return s;
    if (Status s = w.save(sample_risk("risk-2", "yp-2")); !s) return s;
    if (Status s = w.set_setting("last_screen", "caseload"); !s) return s;
    core::YoungPerson changed = existing;
    changed.town = "Othertown Example";
    changed.care_periods.pop_back();
    return w.save(changed);
  });
}

}  // namespace

TEST_CASE("store transactions: a fault at any step of a multi-row write leaves the store unchanged") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  auto existing = store->young_person("yp-1");
  REQUIRE(existing.ok());
  const std::string before = *store::testing::dump(*store);

  int failures = 0;
  bool succeeded = false;
  for (int step = 1; step < 1000 && !succeeded; ++step) {
    CAPTURE(step);
    store::testing::inject_fault(*store, step);
    Status result = many_row_write(*store, *existing);
    store::testing::inject_fault(*store, 0);
    if (result.ok()) {
      succeeded = true;
      break;
    }
    ++failures;
    CHECK(result.error().code == ErrorCode::storage);
    auto after = store::testing::dump(*store);
    REQUIRE(after.ok());
    CHECK(*after == before);
  }
  CHECK(succeeded);
  CHECK(failures > 40);  // the write has dozens of steps; each one was failed once
  // The successful run wrote everything.
  CHECK(store->young_person("yp-2").ok());
  CHECK(store->young_person("yp-1")->town == "Othertown Example");
  CHECK(store->contacts_of("yp-2")->size() == 2);
  CHECK(store->setting("last_screen")->value_or("") == "caseload");
  CHECK(*store::testing::dump(*store) != before);
}

TEST_CASE("store transactions: an error returned by the lambda, or a failed save it ignored, rolls back") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  const std::string before = *store::testing::dump(*store);

  auto refused = store->write(test_actor, test_now, [](store::Writer& w) -> Status {
    (void)w.save(sample_person("yp-3"));
    return Error{ErrorCode::forbidden, "The caller changed its mind"};
  });
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::forbidden);
  CHECK(*store::testing::dump(*store) == before);

  auto ignored = store->write(test_actor, test_now, [](store::Writer& w) {
    (void)w.save(sample_person("yp-3"));
    core::Contact bad = sample_contact("contact-3", "yp-3");
    bad.staff_id.clear();  // invalid: the save fails, and the lambda ignores it
    (void)w.save(bad);
    return ok_status();
  });
  REQUIRE_FALSE(ignored.ok());
  CHECK(ignored.error().field == "staff_id");
  CHECK(*store::testing::dump(*store) == before);

  // A real constraint inside SQLite: a contact for a person not on the device.
  auto orphan = store->write(test_actor, test_now, [](store::Writer& w) {
    (void)w.save(sample_person("yp-4"));
    return w.save(sample_contact("contact-4", "yp-nobody"));
  });
  REQUIRE_FALSE(orphan.ok());
  CHECK(orphan.error().code == ErrorCode::conflict);
  CHECK(*store::testing::dump(*store) == before);

  // Writes do not nest.
  auto nested = store->write(test_actor, test_now, [&](store::Writer&) {
    return store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_person("yp-5")); });
  });
  REQUIRE_FALSE(nested.ok());
  CHECK(nested.error().code == ErrorCode::internal);
  CHECK(*store::testing::dump(*store) == before);

  // And the store still takes a good write.
  CHECK(store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_person("yp-6")); }).ok());
  CHECK(store->young_person("yp-6").ok());
}

TEST_CASE("store transactions: versions stop lost updates") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  auto read_by_a = store->young_person("yp-1");
  auto read_by_b = store->young_person("yp-1");
  REQUIRE(read_by_a.ok());
  read_by_a->phone = "01632 960001";
  read_by_b->phone = "01632 960002";
  CHECK(store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(*read_by_a); }).ok());
  auto second = store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(*read_by_b); });
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == ErrorCode::conflict);
  CHECK(second.error().message.find("changed by someone else") != std::string::npos);
  CHECK(store->young_person("yp-1")->phone == "01632 960001");
  CHECK(store->young_person("yp-1")->version == 2);

  // A new record with an id that exists is refused, not merged.
  auto duplicate = store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_team()); });
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().message.find("already exists") != std::string::npos);
  // Contacts are never saved twice.
  auto again = store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_contact()); });
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message.find("never edited") != std::string::npos);
}

TEST_CASE("store transactions: a correction supersedes a contact of the same person only") {
  auto store = open_memory_store();
  REQUIRE(store);
  REQUIRE(save_one_of_everything(*store).ok());
  REQUIRE(store->write(test_actor, test_now, [](store::Writer& w) { return w.save(sample_person("yp-2")); }).ok());
  struct Case {
    const char* name;
    const char* person;
    const char* supersedes;
    bool ok;
    const char* field;
  };
  const Case cases[] = {
      {"correction of the same person's contact", "yp-1", "contact-1", true, ""},
      {"correction naming a contact that is not here", "yp-1", "contact-nowhere", false, "supersedes"},
      {"correction filed under another person", "yp-2", "contact-1", false, "supersedes"},
  };
  int n = 0;
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    core::Contact correction = sample_contact("correction-" + std::to_string(n++), c.person);
    correction.supersedes = c.supersedes;
    correction.correction_reason = "Wrong date typed";
    auto saved = store->write(test_actor, test_now, [&](store::Writer& w) { return w.save(correction); });
    CHECK(saved.ok() == c.ok);
    if (!saved.ok()) CHECK(saved.error().field == c.field);
  }
}
