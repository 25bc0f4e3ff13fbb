// Field validation for every record, called by the store before each write
// and by sync before applying a change from another device. Each validate()
// returns the first problem as an Error with the field at fault and a
// message a person can act on; the limits are all named here, in one place.
//
// Text must be valid UTF-8 without control characters (newlines only in
// multi-line fields); lengths count characters. Dates must be plausible
// (1900-2200), and facts about the past may not be dated after `today`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/model.h"
#include "core/result.h"

namespace pathway::core {

namespace limits {
inline constexpr size_t id = 64;             // UUIDs are 36; room for prefixed ids
inline constexpr size_t name = 100;
inline constexpr size_t phone = 30;
inline constexpr size_t email = 254;         // RFC 5321 path limit
inline constexpr size_t address_line = 100;
inline constexpr size_t postcode = 8;        // "SW1A 1AA"
inline constexpr size_t language = 50;
inline constexpr size_t short_text = 500;    // who was present, objective fields, reasons, details
inline constexpr size_t long_text = 20000;   // notes, the young person's words and views, summaries

inline constexpr size_t languages = 10;
inline constexpr size_t care_periods = 100;
inline constexpr size_t education_ranges = 50;
inline constexpr size_t parent_home_ranges = 50;
inline constexpr size_t follow_ups = 50;
inline constexpr size_t objectives_per_section = 50;
inline constexpr size_t risk_factors = 20;

// Ages at which a young person's record may be open: records are opened
// before 16 to plan for leaving care, and support ends at 25.
inline constexpr int youngest_on_record = 13;
inline constexpr int oldest_open_case = 25;
inline constexpr int earliest_year = 1900;
inline constexpr int latest_year = 2200;
}  // namespace limits

Status validate(const YoungPerson& person, Date today);
Status validate(const Contact& contact, Date today);
Status validate(const PathwayPlan& plan, Date today);
Status validate(const ActivitySpell& spell, Date today);
Status validate(const AccommodationSpell& spell, Date today);
Status validate(const RiskAssessment& assessment, Date today);
Status validate(const Staff& staff, Date today);
Status validate(const Team& team, Date today);
Status validate(const DutyManagerEntry& entry, Date today);

// Problems in a care history to show on the record for a person to check,
// not to refuse: councils import histories from their case systems, and a
// record saved as it came is better than one lost at the door.
struct Warning {
  std::string field;
  std::string message;
};
// A short break (SSDA903 V3 episode) over four weeks: it counts toward the
// 13 weeks (category.cpp), so its legal status is probably wrong.
std::vector<Warning> care_history_warnings(const YoungPerson& person, Date today);

// Ids: 1-64 characters of letters, digits, '-' and '_' (UUIDs and demo ids).
bool is_valid_id(std::string_view id);

}  // namespace pathway::core
