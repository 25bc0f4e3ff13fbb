// The caseload: a card for each young person on this device with their
// name (preferred first), age, category, flags and risk, the last contact and
// when the next is due (overdue in red, with how long), and the plan review;
// search as you type, sort (due first, name, age), overdue only, and filters
// by category and flag (caseload_filter.h). A team manager's caseload is
// their team's, under each PA's name with how many they have and how many
// are overdue or late (Store::team_caseload); a tap opens a PA's cards.
// Rows come from the store, cached until the next write (App::data_version)
// or a new day; a tap on a row opens that young person, and its "Record
// visit" button opens the visit form straight away. A new device's first
// sync shows its progress here until the caseload is in.
#include <algorithm>
#include <string>
#include <vector>

#include "app/device_sync.h"
#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
#include "app/screens/caseload_filter.h"
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

// A team manager's caseload is their team's, one group per PA (PA lines in a
// row of cache.rows, the group's [first, first + count)).
struct PaGroup {
  core::Id staff_id;
  std::string name;
  size_t first = 0, count = 0;
  std::string totals;  // "27 young people, 3 contacts overdue, 2 plans late"
};

struct CaseloadCache {
  uint64_t version = ~0ull;
  Date day;
  std::vector<store::CaseloadRow> rows;
  bool team_view = false;  // the device is used by a team manager: rows are grouped
  std::string team_words;  // "North Team: 6 Personal Advisers"
  std::vector<PaGroup> groups;
  std::string error;
  FilterChoices choices;  // what the rows hold, for the filter buttons
  std::vector<std::string> category_labels, flag_labels;  // "Former relevant (14)", "UASC (3)"
};

CaseloadCache cache;

CaseloadFilter filter;
bool filters_open = false;  // the category and flag buttons are shown

// A category or flag nobody has any more (the caseload changed) is not
// chosen: its button is gone, so it could not be turned off.
void keep_only_choices_on_offer() {
  uint32_t categories = 0, flags = 0;
  for (auto [category, count] : cache.choices.categories) categories |= 1u << static_cast<int>(category);
  for (auto [flag, count] : cache.choices.flags) flags |= 1u << static_cast<int>(flag);
  filter.categories &= categories;
  filter.flags &= flags;
}

std::string people_words(size_t n) { return std::to_string(n) + (n == 1 ? " young person" : " young people"); }

std::string group_totals(const store::PaCaseload& group) {
  std::string words = people_words(group.rows.size());
  if (group.contacts_overdue > 0)
    words += ", " + std::to_string(group.contacts_overdue) + (group.contacts_overdue == 1 ? " contact" : " contacts") + " overdue";
  if (group.plans_late > 0) words += ", " + std::to_string(group.plans_late) + (group.plans_late == 1 ? " plan" : " plans") + " late";
  return words;
}

// The device's member of staff's caseload; for a team manager, their team's
// grouped by PA.
void load_rows(App& app, Date day) {
  store::Store& store = app.database.store();
  cache.rows.clear();
  cache.groups.clear();
  cache.error.clear();
  auto me = store.staff(app.staff_id);
  cache.team_view = me && me->role == core::StaffRole::team_manager && !me->team_id.empty();
  if (!cache.team_view) {
    auto rows = store.caseload(app.staff_id, day);
    if (rows) cache.rows = std::move(*rows);
    else cache.error = rows.error().message;
    return;
  }
  auto groups = store.team_caseload(me->team_id, day);
  if (!groups) {
    cache.error = groups.error().message;
    return;
  }
  auto team = store.team(me->team_id);
  cache.team_words = (team ? team->name : std::string("Your team")) + ": " + std::to_string(groups->size()) +
                     (groups->size() == 1 ? " Personal Adviser" : " Personal Advisers");
  for (store::PaCaseload& group : *groups) {
    cache.groups.push_back({group.staff_id, group.name, cache.rows.size(), group.rows.size(), group_totals(group)});
    for (store::CaseloadRow& row : group.rows) cache.rows.push_back(std::move(row));
  }
}

void refresh(App& app) {
  Date day = today();
  if (cache.version == app.data_version && cache.day == day) return;
  cache.version = app.data_version;
  cache.day = day;
  load_rows(app, day);
  cache.choices = filter_choices(cache.rows);
  cache.category_labels.clear();
  cache.flag_labels.clear();
  const auto counted = [](std::string_view words, int count) { return std::string(words) + " (" + std::to_string(count) + ")"; };
  for (auto [category, count] : cache.choices.categories) cache.category_labels.push_back(counted(filter_label(category), count));
  for (auto [flag, count] : cache.choices.flags) cache.flag_labels.push_back(counted(label_of(flag), count));
  keep_only_choices_on_offer();
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
  const float record_width = ui::button_width(record_label);
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

// [The view: search, sort, filters]

// The category and flag buttons: what the caseload holds, with counts,
// each on or off (caseload_filter.h says how they combine); they wrap onto
// more rows on a narrow screen.
void draw_filter_choices() {
  ui::group_caption("Category");
  ImGui::PushID("category");
  for (size_t i = 0; i < cache.choices.categories.size(); ++i) {
    const core::Category category = cache.choices.categories[i].first;
    if (ui::toggle_in_row(cache.category_labels[i], filter.chosen(category), i == 0)) filter.toggle(category);
  }
  ImGui::PopID();
  if (!cache.choices.flags.empty()) ui::group_caption("Flags");
  ImGui::PushID("flag");
  for (size_t i = 0; i < cache.choices.flags.size(); ++i) {
    const PersonFlag flag = cache.choices.flags[i].first;
    if (ui::toggle_in_row(cache.flag_labels[i], filter.chosen(flag), i == 0)) filter.toggle(flag);
  }
  ImGui::PopID();
  if (filter.chosen_count() > 0 && ui::button("Clear filters", ui::Emphasis::secondary)) filter.categories = filter.flags = 0;
}

void draw_view_controls() {
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##Search by name", "Search by name", &filter.search);
  item_registry::set_last_item_value(filter.search);
  static constexpr std::string_view sorts[] = {"Due first", "Name", "Age"};
  int sort = static_cast<int>(filter.sort);
  if (ui::choice_row(sorts, sort, "sort")) filter.sort = static_cast<SortBy>(sort);
  const std::string filters_label =
      filter.chosen_count() ? "Filters (" + std::to_string(filter.chosen_count()) + ")" : std::string("Filters");
  if (ui::toggle_in_row("Overdue only", filter.overdue_only, false)) filter.overdue_only = !filter.overdue_only;
  if (ui::toggle_in_row(filters_label, filters_open || filter.chosen_count() > 0, false)) filters_open = !filters_open;
  if (filters_open) draw_filter_choices();
}

// [The cards, and a team manager's groups]

void draw_cards(App& app, const std::vector<const store::CaseloadRow*>& shown) {
  for (const store::CaseloadRow* row : shown) {
    // Beside the open young person (two panes), their card shows as chosen.
    const bool is_open = app.two_panes && row->young_person_id == app.person_id;
    switch (caseload_row(*row, cache.day, is_open)) {
      case RowAction::open: open_young_person(app, row->young_person_id); break;
      case RowAction::record_visit: open_visit(app, row->young_person_id); break;
      case RowAction::none: break;
    }
  }
}

// The PAs whose groups are open (tapped), by staff id.
std::vector<core::Id> open_groups;

// A PA's name and totals, a tap opening or closing their cards. While a
// search or filter is on, every group with a match shows its matches.
void draw_group(App& app, const PaGroup& group) {
  const std::vector<const store::CaseloadRow*> shown =
      rows_matching(std::span(cache.rows).subspan(group.first, group.count), filter);
  const bool filtering = filter.narrows();
  const auto opened = std::find(open_groups.begin(), open_groups.end(), group.staff_id);
  const bool is_open = opened != open_groups.end() || (filtering && !shown.empty());
  std::string words = group.name + ": " + group.totals;
  if (filtering) words += " (" + std::to_string(shown.size()) + " shown)";
  ImGui::Dummy(ImVec2(0, 4));
  if (ui::choice(words, is_open, group.staff_id)) {
    if (opened != open_groups.end()) open_groups.erase(opened);
    else open_groups.push_back(group.staff_id);
  }
  if (is_open) draw_cards(app, shown);
}

}  // namespace

void draw_caseload_screen(App& app) {
  refresh(app);
  ui::heading("Your caseload");
  if (cache.team_view) ui::text_muted(cache.team_words);
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
  const std::vector<const store::CaseloadRow*> shown = rows_matching(cache.rows, filter);
  const std::string people = people_words(cache.rows.size());
  ui::text_muted(shown.size() == cache.rows.size() ? people : "Showing " + std::to_string(shown.size()) + " of " + people);

  ImGui::BeginChild("##caseload", ImVec2(0, 0), false);
  if (!cache.team_view) {
    draw_cards(app, shown);
  } else {
    for (const PaGroup& group : cache.groups) draw_group(app, group);
  }
  const SyncEngine& sync = device_sync::engine();
  if (sync.running() && sync.first_sync()) {
    ui::live_text(theme::text_muted, "Getting your caseload: " + grouped(sync.rows_pulled()) + " records so far");
  } else if (cache.rows.empty() && cache.error.empty()) {
    const auto cursor = app.database.store().sync_cursor();
    ui::text_muted(cursor && cursor->empty() ? "Your caseload comes onto this device at its first sync, which needs the network."
                   : cache.team_view         ? "No young people allocated to your team on this device."
                                             : "No young people allocated to you on this device.");
  } else if (shown.empty()) {
    ui::text_muted("Nobody matches.");
  }
  ImGui::EndChild();
}

}  // namespace pathway::app
