// Record a visit: when it happened (now by default, changeable for a visit
// written up the next morning), the type of contact, whether the young person
// was seen (alone or not) and why not, who was present, the young person's
// own words in a field of their own, the PA's notes, follow-up actions with
// an owner and a due date, and a change of EET activity or accommodation
// (with its suitability) in the same flow.
//
// Everything typed is kept as a draft in the encrypted store (store.h,
// [SECTION] Drafts) about 250 ms after the last keystroke, so a reload, a
// crash or a flat battery loses nothing; only the fields that changed since
// the last keep are written. Opening the visit again restores the draft.
// "Save visit" checks the typed dates and times, then writes the contact, any
// new activity or accommodation spell (ending the one it replaces) and the
// removal of the draft in one Store::write: all of it, or nothing. A problem
// is shown under the field it is about, in core's plain words.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>


#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
#include "app/screens/choices.h"
#include "app/screens/draft_keeper.h"
#include "app/screens/screens.h"
#include "app/screens/text_formats.h"
#include "app/ui/fonts.h"
#include "app/ui/icons.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "core/histories.h"
#include "core/validate.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "store/uuid.h"

namespace pathway::app {
namespace {

constexpr size_t max_actions = 10;  // on one visit; core allows more (limits::follow_ups)

struct ActionFields {
  std::string text, owner, due;
};

// A change of EET activity or of accommodation, as typed.
struct SpellChange {
  std::string changed;  // "1" when the PA says it has changed
  std::string code, start, detail;
};

// The form as typed: every value is text (codes for the choices), so a
// half-typed date is kept as it is. Field names are core's where core has
// the field, so its validation messages land beside the right field.
struct VisitForm {
  core::Id person_id;  // whose visit; empty when no visit is open
  std::string date, time;
  std::string type{core::code_of(core::ContactType::home_visit)};
  std::string outcome{core::code_of(core::ContactOutcome::seen)};
  std::string not_seen_reason;
  std::string present, words, notes;
  std::vector<ActionFields> actions;
  SpellChange activity, accommodation;
  std::string suitability;  // of the new accommodation
};

// Calls visit(name, value) for every field of the form, in the order drawn.
template <class Form, class Visit>
void for_each_field(Form& form, Visit&& visit) {
  visit("occurred_at.date", form.date);
  visit("occurred_at.time", form.time);
  visit("type", form.type);
  visit("outcome", form.outcome);
  visit("not_seen_reason", form.not_seen_reason);
  visit("present", form.present);
  visit("young_persons_words", form.words);
  visit("pa_notes", form.notes);
  for (size_t i = 0; i < form.actions.size(); ++i) {
    const std::string at = "follow_ups[" + std::to_string(i) + "].";
    visit(at + "text", form.actions[i].text);
    visit(at + "owner", form.actions[i].owner);
    visit(at + "due", form.actions[i].due);
  }
  auto visit_change = [&](const std::string& prefix, auto& change) {
    visit(prefix + "changed", change.changed);
    visit(prefix + "code", change.code);
    visit(prefix + "start", change.start);
    visit(prefix + "detail", change.detail);
  };
  visit_change("activity.", form.activity);
  visit_change("accommodation.", form.accommodation);
  visit("accommodation.suitability", form.suitability);
}

constexpr const char* action_count_field = "follow_ups";

std::vector<store::DraftField> draft_fields_of(const VisitForm& form) {
  std::vector<store::DraftField> fields{{action_count_field, std::to_string(form.actions.size())}};
  for_each_field(form, [&](const std::string& name, const std::string& value) { fields.push_back({name, value}); });
  return fields;
}

void restore(VisitForm& form, const store::Draft& draft) {
  if (const std::string* count = draft.value(action_count_field))
    form.actions.resize(std::min<size_t>(max_actions, std::strtoul(count->c_str(), nullptr, 10)));
  for_each_field(form, [&](const std::string& name, std::string& value) {
    if (const std::string* kept = draft.value(name)) value = *kept;
  });
}

// What the form shows besides the typed fields, read when it opens.
struct VisitContext {
  std::string display_name;
  std::string activity_now;       // "Employment, full time, since 3 Mar 2025", or empty
  std::string accommodation_now;  // likewise, with its suitability
  std::string load_error;
};

// Problems found on "Save visit", by field name; `general` when no field.
struct Problems {
  std::vector<std::pair<std::string, std::string>> by_field;
  std::string general;
  bool scroll_to_first = false;  // after a refused save: bring the first problem into view
  bool unchanged_since = false;  // nothing typed since the refused save

  std::string_view of(std::string_view field) const {
    for (const auto& problem : by_field)
      if (problem.first == field) return problem.second;
    return {};
  }
  void add(std::string field, std::string message) { by_field.emplace_back(std::move(field), std::move(message)); }
  bool empty() const { return by_field.empty() && general.empty(); }
};

VisitForm form;
DraftKeeper keeper{store::DraftForm::visit, "This visit", [] { return draft_fields_of(form); }};
ui::Footer footer;  // Save visit, and whether the draft is kept
VisitContext context;
Problems problems;

store::Actor actor_of(const App& app) { return store::Actor{app.staff_id, {}}; }

template <class Spell>
std::string spell_now(const std::vector<Spell>& history, Date day) {
  const Spell* spell = nullptr;
  for (const Spell& candidate : history) core::keep_latest_on(spell, candidate, day);
  if (!spell) return {};
  std::string words = std::string(core::label_of(spell->code)) + ", since " + short_date(spell->start);
  if constexpr (std::is_same_v<Spell, core::AccommodationSpell>)
    words += " (" + std::string(core::label_of(spell->suitability)) + ")";
  return words;
}

void load_context(App& app) {
  store::Store& store = app.database.store();
  context = VisitContext{};
  const Date day = today();
  if (auto row = store.caseload_row_of(app.person_id, day)) context.display_name = row->display_name;
  else context.load_error = row.error().message;
  if (auto activity = store.activity_of(app.person_id)) context.activity_now = spell_now(*activity, day);
  if (auto accommodation = store.accommodation_of(app.person_id))
    context.accommodation_now = spell_now(*accommodation, day);
}

void open_form(App& app) {
  // Another young person's visit was open (beside the caseload, a tap opens another): keep it first.
  keeper.keep_now();
  form = VisitForm{};
  form.person_id = app.person_id;
  problems = Problems{};
  const UkTime at = uk_time_of(now());
  form.date = typed_date(at.date);
  form.time = typed_time(at.hour * 60 + at.minute);
  auto draft = app.database.store().draft(app.person_id, store::DraftForm::visit);
  keeper.open(app, app.person_id, draft && *draft ? (*draft)->fields : std::vector<store::DraftField>{});
  if (!draft) keeper.set_error("The visit kept on this device could not be read: " + draft.error().message);
  else if (*draft) restore(form, **draft);
  load_context(app);
}

// [Saving]

std::optional<Date> typed_or_default(const std::string& typed, Date fallback) {
  if (typed.find_first_not_of(' ') == std::string::npos) return fallback;
  return parse_typed_date(typed);
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// An error from core or the store, moved onto the form's field names.
void add_store_problem(const Error& error, std::string_view prefix, const std::vector<size_t>& action_index) {
  std::string field = error.field;
  if (field.rfind("follow_ups[", 0) == 0) {
    const size_t close = field.find(']');
    const size_t saved_index = std::strtoul(field.c_str() + 11, nullptr, 10);
    if (close != std::string::npos && saved_index < action_index.size())
      field = "follow_ups[" + std::to_string(action_index[saved_index]) + field.substr(close);
  } else if (!field.empty()) {
    field = std::string(prefix) + field;
  }
  if (field.empty()) problems.general = error.message;
  else problems.add(field, error.message);
}

template <class Spell>
Status save_spell(store::Writer& writer, const std::vector<Spell>& history, const Spell& spell) {
  if (auto ended = core::ended_for_new_spell<Spell>(history, spell.start))
    if (Status saved = writer.save(*ended); !saved) return saved;
  return writer.save(spell);
}

// The new spell the form describes, or nullopt when nothing changed.
template <class Spell>
std::optional<Spell> new_spell(App& app, const std::vector<Spell>& history, const SpellChange& change, Date visit_day,
                               const std::string& prefix) {
  using Code = decltype(Spell{}.code);
  if (change.changed.empty()) return std::nullopt;
  auto code = core::enum_from_code<Code>(change.code);
  if (!code) problems.add(prefix + "code", "Choose one of the options above.");
  Spell spell;
  spell.id = store::new_uuid();
  spell.young_person_id = app.person_id;
  spell.code = code.value_or(Code{});
  spell.detail = change.detail;
  std::optional<Date> start = typed_or_default(change.start, visit_day);
  if (!start) {
    problems.add(prefix + "start", "Write the date as day/month/year, for example 02/12/2026.");
    return spell;
  }
  spell.start = *start;
  if (!core::starts_after_current<Spell>(history, spell.start))
    problems.add(prefix + "start", "The current record starts on or after this date: the change must start later.");
  return spell;
}

bool save_visit(App& app) {
  problems = Problems{};
  store::Store& store = app.database.store();
  const Instant saved_at = now();

  core::Contact contact;
  contact.id = store::new_uuid();
  contact.young_person_id = app.person_id;
  contact.staff_id = app.staff_id;
  contact.recorded_at = saved_at;
  std::optional<Date> day = parse_typed_date(form.date);
  std::optional<int> minutes = parse_typed_time(form.time);
  if (!day) problems.add("occurred_at.date", "Write the date as day/month/year, for example 02/12/2026.");
  if (!minutes) problems.add("occurred_at.time", "Write the time as hours and minutes, for example 14:30.");
  if (day && minutes) {
    // UK time, whatever zone the device is set to (core/date.h).
    std::optional<Instant> at = uk_instant_of(*day, *minutes / 60, *minutes % 60);
    if (!at)
      problems.add("occurred_at.time", "This time did not happen: the clocks went forward an hour at 01:00.");
    else if (at->seconds > saved_at.seconds + 60)
      problems.add("occurred_at.time", "This is in the future: a visit is recorded once it has happened.");
    else
      contact.occurred_at = *at;
  }
  contact.type = core::enum_from_code<core::ContactType>(form.type).value_or(core::ContactType::home_visit);
  contact.outcome = core::enum_from_code<core::ContactOutcome>(form.outcome).value_or(core::ContactOutcome::seen);
  if (contact.outcome == core::ContactOutcome::not_seen)
    contact.not_seen_reason =
        core::enum_from_code<core::NotSeenReason>(form.not_seen_reason).value_or(core::NotSeenReason::none);
  contact.present = form.present;
  contact.young_persons_words = form.words;
  contact.pa_notes = form.notes;
  std::vector<size_t> action_index;  // saved follow-up -> its row on the form
  for (size_t i = 0; i < form.actions.size(); ++i) {
    const ActionFields& action = form.actions[i];
    if (blank(action.text) && blank(action.owner) && blank(action.due)) continue;
    core::FollowUpAction follow_up{action.text, std::nullopt, false, action.owner};
    if (!blank(action.due)) {
      follow_up.due = parse_typed_date(action.due);
      if (!follow_up.due)
        problems.add("follow_ups[" + std::to_string(i) + "].due", "Write the due date as day/month/year.");
    }
    contact.follow_ups.push_back(std::move(follow_up));
    action_index.push_back(i);
  }

  const Date visit_day = day.value_or(today());
  auto activity_history = store.activity_of(app.person_id);
  auto accommodation_history = store.accommodation_of(app.person_id);
  if (!activity_history || !accommodation_history) {
    problems.general = "This young person's records could not be read, so nothing was saved. Try again.";
    return false;
  }
  auto activity = new_spell(app, *activity_history, form.activity, visit_day, "activity.");
  auto accommodation = new_spell(app, *accommodation_history, form.accommodation, visit_day, "accommodation.");
  if (accommodation) {
    accommodation->suitability =
        core::enum_from_code<core::Suitability>(form.suitability).value_or(core::Suitability::not_recorded);
    if (accommodation->suitability == core::Suitability::not_recorded)
      problems.add("accommodation.suitability", "Say whether the new accommodation is suitable.");
  }
  if (!problems.empty()) {
    problems.scroll_to_first = problems.unchanged_since = true;
    return false;
  }

  std::string_view failed_prefix;
  Status saved = store.write(actor_of(app), saved_at, [&](store::Writer& writer) -> Status {
    if (Status s = writer.save(contact); !s) return s;
    failed_prefix = "activity.";
    if (activity)
      if (Status s = save_spell(writer, *activity_history, *activity); !s) return s;
    failed_prefix = "accommodation.";
    if (accommodation)
      if (Status s = save_spell(writer, *accommodation_history, *accommodation); !s) return s;
    failed_prefix = {};
    return writer.discard_draft(app.person_id, store::DraftForm::visit);
  });
  if (!saved) {
    add_store_problem(saved.error(), failed_prefix, action_index);
    problems.scroll_to_first = problems.unchanged_since = true;
    return false;
  }
  return true;
}

// [Drawing]

// After its field: the first problem of a refused save scrolls into view.
void scroll_if_first_problem(std::string_view field) {
  if (!problems.scroll_to_first || problems.by_field.empty() || problems.by_field.front().first != field) return;
  ImGui::SetScrollHereY(0.5f);
  problems.scroll_to_first = false;
}

// A field of the form: its text field with the problem about it, if any.
bool field(std::string_view caption, std::string& value, int lines, std::string_view name) {
  bool changed = ui::text_field(caption, value, lines, problems.of(name));
  scroll_if_first_problem(name);
  return changed;
}

// The problem with a field that is not a text field (a choice), under it.
void problem(std::string_view name) {
  ui::field_error(problems.of(name));
  scroll_if_first_problem(name);
}

void section_heading(std::string_view words) {
  ImGui::Dummy(ImVec2(0, 8));
  ui::heading(words, 2);
}

// What a change section says (EET activity, accommodation).
struct SpellChangeWords {
  const char* heading;
  const char* open_button;
  const char* choices_caption;
  const char* start_caption;
  const char* detail_caption;
  const char* close_button;
};

// "Now: ..." and a button to record a change; once pressed, the choices,
// the start date (the visit's by default), the detail, and `more` (drawn
// after the choices) for what only one kind of change has.
template <class Code, class More = bool (*)()>
bool draw_spell_change(SpellChange& change, const std::string& name, const std::string& now_words,
                       const SpellChangeWords& words, More more = [] { return false; }) {
  bool changed = false;
  section_heading(words.heading);
  ui::text_muted(now_words.empty() ? "Nothing recorded now." : "Now: " + now_words);
  if (change.changed.empty()) {
    if (ui::button(words.open_button, ui::Emphasis::secondary)) {
      change.changed = "1";
      change.start = form.date;
      changed = true;
    }
    return changed;
  }
  ui::group_caption(words.choices_caption);
  changed |= enum_list<Code>(change.code, name);
  problem(name + ".code");
  changed |= more();
  changed |= field(words.start_caption, change.start, 1, name + ".start");
  changed |= field(words.detail_caption, change.detail, 1, name + ".detail");
  if (ui::button(words.close_button, ui::Emphasis::secondary)) {
    change.changed.clear();
    changed = true;
  }
  return changed;
}

bool draw_fields() {
  bool changed = false;
  section_heading("When");
  changed |= field("Date (day/month/year)", form.date, 1, "occurred_at.date");
  changed |= field("Time (24-hour)", form.time, 1, "occurred_at.time");
  problem("occurred_at");

  section_heading("Contact");
  ui::group_caption("Type of contact");
  changed |= enum_choice<core::ContactType>(form.type, "type");
  ui::group_caption("Was the young person seen?");
  changed |= enum_choice<core::ContactOutcome>(form.outcome, "outcome");
  if (form.outcome == core::code_of(core::ContactOutcome::not_seen)) {
    ui::group_caption("Why not?");
    changed |= enum_choice<core::NotSeenReason>(form.not_seen_reason, "reason");
  }
  problem("not_seen_reason");
  changed |= field("Who was present", form.present, 2, "present");

  section_heading("What was said");
  ui::text_muted("The young person's words go in a field of their own, as they said them.");
  changed |= field("Young person's own words", form.words, 4, "young_persons_words");
  changed |= field("PA's notes", form.notes, 5, "pa_notes");

  section_heading("Follow-up actions");
  for (size_t i = 0; i < form.actions.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    const std::string at = "follow_ups[" + std::to_string(i) + "].";
    ImGui::PushID(static_cast<int>(i));
    changed |= field("Action " + n, form.actions[i].text, 2, at + "text");
    changed |= field("Action " + n + ": who does it", form.actions[i].owner, 1, at + "owner");
    changed |= field("Action " + n + ": due by (day/month/year)", form.actions[i].due, 1, at + "due");
    if (ui::button(("Remove action " + n).c_str(), ui::Emphasis::secondary)) {
      form.actions.erase(form.actions.begin() + static_cast<long>(i));
      changed = true;
      ImGui::PopID();
      break;
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  if (form.actions.size() < max_actions &&
      ui::button((std::string(icon::add) + " Add an action").c_str(), ui::Emphasis::secondary)) {
    form.actions.emplace_back();
    changed = true;
  }

  changed |= draw_spell_change<core::ActivityCode>(form.activity, "activity", context.activity_now,
                                                  {"Education, training or work", "Activity has changed", "New activity",
                                                   "New activity from (day/month/year)", "Provider, course or employer",
                                                   "No change to activity"});
  changed |= draw_spell_change<core::AccommodationCode>(
      form.accommodation, "accommodation", context.accommodation_now,
      {"Accommodation", "Accommodation has changed", "New accommodation", "Moved in on (day/month/year)",
       "Address or provider", "No change to accommodation"},
      [] {
        ui::group_caption("Is it suitable?");
        bool chosen = enum_choice<core::Suitability>(form.suitability, "suitability", core::Suitability::not_recorded);
        problem("accommodation.suitability");
        return chosen;
      });
  ImGui::Dummy(ImVec2(0, 16));
  return changed;
}

void leave(App& app) {
  keeper.keep_and_leave(app);
  form = VisitForm{};
}

}  // namespace

void keep_visit_draft(App&) { keeper.keep_now(); }
void leave_visit(App& app) { leave(app); }

void draw_visit_screen(App& app) {
  if (form.person_id != app.person_id) {
    open_form(app);
    platform::mark_when_drawn("pathway-visit-drawn");  // tap to form (tests/e2e/visit.test.mjs)
  }

  const std::string back = std::string(icon::back) + " " + (context.display_name.empty() ? "Back" : context.display_name);
  if (ui::button((back + "##back").c_str(), ui::Emphasis::secondary)) {
    leave(app);
    return;
  }
  ui::heading("Record a visit");
  for (const std::string* error : std::initializer_list<const std::string*>{&context.load_error, &keeper.error()})
    if (!error->empty()) ui::banner(icon::error, *error, theme::warning_fill, theme::warning_text);

  ImGui::BeginChild("##visit", ImVec2(0, -footer.height()), false);
  if (draw_fields()) {
    problems.unchanged_since = false;
    keeper.changed();
  }
  ImGui::EndChild();

  footer.begin();
  if (!problems.general.empty()) ui::field_error(problems.general);
  if (ui::button((std::string(icon::saved) + " Save visit").c_str())) {
    const bool new_activity = !form.activity.changed.empty(), new_home = !form.accommodation.changed.empty();
    if (save_visit(app)) {
      app.plan_review_prompt = new_home && new_activity ? "A new home and a new activity"
                               : new_home               ? "A new home"
                               : new_activity           ? "A new activity"
                                                        : "";
      keeper.close();
      form = VisitForm{};
      app.just_saved = "Visit";
      ++app.data_version;
      open_young_person(app, app.person_id);
      ImGui::ClearActiveID();
    }
    platform::request_frame();
    footer.end();
    return;
  }
  if (problems.unchanged_since) ui::status_after_buttons(theme::overdue, "Not saved: see the messages above.");
  else if (keeper.all_kept() && keeper.anything_kept()) ui::status_after_buttons(theme::text_muted, "Draft kept on this device");
  else if (keeper.anything_kept() || keeper.pending()) ui::status_after_buttons(theme::text_muted, "Keeping the draft...");
  footer.end();
}

}  // namespace pathway::app
