// Civil-date arithmetic (Howard Hinnant's days_from_civil algorithm) and
// strict ISO 8601 parsing for dates and UTC instants, and UK civil time.
#include "core/date.h"

#include <cstdio>

namespace pathway {
namespace {

int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Civil { int year; int month; int day; };

Civil civil_from_days(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe) + era * 400 + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

constexpr int64_t seconds_per_day = 86400;

int64_t floor_div(int64_t value, int64_t by) { return value >= 0 ? value / by : (value - by + 1) / by; }

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : lengths[m - 1];
}

// Reads exactly `width` ASCII digits at text[at]; -1 if any is not a digit.
int read_digits(std::string_view text, size_t at, size_t width) {
  int value = 0;
  for (size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

Date Date::from_ymd(int year, int month, int day) {
  return Date{days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day))};
}

std::optional<Date> Date::parse(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  const int y = read_digits(iso, 0, 4), m = read_digits(iso, 5, 2), d = read_digits(iso, 8, 2);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return from_ymd(y, m, d);
}

int Date::year() const { return civil_from_days(days).year; }
int Date::month() const { return civil_from_days(days).month; }
int Date::day() const { return civil_from_days(days).day; }

std::string Date::iso() const {
  const Civil c = civil_from_days(days);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", c.year, c.month, c.day);
  return text;
}

Date Date::plus_months(int n) const {
  const Civil c = civil_from_days(days);
  const int months = c.year * 12 + (c.month - 1) + n;
  const int y = months / 12 - (months < 0 && months % 12 != 0);
  const int m = months - y * 12 + 1;
  const int d = c.day < days_in_month(y, m) ? c.day : days_in_month(y, m);
  return from_ymd(y, m, d);
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const int w = (days + 3) % 7;
  return w < 0 ? w + 7 : w;
}

int days_between(Date from, Date to) { return to.days - from.days; }

int whole_years_between(Date from, Date to) {
  // Counted with plus_years so that age and birthdays agree: someone born on
  // 29 February turns a year older on 28 February in a common year.
  int years = to.year() - from.year();
  if (from.plus_years(years) > to) --years;
  return years;
}

std::optional<Instant> Instant::parse(std::string_view iso) {
  if (iso.size() != 20 || iso[10] != 'T' || iso[13] != ':' || iso[16] != ':' || iso[19] != 'Z') return std::nullopt;
  const auto date = Date::parse(iso.substr(0, 10));
  const int h = read_digits(iso, 11, 2), mi = read_digits(iso, 14, 2), s = read_digits(iso, 17, 2);
  if (!date || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return std::nullopt;
  return Instant{int64_t{date->days} * seconds_per_day + h * 3600 + mi * 60 + s};
}

std::string Instant::iso() const {
  const int64_t day = floor_div(seconds, seconds_per_day);
  const int64_t rest = seconds - day * seconds_per_day;
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ", Date{static_cast<int32_t>(day)}.iso().c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
  return text;
}

namespace {

Date last_sunday_of(int year, int month) {
  const Date last = Date::from_ymd(year, month, 1).plus_months(1).plus_days(-1);
  return last.plus_days(-((last.weekday() + 1) % 7));  // weekday(): Sunday = 6
}

// The clocks change at 01:00 UTC on both days.
int64_t change_at(Date sunday) { return int64_t{sunday.days} * seconds_per_day + 3600; }

}  // namespace

bool is_british_summer_time(Instant at) {
  const int year = Date{static_cast<int32_t>(floor_div(at.seconds, seconds_per_day))}.year();
  return at.seconds >= change_at(last_sunday_of(year, 3)) && at.seconds < change_at(last_sunday_of(year, 10));
}

int uk_utc_offset_seconds(Instant at) { return is_british_summer_time(at) ? 3600 : 0; }

UkTime uk_time_of(Instant at) {
  const int64_t local = at.seconds + uk_utc_offset_seconds(at);
  const int64_t day = floor_div(local, seconds_per_day);
  const int64_t second_of_day = local - day * seconds_per_day;
  return UkTime{Date{static_cast<int32_t>(day)}, static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60)};
}

Date uk_date_of(Instant at) { return uk_time_of(at).date; }

std::optional<Instant> uk_instant_of(Date date, int hour, int minute) {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return std::nullopt;
  const int64_t wall = int64_t{date.days} * seconds_per_day + hour * 3600 + minute * 60;
  // Try BST first (the earlier instant when the wall time happens twice); a
  // reading is right when converting back gives the same wall time.
  for (const int offset : {3600, 0}) {
    const Instant candidate{wall - offset};
    if (uk_utc_offset_seconds(candidate) == offset) return candidate;
  }
  return std::nullopt;
}

Instant uk_start_of_day(Date date) { return *uk_instant_of(date, 0, 0); }

}  // namespace pathway
