// Deriving the leaving care category from the care history (see category.h
// for the law followed).
//
// Simplifications, each a deliberate reading of the law for a case-work app:
//  * "13 weeks" is 91 days counted inclusively (a period from the 14th
//    birthday to 90 days later is exactly 13 weeks). Overlapping periods
//    would be counted twice; validate() refuses them.
//  * Pre-planned short breaks (SSDA903 V3/V4) never count, for eligibility or
//    for qualifying (reg 3 also requires each break <= 4 weeks and a return
//    home: we trust the recorded legal status).
//  * "Looked after immediately before being detained" (reg 4) is read as: the
//    last period looked after ended before the 16th birthday, with 13 weeks
//    since 14 by then, and the PA recorded the detention on that birthday.
//  * A relevant child who returns home to a parent for 6 months stops being
//    relevant (reg 4(5)); that is not modelled here: the 903 code RHOM is
//    recorded by the PA instead.
//  * Former relevant in education or training at 18-20 stay "former relevant"
//    with support to 25; at 21-24 they are "former relevant pursuing
//    education" (s23CA). The end of the course is not modelled: support is
//    shown to the 25th birthday and ends when the education facts end.
//  * Qualifying young people in education or training are supported to 25
//    (s24B); otherwise to 21.
#include "core/category.h"

#include <algorithm>

#include "core/histories.h"

namespace pathway::core {
namespace {

bool counts_toward_13_weeks(LegalBasis basis) {
  return basis != LegalBasis::short_breaks_episodes && basis != LegalBasis::short_breaks_agreement;
}

Date last_day_as_child(const YoungPerson& person) { return birthday(person, 18).plus_days(-1); }

bool in_counting_care_on(const YoungPerson& person, Date day) {
  if (day > last_day_as_child(person)) return false;
  for (const CarePeriod& period : person.care_periods)
    if (counts_toward_13_weeks(period.basis) && covers(period.start, period.end, day)) return true;
  return false;
}

// The last day of the latest period that ended before `day` (an open period
// ends the day before the 18th birthday); `counting_only` leaves out short breaks.
std::optional<Date> left_care_before(const YoungPerson& person, Date day, bool counting_only) {
  const Date last_child_day = last_day_as_child(person);
  std::optional<Date> last;
  for (const CarePeriod& period : person.care_periods) {
    if (counting_only && !counts_toward_13_weeks(period.basis)) continue;
    const Date end = std::min(period.end.value_or(last_child_day), last_child_day);
    if (end < day && (!last || end > *last)) last = end;
  }
  return last;
}

enum class ChildStatus { none, looked_after_short_of_13_weeks, eligible, relevant, relevant_detained };

struct ChildTest {
  ChildStatus status = ChildStatus::none;
  int days = 0;                 // looked after since 14, as counted
  std::optional<Date> left_on;  // for relevant: last day looked after
};

// Eligible or relevant on `day` (the person being 16 or 17 on that day).
ChildTest child_status_on(const YoungPerson& person, Date day) {
  if (in_counting_care_on(person, day)) {
    const int days = days_looked_after_since_14(person, day);
    return {days >= thirteen_weeks_in_days ? ChildStatus::eligible : ChildStatus::looked_after_short_of_13_weeks, days};
  }
  const std::optional<Date> left = left_care_before(person, day, true);
  if (!left) return {};
  const int days = days_looked_after_since_14(person, *left);
  if (days < thirteen_weeks_in_days) return {ChildStatus::none, days, left};
  if (*left >= birthday(person, 16)) return {ChildStatus::relevant, days, left};
  if (person.detained_on_16th_birthday != DetainedOn16th::no) return {ChildStatus::relevant_detained, days, left};
  return {ChildStatus::none, days, left};
}

bool was_eligible_or_relevant(const ChildTest& test) {
  return test.status == ChildStatus::eligible || test.status == ChildStatus::relevant ||
         test.status == ChildStatus::relevant_detained;
}

// Why a person qualifies under s24 on `today`, or empty if they do not.
std::string qualifying_ground(const YoungPerson& person, Date today) {
  const QualifyingFacts& facts = person.qualifying;
  if (facts.special_guardianship_order_made && *facts.special_guardianship_order_made <= today &&
      facts.looked_after_before_sgo)
    return "under a special guardianship order made on " + facts.special_guardianship_order_made->iso() +
           " after being looked after (s24(1A))";
  const Date from16 = birthday(person, 16), last_child_day = last_day_as_child(person);
  const std::optional<Date> left = left_care_before(person, today, true);
  if (left && *left >= from16 && *left <= last_child_day && !in_counting_care_on(person, today))
    return "stopped being looked after on " + left->iso() + ", after turning 16 (s24(1B))";
  const std::optional<Date>& fostered = facts.privately_fostered_or_accommodated_until;
  if (fostered && *fostered >= from16 && *fostered <= last_child_day && *fostered < today)
    return "stopped being privately fostered or accommodated on " + fostered->iso() + ", after turning 16 (s24(2))";
  return {};
}

std::string weeks_text(int days) {
  std::string text = std::to_string(days / 7) + " weeks";
  if (days % 7 != 0) text.append(", ").append(std::to_string(days % 7)).append(" days");
  return text;
}

}  // namespace

Date birthday(const YoungPerson& person, int years) { return person.date_of_birth.plus_years(years); }

int age_on(const YoungPerson& person, Date day) { return whole_years_between(person.date_of_birth, day); }

int days_looked_after_since_14(const YoungPerson& person, Date up_to) {
  const Date from14 = birthday(person, 14);
  const Date until = std::min(up_to, last_day_as_child(person));
  int total = 0;
  for (const CarePeriod& period : person.care_periods) {
    if (!counts_toward_13_weeks(period.basis)) continue;
    const Date start = std::max(period.start, from14);
    const Date end = std::min(period.end.value_or(until), until);
    if (end >= start) total += days_between(start, end) + 1;
  }
  return total;
}

bool looked_after_on(const YoungPerson& person, Date day) {
  if (day > last_day_as_child(person)) return false;
  return std::any_of(person.care_periods.begin(), person.care_periods.end(),
                     [&](const CarePeriod& p) { return covers(p.start, p.end, day); });
}

std::optional<Date> date_ceased_looked_after(const YoungPerson& person, Date today) {
  if (looked_after_on(person, today)) return std::nullopt;
  return left_care_before(person, today, false);
}

bool in_education_or_training(const YoungPerson& person, Date day, std::optional<ActivityCode> activity_that_day) {
  if (activity_that_day && is_education_or_training(*activity_that_day)) return true;
  return std::any_of(person.education_or_training.begin(), person.education_or_training.end(),
                     [&](const DateRange& r) { return covers(r.start, r.end, day); });
}

bool eligible_or_relevant_by(const YoungPerson& person, Date day) {
  if (day < birthday(person, 16)) return false;
  return was_eligible_or_relevant(child_status_on(person, std::min(day, last_day_as_child(person))));
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
    switch (test.status) {
      case ChildStatus::eligible:
        return decide(Category::eligible, former_relevant_end, [&]() -> std::string {
          return "Eligible: aged " + std::to_string(age) + ", looked after " + weeks_text(test.days) +
                 " since 14 and still looked after (Sch 2 para 19B)." + to_text;
        });
      case ChildStatus::relevant:
        return decide(Category::relevant, former_relevant_end, [&]() -> std::string {
          return "Relevant: aged " + std::to_string(age) + ", looked after " + weeks_text(test.days) +
                 " since 14, left care on " + test.left_on->iso() + " after turning 16 (s23A)." + to_text;
        });
      case ChildStatus::relevant_detained:
        return decide(Category::relevant, former_relevant_end, [&]() -> std::string {
          return std::string("Relevant: in ") +
                 (person.detained_on_16th_birthday == DetainedOn16th::custody ? "custody" : "hospital") +
                 " on their 16th birthday, looked after " + weeks_text(test.days) +
                 " since 14 immediately before (s23A, Care Leavers (England) Regulations 2010 reg 4)." + to_text;
        });
      case ChildStatus::looked_after_short_of_13_weeks:
        return decide(Category::not_a_care_leaver, std::nullopt, [&]() -> std::string {
          return "Looked after, but only " + weeks_text(test.days) +
                 " since 14: eligible once 13 weeks are reached (Sch 2 para 19B).";
        });
      case ChildStatus::none:
        break;
    }
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
      return decide(Category::not_a_care_leaver, at21, [&]() -> std::string {
        return "Former relevant: duties ended at 21 (s23C). They may ask for PA support, or for help to return to "
               "education or training, up to 25 (s23CZB, s23CA).";
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
  return decide(Category::not_a_care_leaver, std::nullopt, [&]() -> std::string {
    return "No care history that meets the leaving care tests (13 weeks looked after since 14, or left care after 16).";
  });
}

}  // namespace pathway::core
