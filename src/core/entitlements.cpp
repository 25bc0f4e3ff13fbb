// "What can I get?" rules (see entitlements.h). Each entitlement names its
// source. Amounts are not here: the guide's pages carry them from the
// council file, so a council changes one file.
#include "core/entitlements.h"

#include <algorithm>

#include "core/category.h"

namespace pathway::core {
namespace {

constexpr int days_in_care_when_short = 30;  // "less than 13 weeks": a short period, well under 91 days

std::optional<ActivityCode> activity_code(ActivityAnswer answer) {
  switch (answer) {
    case ActivityAnswer::school_or_college: return ActivityCode::other_education_full_time;
    case ActivityAnswer::university: return ActivityCode::higher_education_full_time;
    case ActivityAnswer::apprenticeship_or_training: return ActivityCode::training_full_time;
    case ActivityAnswer::working: return ActivityCode::employment_full_time;
    case ActivityAnswer::nothing_yet: return ActivityCode::neet_other;
  }
  return std::nullopt;
}

bool in_education(ActivityAnswer answer) {
  return answer == ActivityAnswer::school_or_college || answer == ActivityAnswer::university ||
         answer == ActivityAnswer::apprenticeship_or_training;
}

}  // namespace

YoungPerson person_from_answers(const Circumstances& answers, Date today) {
  YoungPerson person;
  // Half a year past the birthday: the age answered holds on `today`.
  person.date_of_birth = today.plus_years(-answers.age).plus_days(-182);
  if (answers.care == CareAnswer::never_in_care) return person;
  // Nobody is looked after as an adult: "in care" at 18 or over means left at 18.
  bool still_in_care = answers.care == CareAnswer::in_care_now && answers.age < 18;
  int left_at = answers.care == CareAnswer::left_care ? std::clamp(answers.age_left_care, 14, std::min(answers.age, 18)) : 18;
  Date last_day = still_in_care ? today : birthday(person, left_at).plus_days(-1);
  if (answers.care == CareAnswer::left_care && left_at < 18) last_day = birthday(person, left_at).plus_days(182);
  if (last_day > today) last_day = today;
  bool short_time = answers.time_in_care == TimeInCareAnswer::less_than_thirteen_weeks;
  Date first_day = short_time ? last_day.plus_days(-days_in_care_when_short) : birthday(person, 14);
  // Ceased the day after the last day looked after (SSDA903 DEC).
  CarePeriod period{first_day, still_in_care ? std::optional<Date>{} : std::optional<Date>{last_day.plus_days(1)}};
  person.care_periods.push_back(period);
  if (in_education(answers.activity)) person.education_or_training.push_back(DateRange{today, std::nullopt});
  return person;
}

WhatYouCanGet what_you_can_get(const Circumstances& answers, Date today) {
  YoungPerson person = person_from_answers(answers, today);
  CategoryResult category = categorise(person, today, activity_code(answers.activity), Explain::no);
  WhatYouCanGet result{category.category, {}};
  auto add = [&](std::string_view id, std::string_view title, std::string_view topic) {
    result.entitlements.push_back({id, title, topic});
  };
  const int age = answers.age;
  const bool pa = needs_personal_adviser(category.category);
  // Was eligible or relevant by 18: former relevant, even when duties have ended at 21.
  const bool former_relevant_history = age >= 18 && eligible_or_relevant_by(person, today);
  const bool care_leaver = pa || category.category == Category::qualifying || former_relevant_history;
  const bool with_foster_carers = answers.home == HomeAnswer::foster_carers;

  // Money first.
  // HE bursary: Children Act 1989 s23C(5A), Children Act 1989 (Higher Education Bursary) (England) Regulations 2009.
  if ((pa || former_relevant_history) && answers.activity == ActivityAnswer::university && age < 25)
    add("he_bursary", "A higher education bursary for university", "money");
  // 16 to 19 Bursary Fund: care leavers are in its vulnerable group (ESFA 16 to 19 Bursary Fund guide).
  if (care_leaver && age <= 18 && answers.activity == ActivityAnswer::school_or_college)
    add("bursary_16_19", "A 16 to 19 Bursary for school or college", "education");
  // Care leaver apprenticeship bursary (ESFA apprenticeship funding rules), aged 16 to 24.
  if (care_leaver && age <= 24 && answers.activity == ActivityAnswer::apprenticeship_or_training)
    add("apprentice_bursary", "A bursary for apprentices who were in care", "work");
  // Council tax discount: Local Government Finance Act 1992 s13A(1)(c), the council's local offer (CSWA 2017 s2).
  if ((pa || former_relevant_history) && age >= 18 && age < 25)
    add("council_tax", "No council tax to pay until you are 25", "money");
  // Setting-up-home allowance: s23C(4) and s24A(5) assistance, DfE guidance.
  if ((pa || former_relevant_history) && age < 25 && answers.care != CareAnswer::in_care_now)
    add("setting_up_home", "Money to set up your first home", "money");
  // Help with benefits and a leaving care grant are advice owed to every care leaver (s23C, s24A).
  if (care_leaver && age >= 16) add("benefits", "Help to claim benefits", "money");

  // Housing.
  // Staying Put: Children Act 1989 s23CZA (Children and Families Act 2014 s98), to 21.
  if (with_foster_carers && age < 21 && (category.category == Category::eligible || category.category == Category::former_relevant))
    add("staying_put", "Staying Put: stay with your foster carers after 18", "housing");
  // Priority need if homeless: Homelessness (Priority Need for Accommodation) (England) Order 2002 arts 3-5.
  if (answers.home == HomeAnswer::nowhere_safe && care_leaver)
    add("priority_need", age <= 20 ? "Priority help from the council if you are homeless"
                                   : "Help from the council if you are homeless",
        "housing");
  if (care_leaver && !with_foster_carers && answers.home != HomeAnswer::own_tenancy && age < 25)
    add("housing_options", "Help to find a safe place to live", "housing");

  // People and plans.
  // PA and pathway plan: s23A-s23C, s23CZB (to 25 on request), Care Leavers (England) Regulations 2010.
  if (pa) add("personal_adviser", "A Personal Adviser (PA) and a pathway plan", "your-pa");
  else if (former_relevant_history && age < 25)
    add("personal_adviser_on_request", "A Personal Adviser again, if you ask, up to 25", "your-pa");
  // Education and training help: s23C(4)(b), s23CA, s24B.
  if (care_leaver && in_education(answers.activity) && age < 25)
    add("education_help", "Help with the costs of learning", "education");
  // Work: the council's offer of a work placement or apprenticeship (local offer, CSWA 2017 s2).
  if (care_leaver && answers.activity == ActivityAnswer::nothing_yet)
    add("work_offer", "A work placement or apprenticeship", "work");
  // Health: health histories (Derby report recommendation; Care Leavers (England) Regulations 2010 Sch 1).
  if (care_leaver) add("health_history", "Your health history", "health");
  // Asylum: Children Act 1989 s20/s23C duties apply in full; immigration legal aid.
  if (answers.came_alone_seeking_asylum && care_leaver)
    add("asylum_support", "Help with your immigration case", "asylum");
  // Advocacy and complaints: Children Act 1989 s26, s26A.
  if (care_leaver) add("advocacy", "An advocate, and the right to complain", "rights");
  return result;
}

}  // namespace pathway::core
