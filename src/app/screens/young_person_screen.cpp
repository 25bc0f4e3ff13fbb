// A young person: their name and details, "Add note", and their history
// newest first (contacts with the PA's notes, plan events, changes of
// activity and accommodation). Add note records a Contact through the store's
// one write path; the new note shows at once because every write bumps
// App::data_version, which empties the cache below, and the status bar shows
// "Saving..." then "Saved" as the encrypted pages reach IndexedDB.
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
#include "core/model.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "misc/cpp/imgui_stdlib.h"
#include "store/uuid.h"

namespace pathway::app {
namespace {

struct PersonCache {
  uint64_t version = ~0ull;
  core::Id person_id;
  std::optional<store::CaseloadRow> person;
  std::vector<store::TimelineEntry> entries;
  std::string next_cursor;  // more, older entries when not empty
  std::string error;
};

struct NoteDraft {
  bool open = false;
  core::ContactType type = core::ContactType::phone;
  std::string text;
  std::string message;  // why the last save was refused
  core::Id person_id;   // the draft belongs to this young person
  bool focus_note = false;
};

constexpr int timeline_page = 50;
PersonCache cache;
NoteDraft draft;

void load_more(App& app) {
  auto page = app.database.store().timeline(cache.person_id, cache.next_cursor, timeline_page);
  if (!page) {
    cache.error = page.error().message;
    cache.next_cursor.clear();
    return;
  }
  cache.entries.insert(cache.entries.end(), page->entries.begin(), page->entries.end());
  cache.next_cursor = page->next_cursor;
}

void refresh(App& app) {
  if (cache.version == app.data_version && cache.person_id == app.person_id) return;
  cache = PersonCache{};
  cache.version = app.data_version;
  cache.person_id = app.person_id;
  auto caseload = app.database.store().caseload(app.staff_id, today());
  if (caseload) {
    for (store::CaseloadRow& row : *caseload)
      if (row.young_person_id == app.person_id) cache.person = std::move(row);
  } else {
    cache.error = caseload.error().message;
  }
  load_more(app);
}

template <class E>
std::string label_for_code(std::string_view code) {
  if (auto value = core::enum_from_code<E>(code)) return std::string(core::label_of(*value));
  return std::string(code);
}

std::string entry_title(const store::TimelineEntry& entry) {
  using Kind = store::TimelineEntry::Kind;
  switch (entry.kind) {
    case Kind::contact: {
      std::string title = label_for_code<core::ContactType>(entry.code);
      if (!entry.detail_code.empty()) title += " \xc2\xb7 " + label_for_code<core::ContactOutcome>(entry.detail_code);
      return title;
    }
    case Kind::plan_event: return "Pathway plan " + entry.code;
    case Kind::activity: return "Activity: " + label_for_code<core::ActivityCode>(entry.code);
    case Kind::accommodation: return "Accommodation: " + label_for_code<core::AccommodationCode>(entry.code);
    case Kind::risk: return "Risk assessment: " + label_for_code<core::RiskLevel>(entry.code);
  }
  return entry.code;
}

Status save_note(App& app) {
  core::Contact contact;
  contact.id = store::new_uuid();
  contact.young_person_id = app.person_id;
  contact.staff_id = app.staff_id;
  contact.occurred_at = contact.recorded_at = now();
  contact.type = draft.type;
  contact.outcome = core::ContactOutcome::seen;
  contact.pa_notes = draft.text;
  return app.database.store().write(store::Actor{app.staff_id, {}}, contact.recorded_at,
                                    [&](store::Writer& writer) { return writer.save(contact); });
}

void close_draft() {
  draft = NoteDraft{};
}

void draw_note_form(App& app) {
  ui::field_caption("Type of contact");
  for (const auto& entry : core::all_of<core::ContactType>()) {
    core::ContactType type = entry.value;
    std::string label(entry.label);
    bool chosen = draft.type == type;
    float width = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
    if (ImGui::GetCursorPosX() > ImGui::GetStyle().WindowPadding.x &&
        ImGui::GetCursorPosX() + width > ImGui::GetContentRegionMax().x)
      ImGui::NewLine();
    if (ui::button(label.c_str(), chosen ? ui::Emphasis::primary : ui::Emphasis::secondary)) draft.type = type;
    if (chosen) item_registry::mark_last_item(item_registry::selected);
    ImGui::SameLine();
  }
  ImGui::NewLine();
  ui::field_caption("Note");
  if (draft.focus_note) ImGui::SetKeyboardFocusHere();
  draft.focus_note = false;
  float lines = platform::touch_device() ? 6.0f : 8.0f;
  ImGui::InputTextMultiline("##New note", &draft.text,
                            ImVec2(-1, ImGui::GetTextLineHeight() * lines + 2 * ImGui::GetStyle().FramePadding.y));
  if (!draft.message.empty()) ui::banner(icon::warning, draft.message, theme::warning_fill, theme::warning_text);
  bool empty = draft.text.find_first_not_of(" \t\r\n") == std::string::npos;
  ImGui::BeginDisabled(empty);
  bool save = ui::button("Save note");
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ui::button("Cancel", ui::Emphasis::secondary)) close_draft();
  if (save) {
    Status status = save_note(app);
    if (status) {
      close_draft();
      ++app.data_version;
      ImGui::ClearActiveID();
    } else {
      draft.message = status.error().message;
    }
    platform::request_frame();
  }
}

void draw_entry(const store::TimelineEntry& entry) {
  ImGui::PushFont(fonts::strong());
  ui::text(entry_title(entry));
  ImGui::PopFont();
  ImGui::SameLine();
  ui::text_muted(short_date(entry.at));
  if (!entry.text.empty()) ui::text_wrapped(entry.text);
  ImGui::Dummy(ImVec2(0, 4));
  ImGui::Separator();
}

}  // namespace

void draw_young_person_screen(App& app) {
  refresh(app);
  if (draft.person_id != app.person_id) close_draft();
  draft.person_id = app.person_id;

  if (ui::button((std::string(icon::back) + " Caseload").c_str(), ui::Emphasis::secondary)) {
    open_caseload(app);
    return;
  }
  if (cache.person) {
    ui::heading(cache.person->display_name);
    ui::text_muted(std::to_string(cache.person->age) + " \xc2\xb7 " +
                   std::string(core::label_of(cache.person->category.category)));
  }
  if (!cache.error.empty()) ui::banner(icon::error, cache.error, theme::warning_fill, theme::warning_text);
  ImGui::Spacing();

  ImGui::BeginChild("##history", ImVec2(0, 0), false);
  if (draft.open) {
    draw_note_form(app);
  } else if (ui::button((std::string(icon::add) + " Add note").c_str())) {
    draft.open = true;
    draft.focus_note = true;  // typing can start at once
  }
  ImGui::Spacing();
  ImGui::Separator();
  for (const store::TimelineEntry& entry : cache.entries) draw_entry(entry);
  if (cache.entries.empty()) ui::text_muted("Nothing recorded yet.");
  if (!cache.next_cursor.empty() && ui::button("Show older", ui::Emphasis::secondary)) load_more(app);
  ImGui::EndChild();
}

}  // namespace pathway::app
