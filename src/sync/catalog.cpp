// The catalog of synced entities (catalog.h), in the store's column order.
#include "sync/catalog.h"

namespace pathway::sync {
namespace {

using K = FieldKind;
constexpr EntityKind versioned = EntityKind::versioned;
constexpr EntityKind append_only = EntityKind::append_only;

std::vector<EntitySpec> make_catalog() {
  return {
      {"teams", versioned, "", "", {{"name", K::text}, {"manager_id", K::optional_id}}},
      {"staff", versioned, "", "",
       {{"name", K::text}, {"role", K::code}, {"team_id", K::optional_id}, {"active", K::flag}}},
      {"duty_rota", versioned, "", "",
       {{"staff_id", K::id}, {"team_id", K::optional_id}, {"from_date", K::date}, {"to_date", K::date}}},
      {"young_people", versioned, "", "",
       {{"legal_given_name", K::text},
        {"legal_family_name", K::text},
        {"preferred_name", K::text},
        {"date_of_birth", K::date},
        {"date_of_death", K::optional_date},
        {"gender", K::code},
        {"ethnicity", K::code},
        {"phone", K::text},
        {"email", K::text},
        {"address_line1", K::text},
        {"address_line2", K::text},
        {"town", K::text},
        {"postcode", K::text},
        {"languages", K::string_list},
        {"interpreter_needed", K::flag},
        {"uasc", K::flag},
        {"parent", K::flag},
        {"disability", K::flag},
        {"in_custody", K::flag},
        {"send", K::flag},
        {"detained_on_16th", K::code},
        {"detention_began", K::optional_date, 4},
        {"sgo_made", K::optional_date},
        {"sgo_ended", K::optional_date, 4},
        {"looked_after_before_sgo", K::flag},
        {"privately_fostered_until", K::optional_date},
        {"allocated_pa_id", K::optional_id},
        {"team_id", K::optional_id},
        {"case_status", K::code},
        {"case_closed_on", K::optional_date},
        {"contact_frequency", K::code}}},
      {"care_periods", versioned, "young_person_id", "young_people",
       {{"young_person_id", K::id},
        {"position", K::integer},
        {"start_date", K::date},
        {"ceased_on", K::optional_date},
        {"legal_basis", K::code}}},
      {"education_periods", versioned, "young_person_id", "young_people",
       {{"young_person_id", K::id}, {"position", K::integer}, {"start_date", K::date}, {"end_date", K::optional_date}}},
      {"parent_home_periods", versioned, "young_person_id", "young_people",
       {{"young_person_id", K::id}, {"position", K::integer}, {"start_date", K::date}, {"end_date", K::optional_date}}},
      {"in_touch_records", versioned, "young_person_id", "young_people",
       {{"young_person_id", K::id}, {"age", K::integer}, {"code", K::code}, {"note", K::text}}},
      {"contacts", append_only, "young_person_id", "young_people",
       {{"young_person_id", K::id},
        {"staff_id", K::id},
        {"occurred_at", K::instant},
        {"recorded_at", K::instant},
        {"type", K::code},
        {"outcome", K::code},
        {"not_seen_reason", K::code},
        {"present", K::text},
        {"young_persons_words", K::text},
        {"pa_notes", K::text},
        {"supersedes", K::optional_id},
        {"correction_reason", K::text},
        {"withdrawn", K::flag}}},
      {"contact_follow_ups", append_only, "contact_id", "contacts",
       {{"contact_id", K::id},
        {"position", K::integer},
        {"text", K::text},
        {"due", K::optional_date},
        {"done", K::flag},
        {"owner", K::text, 3}}},
      {"pathway_plans", versioned, "young_person_id", "young_people",
       {{"young_person_id", K::id},
        {"previous_plan_id", K::optional_id},
        {"author_id", K::id},
        {"team_id", K::optional_id},
        {"status", K::code},
        {"needs_completed_on", K::optional_date},
        {"needs_completed_by", K::optional_id},
        {"needs_summary", K::text},
        {"young_persons_views", K::text},
        {"created_on", K::optional_date},
        {"submitted_on", K::optional_date},
        {"authorised_by", K::optional_id},
        {"authorised_on", K::optional_date},
        {"returned_by", K::optional_id},
        {"returned_on", K::optional_date},
        {"return_comments", K::text},
        {"early_review_for", K::optional_date},
        {"early_review_reason", K::text}}},
      {"plan_sections", versioned, "plan_id", "pathway_plans",
       {{"plan_id", K::id},
        {"section", K::code},
        {"position", K::integer},
        {"assessed_needs", K::text},
        {"young_persons_views", K::text}}},
      {"plan_objectives", versioned, "plan_id", "pathway_plans",
       {{"plan_id", K::id},
        {"section", K::code},
        {"position", K::integer},
        {"what", K::text},
        {"how", K::text},
        {"who", K::text},
        {"by_when", K::optional_date},
        {"status", K::code}}},
      {"plan_events", append_only, "plan_id", "pathway_plans",
       {{"plan_id", K::id}, {"event", K::code}, {"staff_id", K::optional_id}, {"on_date", K::date}, {"comments", K::text}}},
      {"activity_spells", versioned, "young_person_id", "young_people",
       {{"young_person_id", K::id},
        {"start_date", K::date},
        {"end_date", K::optional_date},
        {"code", K::code},
        {"detail", K::text}}},
      {"accommodation_spells", versioned, "young_person_id", "young_people",
       {{"young_person_id", K::id},
        {"start_date", K::date},
        {"end_date", K::optional_date},
        {"code", K::code},
        {"suitability", K::code},
        {"detail", K::text}}},
      {"risk_assessments", versioned, "young_person_id", "young_people",
       {{"young_person_id", K::id},
        {"assessed_by", K::id},
        {"assessed_on", K::date},
        {"review_due", K::date},
        {"level", K::code},
        {"summary", K::text}}},
      {"risk_factors", versioned, "risk_assessment_id", "risk_assessments",
       {{"risk_assessment_id", K::id}, {"position", K::integer}, {"factor", K::code}}},
  };
}

}  // namespace

const std::vector<EntitySpec>& entities() {
  static const std::vector<EntitySpec> all = make_catalog();
  return all;
}

const EntitySpec* find_entity(std::string_view name) {
  for (const EntitySpec& entity : entities()) {
    if (entity.name == name) return &entity;
  }
  return nullptr;
}

const FieldSpec* find_field(const EntitySpec& entity, std::string_view name) {
  for (const FieldSpec& field : entity.fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

}  // namespace pathway::sync
