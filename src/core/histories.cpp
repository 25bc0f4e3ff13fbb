// Looking up dated histories: the spell in force on a day, and risk reviews.
#include "core/histories.h"

namespace pathway::core {

bool is_eet(ActivityCode code) {
  switch (code) {
    case ActivityCode::neet_illness_disability:
    case ActivityCode::neet_other:
    case ActivityCode::neet_pregnancy_parenting:
      return false;
    default:
      return true;
  }
}

bool is_education_or_training(ActivityCode code) {
  switch (code) {
    case ActivityCode::higher_education_full_time:
    case ActivityCode::higher_education_part_time:
    case ActivityCode::other_education_full_time:
    case ActivityCode::other_education_part_time:
    case ActivityCode::training_full_time:
    case ActivityCode::training_part_time:
      return true;
    default:
      return false;
  }
}

namespace {

template <class Spell>
const Spell* spell_on(std::span<const Spell> history, Date day) {
  const Spell* found = nullptr;
  for (const Spell& spell : history) keep_latest_on(found, spell, day);
  return found;
}

}  // namespace

const ActivitySpell* activity_on(std::span<const ActivitySpell> history, Date day) { return spell_on(history, day); }

const AccommodationSpell* accommodation_on(std::span<const AccommodationSpell> history, Date day) {
  return spell_on(history, day);
}

void keep_latest_on(const RiskAssessment*& kept, const RiskAssessment& assessment, Date day) {
  if (assessment.assessed_on <= day && (!kept || assessment.assessed_on > kept->assessed_on)) kept = &assessment;
}

const RiskAssessment* current_risk(std::span<const RiskAssessment> assessments, Date day) {
  const RiskAssessment* found = nullptr;
  for (const RiskAssessment& a : assessments) keep_latest_on(found, a, day);
  return found;
}

bool risk_review_overdue(const RiskAssessment& assessment, Date today) { return today > assessment.review_due; }

}  // namespace pathway::core
