// Formatting for the screens (see text_formats.h).
#include "app/screens/text_formats.h"

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

}  // namespace pathway::app
