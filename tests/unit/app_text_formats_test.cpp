// The dates and times a PA types into the visit form (UK order), as a table:
// what is typed, and the day or minutes it means (or nothing: refused).
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "app/screens/text_formats.h"

using namespace pathway;
using namespace pathway::app;

TEST_CASE("typed dates: day/month/year as people write them, and nothing that is not a real day") {
  struct Case {
    const char* typed;
    std::optional<Date> expected;
  };
  const Case cases[] = {
      {"02/12/2026", Date::from_ymd(2026, 12, 2)},
      {"2/12/2026", Date::from_ymd(2026, 12, 2)},
      {" 2-12-2026 ", Date::from_ymd(2026, 12, 2)},
      {"2.12.2026", Date::from_ymd(2026, 12, 2)},
      {"2026-12-02", Date::from_ymd(2026, 12, 2)},  // ISO, as pasted from elsewhere
      {"29/02/2024", Date::from_ymd(2024, 2, 29)},  // leap year
      {"29/02/2026", std::nullopt},                 // not a leap year
      {"31/11/2026", std::nullopt},                 // November has 30 days
      {"12/13/2026", std::nullopt},                 // no 13th month (not US order)
      {"0/12/2026", std::nullopt},
      {"2/12/26", std::nullopt},                    // two-digit years are ambiguous
      {"2/12", std::nullopt},
      {"", std::nullopt},
      {"2//2026", std::nullopt},
      {"tomorrow", std::nullopt},
      {"02/12/20266", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.typed);
    CHECK(parse_typed_date(c.typed) == c.expected);
  }
  CHECK(typed_date(Date::from_ymd(2026, 3, 9)) == "09/03/2026");
  CHECK(parse_typed_date(typed_date(Date::from_ymd(2031, 1, 31))) == Date::from_ymd(2031, 1, 31));
}

TEST_CASE("typed times: hours and minutes on the 24-hour clock") {
  struct Case {
    const char* typed;
    std::optional<int> minutes;
  };
  const Case cases[] = {
      {"14:05", 14 * 60 + 5}, {"9:30", 9 * 60 + 30}, {"09.30", 9 * 60 + 30}, {"00:00", 0},
      {"23:59", 23 * 60 + 59}, {"24:00", std::nullopt}, {"12:60", std::nullopt}, {"1430", std::nullopt},
      {"", std::nullopt},     {"2pm", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.typed);
    CHECK(parse_typed_time(c.typed) == c.minutes);
  }
  CHECK(typed_time(9 * 60 + 5) == "09:05");
}

TEST_CASE("last sync in words: minutes, hours, then the day") {
  const Instant now = *Instant::parse("2026-07-01T12:00:00Z");
  struct Case {
    const char* then;
    const char* words;
  };
  const Case cases[] = {
      {"2026-07-01T12:00:00Z", "just now"},
      {"2026-07-01T11:59:01Z", "just now"},    // under a minute
      {"2026-07-01T12:05:00Z", "just now"},    // the future (a clock put back)
      {"2026-07-01T11:59:00Z", "1 min ago"},
      {"2026-07-01T11:58:00Z", "2 min ago"},
      {"2026-07-01T11:00:01Z", "59 min ago"},
      {"2026-07-01T11:00:00Z", "1 h ago"},
      {"2026-06-30T12:00:01Z", "23 h ago"},
      {"2026-06-30T12:00:00Z", "30 Jun 2026"},
      {"2026-06-30T23:30:00Z", "12 h ago"},
      {"2026-03-01T23:30:00Z", "1 Mar 2026"},  // a UK day (GMT in March)
      {"2026-06-01T23:30:00Z", "2 Jun 2026"},  // 00:30 BST is the next day in England
  };
  for (const Case& c : cases) {
    CAPTURE(c.then);
    CHECK(time_ago(*Instant::parse(c.then), now) == c.words);
  }
}

TEST_CASE("counts with thousands separated") {
  CHECK(grouped(0) == "0");
  CHECK(grouped(999) == "999");
  CHECK(grouped(1000) == "1,000");
  CHECK(grouped(10115) == "10,115");
  CHECK(grouped(1234567) == "1,234,567");
  CHECK(grouped(-1200) == "-1,200");
}
