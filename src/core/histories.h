// Dated histories: EET activity, accommodation and risk assessments. Each
// history answers "what was true on this day?" for any past date, which is
// what the statutory figures and the 903 return ask.
#pragma once

#include <optional>
#include <span>

#include "core/date.h"
#include "core/model.h"

namespace pathway::core {

// DfE SSDA903 guidance: F/P codes are in education, training or employment;
// G codes are not (NEET).
bool is_eet(ActivityCode code);
// Education or training (F1/P1, F2/P2, F4/P4): what keeps support going to
// 25 (s23C(7), s23CA, s24B Children Act 1989).
bool is_education_or_training(ActivityCode code);

// Whether a spell running from `start` to `end` (inclusive; none = continuing)
// covers `day`.
inline bool covers(Date start, const std::optional<Date>& end, Date day) {
  return start <= day && (!end || day <= *end);
}

// The rules behind activity_on, accommodation_on and current_risk, one
// record at a time, for callers that scan many people's records at once
// (figures): `kept` becomes `record` if it is a better answer for `day`.
template <class Spell>
void keep_latest_on(const Spell*& kept, const Spell& spell, Date day) {
  if (covers(spell.start, spell.end, day) && (!kept || spell.start > kept->start)) kept = &spell;
}
void keep_latest_on(const RiskAssessment*& kept, const RiskAssessment& assessment, Date day);

// The spell covering `day`; if spells overlap, the one that started last
// (the newest information). nullptr when nothing is recorded for that day.
// The spans hold one young person's history, in any order.
const ActivitySpell* activity_on(std::span<const ActivitySpell> history, Date day);
const AccommodationSpell* accommodation_on(std::span<const AccommodationSpell> history, Date day);

// A new spell starting on `new_start` replaces the one running then: the
// spell that covers `new_start` comes back ended the day before, to be saved
// with the new one. Nullopt when no spell covers that day. A spell that
// itself starts on or after `new_start` cannot end before it: the caller
// must refuse the new start date (starts_after_current() says so).
template <class Spell>
std::optional<Spell> ended_for_new_spell(std::span<const Spell> history, Date new_start) {
  const Spell* current = nullptr;
  for (const Spell& spell : history) keep_latest_on(current, spell, new_start);
  if (!current || current->start >= new_start) return std::nullopt;
  Spell ended = *current;
  ended.end = new_start.plus_days(-1);
  return ended;
}
// Whether a new spell from `new_start` starts after the newest spell running
// on that day (a spell that began that very day, or later, is not replaced).
template <class Spell>
bool starts_after_current(std::span<const Spell> history, Date new_start) {
  for (const Spell& spell : history)
    if (covers(spell.start, spell.end, new_start) && spell.start >= new_start) return false;
  return true;
}

// The latest assessment made on or before `day`; nullptr if none.
const RiskAssessment* current_risk(std::span<const RiskAssessment> assessments, Date day);
bool risk_review_overdue(const RiskAssessment& assessment, Date today);

}  // namespace pathway::core
