// Which leaving care category a young person is in on a given day, and when
// the authority's duties end. The category is always derived from the care
// history facts in YoungPerson and the date, never typed in.
//
// Law followed: Children Act 1989 as amended by the Children (Leaving Care)
// Act 2000 (Sch 2 para 19B eligible; s23A relevant; s23C former relevant;
// s23CA and s24B former relevant pursuing education; s24 qualifying), the
// Care Leavers (England) Regulations 2010 reg 3 (relevant children: short
// breaks left out, detained on the 16th birthday, six months home with a
// parent), the Care Planning, Placement and Case Review (England) Regulations
// 2010 reg 40 (eligible: 13 weeks from 14, short breaks left out) and the
// Children and Social Work Act 2017 s3 (s23CZB: PA support to 25 on request).
// The readings made are noted in category.cpp.
#pragma once

#include <optional>

#include "core/date.h"
#include "core/model.h"

namespace pathway::core {

// Looked-after time that counts toward the 13-week test: 13 weeks = 91 days.
inline constexpr int thirteen_weeks_in_days = 13 * 7;
// The longest stay that is a short break (CPPCR 2010 reg 40(2), Care Leavers
// (England) Regulations 2010 reg 3: "none of which exceeds four weeks").
inline constexpr int short_break_limit_days = 4 * 7;

// The day the person reaches `years` (29 February births: 28 February in a
// common year, as Date::plus_years; the same in every rule).
Date birthday(const YoungPerson& person, int years);
int age_on(const YoungPerson& person, Date day);

// Days looked after, in total, from the 14th birthday up to and including
// `up_to`, leaving out pre-planned short breaks (V3 episodes of at most four
// weeks, V4 agreements) and anything from the 18th birthday (nobody is looked
// after as an adult).
int days_looked_after_since_14(const YoungPerson& person, Date up_to);

bool looked_after_on(const YoungPerson& person, Date day);

// The day the person stopped being looked after (SSDA903 DEC), if they were
// looked after before `today` and are not now (an open period ceases at 18).
std::optional<Date> date_ceased_looked_after(const YoungPerson& person, Date today);

// Whether the person is pursuing education or training on `day`: a dated
// fact told to the authority, or the EET activity recorded for that day.
bool in_education_or_training(const YoungPerson& person, Date day, std::optional<ActivityCode> activity_that_day);

// Whether the person met the eligible or relevant test by `day` (for an
// adult: by the end of their 17th year). Such people are former relevant
// from 18, and are the cohort of the 903 care leaver return.
bool eligible_or_relevant_by(const YoungPerson& person, Date day);

// The category on `today`. `activity_today` is the EET activity recorded for
// that day (activity_on() in histories.h), used for "in education or
// training"; leave it empty when unknown. Explain::no leaves the reason
// empty, for callers that categorise thousands of people (figures).
enum class Explain { no, yes };
CategoryResult categorise(const YoungPerson& person, Date today, std::optional<ActivityCode> activity_today = {},
                          Explain explain = Explain::yes);

// True for the categories owed a Personal Adviser and a pathway plan
// (qualifying young people get advice and assistance only: Kirklees 2.8).
bool needs_personal_adviser(Category category);
bool is_care_leaver(Category category);

}  // namespace pathway::core
