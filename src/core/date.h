// Calendar dates and instants, with no clock: "today" is always passed in, so
// every rule can be tested for any day. Dates are proleptic Gregorian days
// since 1970-01-01; instants are UTC seconds since the epoch. Every date the
// service uses is a day in UK civil time (Europe/London): an instant becomes
// a date only through uk_date_of, never by dividing UTC seconds.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pathway {

struct Date {
  int32_t days = 0;  // since 1970-01-01

  static Date from_ymd(int year, int month, int day);
  // Strict ISO 8601 "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
  static std::optional<Date> parse(std::string_view iso);

  int year() const;
  int month() const;  // 1-12
  int day() const;    // 1-31
  std::string iso() const;

  Date plus_days(int n) const { return Date{days + n}; }
  // Same day n months later; the 31st becomes the last day of a shorter month.
  Date plus_months(int n) const;
  // The same calendar day n years later; 29 February becomes 28 February
  // (a birthday falls on 1 March in law only where statute says so; we use
  // the common UK practice of 28 Feb, documented where it matters).
  Date plus_years(int n) const { return plus_months(12 * n); }
  int weekday() const;  // 0 = Monday ... 6 = Sunday

  auto operator<=>(const Date&) const = default;
};

int days_between(Date from, Date to);           // to - from
// Completed years: the age on `to` if `from` is a birth date. Agrees with
// plus_years, so a 29 February birthday counts on 28 February in common years.
int whole_years_between(Date from, Date to);

struct Instant {
  int64_t seconds = 0;  // UTC, since 1970-01-01T00:00:00Z

  // "YYYY-MM-DDTHH:MM:SSZ" (UTC, as stored and synced); nullopt otherwise.
  static std::optional<Instant> parse(std::string_view iso);
  std::string iso() const;

  auto operator<=>(const Instant&) const = default;
};

// UK civil time. British Summer Time (UTC+1) runs from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October; GMT (UTC+0) the
// rest of the year (Summer Time Act 1972 s1, as amended by the Summer Time
// Order 2002, SI 2002/262). The rule is applied to every year: instants the
// service records (contacts, plans) all fall after it took this form in 1996.
int uk_utc_offset_seconds(Instant at);  // 0 or 3600
bool is_british_summer_time(Instant at);

struct UkTime {
  Date date;
  int hour = 0;    // 0-23
  int minute = 0;  // 0-59
  auto operator<=>(const UkTime&) const = default;
};
UkTime uk_time_of(Instant at);
Date uk_date_of(Instant at);  // the day it is in England at that instant

// The instant a UK wall-clock time names. On the March change 01:00-01:59
// does not exist (clocks go from 01:00 to 02:00): nullopt. On the October
// change 01:00-01:59 happens twice: the first (BST) one, as a PA writing up
// "half past one" that night most likely means the earlier.
std::optional<Instant> uk_instant_of(Date date, int hour, int minute);
// 00:00 in the UK on that day (midnight always exists: the clocks change at 01:00 UTC).
Instant uk_start_of_day(Date date);

}  // namespace pathway
