// A young person: their name and details, "Record visit" (or, when a visit
// in progress is kept on this device, the offer to continue or discard it),
// "Add note", and their history newest first (contacts with the PA's notes,
// plan events, changes of activity and accommodation). Add note records a
// Contact through the store's one write path; the new note shows at once
// because every write bumps App::data_version, which empties the cache
// below, and the status bar shows "Saving..." then "Saved" as the encrypted
// pages reach IndexedDB. After a visit is saved the screen says so, and says
// "saved on this device" only once the store has confirmed it.
#include <string>
#include <vector>

#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
#include "app/screens/choices.h"
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
  std::optional<store::Draft> visit_draft;  // a visit in progress kept on this device
  std::vector<store::TimelineEntry> entries;
  std::string next_cursor;  // more, older entries when not empty
  std::string error;
};

struct NoteDraft {
  bool open = false;
  std::string type{core::code_of(core::ContactType::phone)};
  std::string text;
  std::string message;  // why the last save was refused
  core::Id person_id;   // the draft belongs to this young person
  bool focus_note = false;
};

constexpr int timeline_page = 50;
PersonCache cache;
NoteDraft draft;
bool confirming_discard = false;

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
  store::Store& store = app.database.store();
  if (auto row = store.caseload_row_of(app.person_id, today())) cache.person = std::move(*row);
  else cache.error = row.error().message;
  if (auto visit = store.draft(app.person_id, store::DraftForm::visit)) cache.visit_draft = std::move(*visit);
  else cache.error = visit.error().message;
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
  contact.type = core::enum_from_code<core::ContactType>(draft.type).value_or(core::ContactType::phone);
  contact.outcome = core::ContactOutcome::seen;
  contact.pa_notes = draft.text;
  return app.database.store().write(store::Actor{app.staff_id, {}}, contact.recorded_at,
                                    [&](store::Writer& writer) { return writer.save(contact); });
}

void close_draft() {
  draft = NoteDraft{};
}

void draw_note_form(App& app) {
  ui::group_caption("Type of contact");
  enum_choice<core::ContactType>(draft.type, "note type");
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

// When the visit was last typed in, for the offer to continue it.
std::string kept_since(const store::Draft& visit) {
  auto at = Instant::parse(visit.updated_at);
  if (!at) return {};
  const UkTime local = uk_time_of(*at);
  return " (last typed " + short_date(local.date) + " at " + typed_time(local.hour * 60 + local.minute) + ")";
}

// "Record visit", or the visit in progress with Continue and Discard.
void draw_visit_actions(App& app) {
  if (!cache.visit_draft) {
    if (ui::button((std::string(icon::add) + " Record visit").c_str())) open_visit(app, app.person_id);
    return;
  }
  ui::banner(icon::schedule, "A visit you started is kept on this device" + kept_since(*cache.visit_draft) + ".",
             theme::warning_fill, theme::warning_text);
  if (!confirming_discard) {
    if (ui::button("Continue visit")) open_visit(app, app.person_id);
    ImGui::SameLine();
    if (ui::button("Discard draft", ui::Emphasis::secondary)) confirming_discard = true;
    return;
  }
  ui::text_wrapped("Discard the visit you started? What was typed cannot be brought back.");
  if (ui::button("Yes, discard it")) {
    Status discarded = app.database.store().write(store::Actor{app.staff_id, {}}, now(), [&](store::Writer& writer) {
      return writer.discard_draft(app.person_id, store::DraftForm::visit);
    });
    if (!discarded) cache.error = discarded.error().message;
    confirming_discard = false;
    ++app.data_version;
    platform::request_frame();
  }
  ImGui::SameLine();
  if (ui::button("Keep it", ui::Emphasis::secondary)) confirming_discard = false;
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
  if (draft.person_id != app.person_id) {
    close_draft();
    confirming_discard = false;
  }
  draft.person_id = app.person_id;

  if (ui::button((std::string(icon::back) + " Caseload").c_str(), ui::Emphasis::secondary)) {
    app.visit_just_saved = false;
    open_caseload(app);
    return;
  }
  if (cache.person) {
    ui::heading(cache.person->display_name);
    ui::text_muted(std::to_string(cache.person->age) + " \xc2\xb7 " +
                   std::string(core::label_of(cache.person->category.category)));
  }
  if (!cache.error.empty()) ui::banner(icon::error, cache.error, theme::warning_fill, theme::warning_text);
  if (app.visit_just_saved) {
    if (app.database.has_unsaved_changes()) ui::live_text(theme::text_muted, "Visit recorded. Saving it on this device...");
    else ui::live_text(theme::ok, std::string(icon::saved) + " Visit saved on this device");
  }
  ImGui::Spacing();

  ImGui::BeginChild("##history", ImVec2(0, 0), false);
  if (draft.open) {
    draw_note_form(app);
  } else {
    draw_visit_actions(app);
    ImGui::SameLine();
    if (ui::button((std::string(icon::add) + " Add note").c_str(), ui::Emphasis::secondary)) {
      draft.open = true;
      draft.focus_note = true;  // typing can start at once
    }
  }
  ImGui::Spacing();
  ImGui::Separator();
  for (const store::TimelineEntry& entry : cache.entries) draw_entry(entry);
  if (cache.entries.empty()) ui::text_muted("Nothing recorded yet.");
  if (!cache.next_cursor.empty() && ui::button("Show older", ui::Emphasis::secondary)) load_more(app);
  ImGui::EndChild();
}

}  // namespace pathway::app
