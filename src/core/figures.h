// Statutory and management figures computed from the case data for a date
// range: caseloads per PA and team, contacts due and overdue, in touch, EET,
// suitable accommodation, pathway plans up to date / overdue / none, risk;
// each for everyone and by age band and category. Also the published figures
// from council reports that dashboards compare against, held as data.
//
// Input is a Caseworld: plain vectors of records, as the store loads them or
// a command-line tool builds them. compute_figures indexes people once and
// makes one pass over each vector (for contacts: one over the records, one
// over a compact copy), never rescanning per person: 10,000 young people with
// five years of contacts in tens of milliseconds (bench/bench_figures.cpp).
//
// How each figure is counted (the reports do not all count alike):
//  * Care leavers: everyone whose category on `to` is not "not a care
//    leaver", grouped by age band and category on `to` (Kirklees 3.1: 283 =
//    9 aged 16-17 + 211 aged 18-20 + 63 aged 21+).
//  * EET and suitable accommodation: the activity / accommodation recorded
//    for `to`, out of all care leavers (no record counts as not EET and as
//    accommodation not recorded, as Kirklees 6.4 reports it).
//  * Plans: standing on `to` of everyone counted (Kirklees 4.4 counts the
//    qualifying among "no plan" too) but former relevant 21-24 year olds who
//    have not asked for support: they are owed a plan once they ask (s23CZB).
//  * Contacts due / overdue: on `to`, for those owed a PA (not qualifying).
//  * In touch: the DfE 903 judgement for each 17th-21st birthday falling in
//    [from, to] of those who were eligible or relevant; the rate leaves out
//    DIED (a person who died cannot be in touch).
//  * Contacts: current, not withdrawn contacts that occurred in [from, to],
//    by type (Kirklees 8.1 wants types and frequency by age band).
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/model.h"

namespace pathway::core {

struct Caseworld {
  std::vector<YoungPerson> people;
  std::vector<Contact> contacts;
  std::vector<PathwayPlan> plans;
  std::vector<ActivitySpell> activities;
  std::vector<AccommodationSpell> accommodations;
  std::vector<RiskAssessment> risks;
  std::vector<Staff> staff;
  std::vector<Team> teams;
  std::vector<DutyManagerEntry> duty_rota;
};

enum class AgeBand { age_16_17, age_18_20, age_21_25 };
inline constexpr int age_band_count = 3;
template <>
struct EnumTable<AgeBand> {
  static constexpr EnumEntry<AgeBand> entries[] = {
      {AgeBand::age_16_17, "16-17", "Aged 16-17"},
      {AgeBand::age_18_20, "18-20", "Aged 18-20"},
      {AgeBand::age_21_25, "21-25", "Aged 21-25"},
  };
};
AgeBand age_band(int age);  // under 16 counts as 16-17, over 25 as 21-25

inline constexpr int category_count = static_cast<int>(std::size(EnumTable<Category>::entries));
inline constexpr int contact_type_count = 6;

struct Ratio {
  int count = 0;
  int of = 0;
  double percent() const { return of == 0 ? 0.0 : 100.0 * count / of; }
  bool operator==(const Ratio&) const = default;
};

struct GroupFigures {
  int care_leavers = 0;
  int owed_pa = 0;                 // eligible, relevant, former relevant (incl. in education)
  int contacts_overdue = 0;        // of owed_pa: past due, or never contacted
  int contacts_due_within_7_days = 0;
  Ratio in_touch;                  // 903 judgements YES of judgements (DIED left out)
  int in_touch_not_yet_final = 0;  // birthdays whose window is still open and no contact yet
  Ratio eet;
  Ratio suitable_accommodation;
  int unsuitable_accommodation = 0;
  int accommodation_not_recorded = 0;
  int plans_up_to_date = 0;
  int plans_overdue = 0;
  int no_plan = 0;
  int high_risk = 0;               // current assessment high
  int risk_reviews_overdue = 0;
  int contacts_in_range = 0;
  int contacts_seen_alone = 0;
  std::array<int, contact_type_count> contacts_by_type{};
  bool operator==(const GroupFigures&) const = default;
};

struct CaseloadRow {
  Id id;  // staff or team id
  std::string name;
  int young_people = 0;            // open cases of care leavers allocated
  int contacts_overdue = 0;
  int plans_overdue = 0;
  int no_plan = 0;
  int plans_awaiting_authorisation = 0;  // submitted plans by this PA / in this team
};

struct Figures {
  Date from;
  Date to;
  GroupFigures all;
  std::array<GroupFigures, age_band_count> by_age_band{};
  std::array<GroupFigures, category_count> by_category{};  // indexed by Category
  std::vector<CaseloadRow> by_pa;    // every active PA, in staff order
  std::vector<CaseloadRow> by_team;  // every team, in team order
  int unallocated = 0;               // owed a PA but none allocated
};

Figures compute_figures(const Caseworld& world, Date from, Date to);

// Published figures from council reports to compare against; the passages
// that print them are kept verbatim in tests/unit/fixtures/reports.
enum class Measure { in_touch, eet, suitable_accommodation, plans_up_to_date, caseload_per_pa, cases_per_team };
template <>
struct EnumTable<Measure> {
  static constexpr EnumEntry<Measure> entries[] = {
      {Measure::in_touch, "IN_TOUCH", "In touch (%)"},
      {Measure::eet, "EET", "In education, employment or training (%)"},
      {Measure::suitable_accommodation, "SUITABLE_ACCOMMODATION", "In suitable accommodation (%)"},
      {Measure::plans_up_to_date, "PLANS_UP_TO_DATE", "Pathway plans up to date (%)"},
      {Measure::caseload_per_pa, "CASELOAD_PER_PA", "Care leavers per PA"},
      {Measure::cases_per_team, "CASES_PER_TEAM", "Cases per team manager"},
  };
};

struct PublishedFigure {
  Measure measure;
  std::string_view area;    // "England", "Lancashire", "North West", "Statistical neighbours"...
  std::string_view period;  // as the report gives it
  double value;             // percent for rates, a count for caseloads
  std::string_view source;  // the report it comes from
};

std::span<const PublishedFigure> published_figures();

}  // namespace pathway::core
