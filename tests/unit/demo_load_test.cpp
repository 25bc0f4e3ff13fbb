// Loading the demo council into a store: everything arrives (the figures
// read back from the store equal those computed on the generated records),
// a second load is refused and changes nothing, slices load the same as a
// whole council, and a device seed holds one PA's caseload with no outbox
// entries.
#include <doctest/doctest.h>

#include "core/figures.h"
#include "demo/council.h"
#include "demo/load.h"
#include "store/store.h"

using namespace pathway;
using namespace pathway::demo;

namespace {

std::unique_ptr<store::Store> memory_store() {
  auto opened = store::Store::open({":memory:", "", ""});
  REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().message));
  return std::move(*opened);
}

core::Figures year_to(const core::Caseworld& world, Date today) {
  return core::compute_figures(world, today.plus_years(-1).plus_days(1), today);
}

DemoOptions small_council() {
  DemoOptions options;
  options.young_people = 90;
  return options;
}

}  // namespace

TEST_CASE("demo load: a council loads in one write and reads back whole") {
  const Council council = generate_council(small_council());
  auto store = memory_store();
  const Status loaded = load_council(*store, council);
  REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().field + ": " + loaded.error().message));

  auto world = store->load_world();
  REQUIRE(world.ok());
  CHECK(world->teams.size() == council.teams.size());
  CHECK(world->staff.size() == council.staff.size());
  CHECK(world->duty_rota.size() == council.duty_rota.size());
  CHECK(world->people.size() == council.people.size());
  CHECK(world->contacts.size() == council.contacts.size());
  CHECK(world->plans.size() == council.plans.size());
  CHECK(world->activities.size() == council.activities.size());
  CHECK(world->accommodations.size() == council.accommodations.size());
  CHECK(world->risks.size() == council.risks.size());
  // What the dashboards show from the store is what was generated.
  CHECK(year_to(*world, council.today).all == year_to(council, council.today).all);

  // A second load of the same records conflicts and leaves the store as it was.
  CHECK_FALSE(load_council(*store, council).ok());
  auto again = store->load_world();
  REQUIRE(again.ok());
  CHECK(again->people.size() == council.people.size());
  CHECK(again->contacts.size() == council.contacts.size());
}

TEST_CASE("demo load: generating in slices loads the same council") {
  const DemoOptions options = small_council();
  auto whole = memory_store();
  REQUIRE(load_council(*whole, generate_council(options)).ok());
  auto sliced = memory_store();
  REQUIRE(load_generated(*sliced, options, 25).ok());

  auto a = whole->load_world();
  auto b = sliced->load_world();
  REQUIRE((a.ok() && b.ok()));
  CHECK(a->people.size() == b->people.size());
  CHECK(a->contacts.size() == b->contacts.size());
  CHECK(year_to(*a, options.today).all == year_to(*b, options.today).all);

  DemoOptions too_many = options;
  too_many.young_people = max_young_people + 1;
  const Status refused = load_generated(*sliced, too_many);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::invalid_input);
}

TEST_CASE("demo load: a device gets one PA's caseload, as pulled, with the PA's id") {
  const Instant now = *Instant::parse("2026-04-01T09:30:00Z");
  auto store = memory_store();
  const Status seeded = seed_device_caseload(*store, now);
  REQUIRE_MESSAGE(seeded.ok(), (seeded.ok() ? "" : seeded.error().field + ": " + seeded.error().message));

  auto pa = store->setting(demo_staff_setting);
  REQUIRE(pa.ok());
  REQUIRE(pa->has_value());
  auto caseload = store->caseload(**pa, uk_date_of(now));
  REQUIRE(caseload.ok());
  CHECK(caseload->size() >= 20);
  CHECK(caseload->size() <= 25);
  auto world = store->load_world();
  REQUIRE(world.ok());
  CHECK(world->people.size() == caseload->size());
  CHECK(world->contacts.size() > caseload->size() * 10);

  // Seeded as if pulled from the server: nothing waits to be pushed back.
  auto outbox = store->outbox_after(0, 10);
  REQUIRE(outbox.ok());
  CHECK(outbox->empty());
}
