// Scope rules and the record read endpoints (see record_access.h).
#include "server/record_access.h"

#include <nlohmann/json.hpp>

#include "server/json_body.h"

namespace pathway::server {

namespace {

using nlohmann::json;

constexpr std::string_view not_permitted = "You do not have access to this record";

template <class T>
json optional_iso(const std::optional<T>& value) {
  return value ? json(value->iso()) : json(nullptr);
}

json line_json(const store::CaseloadRow& row, std::string_view pa_id) {
  return {
      {"young_person_id", row.young_person_id},
      {"display_name", row.display_name},
      {"age", row.age},
      {"pa_id", pa_id},
      {"category", core::code_of(row.category.category)},
      {"support_ends", optional_iso(row.category.support_ends)},
      {"last_contact", optional_iso(row.contact.last_contact)},
      {"contact_due", optional_iso(row.contact.due)},
      {"contact_overdue", row.contact.overdue},
      {"days_overdue", row.contact.days_overdue},
      {"plan_standing", core::code_of(row.plan_standing)},
      {"plan_review_due", optional_iso(row.plan_review_due)},
      {"risk_level", row.risk_level ? json(core::code_of(*row.risk_level)) : json(nullptr)},
      {"risk_review_overdue", row.risk_review_overdue},
  };
}

// A requested id fit for an audit row: ids are UUIDs, so anything else is
// cut to printable ASCII and 64 characters.
std::string auditable_id(std::string_view id) {
  std::string out;
  for (const char c : id.substr(0, 64)) out.push_back(c > 0x20 && c < 0x7f ? c : '?');
  return out;
}

// The PAs whose caseloads are in the principal's scope.
Result<std::vector<core::Staff>> advisers_in_scope(store::Store& record, const Principal& principal) {
  auto staff = record.all_staff();
  if (!staff) return staff.error();
  std::vector<core::Staff> advisers;
  for (auto& member : *staff) {
    if (member.role != core::StaffRole::personal_adviser) continue;
    if (may_see(principal, {member.id, member.team_id})) advisers.push_back(std::move(member));
  }
  return advisers;
}

}  // namespace

bool may_see(const Principal& principal, const RecordPlace& place) {
  if (place.allocated_pa_id.empty()) return principal.role == Role::service_manager;
  switch (principal.role) {
    case Role::pa: return !principal.staff_id.empty() && place.allocated_pa_id == principal.staff_id;
    case Role::team_manager: return !principal.team_id.empty() && place.pa_team_id == principal.team_id;
    case Role::service_manager: return true;
    case Role::admin: return false;
  }
  return false;
}

Response caseload_lines(const RecordServices& services, const Principal& principal, const Request& request) {
  if (principal.role == Role::admin) return json_error(403, "Administrators do not see case records");
  const Instant now = services.accounts.now();
  const Date today = uk_date_of(now);
  std::vector<AuditEntry> reads;
  const auto lines = services.record->with([&](store::Store& record) -> Result<json> {
    auto advisers = advisers_in_scope(record, principal);
    if (!advisers) return advisers.error();
    json lines = json::array();
    for (const auto& adviser : *advisers) {
      auto caseload = record.caseload(adviser.id, today);
      if (!caseload) return caseload.error();
      for (const auto& row : *caseload) {
        lines.push_back(line_json(row, adviser.id));
        reads.push_back(audit_of(principal, request, now, "read_caseload_line", row.young_person_id));
      }
    }
    return lines;
  });
  if (!lines) return error_response(lines.error());
  if (Status audited = services.accounts.store->append_audit(reads); !audited) return error_response(audited.error());
  return json_response(200, json_text(json{{"today", today.iso()}, {"lines", *lines}}));
}

Response young_person_line(const RecordServices& services, const Principal& principal, const Request& request) {
  const std::string id = request.path.substr(young_people_prefix.size());
  const Instant now = services.accounts.now();
  const Date today = uk_date_of(now);
  const auto line = services.record->with([&](store::Store& record) -> Result<std::optional<json>> {
    auto person = record.young_person(id);
    if (!person) {
      if (person.error().code == ErrorCode::not_found) return std::optional<json>{};
      return person.error();
    }
    RecordPlace place{person->allocated_pa_id, {}};
    if (!place.allocated_pa_id.empty()) {
      auto pa = record.staff(place.allocated_pa_id);
      if (pa) place.pa_team_id = pa->team_id;
      else if (pa.error().code != ErrorCode::not_found) return pa.error();
    }
    if (!may_see(principal, place)) return std::optional<json>{};
    auto row = record.caseload_row_of(id, today);
    if (!row) return row.error();
    return std::optional<json>{line_json(*row, place.allocated_pa_id)};
  });
  if (!line) return error_response(line.error());
  const bool granted = line->has_value();
  if (Status audited = services.accounts.store->append_audit(
          {audit_of(principal, request, now, granted ? "read_young_person" : "read_refused", auditable_id(id))});
      !audited) {
    return error_response(audited.error());
  }
  if (!granted) return json_error(403, not_permitted);
  return json_response(200, json_text(**line));
}

}  // namespace pathway::server
