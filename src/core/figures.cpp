// Computing the figures (see figures.h for what each one counts).
//
// Shape: index people by id once; one pass over each record vector puts
// what matters for the figures into a per-person slot (last contact, the
// spell on `to`, current plan and risk); then one pass over people adds each
// person to the groups they belong to. Contacts are usually stored grouped
// by person, so the id lookup is cached from one contact to the next.
#include "core/figures.h"

#include <bit>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/category.h"
#include "core/histories.h"
#include "core/keeping_in_touch.h"
#include "core/plans.h"

namespace pathway::core {
namespace {

constexpr int in_touch_ages = last_in_touch_age - first_in_touch_age + 1;

struct PersonSlot {
  Category category = Category::not_a_care_leaver;
  AgeBand band = AgeBand::age_16_17;
  std::optional<Date> last_contact;
  // Birthdays from 17 to 21 in [from, to]: bit (age - 17) set, with windows.
  uint8_t birthdays_in_range = 0;
  uint8_t contact_in_window = 0;
  std::array<InTouchWindow, in_touch_ages> windows{};
  const ActivitySpell* activity = nullptr;
  const AccommodationSpell* accommodation = nullptr;
  const PathwayPlan* plan = nullptr;
  const RiskAssessment* risk = nullptr;
};

// What the figures need from one contact record.
struct ContactFact {
  uint32_t person;   // index into people
  uint32_t contact;  // index into contacts
  uint32_t id_hash;  // SupersededContacts::id_hash of its id
  Date day;
  ContactType type;
  bool seen_alone;
  bool counts;  // counts_as_contact
};

// Finds people by id; remembers the last answer, as records come grouped by person.
class PersonIndex {
 public:
  explicit PersonIndex(std::span<const YoungPerson> people) {
    by_id_.reserve(people.size());
    for (size_t i = 0; i < people.size(); ++i) by_id_.emplace(people[i].id, i);
  }
  // The index of the person, or npos.
  size_t find(std::string_view id) {
    if (id == last_id_) return last_index_;
    const auto it = by_id_.find(id);
    last_id_ = id;
    last_index_ = it == by_id_.end() ? npos : it->second;
    return last_index_;
  }
  static constexpr size_t npos = std::numeric_limits<size_t>::max();

 private:
  std::unordered_map<std::string_view, size_t> by_id_;
  std::string_view last_id_;
  size_t last_index_ = npos;
};

// Every group a person is counted in.
template <class F>
void for_each_group(Figures& figures, const PersonSlot& slot, F&& add) {
  add(figures.all);
  add(figures.by_age_band[static_cast<size_t>(slot.band)]);
  add(figures.by_category[static_cast<size_t>(slot.category)]);
}

// A row per id, in input order, found by id.
class RowIndex {
 public:
  template <class Record, class Include>
  RowIndex(std::vector<CaseloadRow>& rows, const std::vector<Record>& records, Include include) : rows_(rows) {
    for (const Record& r : records) {
      if (!include(r)) continue;
      by_id_.emplace(r.id, rows.size());
      rows.push_back(CaseloadRow{r.id, r.name});
    }
  }
  CaseloadRow* find(std::string_view id) {
    if (id.empty()) return nullptr;
    const auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &rows_[it->second];
  }

 private:
  std::vector<CaseloadRow>& rows_;
  std::unordered_map<std::string_view, size_t> by_id_;
};

}  // namespace

AgeBand age_band(int age) {
  if (age <= 17) return AgeBand::age_16_17;
  if (age <= 20) return AgeBand::age_18_20;
  return AgeBand::age_21_25;
}

Figures compute_figures(const Caseworld& world, Date from, Date to) {
  Figures figures;
  figures.from = from;
  figures.to = to;
  const std::span<const YoungPerson> people = world.people;
  PersonIndex index(people);
  std::vector<PersonSlot> slots(people.size());

  // Records that say something about `to`.
  for (const ActivitySpell& spell : world.activities)
    if (const size_t i = index.find(spell.young_person_id); i != PersonIndex::npos)
      keep_latest_on(slots[i].activity, spell, to);
  for (const AccommodationSpell& spell : world.accommodations)
    if (const size_t i = index.find(spell.young_person_id); i != PersonIndex::npos)
      keep_latest_on(slots[i].accommodation, spell, to);
  for (const RiskAssessment& risk : world.risks)
    if (const size_t i = index.find(risk.young_person_id); i != PersonIndex::npos)
      keep_latest_on(slots[i].risk, risk, to);
  RowIndex pa_rows(figures.by_pa, world.staff,
                   [](const Staff& s) { return s.active && s.role == StaffRole::personal_adviser; });
  RowIndex team_rows(figures.by_team, world.teams, [](const Team&) { return true; });
  for (const PathwayPlan& plan : world.plans) {
    if (plan.status == PlanStatus::submitted) {
      if (plan.submitted_on && *plan.submitted_on > to) continue;
      if (CaseloadRow* row = pa_rows.find(plan.author_id)) ++row->plans_awaiting_authorisation;
      if (CaseloadRow* row = team_rows.find(plan.team_id)) ++row->plans_awaiting_authorisation;
      continue;
    }
    if (const size_t i = index.find(plan.young_person_id); i != PersonIndex::npos)
      keep_latest_on(slots[i].plan, plan, to);
  }

  // Category and birthdays, now that the activity on `to` is known.
  for (size_t i = 0; i < people.size(); ++i) {
    PersonSlot& slot = slots[i];
    const YoungPerson& person = people[i];
    slot.category =
        categorise(person, to, slot.activity ? std::optional(slot.activity->code) : std::nullopt, Explain::no).category;
    slot.band = age_band(age_on(person, to));
    for (int age = first_in_touch_age; age <= last_in_touch_age; ++age) {
      const Date day = birthday(person, age);
      if (day < from || day > to) continue;
      slot.birthdays_in_range |= uint8_t(1u << (age - first_in_touch_age));
      slot.windows[age - first_in_touch_age] = in_touch_window(person, age);
    }
  }

  // Contacts, in two steps. One pass over the (large) records keeps what the
  // figures need and learns which versions are superseded; a pass over that
  // compact copy then drops the superseded versions and counts the rest.
  const std::vector<Contact>& contacts = world.contacts;
  SupersededContacts superseded;
  std::vector<ContactFact> facts;
  facts.reserve(contacts.size());
  for (size_t n = 0; n < contacts.size(); ++n) {
    const Contact& c = contacts[n];
    if (!c.supersedes.empty()) superseded.add(c.supersedes);
    if (c.withdrawn) continue;
    const Date day = uk_date_of(c.occurred_at);
    if (day > to) continue;
    const size_t i = index.find(c.young_person_id);
    if (i == PersonIndex::npos) continue;
    facts.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(n), SupersededContacts::id_hash(c.id), day, c.type,
                     c.outcome == ContactOutcome::seen_alone, counts_as_contact(c)});
  }
  for (const ContactFact& fact : facts) {
    if (superseded.may_contain(fact.id_hash) && superseded.contains(contacts[fact.contact].id)) continue;
    PersonSlot& slot = slots[fact.person];
    if (fact.counts) {
      if (!slot.last_contact || fact.day > *slot.last_contact) slot.last_contact = fact.day;
      for (uint8_t bits = slot.birthdays_in_range; bits != 0; bits &= uint8_t(bits - 1)) {
        const int k = std::countr_zero(bits);
        if (fact.day >= slot.windows[k].from && fact.day <= slot.windows[k].to)
          slot.contact_in_window |= uint8_t(1u << k);
      }
    }
    if (fact.day < from || !is_care_leaver(slot.category)) continue;
    for_each_group(figures, slot, [&](GroupFigures& g) {
      ++g.contacts_in_range;
      ++g.contacts_by_type[static_cast<size_t>(fact.type)];
      g.contacts_seen_alone += fact.seen_alone;
    });
  }

  // Each person into their groups.
  for (size_t i = 0; i < people.size(); ++i) {
    const YoungPerson& person = people[i];
    const PersonSlot& slot = slots[i];

    for (uint8_t bits = slot.birthdays_in_range; bits != 0; bits &= uint8_t(bits - 1)) {
      const int k = std::countr_zero(bits);
      const int age = first_in_touch_age + k;
      if (!eligible_or_relevant_by(person, birthday(person, age))) continue;
      const InTouchJudgement j = judge_in_touch(person, age, (slot.contact_in_window >> k) & 1u, to);
      if (j.code == InTouchCode::died) continue;
      for_each_group(figures, slot, [&](GroupFigures& g) {
        ++g.in_touch.of;
        if (j.code == InTouchCode::yes) ++g.in_touch.count;
        if (!j.final) ++g.in_touch_not_yet_final;
      });
    }
    if (!is_care_leaver(slot.category)) continue;

    const bool owed_pa = needs_personal_adviser(slot.category);
    const ContactDue due = contact_due_after(slot.last_contact, person.contact_frequency, to);
    const bool overdue = owed_pa && due.overdue;
    const bool due_soon = owed_pa && !due.overdue && days_between(to, *due.due) <= 7;
    // A former relevant 21-24 year old is owed a plan only once they ask (s23CZB(4)).
    const bool owed_plan_now = slot.category != Category::former_relevant_may_ask;
    const PlanStanding standing = plan_standing(slot.plan, to);
    const bool plan_up_to_date = owed_plan_now && standing == PlanStanding::up_to_date;
    const bool plan_overdue = owed_plan_now && standing == PlanStanding::overdue;
    const bool no_plan = owed_plan_now && standing == PlanStanding::no_plan;
    const bool eet = slot.activity && is_eet(slot.activity->code);
    const Suitability suitability = slot.accommodation ? slot.accommodation->suitability : Suitability::not_recorded;
    for_each_group(figures, slot, [&](GroupFigures& g) {
      ++g.care_leavers;
      g.owed_pa += owed_pa;
      g.contacts_overdue += overdue;
      g.contacts_due_within_7_days += due_soon;
      ++g.eet.of;
      g.eet.count += eet;
      ++g.suitable_accommodation.of;
      g.suitable_accommodation.count += suitability == Suitability::suitable;
      g.unsuitable_accommodation += suitability == Suitability::unsuitable;
      g.accommodation_not_recorded += suitability == Suitability::not_recorded;
      g.plans_up_to_date += plan_up_to_date;
      g.plans_overdue += plan_overdue;
      g.no_plan += no_plan;
      g.high_risk += slot.risk && slot.risk->level == RiskLevel::high;
      g.risk_reviews_overdue += slot.risk && risk_review_overdue(*slot.risk, to);
    });
    if (owed_pa && person.allocated_pa_id.empty()) ++figures.unallocated;
    if (person.case_status == CaseStatus::closed) continue;
    for (CaseloadRow* row : {pa_rows.find(person.allocated_pa_id), team_rows.find(person.team_id)}) {
      if (!row) continue;
      ++row->young_people;
      row->contacts_overdue += overdue;
      row->plans_overdue += plan_overdue;
      row->no_plan += no_plan;
    }
  }
  return figures;
}

std::span<const PublishedFigure> published_figures() {
  static constexpr char lancashire[] =
      "Lancashire County Council, Children's Services Scrutiny Committee, 18 January 2017";
  static constexpr char derby[] = "Derby City Council, Corporate Parenting Committee, 25 July 2017 (Ofsted)";
  static constexpr char kirklees[] = "Kirklees, Care Leavers Overview Report, 30 January 2022";
  static constexpr char notts[] = "Nottinghamshire, Leaving Care Service Update, 24 June 2013";
  static constexpr char leeds[] = "Leeds, Care Leavers Service Restructure, February 2021";
  // Lancashire's table heads its earlier year "2015/15"; it is kept as printed.
  static constexpr PublishedFigure figures[] = {
      {Measure::in_touch, "Lancashire", "2015/15", 67.52, lancashire},
      {Measure::in_touch, "England", "2015/15", 85.62, lancashire},
      {Measure::eet, "Statistical neighbours", "2015/15", 49.90, lancashire},
      {Measure::eet, "Lancashire", "2015/15", 36.49, lancashire},
      {Measure::eet, "North West", "2015/15", 46.97, lancashire},
      {Measure::eet, "England", "2015/15", 47.89, lancashire},
      {Measure::suitable_accommodation, "Statistical neighbours", "2015/15", 83.90, lancashire},
      {Measure::suitable_accommodation, "Lancashire", "2015/15", 67.13, lancashire},
      {Measure::suitable_accommodation, "North West", "2015/15", 82.42, lancashire},
      {Measure::suitable_accommodation, "England", "2015/15", 80.74, lancashire},
      {Measure::in_touch, "Statistical neighbours", "2015/16", 89.00, lancashire},
      {Measure::in_touch, "Lancashire", "2015/16", 86.75, lancashire},
      {Measure::in_touch, "North West", "2015/16", 90.64, lancashire},
      {Measure::in_touch, "England", "2015/16", 87.32, lancashire},
      {Measure::eet, "Statistical neighbours", "2015/16", 49.80, lancashire},
      {Measure::eet, "Lancashire", "2015/16", 40.96, lancashire},
      {Measure::eet, "North West", "2015/16", 47.95, lancashire},
      {Measure::eet, "England", "2015/16", 49.28, lancashire},
      {Measure::suitable_accommodation, "Statistical neighbours", "2015/16", 85.90, lancashire},
      {Measure::suitable_accommodation, "Lancashire", "2015/16", 77.11, lancashire},
      {Measure::suitable_accommodation, "North West", "2015/16", 85.55, lancashire},
      {Measure::suitable_accommodation, "England", "2015/16", 82.53, lancashire},
      {Measure::in_touch, "Lancashire", "December 2016", 94.00, lancashire},
      {Measure::eet, "Lancashire", "December 2016", 50.70, lancashire},
      {Measure::suitable_accommodation, "Lancashire", "December 2016", 89.20, lancashire},
      {Measure::eet, "Derby", "2016/17", 64.6, derby},
      {Measure::eet, "England", "2016/17", 49.0, derby},
      {Measure::in_touch, "Kirklees", "November 2021", 92.7, kirklees},                            // 262 of 283
      {Measure::plans_up_to_date, "Kirklees", "January 2022", 100.0 * 240 / 283, kirklees},        // 240 / 34 / 9
      {Measure::suitable_accommodation, "Kirklees", "January 2022", 100.0 * 254 / 283, kirklees},  // 254 / 19 / 10
      {Measure::caseload_per_pa, "Nottinghamshire", "2013", 16, notts},
      {Measure::caseload_per_pa, "England (national average)", "2013", 22, notts},
      {Measure::caseload_per_pa, "Leeds", "2021", 24, leeds},
      {Measure::cases_per_team, "Leeds (lowest)", "2021", 142, leeds},
      {Measure::cases_per_team, "Leeds (highest)", "2021", 186, leeds},
  };
  return figures;
}

}  // namespace pathway::core
