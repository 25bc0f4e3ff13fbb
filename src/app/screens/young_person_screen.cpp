// A young person, opened by id: a summary header (name, age, date of birth,
// category and when support ends, flags, what contact is due, the plan
// review, languages), a warning where the care history looks wrong
// (core::care_history_warnings), contact details as real tel:, sms: and
// mailto: links, "Record visit" (or the visit in progress kept on this
// device, to continue or discard), "Add note", the current pathway plan with
// its objectives and their status, the latest risk assessment, EET and
// accommodation now and before, and their history newest first, a page at a
// time (Store::timeline's cursor) as it scrolls into view, so years of it
// never hold up a frame. Everything is read through the store, again after
// every write (App::data_version). Add note records a Contact through the
// store's one write path. After a visit is saved the screen says so, and says
// "saved on this device" only once the store has confirmed it.
#include <string>
#include <vector>

#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
#include "app/screens/choices.h"
#include "app/screens/person_words.h"
#include "app/screens/screens.h"
#include "app/screens/text_formats.h"
#include "app/ui/fonts.h"
#include "app/ui/icons.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "core/histories.h"
#include "core/model.h"
#include "core/plans.h"
#include "core/validate.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "misc/cpp/imgui_stdlib.h"
#include "store/uuid.h"

namespace pathway::app {
namespace {

struct PersonCache {
  uint64_t version = ~0ull;
  core::Id person_id;
  Date day;
  std::optional<store::CaseloadRow> person;  // the caseload line: category, what is due, risk
  std::optional<core::YoungPerson> record;   // contact details, languages, care history
  std::vector<core::Warning> warnings;       // where the care history looks wrong
  std::vector<core::PathwayPlan> plans;      // every version, oldest first
  const core::PathwayPlan* current_plan = nullptr;  // in force today
  const core::PathwayPlan* newest_plan = nullptr;   // the latest version (a review draft, one awaiting authorisation)
  std::vector<core::RiskAssessment> risks;
  const core::RiskAssessment* risk = nullptr;  // the latest, on or before today
  std::vector<core::ActivitySpell> activity;
  std::vector<core::AccommodationSpell> accommodation;
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
// A young person opened from the keyboard takes the focus to their first
// action, so Tab goes on through their record, not the caseload beside it.
bool focus_first_action = false;

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

// Keeps a read's value, or the first error for the screen to show.
template <class T, class Into>
void keep(Result<T> read, Into& into) {
  if (read) into = std::move(*read);
  else if (cache.error.empty()) cache.error = read.error().message;
}

void refresh(App& app) {
  const Date day = today();
  if (cache.version == app.data_version && cache.person_id == app.person_id && cache.day == day) return;
  cache = PersonCache{};
  cache.version = app.data_version;
  cache.person_id = app.person_id;
  cache.day = day;
  store::Store& store = app.database.store();
  keep(store.caseload_row_of(app.person_id, day), cache.person);
  keep(store.young_person(app.person_id), cache.record);
  if (cache.record) cache.warnings = core::care_history_warnings(*cache.record, day);
  keep(store.plans_of(app.person_id), cache.plans);
  cache.current_plan = core::current_plan(cache.plans, day);
  cache.newest_plan = core::latest_version(cache.plans);
  keep(store.risks_of(app.person_id), cache.risks);
  for (const core::RiskAssessment& risk : cache.risks) core::keep_latest_on(cache.risk, risk, day);
  keep(store.activity_of(app.person_id), cache.activity);
  keep(store.accommodation_of(app.person_id), cache.accommodation);
  platform::mark_when_drawn("pathway-person-drawn");  // the first tap on a card to this screen (tests/e2e/layout.test.mjs)
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
      app.just_saved = "Note";
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

// Called after the screen's first action.
void take_focus_if_opened_by_keyboard() {
  if (focus_first_action) item_registry::focus_last_item();
  focus_first_action = false;
}

// "Record visit", or the visit in progress with Continue and Discard.
void draw_visit_actions(App& app) {
  if (!cache.visit_draft) {
    if (ui::button((std::string(icon::add) + " Record visit").c_str())) open_visit(app, app.person_id);
    take_focus_if_opened_by_keyboard();
    return;
  }
  ui::banner(icon::schedule, "A visit you started is kept on this device" + kept_since(*cache.visit_draft) + ".",
             theme::warning_fill, theme::warning_text);
  if (!confirming_discard) {
    if (ui::button("Continue visit")) open_visit(app, app.person_id);
    take_focus_if_opened_by_keyboard();
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

constexpr const char* dot = " \xc2\xb7 ";

void section_heading(std::string_view words) {
  ImGui::Dummy(ImVec2(0, 8));
  ui::heading(words, 2);
}

// "Born 12 Mar 2006", the legal name when another name is used, the category and when support ends.
void draw_summary() {
  const store::CaseloadRow& row = *cache.person;
  ui::heading(row.display_name);
  ui::text_coloured(row.risk_level == core::RiskLevel::high ? theme::overdue : theme::text_muted, details_of(row));
  if (cache.record) {
    const core::YoungPerson& person = *cache.record;
    std::string born = "Born " + short_date(person.date_of_birth);
    if (!person.preferred_name.empty() && person.preferred_name != person.legal_given_name)
      born += std::string(dot) + "Legal name " + person.legal_given_name + " " + person.legal_family_name;
    ui::text_muted(born);
    if (!person.languages.empty()) {
      std::string languages = "Speaks " + person.languages.front();
      for (size_t i = 1; i < person.languages.size(); ++i) languages += ", " + person.languages[i];
      if (person.interpreter_needed) languages += dot + std::string("Needs an interpreter");
      ui::text_muted(languages);
    }
  }
  // "Former relevant: aged 20, ... (s23C)." and the last day of support.
  if (!row.category.reason.empty()) ui::text_wrapped(row.category.reason);
  if (row.category.support_ends) ui::text("Support to " + short_date(row.category.support_ends->plus_days(-1)));
  ui::text_coloured(row.contact.overdue ? theme::overdue : theme::text, contact_summary(row.contact, cache.day));
  ui::text_muted(last_contact_words(row.contact));
  ui::text_coloured(row.plan_standing == core::PlanStanding::up_to_date ? theme::text : theme::overdue,
                    plan_summary(row, cache.day));
  for (const core::Warning& warning : cache.warnings)
    ui::banner(icon::warning, "Check the care history: " + warning.message, theme::warning_fill, theme::warning_text);
}

// Digits (and a leading +) of a phone number, for tel: and sms: links.
std::string dialable(std::string_view phone) {
  std::string digits;
  for (char c : phone)
    if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) digits += c;
  return digits;
}

// Real links: a tap opens the dialler, messages or mail; the DOM mirror has them as <a href>.
void draw_contact_details() {
  section_heading("Contact details");
  if (!cache.record) return;
  const core::YoungPerson& person = *cache.record;
  if (!person.phone.empty()) {
    const std::string number = dialable(person.phone);
    const std::string call = "tel:" + number, text = "sms:" + number;
    if (ui::link("Call " + person.phone, call, "call")) platform::open_external_link(call);
    if (ui::link("Text " + person.phone, text, "text")) platform::open_external_link(text);
  }
  if (!person.email.empty()) {
    const std::string mail = "mailto:" + person.email;
    if (ui::link("Email " + person.email, mail, "email")) platform::open_external_link(mail);
  }
  if (person.phone.empty() && person.email.empty()) ui::text_muted("No phone number or email address recorded.");
  std::string address;
  for (const std::string* part : {&person.address_line1, &person.address_line2, &person.town, &person.postcode})
    if (!part->empty()) address += (address.empty() ? "" : ", ") + *part;
  if (!address.empty()) ui::text_wrapped(address);
}

std::string objective_words(const core::Objective& objective) {
  std::string words = std::string(core::label_of(objective.status));
  if (objective.by_when) words += dot + std::string("by ") + short_date(*objective.by_when);
  if (!objective.who.empty()) words += dot + objective.who;
  return words;
}

void draw_plan(App& app) {
  section_heading("Pathway plan");
  if (ui::button("Open the plan", ui::Emphasis::secondary)) {
    open_plan(app, app.person_id);
    return;
  }
  const core::PathwayPlan* current = cache.current_plan;
  const core::PathwayPlan* newest = cache.newest_plan;
  if (!current) ui::text_coloured(theme::overdue, "No authorised pathway plan.");
  else ui::text("Authorised " + short_date(*current->authorised_on) + dot + "review by " +
                short_date(*core::next_review_due(*current)));
  if (newest && newest != current) {
    ui::text_muted("A newer version is " + std::string(core::label_of(newest->status)) + ".");
    if (newest->status == core::PlanStatus::returned && !newest->return_comments.empty())
      ui::banner(icon::warning, "Returned: " + newest->return_comments, theme::warning_fill, theme::warning_text);
  }
  if (!current) return;
  if (current->early_review_requested_for)
    ui::text_muted("Review brought forward: " + current->early_review_reason);
  item_registry::begin_list("Objectives");
  for (const core::PlanSectionContent& section : current->sections) {
    if (section.objectives.empty()) continue;
    ImGui::PushFont(fonts::strong());
    ui::text(core::label_of(section.section));
    ImGui::PopFont();
    for (const core::Objective& objective : section.objectives) {
      ui::list_item(objective.what);
      ImGui::Indent();
      ui::text_coloured(objective.status == core::ObjectiveStatus::not_achieved ? theme::overdue : theme::text_muted,
                        objective_words(objective));
      ImGui::Unindent();
    }
  }
  item_registry::end_list();
}

void draw_risk() {
  section_heading("Risks");
  const core::RiskAssessment* risk = cache.risk;
  if (!risk) {
    ui::text_muted("No risk assessment recorded.");
    return;
  }
  ui::text_coloured(risk->level == core::RiskLevel::high ? theme::overdue : theme::text,
                    std::string(core::label_of(risk->level)) + " risk" + dot + "assessed " + short_date(risk->assessed_on));
  if (!risk->factors.empty()) {
    std::string factors;
    for (core::RiskFactor factor : risk->factors) factors += (factors.empty() ? "" : ", ") + std::string(core::label_of(factor));
    ui::text_wrapped(factors);
  }
  if (!risk->summary.empty()) ui::text_wrapped(risk->summary);
  if (risk->review_due < cache.day)
    ui::text_coloured(theme::overdue, "Review overdue by " + days_phrase(days_between(risk->review_due, cache.day)));
  else ui::text_muted("Review by " + short_date(risk->review_due));
}

// "Supported lodgings (Suitable), 3 Mar 2024 to now: Example House".
template <class Spell>
std::string spell_words(const Spell& spell) {
  std::string words = std::string(core::label_of(spell.code));
  if constexpr (std::is_same_v<Spell, core::AccommodationSpell>)
    words += " (" + std::string(core::label_of(spell.suitability)) + ")";
  words += ", " + short_date(spell.start) + " to " + (spell.end ? short_date(*spell.end) : std::string("now"));
  if (!spell.detail.empty()) words += ": " + spell.detail;
  return words;
}

// Now first, then what came before, newest first.
template <class Spell>
void draw_spells(std::string_view heading, const std::vector<Spell>& history) {
  section_heading(heading);
  const Spell* now = nullptr;
  for (const Spell& spell : history) core::keep_latest_on(now, spell, cache.day);
  if (now) ui::text("Now: " + spell_words(*now));
  else ui::text_muted("Nothing recorded now.");
  bool earlier = false;
  for (auto spell = history.rbegin(); spell != history.rend(); ++spell) {
    if (&*spell == now) continue;
    if (!earlier) item_registry::begin_list(std::string(heading) + " before");
    earlier = true;
    ui::list_item(spell_words(*spell));
  }
  if (earlier) item_registry::end_list();
}

// The history, newest first; the next page is read when the end scrolls into
// view (one page a frame), or with "Show older".
void draw_timeline(App& app) {
  section_heading("History");
  for (const store::TimelineEntry& entry : cache.entries) draw_entry(entry);
  if (cache.entries.empty()) ui::text_muted("Nothing recorded yet.");
  if (cache.next_cursor.empty()) return;
  if (ui::button("Show older", ui::Emphasis::secondary) || ImGui::IsItemVisible()) {
    load_more(app);
    platform::request_frame();
  }
}

}  // namespace

void draw_young_person_screen(App& app) {
  refresh(app);
  if (draft.person_id != app.person_id) {
    close_draft();
    confirming_discard = false;
    focus_first_action = item_registry::keyboard_focus_shown();
  }
  draft.person_id = app.person_id;

  // Beside the caseload (two panes) no Back is needed.
  if (!app.two_panes && ui::button((std::string(icon::back) + " Caseload").c_str(), ui::Emphasis::secondary)) {
    app.plan_review_prompt.clear();
    go_back(app);
    return;
  }
  ImGui::BeginChild("##person", ImVec2(0, 0), false);
  ImGui::PushTextWrapPos(0.0f);  // every line wraps at the pane's edge (phones, large text)
  if (cache.person) draw_summary();
  if (!cache.error.empty()) ui::banner(icon::error, cache.error, theme::warning_fill, theme::warning_text);
  if (!app.just_saved.empty()) {
    if (app.database.has_unsaved_changes()) ui::live_text(theme::text_muted, app.just_saved + " recorded. Saving it on this device...");
    else ui::live_text(theme::ok, std::string(icon::saved) + " " + app.just_saved + " saved on this device");
  }
  if (!app.plan_review_prompt.empty()) {
    ui::banner(icon::schedule, app.plan_review_prompt + " is recorded: does the pathway plan need a review?",
               theme::bar_fill, theme::text);
    if (ui::button("Review the plan")) {
      app.plan_review_prompt.clear();
      open_plan(app, app.person_id);
    }
    ImGui::SameLine();
    if (ui::button("Not now", ui::Emphasis::secondary)) app.plan_review_prompt.clear();
  }
  ImGui::Spacing();
  if (draft.open) {
    draw_note_form(app);
  } else {
    draw_visit_actions(app);
    ImGui::SameLine();
    if (ui::button((std::string(icon::add) + " Add note").c_str(), ui::Emphasis::secondary)) {
      draft.open = true;
      app.just_saved.clear();
      draft.focus_note = true;  // typing can start at once
    }
  }
  draw_contact_details();
  draw_plan(app);
  draw_risk();
  draw_spells("Education, training or work", cache.activity);
  draw_spells("Accommodation", cache.accommodation);
  draw_timeline(app);
  ImGui::PopTextWrapPos();
  ImGui::EndChild();
}

}  // namespace pathway::app
