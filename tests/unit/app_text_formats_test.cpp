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
