// Formatting for the screens (see text_formats.h).
#include "app/screens/text_formats.h"

#include <cstdio>
#include <vector>

#include "core/text.h"

namespace pathway::app {

std::string short_date(Date date) {
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return std::to_string(date.day()) + " " + months[date.month() - 1] + " " + std::to_string(date.year());
}

std::string days_phrase(int days) { return core::count_phrase(days, "day"); }

std::string short_date(std::string_view iso) {
  if (std::optional<Instant> instant = Instant::parse(iso)) return short_date(uk_date_of(*instant));
  if (std::optional<Date> date = Date::parse(iso)) return short_date(*date);
  return std::string(iso);
}

std::string time_ago(Instant then, Instant now) {
  const int64_t minutes = (now.seconds - then.seconds) / 60;
  if (minutes < 1) return "just now";
  if (minutes < 60) return std::to_string(minutes) + " min ago";
  if (minutes < 24 * 60) return std::to_string(minutes / 60) + " h ago";
  return short_date(uk_date_of(then));
}

std::string grouped(int64_t count) {
  std::string digits = std::to_string(count < 0 ? -count : count);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<size_t>(at), ",");
  return count < 0 ? "-" + digits : digits;
}

namespace {

// The whole numbers of `typed` separated by any of `separators` (spaces
// around them allowed); nullopt when anything else is there.
std::optional<std::vector<int>> numbers_in(std::string_view typed, std::string_view separators) {
  std::vector<int> numbers;
  int digits = 0, value = 0;
  auto finish = [&]() {
    if (digits == 0) return false;
    numbers.push_back(value);
    digits = value = 0;
    return true;
  };
  while (!typed.empty() && typed.front() == ' ') typed.remove_prefix(1);
  while (!typed.empty() && typed.back() == ' ') typed.remove_suffix(1);
  for (char c : typed) {
    if (c >= '0' && c <= '9') {
      if (++digits > 4) return std::nullopt;
      value = value * 10 + (c - '0');
    } else if (separators.find(c) != std::string_view::npos) {
      if (!finish()) return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  if (!finish()) return std::nullopt;
  return numbers;
}

std::string two_digits(int n) {
  char out[4];
  std::snprintf(out, sizeof out, "%02d", n % 100);
  return out;
}

}  // namespace

std::string typed_date(Date date) {
  return two_digits(date.day()) + "/" + two_digits(date.month()) + "/" + std::to_string(date.year());
}

std::optional<Date> parse_typed_date(std::string_view typed) {
  if (auto iso = Date::parse(typed)) return iso;
  auto numbers = numbers_in(typed, "/-.");
  if (!numbers || numbers->size() != 3 || (*numbers)[2] < 1000) return std::nullopt;
  const int day = (*numbers)[0], month = (*numbers)[1], year = (*numbers)[2];
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  Date date = Date::from_ymd(year, month, day);
  if (date.day() != day) return std::nullopt;  // 31/11 rolled over: not a real day
  return date;
}

std::string typed_time(int minutes) { return two_digits(minutes / 60) + ":" + two_digits(minutes % 60); }

std::optional<int> parse_typed_time(std::string_view typed) {
  auto numbers = numbers_in(typed, ":.");
  if (!numbers || numbers->size() != 2) return std::nullopt;
  const int hours = (*numbers)[0], minutes = (*numbers)[1];
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

}  // namespace pathway::app
