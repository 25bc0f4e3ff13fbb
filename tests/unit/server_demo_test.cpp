// pathway-server --demo: the Example Council goes into an empty database once
// and never into one that already holds a council.
#include <doctest/doctest.h>

#include "server/demo_data.h"

using namespace pathway;

TEST_CASE("server demo: loads into an empty store only") {
  auto opened = store::Store::open({.path = ":memory:"});
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

  const auto again = server::load_demo_council_if_empty(database, now);
  REQUIRE(again.ok());
  CHECK_FALSE(*again);  // an existing council is left alone
  CHECK(database.all_staff()->size() == staff->size());
}
