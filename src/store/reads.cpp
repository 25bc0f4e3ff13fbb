// Single-record reads and per-person lists (store.h), on the set-based
// loaders of load.h.
#include "store/load.h"
#include "store/store.h"

namespace pathway::store {

using detail::Filter;

namespace {

// The one record a by-id load found, or not_found naming what was asked for.
template <class T>
Result<T> single(Result<std::vector<T>> loaded, std::string_view what) {
  if (!loaded) return loaded.error();
  if (loaded->empty()) return Error{ErrorCode::not_found, std::string(what) + " was not found"};
  return std::move(loaded->front());
}

Filter by_id(std::string_view id) { return Filter{"id = ?1", {std::string(id)}}; }

Filter of_person(std::string_view young_person_id, std::string order_by) {
  return Filter{"young_person_id = ?1", {std::string(young_person_id)}, std::move(order_by)};
}

}  // namespace

Result<core::YoungPerson> Store::young_person(std::string_view id) {
  return single(detail::load_people(*db_, by_id(id)), "The young person");
}
Result<core::Contact> Store::contact(std::string_view id) {
  return single(detail::load_contacts(*db_, by_id(id)), "The contact");
}
Result<core::PathwayPlan> Store::pathway_plan(std::string_view id) {
  return single(detail::load_plans(*db_, by_id(id)), "The pathway plan");
}
Result<core::ActivitySpell> Store::activity_spell(std::string_view id) {
  return single(detail::load_activity(*db_, by_id(id)), "The activity");
}
Result<core::AccommodationSpell> Store::accommodation_spell(std::string_view id) {
  return single(detail::load_accommodation(*db_, by_id(id)), "The accommodation");
}
Result<core::RiskAssessment> Store::risk_assessment(std::string_view id) {
  return single(detail::load_risks(*db_, by_id(id)), "The risk assessment");
}
Result<core::Staff> Store::staff(std::string_view id) {
  return single(detail::load_staff(*db_, by_id(id)), "The member of staff");
}
Result<core::Team> Store::team(std::string_view id) { return single(detail::load_teams(*db_, by_id(id)), "The team"); }
Result<core::DutyManagerEntry> Store::duty_entry(std::string_view id) {
  return single(detail::load_duty_rota(*db_, by_id(id)), "The duty rota entry");
}

Result<std::vector<core::Contact>> Store::contacts_of(std::string_view young_person_id) {
  return detail::load_contacts(*db_, of_person(young_person_id, "occurred_at, recorded_at, id"));
}
Result<std::vector<core::PathwayPlan>> Store::plans_of(std::string_view young_person_id) {
  return detail::load_plans(*db_, of_person(young_person_id, "created_on, id"));
}
Result<std::vector<core::ActivitySpell>> Store::activity_of(std::string_view young_person_id) {
  return detail::load_activity(*db_, of_person(young_person_id, "start_date, id"));
}
Result<std::vector<core::AccommodationSpell>> Store::accommodation_of(std::string_view young_person_id) {
  return detail::load_accommodation(*db_, of_person(young_person_id, "start_date, id"));
}
Result<std::vector<core::RiskAssessment>> Store::risks_of(std::string_view young_person_id) {
  return detail::load_risks(*db_, of_person(young_person_id, "assessed_on, id"));
}

Result<std::vector<core::Team>> Store::teams() { return detail::load_teams(*db_, Filter{"1", {}, "name, id"}); }
Result<std::vector<core::Staff>> Store::all_staff() { return detail::load_staff(*db_, Filter{"1", {}, "name, id"}); }
Result<std::vector<core::DutyManagerEntry>> Store::duty_rota() {
  return detail::load_duty_rota(*db_, Filter{"1", {}, "from_date, id"});
}

}  // namespace pathway::store
