// The caseload: a card for each young person on this device with their
// name (preferred first), age, category, flags and risk, the last contact and
// when the next is due (overdue in red, with how long), and the plan review;
// search as you type, sort (due first, name, age) and overdue only.
// Rows come from store.caseload(staff_id, today), cached until the next write
// (App::data_version) or a new day; a tap on a row opens that young person,
// and its "Record visit" button opens the visit form straight away. A new
// device's first sync shows its progress here until the caseload is in.
#include <algorithm>
#include <string>
#include <vector>

#include "app/device_sync.h"
#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
#include "app/screens/person_words.h"
#include "app/screens/text_formats.h"
#include "app/screens/screens.h"
#include "app/ui/fonts.h"
#include "app/ui/icons.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "misc/cpp/imgui_stdlib.h"

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

enum class RowAction { none, open, record_visit };

struct CardLine {
  std::string words;
  ImFont* font;
  ImU32 colour;
};

// One card: a button with the name, details (flags, risk), last contact and
// what is due, and the plan review drawn over it, and "Record visit" beside
// it (under it on a narrow screen); filled when it is the young person open
// beside the caseload.
RowAction caseload_row(const store::CaseloadRow& row, Date day, bool is_open) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float pad = 12;
  const char* record_label = "Record visit";
  ImGui::PushFont(fonts::strong());
  const float record_width = ImGui::CalcTextSize(record_label).x + 2 * style.FramePadding.x;
  ImGui::PopFont();
  const float full_width = ImGui::GetContentRegionAvail().x;
  const std::string last = last_contact_words(row.contact);
  const bool plan_late = row.plan_standing != core::PlanStanding::up_to_date;
  const CardLine lines[] = {
      {row.display_name, fonts::strong(), theme::text},
      {details_of(row), fonts::body(), row.risk_level == core::RiskLevel::high ? theme::overdue : theme::text_muted},
      {contact_summary(row.contact, day), fonts::body(), row.contact.overdue ? theme::overdue : theme::text_muted},
      {last, fonts::body(), theme::text_muted},
      {plan_summary(row, day), fonts::body(), plan_late ? theme::overdue : theme::text_muted},
  };
  float text_width = 0;
  for (const CardLine& line : lines)
    text_width = std::max(text_width, line.font->CalcTextSizeA(fonts::body_size, FLT_MAX, 0, line.words.c_str()).x);
  const bool narrow = pad + text_width + pad + style.ItemSpacing.x + record_width > full_width;
  const float width = narrow ? full_width : full_width - record_width - style.ItemSpacing.x;
  // A line too long for a narrow card wraps (large text, small phones): nothing is cut off.
  const float wrap = width - 2 * pad;
  float line_heights[IM_ARRAYSIZE(lines)];
  float height = 2 * pad - 4;
  for (size_t i = 0; i < IM_ARRAYSIZE(lines); ++i) {
    line_heights[i] = lines[i].font->CalcTextSizeA(fonts::body_size, FLT_MAX, wrap, lines[i].words.c_str()).y + 4;
    height += line_heights[i];
  }

  ImVec2 top_left = ImGui::GetCursorScreenPos();
  ImGui::PushID(row.young_person_id.c_str());
  RowAction action = RowAction::none;
  if (ImGui::InvisibleButton((row.display_name + "##row").c_str(), ImVec2(width, height))) action = RowAction::open;
  bool hovered = ImGui::IsItemHovered();
  bool held = ImGui::IsItemActive();
  if (is_open) item_registry::mark_last_item(item_registry::selected);
  // What is drawn over the card, for screen readers: "Name, 19 · Former relevant, Contact overdue by 3 days, ...".
  for (size_t i = 1; i < IM_ARRAYSIZE(lines); ++i) item_registry::add_detail_to_last_item(lines[i].words);
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
  if (hovered || held || is_open)
    draw->AddRectFilled(top_left, top_left + ImVec2(width, height), held || is_open ? theme::row_pressed : theme::row_hover, 8);
  draw->AddLine(top_left + ImVec2(0, bottom), top_left + ImVec2(full_width, bottom), theme::divider);
  ImVec2 text_pos = top_left + ImVec2(pad, pad);
  for (size_t i = 0; i < IM_ARRAYSIZE(lines); ++i) {
    draw->AddText(lines[i].font, fonts::body_size, text_pos, lines[i].colour, lines[i].words.c_str(), nullptr, wrap);
    text_pos.y += line_heights[i];
  }
  return action;
}

// [The view: search, sort, filter]

enum class SortBy { due, name, age };
struct CaseloadView {
  std::string search;
  int sort = 0;  // SortBy
  bool overdue_only = false;
};
CaseloadView view;

bool lower_contains(std::string_view text, std::string_view wanted) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return std::search(text.begin(), text.end(), wanted.begin(), wanted.end(),
                     [&](char a, char b) { return lower(a) == lower(b); }) != text.end();
}

// The rows to show, in the chosen order (the store's order is due first).
std::vector<const store::CaseloadRow*> rows_in_view() {
  std::vector<const store::CaseloadRow*> shown;
  std::string_view wanted(view.search);
  while (!wanted.empty() && wanted.front() == ' ') wanted.remove_prefix(1);
  while (!wanted.empty() && wanted.back() == ' ') wanted.remove_suffix(1);
  for (const store::CaseloadRow& row : cache.rows)
    if ((!view.overdue_only || row.contact.overdue) && lower_contains(row.display_name, wanted)) shown.push_back(&row);
  if (view.sort == static_cast<int>(SortBy::name))
    std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->display_name < b->display_name; });
  else if (view.sort == static_cast<int>(SortBy::age))
    std::stable_sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->age < b->age; });
  return shown;
}

void draw_view_controls() {
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##Search by name", "Search by name", &view.search);
  item_registry::set_last_item_value(view.search);
  static constexpr std::string_view sorts[] = {"Due first", "Name", "Age"};
  ui::choice_row(sorts, view.sort, "sort");
  ImGui::SameLine(0, 24);
  if (ImGui::GetContentRegionAvail().x < 160) ImGui::NewLine();
  if (ui::button("Overdue only", view.overdue_only ? ui::Emphasis::primary : ui::Emphasis::secondary))
    view.overdue_only = !view.overdue_only;
  if (view.overdue_only) item_registry::mark_last_item(item_registry::selected);
}

}  // namespace

void draw_caseload_screen(App& app) {
  refresh(app);
  ui::heading("Your caseload");
  ui::text_muted(std::to_string(cache.rows.size()) + (cache.rows.size() == 1 ? " young person" : " young people"));
  for (const std::string* error : {&app.open_error, &cache.error})
    if (!error->empty()) ui::banner(icon::error, *error, theme::warning_fill, theme::warning_text);
  if (may_authorise_plans(app)) {
    const int waiting = plans_awaiting(app);
    if (ui::button(("Plans awaiting authorisation (" + std::to_string(waiting) + ")").c_str(),
                   waiting ? ui::Emphasis::primary : ui::Emphasis::secondary))
      open_authorisations(app);
  }
  ImGui::Spacing();

  draw_view_controls();

  ImGui::BeginChild("##caseload", ImVec2(0, 0), false);
  Date day = cache.day;
  const std::vector<const store::CaseloadRow*> shown = rows_in_view();
  for (const store::CaseloadRow* row : shown) {
    // Beside the open young person (two panes), their card shows as chosen.
    const bool is_open = app.two_panes && row->young_person_id == app.person_id;
    switch (caseload_row(*row, day, is_open)) {
      case RowAction::open: open_young_person(app, row->young_person_id); break;
      case RowAction::record_visit: open_visit(app, row->young_person_id); break;
      case RowAction::none: break;
    }
  }
  const SyncEngine& sync = device_sync::engine();
  if (sync.running() && sync.first_sync()) {
    ui::live_text(theme::text_muted, "Getting your caseload: " + grouped(sync.rows_pulled()) + " records so far");
  } else if (cache.rows.empty() && cache.error.empty()) {
    const auto cursor = app.database.store().sync_cursor();
    ui::text_muted(cursor && cursor->empty()
                       ? "Your caseload comes onto this device at its first sync, which needs the network."
                       : "No young people allocated to you on this device.");
  } else if (shown.empty()) {
    ui::text_muted("Nobody matches.");
  }
  ImGui::EndChild();
}

}  // namespace pathway::app
