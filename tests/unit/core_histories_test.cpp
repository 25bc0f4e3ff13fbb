// EET activity, accommodation and risk histories: what was true on a day,
// with the SSDA903 code sets.
#include <doctest/doctest.h>

#include <set>
#include <string_view>
#include <vector>

#include "core/histories.h"
#include "core_fixtures.h"

using namespace pathway;
using namespace pathway::core;
using namespace pathway::core::testing;

namespace {

ActivitySpell activity(const char* id, const char* start, const char* end, ActivityCode code) {
  return ActivitySpell{id, "yp-1", d(start), maybe(end), code};
}

}  // namespace

TEST_CASE("core: SSDA903 activity codes, EET and education or training") {
  // DfE SSDA903 guidance: F/P = in EET; G4/G5/G6 = NEET. Education or training
  // (s23CA, s24B) = higher, other education and training, not employment.
  struct Row { const char* code; bool eet; bool education_or_training; };
  const Row rows[] = {
      {"F1", true, true},  {"P1", true, true},  {"F2", true, true},   {"P2", true, true},
      {"F4", true, true},  {"P4", true, true},  {"F5", true, false},  {"P5", true, false},
      {"G4", false, false}, {"G5", false, false}, {"G6", false, false},
  };
  CHECK(std::size(rows) == all_of<ActivityCode>().size());
  for (const Row& row : rows) {
    CAPTURE(row.code);
    const std::optional<ActivityCode> code = enum_from_code<ActivityCode>(row.code);
    REQUIRE(code.has_value());
    CHECK(is_eet(*code) == row.eet);
    CHECK(is_education_or_training(*code) == row.education_or_training);
  }
}

TEST_CASE("core: activity on a day") {
  const std::vector<ActivitySpell> history = {
      activity("a1", "2022-09-01", "2023-06-30", ActivityCode::other_education_full_time),
      activity("a2", "2023-07-01", "2023-08-31", ActivityCode::neet_other),
      activity("a3", "2023-09-01", nullptr, ActivityCode::training_full_time),
      activity("a4", "2024-01-08", "2024-03-31", ActivityCode::employment_part_time),  // overlaps a3: newer wins
  };
  struct Row { const char* day; const char* id; };
  const Row rows[] = {
      {"2022-08-31", nullptr}, {"2022-09-01", "a1"}, {"2023-06-30", "a1"}, {"2023-07-01", "a2"},
      {"2023-09-01", "a3"},    {"2024-01-08", "a4"}, {"2024-03-31", "a4"}, {"2024-04-01", "a3"},
      {"2030-01-01", "a3"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.day);
    const ActivitySpell* found = activity_on(history, d(row.day));
    if (row.id) {
      REQUIRE(found);
      CHECK(found->id == row.id);
    } else {
      CHECK(found == nullptr);
    }
  }
}

TEST_CASE("core: accommodation on a day, with suitability") {
  std::vector<AccommodationSpell> history = {
      {"h1", "yp-1", d("2022-06-15"), d("2023-06-14"), AccommodationCode::former_foster_carers, Suitability::suitable},
      {"h2", "yp-1", d("2023-06-15"), d("2023-07-01"), AccommodationCode::no_fixed_abode, Suitability::unsuitable},
      {"h3", "yp-1", d("2023-07-02"), std::nullopt, AccommodationCode::independent_living, Suitability::suitable},
  };
  CHECK(accommodation_on(history, d("2022-06-14")) == nullptr);
  CHECK(accommodation_on(history, d("2023-01-01"))->code == AccommodationCode::former_foster_carers);
  CHECK(accommodation_on(history, d("2023-06-20"))->suitability == Suitability::unsuitable);
  CHECK(accommodation_on(history, d("2025-01-01"))->id == "h3");
  // 903 accommodation letters, one per code.
  std::string letters;
  for (const auto& e : all_of<AccommodationCode>()) letters += e.code;
  CHECK(letters == "BCDEGHKRSTUVWXYZ");
}

// Recording a move on a visit: the accommodation running on the day of the
// move ends the day before it, so the history has no overlap and no gap
// (SSDA903 accommodation is one spell at a time; DfE 903 guidance).
TEST_CASE("core: a new spell ends the one it replaces") {
  const std::vector<AccommodationSpell> history = {
      {"h1", "yp-1", d("2023-06-15"), d("2023-07-01"), AccommodationCode::no_fixed_abode, Suitability::unsuitable},
      {"h2", "yp-1", d("2023-07-02"), std::nullopt, AccommodationCode::independent_living, Suitability::suitable},
  };
  const std::span<const AccommodationSpell> spells(history);
  struct Row {
    const char* new_start;
    const char* ended_id;   // nullptr: nothing to end
    const char* ended_on;
    bool allowed;
  };
  const Row rows[] = {
      {"2026-11-23", "h2", "2026-11-22", true},   // moves out of the open tenancy
      {"2023-07-03", "h2", "2023-07-02", true},   // a day after the tenancy began
      {"2023-07-02", nullptr, nullptr, false},    // same day as the tenancy began: refused
      {"2023-06-20", "h1", "2023-06-19", true},   // inside a closed spell (a late record)
      {"2023-01-01", nullptr, nullptr, true},     // before any spell: nothing to end
  };
  for (const Row& row : rows) {
    CAPTURE(row.new_start);
    const auto ended = ended_for_new_spell(spells, d(row.new_start));
    CHECK(ended.has_value() == (row.ended_id != nullptr));
    if (ended) {
      CHECK(ended->id == row.ended_id);
      CHECK(ended->end == d(row.ended_on));
    }
    CHECK(starts_after_current(spells, d(row.new_start)) == row.allowed);
  }
}

TEST_CASE("core: current risk assessment and overdue review") {
  const std::vector<RiskAssessment> assessments = {
      {"r1", "yp-1", "pa-1", d("2024-01-10"), d("2024-04-10"), RiskLevel::high, {RiskFactor::exploitation}, "x"},
      {"r2", "yp-1", "pa-1", d("2024-04-01"), d("2024-10-01"), RiskLevel::medium, {}, "y"},
  };
  CHECK(current_risk(assessments, d("2024-01-09")) == nullptr);
  CHECK(current_risk(assessments, d("2024-03-01"))->id == "r1");
  CHECK(current_risk(assessments, d("2024-05-01"))->id == "r2");
  CHECK_FALSE(risk_review_overdue(assessments[1], d("2024-10-01")));
  CHECK(risk_review_overdue(assessments[1], d("2024-10-02")));
}

TEST_CASE("core: every enum's codes are unique, non-empty and round-trip") {
  const auto check_table = [](auto tag) {
    using E = decltype(tag);
    std::set<std::string_view> codes, labels;
    for (const auto& e : all_of<E>()) {
      CAPTURE(e.code);
      CHECK(codes.insert(e.code).second);
      CHECK(labels.insert(e.label).second);
      CHECK_FALSE(e.label.empty());
      CHECK(enum_from_code<E>(e.code) == e.value);
      CHECK(code_of(e.value) == e.code);
    }
    CHECK_FALSE(enum_from_code<E>("no such code").has_value());
  };
  check_table(StaffRole{});
  check_table(Gender{});
  check_table(Ethnicity{});
  check_table(LegalBasis{});
  check_table(DetainedOn16th{});
  check_table(CaseStatus{});
  check_table(ContactFrequency{});
  check_table(InTouchCode{});
  check_table(Category{});
  check_table(ContactType{});
  check_table(ContactOutcome{});
  check_table(NotSeenReason{});
  check_table(PlanSection{});
  check_table(ObjectiveStatus{});
  check_table(PlanStatus{});
  check_table(ActivityCode{});
  check_table(AccommodationCode{});
  check_table(Suitability{});
  check_table(RiskLevel{});
  check_table(RiskFactor{});
  // Plan sections are stored in enum order.
  PathwayPlan plan;
  for (size_t i = 0; i < plan.sections.size(); ++i) CHECK(static_cast<size_t>(plan.sections[i].section) == i);
}
