// Dates and UK civil time: every date the service shows or counts is a day in
// England (Europe/London), whatever the device's time zone. Source for the
// clock changes: Summer Time Act 1972 s1 as amended by the Summer Time Order
// 2002 (SI 2002/262): BST from 01:00 GMT on the last Sunday in March to 01:00
// GMT on the last Sunday in October.
#include <doctest/doctest.h>

#include "core/date.h"
#include "core_fixtures.h"

namespace pathway {
namespace {

using core::testing::d;

Instant utc(const char* iso) {
  const std::optional<Instant> at = Instant::parse(iso);
  REQUIRE_MESSAGE(at.has_value(), "bad instant literal ", iso);
  return *at;
}

TEST_CASE("core: UK time of an instant, around midnight and both clock changes") {
  struct Row { const char* utc; const char* uk_date; int hour; int minute; int offset; const char* why; };
  const Row rows[] = {
      {"2026-01-15T23:59:00Z", "2026-01-15", 23, 59, 0, "winter: GMT, the UTC date"},
      {"2026-01-16T00:00:00Z", "2026-01-16", 0, 0, 0, "winter midnight"},
      {"2026-07-01T23:30:00Z", "2026-07-02", 0, 30, 3600, "a visit at 00:30 in summer is the next day"},
      {"2026-07-01T22:59:59Z", "2026-07-01", 23, 59, 3600, "summer, one second before midnight BST"},
      {"2026-07-01T23:00:00Z", "2026-07-02", 0, 0, 3600, "summer midnight BST is 23:00 UTC"},
      // Spring: Sunday 29 March 2026, 01:00 GMT becomes 02:00 BST.
      {"2026-03-29T00:59:59Z", "2026-03-29", 0, 59, 0, "last second of GMT in spring"},
      {"2026-03-29T01:00:00Z", "2026-03-29", 2, 0, 3600, "clocks go forward at 01:00 UTC"},
      {"2026-03-28T23:30:00Z", "2026-03-28", 23, 30, 0, "the night before the spring change"},
      // Autumn: Sunday 25 October 2026, 02:00 BST becomes 01:00 GMT.
      {"2026-10-25T00:59:59Z", "2026-10-25", 1, 59, 3600, "last second of BST"},
      {"2026-10-25T01:00:00Z", "2026-10-25", 1, 0, 0, "clocks go back at 01:00 UTC: 01:00 again"},
      {"2026-10-24T23:30:00Z", "2026-10-25", 0, 30, 3600, "the autumn change night, after midnight BST"},
      // The rule is a rule of dates, not a fixed table: other years.
      {"2027-03-28T01:00:00Z", "2027-03-28", 2, 0, 3600, "2027: last Sunday of March is the 28th"},
      {"2027-10-31T00:30:00Z", "2027-10-31", 1, 30, 3600, "2027: last Sunday of October is the 31st"},
      {"2027-10-31T01:30:00Z", "2027-10-31", 1, 30, 0, "2027: the second 01:30"},
      {"2024-03-31T00:59:00Z", "2024-03-31", 0, 59, 0, "2024, a leap year: change on the 31st"},
      {"2000-01-01T00:00:00Z", "2000-01-01", 0, 0, 0, "Y2K"},
      {"1969-12-31T23:30:00Z", "1969-12-31", 23, 30, 0, "before the epoch (winter)"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.why);
    const UkTime time = uk_time_of(utc(row.utc));
    CHECK(time.date.iso() == row.uk_date);
    CHECK(time.hour == row.hour);
    CHECK(time.minute == row.minute);
    CHECK(uk_date_of(utc(row.utc)) == time.date);
    CHECK(uk_utc_offset_seconds(utc(row.utc)) == row.offset);
  }
}

TEST_CASE("core: the instant a UK wall-clock time names") {
  struct Row { const char* date; int hour; int minute; const char* utc; const char* why; };  // utc nullptr: no such time
  const Row rows[] = {
      {"2026-01-15", 10, 0, "2026-01-15T10:00:00Z", "winter: UTC"},
      {"2026-07-01", 10, 0, "2026-07-01T09:00:00Z", "summer: an hour behind"},
      {"2026-07-02", 0, 30, "2026-07-01T23:30:00Z", "summer after midnight: the day before in UTC"},
      {"2026-03-29", 0, 59, "2026-03-29T00:59:00Z", "spring change day, before the change"},
      {"2026-03-29", 1, 0, nullptr, "01:00 to 01:59 never happen on the spring change day"},
      {"2026-03-29", 1, 59, nullptr, "still in the gap"},
      {"2026-03-29", 2, 0, "2026-03-29T01:00:00Z", "02:00 BST is the first time after the gap"},
      {"2026-10-25", 1, 30, "2026-10-25T00:30:00Z", "the autumn 01:30 that happens twice: the first, BST"},
      {"2026-10-25", 2, 0, "2026-10-25T02:00:00Z", "after the change: GMT"},
      {"2026-10-25", 0, 0, "2026-10-24T23:00:00Z", "midnight before the autumn change is still BST"},
      {"2026-01-15", 24, 0, nullptr, "hour out of range"},
      {"2026-01-15", 10, 60, nullptr, "minute out of range"},
      {"2026-01-15", -1, 0, nullptr, "negative hour"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.why);
    const std::optional<Instant> at = uk_instant_of(d(row.date), row.hour, row.minute);
    if (!row.utc) {
      CHECK_FALSE(at.has_value());
      continue;
    }
    REQUIRE(at.has_value());
    CHECK(at->iso() == row.utc);
    // Back again: the same wall-clock time.
    CHECK(uk_time_of(*at) == UkTime{d(row.date), row.hour, row.minute});
  }
}

TEST_CASE("core: every UK day starts at its own midnight, 23, 24 or 25 hours long") {
  struct Row { const char* date; int hours; };
  const Row rows[] = {{"2026-03-29", 23}, {"2026-10-25", 25}, {"2026-07-01", 24}, {"2026-01-15", 24}};
  for (const Row& row : rows) {
    CAPTURE(row.date);
    const Instant start = uk_start_of_day(d(row.date));
    CHECK(uk_time_of(start) == UkTime{d(row.date), 0, 0});
    CHECK(uk_start_of_day(d(row.date).plus_days(1)).seconds - start.seconds == row.hours * 3600);
  }
}

}  // namespace
}  // namespace pathway
