// Deriving the leaving care category from the care history (see category.h
// for the law followed).
//
// Readings of the law, each deliberate for a case-work app:
//  * Periods looked after are dated as SSDA903 does (model.h CarePeriod): the
//    ceased day (DEC) is not looked after. "13 weeks" is 91 days looked after
//    (a period starting 90 days before the 16th birthday and still open is
//    exactly 13 weeks on that birthday). Nobody is looked after from 18.
//  * Short breaks (Care Planning, Placement and Case Review (England)
//    Regulations 2010 reg 40(2) for eligible children, Care Leavers (England)
//    Regulations 2010 reg 3 for relevant ones) leave out of the 13 weeks a
//    pre-planned series of short placements, none over four weeks, after each
//    of which the child went home to a parent. An SSDA903 V3 episode is one
//    such placement: one over four weeks was not a short break and counts
//    (validate() flags it). V4 records the agreement, not the stays: left out
//    as agreed. The qualifying test (s24(1B)) has no such exclusion.
//  * Detained on the 16th birthday (reg 3): the 13 weeks must have run up to
//    the day the detention began (the period ceased that day or later) and the
//    last period was not under a care order (a care order continues in
//    custody: the child is still looked after, so eligible).
//  * Home with a parent (reg 3): six continuous months living, while not
//    looked after, with a parent or a person with parental responsibility
//    stop a child being relevant while it lasts; when it breaks down they are
//    relevant again. Read for adults through s23C(1)(a) ("would be one if he
//    were under eighteen"): not former relevant while it lasts.
//  * Former relevant in education or training at 18-20 stay "former relevant"
//    with support to 25; at 21-24 they are "former relevant pursuing
//    education" (s23CA). The end of the course is not modelled: support is
//    shown to the 25th birthday and ends when the education facts end.
//  * Former relevant at 21-24 otherwise: they may ask for a PA to 25
//    (s23CZB); those who have asked (case status) are owed one.
//  * Qualifying young people in education or training are supported to 25
//    (s24B); otherwise to 21.
#include "core/category.h"

#include <algorithm>

#include "core/histories.h"
#include "core/text.h"

namespace pathway::core {
namespace {

Date turned_18(const YoungPerson& person) { return birthday(person, 18); }

// Care ends at 18 whatever the record says: the ceased day, capped there.
Date ceased_by_18(const YoungPerson& person, const CarePeriod& period) {
  return std::min(period.ceased.value_or(turned_18(person)), turned_18(person));
}

// Whether a period counts toward the 13 weeks, judged on `day` (an open V3
// episode that has run past four weeks by then was not a short break).
bool counts_toward_13_weeks(const YoungPerson& person, const CarePeriod& period, Date day) {
  switch (period.basis) {
    case LegalBasis::short_breaks_agreement:
      return false;
    case LegalBasis::short_breaks_episodes:
      return days_between(period.start, std::min(ceased_by_18(person, period), day.plus_days(1))) >
             short_break_limit_days;
    default:
      return true;
  }
}

bool in_counting_care_on(const YoungPerson& person, Date day) {
  if (day >= turned_18(person)) return false;
  return std::any_of(person.care_periods.begin(), person.care_periods.end(), [&](const CarePeriod& period) {
    return period.looked_after_on(day) && counts_toward_13_weeks(person, period, day);
  });
}

// The latest period that had ceased by `day` (open periods cease at 18);
// `counting_only` leaves out short breaks.
const CarePeriod* last_ceased_by(const YoungPerson& person, Date day, bool counting_only) {
  const CarePeriod* last = nullptr;
  for (const CarePeriod& period : person.care_periods) {
    if (counting_only && !counts_toward_13_weeks(person, period, day)) continue;
    const Date ceased = ceased_by_18(person, period);
    if (ceased <= day && (!last || ceased > ceased_by_18(person, *last))) last = &period;
  }
  return last;
}

bool home_with_parent_six_months(const YoungPerson& person, Date day) {
  return std::any_of(person.lived_with_parent.begin(), person.lived_with_parent.end(), [&](const DateRange& r) {
    return covers(r.start, r.end, day) && r.start.plus_months(6) <= day;
  });
}

enum class ChildStatus { none, looked_after_short_of_13_weeks, eligible, relevant, relevant_detained };

struct ChildTest {
  ChildStatus status = ChildStatus::none;
  int days = 0;                   // looked after since 14, as counted
  std::optional<Date> ceased_on;  // for relevant: the day they stopped being looked after
  bool home_with_parent = false;  // relevant, but not while six months home with a parent (reg 3)
};

bool detained_immediately_after_care(const YoungPerson& person, const CarePeriod& last) {
  return person.detained_on_16th_birthday != DetainedOn16th::no && person.detention_began &&
         *person.detention_began <= birthday(person, 16) && ceased_by_18(person, last) >= *person.detention_began &&
         last.basis != LegalBasis::care_order && last.basis != LegalBasis::interim_care_order;
}

// Eligible or relevant on `day` (the person being 16 or 17 on that day).
ChildTest child_status_on(const YoungPerson& person, Date day) {
  if (in_counting_care_on(person, day)) {
    const int days = days_looked_after_since_14(person, day);
    return {days >= thirteen_weeks_in_days ? ChildStatus::eligible : ChildStatus::looked_after_short_of_13_weeks, days};
  }
  const CarePeriod* last = last_ceased_by(person, day, true);
  if (!last) return {};
  const Date ceased = ceased_by_18(person, *last);
  const int days = days_looked_after_since_14(person, ceased.plus_days(-1));
  ChildTest test{ChildStatus::none, days, ceased, home_with_parent_six_months(person, day)};
  if (days < thirteen_weeks_in_days) return test;
  if (ceased > birthday(person, 16)) test.status = ChildStatus::relevant;
  else if (detained_immediately_after_care(person, *last)) test.status = ChildStatus::relevant_detained;
  return test;
}

bool relevant_status(ChildStatus status) {
  return status == ChildStatus::relevant || status == ChildStatus::relevant_detained;
}

bool in_force_on(const QualifyingFacts& facts, Date day) {
  return facts.special_guardianship_order_made && *facts.special_guardianship_order_made <= day &&
         (!facts.special_guardianship_order_ended || day < *facts.special_guardianship_order_ended);
}

// Why a person qualifies under s24 on `today`, or empty if they do not.
std::string qualifying_ground(const YoungPerson& person, Date today) {
  const QualifyingFacts& facts = person.qualifying;
  if (in_force_on(facts, std::min(today, turned_18(person)))) {
    const Date made = *facts.special_guardianship_order_made;
    const bool looked_after_before =
        facts.looked_after_before_sgo ||
        std::any_of(person.care_periods.begin(), person.care_periods.end(),
                    [&](const CarePeriod& p) { return p.ceased && *p.ceased == made; });
    if (looked_after_before)
      return "under a special guardianship order made on " + made.iso() +
             (today >= turned_18(person) ? " and in force at 18" : "") + ", after being looked after (s24(1A))";
  }
  const Date from16 = birthday(person, 16);
  const CarePeriod* last = last_ceased_by(person, today, false);
  if (last && ceased_by_18(person, *last) > from16 && !looked_after_on(person, today))
    return "stopped being looked after on " + ceased_by_18(person, *last).iso() + ", after turning 16 (s24(1B))";
  const std::optional<Date>& fostered = facts.privately_fostered_or_accommodated_until;
  if (fostered && *fostered >= from16 && *fostered < turned_18(person) && *fostered < today)
    return "stopped being privately fostered or accommodated on " + fostered->iso() + ", after turning 16 (s24(2))";
  return {};
}

std::string weeks_text(int days) {
  std::string text = count_phrase(days / 7, "week");
  if (days % 7 != 0) text.append(", ").append(count_phrase(days % 7, "day"));
  return text;
}

}  // namespace

Date birthday(const YoungPerson& person, int years) { return person.date_of_birth.plus_years(years); }

int age_on(const YoungPerson& person, Date day) { return whole_years_between(person.date_of_birth, day); }

int days_looked_after_since_14(const YoungPerson& person, Date up_to) {
  const Date from14 = birthday(person, 14);
  const Date until = std::min(up_to.plus_days(1), turned_18(person));  // first day not counted
  int total = 0;
  for (const CarePeriod& period : person.care_periods) {
    if (!counts_toward_13_weeks(person, period, up_to)) continue;
    const Date start = std::max(period.start, from14);
    const Date ceased = std::min(period.ceased.value_or(until), until);
    if (ceased > start) total += days_between(start, ceased);
  }
  return total;
}

bool looked_after_on(const YoungPerson& person, Date day) {
  if (day >= turned_18(person)) return false;
  return std::any_of(person.care_periods.begin(), person.care_periods.end(),
                     [&](const CarePeriod& p) { return p.looked_after_on(day); });
}

std::optional<Date> date_ceased_looked_after(const YoungPerson& person, Date today) {
  if (looked_after_on(person, today)) return std::nullopt;
  const CarePeriod* last = last_ceased_by(person, today, false);
  if (!last) return std::nullopt;
  return ceased_by_18(person, *last);
}

bool in_education_or_training(const YoungPerson& person, Date day, std::optional<ActivityCode> activity_that_day) {
  if (activity_that_day && is_education_or_training(*activity_that_day)) return true;
  return std::any_of(person.education_or_training.begin(), person.education_or_training.end(),
                     [&](const DateRange& r) { return covers(r.start, r.end, day); });
}

bool eligible_or_relevant_by(const YoungPerson& person, Date day) {
  if (day < birthday(person, 16)) return false;
  const ChildTest test = child_status_on(person, std::min(day, turned_18(person).plus_days(-1)));
  if (test.status == ChildStatus::eligible) return true;  // s23C(1)(b) for adults
  // s23C(1)(a): has been a relevant child, and would be one if under 18.
  return relevant_status(test.status) && !home_with_parent_six_months(person, day);
}

bool needs_personal_adviser(Category category) {
  return category == Category::eligible || category == Category::relevant || category == Category::former_relevant ||
         category == Category::former_relevant_in_education;
}

bool is_care_leaver(Category category) { return category != Category::not_a_care_leaver; }

CategoryResult categorise(const YoungPerson& person, Date today, std::optional<ActivityCode> activity_today,
                          Explain explain) {
  // The reason is only written when asked for: figures categorise thousands of people.
  const auto decide = [explain](Category category, std::optional<Date> ends, auto&& reason) {
    return CategoryResult{category, ends, explain == Explain::yes ? reason() : std::string()};
  };
  if (person.date_of_death && *person.date_of_death <= today)
    return decide(Category::not_a_care_leaver, std::nullopt,
                  [&]() -> std::string { return "Died on " + person.date_of_death->iso() + "."; });

  const int age = age_on(person, today);
  if (age < 16)
    return decide(Category::not_a_care_leaver, std::nullopt,
                  [&]() -> std::string { return "Under 16: leaving care duties start at 16."; });

  const bool education = in_education_or_training(person, today, activity_today);
  const bool asked_for_support = person.case_status == CaseStatus::open_support_to_25;
  const Date at21 = birthday(person, 21), at25 = birthday(person, 25);
  // Former relevant support (and the end shown to a child who will become former relevant).
  const Date former_relevant_end = education || asked_for_support ? at25 : at21;
  const char* to_text = former_relevant_end == at25
                            ? (education ? " Supported to 25 while in education or training (s23C(7), s23CA)."
                                         : " Supported to 25 on request (s23CZB).")
                            : " Supported to 21 (s23C).";

  if (age <= 17) {
    const ChildTest test = child_status_on(person, today);
    const bool relevant = relevant_status(test.status) && !test.home_with_parent;
    if (test.status == ChildStatus::eligible)
      return decide(Category::eligible, former_relevant_end, [&]() -> std::string {
        return "Eligible: aged " + std::to_string(age) + ", looked after " + weeks_text(test.days) +
               " since 14 and still looked after (Children Act 1989 Sch 2 para 19B)." + to_text;
      });
    if (relevant && test.status == ChildStatus::relevant)
      return decide(Category::relevant, former_relevant_end, [&]() -> std::string {
        return "Relevant: aged " + std::to_string(age) + ", looked after " + weeks_text(test.days) +
               " since 14, stopped being looked after on " + test.ceased_on->iso() + ", after turning 16 (s23A)." +
               to_text;
      });
    if (relevant)
      return decide(Category::relevant, former_relevant_end, [&]() -> std::string {
        return std::string("Relevant: in ") +
               (person.detained_on_16th_birthday == DetainedOn16th::custody ? "custody" : "hospital") +
               " on their 16th birthday, looked after " + weeks_text(test.days) +
               " since 14 up to the detention (s23A, Care Leavers (England) Regulations 2010 reg 3)." + to_text;
      });
    if (test.status == ChildStatus::looked_after_short_of_13_weeks)
      return decide(Category::not_a_care_leaver, std::nullopt, [&]() -> std::string {
        return "Looked after, but only " + weeks_text(test.days) +
               " since 14: eligible once 13 weeks are reached (Sch 2 para 19B).";
      });
    if (const std::string ground = test.home_with_parent ? qualifying_ground(person, today) : std::string();
        !ground.empty())
      return decide(Category::qualifying, education ? at25 : at21, [&]() -> std::string {
        return "Qualifying, not relevant: living with a parent for six months or more, so not a relevant child "
               "while that lasts; relevant again if it breaks down (Care Leavers (England) Regulations 2010 reg 3). "
               "Meanwhile " + ground + ".";
      });
  } else if (eligible_or_relevant_by(person, today)) {
    if (age <= 20)
      return decide(Category::former_relevant, former_relevant_end, [&]() -> std::string {
        return "Former relevant: aged " + std::to_string(age) + ", was eligible or relevant at 17 (s23C)." + to_text;
      });
    if (age <= 24 && education)
      return decide(Category::former_relevant_in_education, at25, [&]() -> std::string {
        return "Former relevant pursuing education or training: aged " + std::to_string(age) +
               ", supported to 25 (s23CA).";
      });
    if (age <= 24 && asked_for_support)
      return decide(Category::former_relevant, at25, [&]() -> std::string {
        return "Former relevant: aged " + std::to_string(age) + ", asked for PA support to 25 (s23CZB).";
      });
    if (age <= 24)
      return decide(Category::former_relevant_may_ask, at25, [&]() -> std::string {
        return "Former relevant: aged " + std::to_string(age) + ", duties under s23C ended at 21. They may ask for "
               "a PA, an assessment and a pathway plan until " + at25.iso() +
               " (s23CZB), or for help to return to education or training (s23CA).";
      });
    return decide(Category::not_a_care_leaver, at25,
                  [&]() -> std::string { return "Aged 25 or over: leaving care duties end at 25."; });
  }

  const std::string ground = age <= 24 ? qualifying_ground(person, today) : std::string();
  if (!ground.empty()) {
    if (age <= 20)
      return decide(Category::qualifying, education ? at25 : at21, [&]() -> std::string {
        return "Qualifying: aged " + std::to_string(age) + ", " + ground +
               (education ? ". Advice and assistance to 25 while in education or training (s24B)."
                          : ". Advice and assistance to 21 (s24A).");
      });
    if (education)
      return decide(Category::qualifying, at25, [&]() -> std::string {
        return "Qualifying: aged " + std::to_string(age) + ", " + ground +
               ". Help with education or training to 25 (s24B).";
      });
    return decide(Category::not_a_care_leaver, at21, [&]() -> std::string {
      return "Was qualifying: advice and assistance ended at 21 (s24A); help with education or training is available "
             "to 25 (s24B).";
    });
  }
  if (age >= 25)
    return decide(Category::not_a_care_leaver, std::nullopt,
                  [&]() -> std::string { return "Aged 25 or over: leaving care duties end at 25."; });
  if (person.detained_on_16th_birthday != DetainedOn16th::no && !person.detention_began)
    return decide(Category::not_a_care_leaver, std::nullopt, [&]() -> std::string {
      return "Detained on their 16th birthday: record the date the detention began to decide whether they are a "
             "relevant child (Care Leavers (England) Regulations 2010 reg 3).";
    });
  return decide(Category::not_a_care_leaver, std::nullopt, [&]() -> std::string {
    return "No care history that meets the leaving care tests (13 weeks looked after since 14, or left care after 16).";
  });
}

}  // namespace pathway::core
