// Calendar dates and instants, with no clock: "today" is always passed in, so
// every rule can be tested for any day. Dates are proleptic Gregorian days
// since 1970-01-01; instants are UTC seconds since the epoch.
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
  Date utc_date() const;

  auto operator<=>(const Instant&) const = default;
};

}  // namespace pathway
