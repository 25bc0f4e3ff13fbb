// "What can I get?": a care leaver answers a few questions in the guide and
// sees what applies to them, each with the guide page that explains it. The
// answers stay on the device and are never stored: this module is given them
// and today's date, and returns a list.
//
// The leaving care category comes from core's own rules (category.h), by
// describing the answers as a care history: so the guide and the PA's
// caseload never disagree about who is owed what. The rest follows the law
// named beside each entitlement in entitlements.cpp.
#pragma once

#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/model.h"

namespace pathway::core {

enum class CareAnswer { in_care_now, left_care, never_in_care };
enum class TimeInCareAnswer { thirteen_weeks_or_more, less_than_thirteen_weeks, not_sure };
enum class ActivityAnswer { nothing_yet, school_or_college, university, apprenticeship_or_training, working };
enum class HomeAnswer { foster_carers, supported_lodgings, own_tenancy, family_or_friends, nowhere_safe };

struct Circumstances {
  int age = 18;                   // 16 to 25
  CareAnswer care = CareAnswer::left_care;
  int age_left_care = 18;         // when care = left_care
  TimeInCareAnswer time_in_care = TimeInCareAnswer::thirteen_weeks_or_more;  // after the 14th birthday
  ActivityAnswer activity = ActivityAnswer::nothing_yet;
  HomeAnswer home = HomeAnswer::family_or_friends;
  bool came_alone_seeking_asylum = false;
};

struct Entitlement {
  std::string_view id;     // stable, for tests: "he_bursary"
  std::string_view title;  // plain words: "£2,000 to help you at university"
  std::string_view topic;  // the guide page that explains it
};

// The care history the answers describe, on `today` (a made-up birth date
// of the right age; nothing here is a real person).
YoungPerson person_from_answers(const Circumstances& answers, Date today);

// What applies, most important first (money and housing lead: care leavers
// said they matter most). The category the rules gave is in `category`.
struct WhatYouCanGet {
  Category category = Category::not_a_care_leaver;
  std::vector<Entitlement> entitlements;
};
WhatYouCanGet what_you_can_get(const Circumstances& answers, Date today);

}  // namespace pathway::core
