// Leaving care categories: one row per boundary, with the rule it tests.
// Most rows use a young person born 2004-06-15, so: 14th birthday
// 2018-06-15, 16th 2020-06-15, 18th 2022-06-15, 21st 2025-06-15, 25th
// 2029-06-15. "13 weeks" is 91 days looked after. Periods are dated as
// SSDA903 does: looked_after(start, ceased), the ceased day (DEC) being the
// first day no longer looked after.
#include <doctest/doctest.h>

#include <functional>
#include <vector>

#include "core/category.h"
#include "core/validate.h"
#include "core_fixtures.h"

using namespace pathway;
using namespace pathway::core;
using namespace pathway::core::testing;

namespace {

struct CategoryCase {
  const char* name;
  std::vector<CarePeriod> periods;
  const char* today;
  Category expected;
  const char* support_ends;  // nullptr: none
  // Optional facts; most rows leave them at their defaults.
  DetainedOn16th detained = DetainedOn16th::no;
  CaseStatus status = CaseStatus::open;
  const char* education_from = nullptr;   // open range of "pursuing education"
  std::optional<ActivityCode> activity = std::nullopt;
  const char* dob = "2004-06-15";
  QualifyingFacts qualifying = {};
  const char* died = nullptr;
};

const std::vector<CategoryCase>& category_cases() {
  using LB = LegalBasis;
  static const std::vector<CategoryCase> cases = {
      // Sch 2 para 19B CA 1989: eligible = 16-17, 13 weeks since 14, still looked after.
      {"13 weeks exactly (2020-03-17..2020-06-15 = 91 days), still looked after: eligible",
       {looked_after("2020-03-17", nullptr)}, "2020-06-15", Category::eligible, "2025-06-15"},
      {"one day short of 13 weeks (90 days): not yet a care leaver",
       {looked_after("2020-03-18", nullptr)}, "2020-06-15", Category::not_a_care_leaver, nullptr},
      {"the next day the 13 weeks are met: eligible",
       {looked_after("2020-03-18", nullptr)}, "2020-06-16", Category::eligible, "2025-06-15"},
      {"13 weeks before 16 then looked after again: eligible (weeks add up, para 19B 'in total')",
       {looked_after("2018-03-17", "2018-09-14"), looked_after("2020-07-01", nullptr)}, "2020-07-01",
       Category::eligible, "2025-06-15"},
      {"time before the 14th birthday does not count (91 days before + 1 day after 14)",
       {looked_after("2018-03-16", "2018-06-16"), looked_after("2020-07-01", "2020-07-21")}, "2020-08-01",
       Category::qualifying, "2025-06-15"},
      {"under 16, however long looked after: not yet a care leaver",
       {looked_after("2015-01-01", nullptr)}, "2020-06-14", Category::not_a_care_leaver, nullptr},
      // s23A CA 1989: relevant = 16-17, met the test, left care after 16.
      {"left care after 16 having met the test: relevant",
       {looked_after("2019-01-01", "2020-10-01")}, "2021-01-01", Category::relevant, "2025-06-15"},
      {"left care on the 16th birthday: relevant (looked after at 16)",
       {looked_after("2019-01-01", "2020-06-16")}, "2021-01-01", Category::relevant, "2025-06-15"},
      {"left care the day before the 16th birthday: not a care leaver (did not end after 16)",
       {looked_after("2019-01-01", "2020-06-15")}, "2021-01-01", Category::not_a_care_leaver, nullptr},
      // Detained on the 16th birthday (s23A(3), Care Leavers (England) Regulations 2010 reg 3):
      // the rows with the detention's start are in "the 2010 Regulations' rules" below.
      {"same history as a detained child, not detained on 16th birthday: not a care leaver",
       {looked_after("2019-01-01", "2020-05-02")}, "2020-08-01", Category::not_a_care_leaver, nullptr},
      // Short breaks (CPPCR 2010 reg 40(2), Care Leavers (England) Regulations 2010 reg 3).
      {"respite (V4 agreement) for 18 months then s20 for 60 days: not yet 13 weeks",
       {looked_after("2018-07-01", "2020-01-02", LB::short_breaks_agreement),
        looked_after("2020-09-01", nullptr, LB::accommodated_s20)},
       "2020-10-30", Category::not_a_care_leaver, nullptr},
      {"a 'short break' (V3) of two years is not a short break: it counts, so relevant (and flagged)",
       {looked_after("2019-01-01", "2021-01-01", LB::short_breaks_episodes)}, "2021-03-01", Category::relevant,
       "2025-06-15"},
      {"s20 accommodation counts like a care order: eligible",
       {looked_after("2020-01-01", nullptr, LB::accommodated_s20)}, "2020-07-01", Category::eligible, "2025-06-15"},
      // s23C CA 1989: former relevant from 18, supported to 21.
      {"eligible the day before the 18th birthday",
       {looked_after("2019-01-01", nullptr)}, "2022-06-14", Category::eligible, "2025-06-15"},
      {"18th birthday, still recorded as looked after: former relevant (care ends at 18)",
       {looked_after("2019-01-01", nullptr)}, "2022-06-15", Category::former_relevant, "2025-06-15"},
      {"18th birthday after leaving care at 17: former relevant",
       {looked_after("2019-01-01", "2022-01-01")}, "2022-06-15", Category::former_relevant, "2025-06-15"},
      {"day before the 21st birthday: former relevant",
       {looked_after("2019-01-01", "2022-06-15")}, "2025-06-14", Category::former_relevant, "2025-06-15"},
      // s23CZB (Children and Social Work Act 2017 s3): at 21-24 a former relevant child may ask for a PA.
      {"21st birthday, not in education, not asking: former relevant, may ask for support until 25",
       {looked_after("2019-01-01", "2022-06-15")}, "2025-06-15", Category::former_relevant_may_ask, "2029-06-15"},
      {"aged 24, not asking: still may ask until 25",
       {looked_after("2019-01-01", "2022-06-15")}, "2029-06-14", Category::former_relevant_may_ask, "2029-06-15"},
      {"25th birthday, not asking: duties end at 25",
       {looked_after("2019-01-01", "2022-06-15")}, "2029-06-15", Category::not_a_care_leaver, "2029-06-15"},
      // s23C(7), s23CA, s24B: education or training to 25.
      {"aged 19 in education: former relevant, supported to 25",
       {looked_after("2019-01-01", "2022-06-15")}, "2024-01-01", Category::former_relevant, "2029-06-15",
       DetainedOn16th::no, CaseStatus::open, "2023-09-01"},
      {"21st birthday in education (told the authority): former relevant pursuing education",
       {looked_after("2019-01-01", "2022-06-15")}, "2025-06-15", Category::former_relevant_in_education,
       "2029-06-15", DetainedOn16th::no, CaseStatus::open, "2024-09-01"},
      {"21st birthday, EET activity F1 (higher education): pursuing education",
       {looked_after("2019-01-01", "2022-06-15")}, "2025-06-15", Category::former_relevant_in_education,
       "2029-06-15", DetainedOn16th::no, CaseStatus::open, nullptr, ActivityCode::higher_education_full_time},
      {"21st birthday, EET activity P4 (part-time training): pursuing education",
       {looked_after("2019-01-01", "2022-06-15")}, "2025-06-15", Category::former_relevant_in_education,
       "2029-06-15", DetainedOn16th::no, CaseStatus::open, nullptr, ActivityCode::training_part_time},
      {"21st birthday, employed (F5) is not education: may ask for support (s23CZB)",
       {looked_after("2019-01-01", "2022-06-15")}, "2025-06-15", Category::former_relevant_may_ask, "2029-06-15",
       DetainedOn16th::no, CaseStatus::open, nullptr, ActivityCode::employment_full_time},
      {"day before the 25th birthday in education: still supported",
       {looked_after("2019-01-01", "2022-06-15")}, "2029-06-14", Category::former_relevant_in_education,
       "2029-06-15", DetainedOn16th::no, CaseStatus::open, "2024-09-01"},
      {"25th birthday in education: duties end at 25",
       {looked_after("2019-01-01", "2022-06-15")}, "2029-06-15", Category::not_a_care_leaver, "2029-06-15",
       DetainedOn16th::no, CaseStatus::open, "2024-09-01"},
      // s23CZB (Children and Social Work Act 2017 s3): PA support to 25 on request.
      {"aged 21 and asked for PA support: former relevant to 25",
       {looked_after("2019-01-01", "2022-06-15")}, "2026-01-01", Category::former_relevant, "2029-06-15",
       DetainedOn16th::no, CaseStatus::open_support_to_25},
      {"aged 20 and asked for support to 25: support end moves to 25",
       {looked_after("2019-01-01", "2022-06-15")}, "2025-01-01", Category::former_relevant, "2029-06-15",
       DetainedOn16th::no, CaseStatus::open_support_to_25},
      // s24 CA 1989: qualifying.
      {"looked after 32 days after 16: qualifying to 21 (s24(1B))",
       {looked_after("2021-01-01", "2021-02-02")}, "2021-06-01", Category::qualifying, "2025-06-15"},
      {"the same on the day before 21",
       {looked_after("2021-01-01", "2021-02-02")}, "2025-06-14", Category::qualifying, "2025-06-15"},
      {"the same on the 21st birthday: advice and assistance ended",
       {looked_after("2021-01-01", "2021-02-02")}, "2025-06-15", Category::not_a_care_leaver, "2025-06-15"},
      {"the same on the 21st birthday in education: qualifying to 25 (s24B)",
       {looked_after("2021-01-01", "2021-02-02")}, "2025-06-15", Category::qualifying, "2029-06-15",
       DetainedOn16th::no, CaseStatus::open, "2025-01-01"},
      {"still in care short of 13 weeks at 18: qualifying (care ended at 18)",
       {looked_after("2022-05-01", nullptr)}, "2022-07-01", Category::qualifying, "2025-06-15"},
      {"special guardianship order after being looked after: qualifying (s24(1A))",
       {looked_after("2019-01-01", "2019-05-01")}, "2021-01-01", Category::qualifying, "2025-06-15",
       DetainedOn16th::no, CaseStatus::open, nullptr, std::nullopt, "2004-06-15",
       QualifyingFacts{.special_guardianship_order_made = Date::from_ymd(2019, 5, 1), .looked_after_before_sgo = true}},
      {"special guardianship order without being looked after before: not a care leaver",
       {}, "2021-01-01", Category::not_a_care_leaver, nullptr, DetainedOn16th::no, CaseStatus::open, nullptr,
       std::nullopt, "2004-06-15", QualifyingFacts{.special_guardianship_order_made = Date::from_ymd(2019, 5, 1)}},
      {"privately fostered until after 16: qualifying (s24(2))",
       {}, "2021-06-01", Category::qualifying, "2025-06-15", DetainedOn16th::no, CaseStatus::open, nullptr,
       std::nullopt, "2004-06-15", QualifyingFacts{.privately_fostered_or_accommodated_until = Date::from_ymd(2021, 3, 1)}},
      {"privately fostered, ended before 16: not a care leaver",
       {}, "2021-06-01", Category::not_a_care_leaver, nullptr, DetainedOn16th::no, CaseStatus::open, nullptr,
       std::nullopt, "2004-06-15", QualifyingFacts{.privately_fostered_or_accommodated_until = Date::from_ymd(2020, 6, 14)}},
      {"no care history at all",
       {}, "2021-06-01", Category::not_a_care_leaver, nullptr},
      {"died: not a care leaver from that day",
       {looked_after("2019-01-01", "2022-06-15")}, "2023-03-01", Category::not_a_care_leaver, nullptr,
       DetainedOn16th::no, CaseStatus::open, nullptr, std::nullopt, "2004-06-15", {}, "2023-02-01"},
      // 29 February births: birthdays fall on 28 February in common years (date.h convention).
      {"29 Feb 2004: 16th birthday is 2020-02-29 (leap year); eligible that day",
       {looked_after("2019-01-01", nullptr)}, "2020-02-29", Category::eligible, "2025-02-28",
       DetainedOn16th::no, CaseStatus::open, nullptr, std::nullopt, "2004-02-29"},
      {"29 Feb 2004: day before 18th birthday (2022-02-27) still eligible",
       {looked_after("2019-01-01", nullptr)}, "2022-02-27", Category::eligible, "2025-02-28",
       DetainedOn16th::no, CaseStatus::open, nullptr, std::nullopt, "2004-02-29"},
      {"29 Feb 2004: 18th birthday on 2022-02-28: former relevant",
       {looked_after("2019-01-01", nullptr)}, "2022-02-28", Category::former_relevant, "2025-02-28",
       DetainedOn16th::no, CaseStatus::open, nullptr, std::nullopt, "2004-02-29"},
      {"29 Feb 2004: 21st birthday on 2025-02-28: may ask for support until the 25th (2029-02-28)",
       {looked_after("2019-01-01", "2021-01-02")}, "2025-02-28", Category::former_relevant_may_ask, "2029-02-28",
       DetainedOn16th::no, CaseStatus::open, nullptr, std::nullopt, "2004-02-29"},
  };
  return cases;
}

}  // namespace

TEST_CASE("core: categorise, rule table") {
  for (const CategoryCase& row : category_cases()) {
    CAPTURE(row.name);
    YoungPerson p = person(row.dob);
    p.care_periods = row.periods;
    p.detained_on_16th_birthday = row.detained;
    p.case_status = row.status;
    p.qualifying = row.qualifying;
    p.date_of_death = maybe(row.died);
    if (row.education_from) p.education_or_training.push_back(DateRange{d(row.education_from), std::nullopt});
    const CategoryResult result = categorise(p, d(row.today), row.activity);
    CHECK(code_of(result.category) == code_of(row.expected));
    CHECK(result.support_ends == maybe(row.support_ends));
    CHECK_FALSE(result.reason.empty());
  }
}

TEST_CASE("core: birthdays and ages agree, including 29 February") {
  const YoungPerson leap = person("2004-02-29");
  CHECK(birthday(leap, 16) == d("2020-02-29"));
  CHECK(birthday(leap, 18) == d("2022-02-28"));
  CHECK(age_on(leap, d("2022-02-27")) == 17);
  CHECK(age_on(leap, d("2022-02-28")) == 18);
  CHECK(age_on(leap, d("2024-02-28")) == 19);  // leap year: the birthday is the 29th
  CHECK(age_on(leap, d("2024-02-29")) == 20);
  const YoungPerson june = person("2004-06-15");
  CHECK(age_on(june, d("2022-06-14")) == 17);
  CHECK(age_on(june, d("2022-06-15")) == 18);
}

TEST_CASE("core: days looked after since 14") {
  YoungPerson p = person("2004-06-15");
  // Starts before 14: counts from 2018-06-15. A short break is left out.
  p.care_periods = {looked_after("2018-01-01", "2018-06-25"),
                    looked_after("2019-01-01", "2019-01-15", LegalBasis::short_breaks_episodes),
                    looked_after("2021-01-01", nullptr)};
  CHECK(days_looked_after_since_14(p, d("2018-06-24")) == 10);  // 15th to 24th June; ceased the 25th
  CHECK(days_looked_after_since_14(p, d("2021-01-10")) == 20);
  // Nothing from the 18th birthday counts, even from an open period.
  CHECK(days_looked_after_since_14(p, d("2030-01-01")) == 10 + days_between(d("2021-01-01"), d("2022-06-15")));
  CHECK(looked_after_on(p, d("2022-06-14")));
  CHECK_FALSE(looked_after_on(p, d("2022-06-15")));
  CHECK(looked_after_on(p, d("2018-06-24")));
  CHECK_FALSE(looked_after_on(p, d("2018-06-25")));  // the ceased day (DEC) is not looked after
  CHECK_FALSE(date_ceased_looked_after(p, d("2021-06-01")).has_value());  // looked after now
  CHECK(date_ceased_looked_after(p, d("2023-01-01")) == d("2022-06-15"));
  CHECK(date_ceased_looked_after(p, d("2020-01-01")) == d("2019-01-15"));
}

// CPPCR 2010 reg 40(2) and Care Leavers (England) Regulations 2010 reg 3: a
// short break is a placement of at most four weeks; an SSDA903 V3 episode
// longer than that counts toward the 13 weeks.
TEST_CASE("core: short breaks of four weeks are left out, longer ones count") {
  struct Row { const char* ceased; int counted; const char* why; };
  const Row rows[] = {
      {"2019-01-29", 0, "28 days: a short break"},
      {"2019-01-30", 29, "29 days: over four weeks, counts in full"},
      {nullptr, 0, "open, 14 days so far on the day judged: still a short break"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.why);
    YoungPerson p = person("2004-06-15");
    p.care_periods = {looked_after("2019-01-01", row.ceased, LegalBasis::short_breaks_episodes)};
    const Date judged = d(row.ceased ? "2019-03-01" : "2019-01-14");
    CHECK(days_looked_after_since_14(p, judged) == row.counted);
    // Validation saves such a history but flags the long one for a person to check.
    CHECK(care_history_warnings(p, judged).size() == (row.counted > 0 ? 1u : 0u));
  }
  YoungPerson agreement = person("2004-06-15");
  agreement.care_periods = {looked_after("2019-01-01", "2020-01-01", LegalBasis::short_breaks_agreement)};
  CHECK(days_looked_after_since_14(agreement, d("2020-06-01")) == 0);  // V4: the agreement, not the stays
  CHECK(care_history_warnings(agreement, d("2020-06-01")).empty());
}

// The rules of the Care Leavers (England) Regulations 2010 reg 3 and s24(1A)
// that need more facts than a care history: the detention on the 16th
// birthday, living at home with a parent, and special guardianship.
TEST_CASE("core: categorise, the 2010 Regulations' rules and special guardianship") {
  using LB = LegalBasis;
  struct Row {
    const char* name;
    std::function<void(YoungPerson&)> facts;
    const char* today;
    Category expected;
    const char* support_ends;
    const char* reason_has = "";
  };
  const auto detained = [](DetainedOn16th where, const char* began, std::vector<CarePeriod> periods) {
    return [=](YoungPerson& p) {
      p.care_periods = periods;
      p.detained_on_16th_birthday = where;
      if (began) p.detention_began = d(began);
    };
  };
  const auto home_with_parent = [](const char* from, const char* to) {
    return [=](YoungPerson& p) {
      p.care_periods = {looked_after("2019-01-01", "2020-10-01")};  // relevant: left care at 16
      p.lived_with_parent = {{d(from), maybe(to)}};
    };
  };
  const auto sgo = [](const char* made, const char* ended, bool flag, const char* care_ceased) {
    return [=](YoungPerson& p) {
      if (care_ceased) p.care_periods = {looked_after("2015-01-01", care_ceased)};
      p.qualifying.special_guardianship_order_made = d(made);
      p.qualifying.special_guardianship_order_ended = maybe(ended);
      p.qualifying.looked_after_before_sgo = flag;
    };
  };
  const Row rows[] = {
      // reg 3: in custody or hospital on the 16th birthday, 13 weeks looked after up to the detention.
      {"remanded until the detention began, in custody on the 16th birthday: relevant",
       detained(DetainedOn16th::custody, "2020-05-02", {looked_after("2019-01-01", "2020-05-02", LB::remanded)}),
       "2020-08-01", Category::relevant, "2025-06-15", "up to the detention"},
      {"accommodated (s20) until admitted to hospital: relevant",
       detained(DetainedOn16th::hospital, "2020-05-02", {looked_after("2019-01-01", "2020-05-02", LB::accommodated_s20)}),
       "2020-08-01", Category::relevant, "2025-06-15", "hospital"},
      {"care ceased a month before the detention began: not immediately before, not a care leaver",
       detained(DetainedOn16th::custody, "2020-06-01", {looked_after("2019-01-01", "2020-05-02", LB::remanded)}),
       "2020-08-01", Category::not_a_care_leaver, nullptr},
      {"the last period was under a care order (it continues in custody): not relevant by this rule",
       detained(DetainedOn16th::custody, "2020-05-02", {looked_after("2019-01-01", "2020-05-02", LB::care_order)}),
       "2020-08-01", Category::not_a_care_leaver, nullptr},
      {"only 62 days looked after before the detention: not a care leaver",
       detained(DetainedOn16th::custody, "2020-05-02", {looked_after("2020-03-01", "2020-05-02", LB::remanded)}),
       "2020-08-01", Category::not_a_care_leaver, nullptr},
      {"detained on the 16th birthday, start of the detention not recorded: asks for it",
       detained(DetainedOn16th::custody, nullptr, {looked_after("2019-01-01", "2020-05-02", LB::remanded)}),
       "2020-08-01", Category::not_a_care_leaver, nullptr, "record the date the detention began"},
      {"13 weeks and a day up to the detention: the reason counts 1 day, not 1 days",
       detained(DetainedOn16th::custody, "2020-05-02", {looked_after("2020-01-31", "2020-05-02", LB::remanded)}),
       "2020-08-01", Category::relevant, "2025-06-15", "13 weeks, 1 day since 14"},
      // reg 3: six continuous months at home with a parent stop a child being relevant while it lasts.
      {"home with a parent since leaving care, five months on: still relevant",
       home_with_parent("2020-10-01", nullptr), "2021-03-31", Category::relevant, "2025-06-15"},
      {"six months at home with a parent: not relevant while it lasts (qualifying meanwhile)",
       home_with_parent("2020-10-01", nullptr), "2021-04-01", Category::qualifying, "2025-06-15", "reg 3"},
      {"the arrangement broke down: relevant again",
       home_with_parent("2020-10-01", "2021-05-01"), "2021-06-01", Category::relevant, "2025-06-15"},
      {"at 19, still at home since 17: not former relevant (s23C(1)(a): would not be relevant)",
       home_with_parent("2020-10-01", nullptr), "2023-08-01", Category::qualifying, "2025-06-15"},
      {"at 19, the arrangement broke down at 18: former relevant",
       home_with_parent("2020-10-01", "2022-07-01"), "2023-08-01", Category::former_relevant, "2025-06-15"},
      {"looked after at 18 (eligible) then home: former relevant regardless (s23C(1)(b))",
       [](YoungPerson& p) {
         p.care_periods = {looked_after("2019-01-01", nullptr)};
         p.lived_with_parent = {{d("2022-06-15"), std::nullopt}};
       },
       "2023-08-01", Category::former_relevant, "2025-06-15"},
      // s24(1A): the order in force at 18 (or now), the child looked after immediately before it was made.
      {"order in force, looked after until the day it was made: qualifying",
       sgo("2019-05-01", nullptr, false, "2019-05-01"), "2021-01-01", Category::qualifying, "2025-06-15", "s24(1A)"},
      {"order made a month after care ended, nothing else known: not a care leaver",
       sgo("2019-06-01", nullptr, false, "2019-05-01"), "2021-01-01", Category::not_a_care_leaver, nullptr},
      {"looked after by another authority before the order (recorded): qualifying",
       sgo("2019-05-01", nullptr, true, nullptr), "2021-01-01", Category::qualifying, "2025-06-15"},
      {"the order ended at 17: not qualifying at 19",
       sgo("2019-05-01", "2021-09-01", false, "2019-05-01"), "2023-08-01", Category::not_a_care_leaver, nullptr},
      {"in force at 18, ended since: qualifying at 19",
       sgo("2019-05-01", "2022-09-01", false, "2019-05-01"), "2023-08-01", Category::qualifying, "2025-06-15",
       "in force at 18"},
      {"the order ended at 17, looked at while 17: not qualifying",
       sgo("2019-05-01", "2021-09-01", false, "2019-05-01"), "2021-10-01", Category::not_a_care_leaver, nullptr},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    YoungPerson p = person("2004-06-15");
    row.facts(p);
    const CategoryResult result = categorise(p, d(row.today));
    CHECK(code_of(result.category) == code_of(row.expected));
    CHECK(result.support_ends == maybe(row.support_ends));
    CHECK_MESSAGE(result.reason.find(row.reason_has) != std::string::npos, result.reason);
  }
}

TEST_CASE("core: who is owed a PA") {
  CHECK(needs_personal_adviser(Category::eligible));
  CHECK(needs_personal_adviser(Category::relevant));
  CHECK(needs_personal_adviser(Category::former_relevant));
  CHECK(needs_personal_adviser(Category::former_relevant_in_education));
  CHECK_FALSE(needs_personal_adviser(Category::former_relevant_may_ask));  // s23CZB: on request
  CHECK(is_care_leaver(Category::former_relevant_may_ask));
  CHECK_FALSE(needs_personal_adviser(Category::qualifying));  // Kirklees 2.8: advice, no PA
  CHECK_FALSE(needs_personal_adviser(Category::not_a_care_leaver));
  CHECK(is_care_leaver(Category::qualifying));
  CHECK_FALSE(is_care_leaver(Category::not_a_care_leaver));
}
