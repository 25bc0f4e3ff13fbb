// Drafts: forms in progress kept on this device (store.h, [SECTION] Drafts).
// One row per field in the local table draft_fields, so a keystroke rewrites
// only the field it changed: the cost of keeping a draft stays that of one
// small row, however long the rest of the form is.
#include <algorithm>

#include "core/text.h"
#include "core/validate.h"
#include "store/database.h"
#include "store/store.h"

namespace pathway::store {
namespace {

constexpr size_t max_draft_field_name_bytes = 100;
// A field holds at most what the longest record field may (core's limit, in
// characters; 4 bytes each at worst), so anything typed can be kept.
constexpr size_t max_draft_value_bytes = 4 * core::limits::long_text;

std::string_view form_code(DraftForm form) { return form == DraftForm::visit ? "visit" : "plan"; }

Status check_draft_field(const DraftField& field) {
  if (field.name.empty() || field.name.size() > max_draft_field_name_bytes)
    return invalid("name", "A draft field needs a name of 1 to 100 bytes");
  if (field.value.size() > max_draft_value_bytes || !core::is_valid_utf8(field.value))
    return invalid(field.name, "This field is too long to keep, or is not text");
  return ok_status();
}

}  // namespace

const std::string* Draft::value(std::string_view name) const {
  auto found = std::find_if(fields.begin(), fields.end(), [&](const DraftField& field) { return field.name == name; });
  return found == fields.end() ? nullptr : &found->value;
}

Status Writer::save_draft(std::string_view young_person_id, DraftForm form, std::span<const DraftField> fields) {
  if (!core::is_valid_id(young_person_id)) return remember(invalid("young_person_id", "A draft needs a young person"));
  const std::string now = now_.iso();
  for (const DraftField& field : fields) {
    if (Status valid = check_draft_field(field); !valid) return remember(valid);
    // A cached statement: borrowed and reset again for each field.
    auto statement = db_.prepare(
        "INSERT INTO draft_fields(young_person_id, form, name, value, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(young_person_id, form, name) DO UPDATE SET value = excluded.value, "
        "updated_at = excluded.updated_at");
    if (!statement) return remember(statement.error());
    statement->bind_all(young_person_id, form_code(form), field.name, field.value, now);
    if (Status ran = statement->run(); !ran) return remember(ran);
  }
  return ok_status();
}

Status Writer::discard_draft(std::string_view young_person_id, DraftForm form) {
  auto statement = db_.prepare("DELETE FROM draft_fields WHERE young_person_id = ?1 AND form = ?2");
  if (!statement) return remember(statement.error());
  statement->bind_all(young_person_id, form_code(form));
  return remember(statement->run());
}

Result<std::optional<Draft>> Store::draft(std::string_view young_person_id, DraftForm form) {
  auto query = db_->prepare(
      "SELECT name, value, updated_at FROM draft_fields WHERE young_person_id = ?1 AND form = ?2 ORDER BY name");
  if (!query) return query.error();
  query->bind_all(young_person_id, form_code(form));
  Draft draft{std::string(young_person_id), form, {}, {}};
  for (;;) {
    auto row = query->step();
    if (!row) return row.error();
    if (!*row) break;
    draft.fields.push_back(DraftField{query->text(0), query->text(1)});
    draft.updated_at = std::max(draft.updated_at, query->text(2));
  }
  if (draft.fields.empty()) return std::optional<Draft>{};
  return std::optional<Draft>{std::move(draft)};
}

}  // namespace pathway::store
