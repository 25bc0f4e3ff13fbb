// Dates and counts as the screens write them: "12 Mar 2026", "3 days".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace pathway::app {

std::string short_date(Date date);          // "12 Mar 2026"
std::string days_phrase(int days);          // "1 day", "12 days"
// An ISO date or instant ("2026-03-12" or "2026-03-12T10:15:00Z") as a short
// date, an instant by its day in the UK; the text unchanged if it is neither.
std::string short_date(std::string_view iso);

// How long ago `then` was, as the status strip says it after "Last sync:":
// "just now" (under a minute), "2 min ago", "3 h ago", then the day
// ("12 Mar 2026"). A `then` in the future (a clock put back) is "just now".
std::string time_ago(Instant then, Instant now);
// A count with thousands separated: "1,234".
std::string grouped(int64_t count);

// Dates and times as a person types them in a form (UK order): "2/12/2026"
// or "02/12/2026" (also with '-' or '.'), and "14:05" or "9.30". The parse
// functions return nullopt for anything else, including a day that does not
// exist (31/11/2026) or a time past 23:59.
std::string typed_date(Date date);          // "02/12/2026"
std::optional<Date> parse_typed_date(std::string_view typed);
std::string typed_time(int minutes);        // minutes since midnight -> "09:30"
std::optional<int> parse_typed_time(std::string_view typed);  // -> minutes since midnight

}  // namespace pathway::app
