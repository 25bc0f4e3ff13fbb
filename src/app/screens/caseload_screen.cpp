// The caseload: the young people on this device, each with their age,
// category and when the next contact is due (overdue in red, with how long).
// Rows come from store.caseload(staff_id, today), cached until the next write
// (App::data_version) or a new day; a tap on a row opens that young person,
// and its "Record visit" button opens the visit form straight away.
#include <string>
#include <vector>

#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
#include "app/screens/screens.h"
#include "app/screens/text_formats.h"
#include "app/ui/fonts.h"
#include "app/ui/icons.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace pathway::app {
namespace {

struct CaseloadCache {
  uint64_t version = ~0ull;
  Date day;
  std::vector<store::CaseloadRow> rows;
  std::string error;
};

CaseloadCache cache;

void refresh(App& app) {
  Date day = today();
  if (cache.version == app.data_version && cache.day == day) return;
  cache.version = app.data_version;
  cache.day = day;
  auto rows = app.database.store().caseload(app.staff_id, day);
  cache.error = rows ? "" : rows.error().message;
  cache.rows = rows ? std::move(rows.value()) : std::vector<store::CaseloadRow>{};
  // Unlock timing: the first caseload query, and the frame that shows it.
  platform::mark("pathway-caseload-query");
  platform::mark_when_drawn("pathway-caseload-frame");
}

std::string contact_summary(const core::ContactDue& due, Date day) {
  if (!due.last_contact) return "Never contacted: contact due now";
  if (due.overdue) return "Contact overdue by " + days_phrase(due.days_overdue);
  if (due.due && *due.due == day) return "Contact due today";
  if (due.due) return "Next contact by " + short_date(*due.due);
  return "";
}

enum class RowAction { none, open, record_visit };

// One row: a button with the name, details and what is due drawn over it,
// and "Record visit" beside it; on a narrow screen what is due gets its own
// line and "Record visit" goes under the row.
RowAction caseload_row(const store::CaseloadRow& row, Date day) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeight();
  const float line_step = line + 4;
  const float pad = 12;
  const char* record_label = "Record visit";
  ImGui::PushFont(fonts::strong());
  const float record_width = ImGui::CalcTextSize(record_label).x + 2 * style.FramePadding.x;
  ImGui::PopFont();
  const float full_width = ImGui::GetContentRegionAvail().x;
  const std::string details = std::to_string(row.age) + " \xc2\xb7 " + std::string(core::label_of(row.category.category));
  const std::string due = contact_summary(row.contact, day);
  const float due_width = fonts::body()->CalcTextSizeA(fonts::body_size, FLT_MAX, 0, due.c_str()).x;
  const float name_width = fonts::strong()->CalcTextSizeA(fonts::body_size, FLT_MAX, 0, row.display_name.c_str()).x;
  const float details_width = fonts::body()->CalcTextSizeA(fonts::body_size, FLT_MAX, 0, details.c_str()).x;
  const bool narrow =
      pad + std::max(name_width, details_width) + 24 + due_width + pad + style.ItemSpacing.x + record_width > full_width;
  const float width = narrow ? full_width : full_width - record_width - style.ItemSpacing.x;
  const float height = std::max(theme::control_height(), 2 * pad + line_step * (narrow ? 2 : 1) + line);

  ImVec2 top_left = ImGui::GetCursorScreenPos();
  ImGui::PushID(row.young_person_id.c_str());
  RowAction action = RowAction::none;
  if (ImGui::InvisibleButton((row.display_name + "##row").c_str(), ImVec2(width, height))) action = RowAction::open;
  bool hovered = ImGui::IsItemHovered();
  bool held = ImGui::IsItemActive();
  // What is drawn over the row, for screen readers: "Name, 19 · Former relevant, Contact overdue by 3 days".
  item_registry::add_detail_to_last_item(details);
  item_registry::add_detail_to_last_item(due);
  if (narrow) {
    ImGui::SetCursorScreenPos(top_left + ImVec2(pad, height));
  } else {
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (height - theme::control_height()) / 2);
  }
  if (ui::button(record_label, ui::Emphasis::secondary)) action = RowAction::record_visit;
  item_registry::add_detail_to_last_item(row.display_name);  // "Record visit, Sam Smith"
  const float bottom = narrow ? height + theme::control_height() + pad : height;
  ImGui::SetCursorScreenPos(top_left + ImVec2(0, bottom));
  ImGui::Dummy(ImVec2(0, 0));
  ImGui::PopID();

  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (hovered || held)
    draw->AddRectFilled(top_left, top_left + ImVec2(width, height), held ? theme::row_pressed : theme::row_hover, 8);
  draw->AddLine(top_left + ImVec2(0, bottom), top_left + ImVec2(full_width, bottom), theme::divider);
  ImVec2 text_pos = top_left + ImVec2(pad, pad);
  draw->AddText(fonts::strong(), fonts::body_size, text_pos, theme::text, row.display_name.c_str());
  draw->AddText(fonts::body(), fonts::body_size, text_pos + ImVec2(0, line_step), theme::text_muted, details.c_str());
  ImVec2 due_pos = narrow ? text_pos + ImVec2(0, 2 * line_step) : ImVec2(top_left.x + width - pad - due_width, text_pos.y);
  draw->AddText(fonts::body(), fonts::body_size, due_pos, row.contact.overdue ? theme::overdue : theme::text_muted,
                due.c_str());
  return action;
}

}  // namespace

void draw_caseload_screen(App& app) {
  refresh(app);
  ui::heading("Your caseload");
  ui::text_muted(std::to_string(cache.rows.size()) + (cache.rows.size() == 1 ? " young person" : " young people"));
  for (const std::string* error : {&app.open_error, &cache.error})
    if (!error->empty()) ui::banner(icon::error, *error, theme::warning_fill, theme::warning_text);
  ImGui::Spacing();

  ImGui::BeginChild("##caseload", ImVec2(0, 0), false);
  Date day = cache.day;
  for (const store::CaseloadRow& row : cache.rows) {
    switch (caseload_row(row, day)) {
      case RowAction::open: open_young_person(app, row.young_person_id); break;
      case RowAction::record_visit: open_visit(app, row.young_person_id); break;
      case RowAction::none: break;
    }
  }
  if (cache.rows.empty() && cache.error.empty()) ui::text_muted("No young people on this device yet.");
  ImGui::EndChild();
}

}  // namespace pathway::app
