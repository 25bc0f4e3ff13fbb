// Dates and counts as the screens write them: "12 Mar 2026", "3 days".
#pragma once

#include <string>
#include <string_view>

#include "core/date.h"

namespace pathway::app {

std::string short_date(Date date);          // "12 Mar 2026"
std::string days_phrase(int days);          // "1 day", "12 days"
// An ISO date or instant ("2026-03-12" or "2026-03-12T10:15:00Z") as a short
// date, an instant by its day in the UK; the text unchanged if it is neither.
std::string short_date(std::string_view iso);

}  // namespace pathway::app
