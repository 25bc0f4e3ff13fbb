// The pathway plan editor: the needs assessment and the plan's 8 sections
// (Care Planning, Placement and Case Review (England) Regulations 2010,
// Schedule 8, as the Care Leavers (England) Regulations 2010, reg 6 and
// Schedule 1, apply them to care leavers: contact and support, health,
// education, training and employment, family and social relationships,
// practical and living skills, finance, accommodation, risk), each with its
// assessed needs, the young person's own views and objectives (what, how,
// who, by when, status); the young person's views on the whole plan; what
// changed since the last authorised version, in words; "Save plan" and
// "Submit for authorisation"; the review date and bringing it forward (the
// young person asked, or circumstances changed).
//
// Editing never changes an authorised version: the first save of a review
// makes a new version from it (core::start_review), which is then edited
// until it is submitted; a submitted plan is read only until the manager
// authorises or returns it (with comments, shown here). Everything typed is
// kept as a draft (DraftKeeper, DraftForm::plan) about 250 ms after typing
// pauses, field by field; saving writes the plan version and removes the
// draft in one Store::write. One section is open at a time, so each field's
// caption is unique on the screen (tests and screen readers find it by name).
#include <array>
#include <string>
#include <vector>

#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
#include "app/screens/choices.h"
#include "app/screens/draft_keeper.h"
#include "app/screens/plan_changes.h"
#include "app/screens/screens.h"
#include "app/screens/text_formats.h"
#include "app/ui/fonts.h"
#include "app/ui/icons.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "core/plans.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "store/uuid.h"

namespace pathway::app {
namespace {

constexpr size_t max_objectives = 12;  // in one section, on this screen

struct ObjectiveFields {
  std::string what, how, who, by_when;
  std::string status{core::code_of(core::ObjectiveStatus::not_started)};
};
struct SectionFields {
  std::string needs, views;
  std::vector<ObjectiveFields> objectives;
};

// The plan as typed: dates as text, choices as core's codes.
struct PlanForm {
  core::Id person_id;  // whose plan; empty when the editor is closed
  uint64_t version = 0;  // App::data_version when it was read: a later write (a manager's decision) reads it again
  core::Id plan_id;    // the draft or returned version edited; empty: saving makes a new version
  std::string needs_summary, needs_completed_on;
  std::array<SectionFields, core::plan_section_count> sections;
  std::string overall_views;
};

// Calls visit(name, value) for every text of the form.
template <class Form, class Visit>
void for_each_field(Form& form, Visit&& visit) {
  visit("plan_id", form.plan_id);
  visit("needs.summary", form.needs_summary);
  visit("needs.completed_on", form.needs_completed_on);
  for (size_t i = 0; i < form.sections.size(); ++i) {
    const std::string at = "sections[" + std::to_string(i) + "].";
    visit(at + "needs", form.sections[i].needs);
    visit(at + "views", form.sections[i].views);
    for (size_t j = 0; j < form.sections[i].objectives.size(); ++j) {
      auto& objective = form.sections[i].objectives[j];
      const std::string o = at + "objectives[" + std::to_string(j) + "].";
      visit(o + "what", objective.what);
      visit(o + "how", objective.how);
      visit(o + "who", objective.who);
      visit(o + "by_when", objective.by_when);
      visit(o + "status", objective.status);
    }
  }
  visit("overall_views", form.overall_views);
}

std::string count_field(size_t section) { return "sections[" + std::to_string(section) + "].objectives"; }

std::vector<store::DraftField> draft_fields_of(const PlanForm& form) {
  std::vector<store::DraftField> fields;
  for (size_t i = 0; i < form.sections.size(); ++i)
    fields.push_back({count_field(i), std::to_string(form.sections[i].objectives.size())});
  for_each_field(form, [&](const std::string& name, const std::string& value) { fields.push_back({name, value}); });
  return fields;
}

void restore(PlanForm& form, const store::Draft& draft) {
  for (size_t i = 0; i < form.sections.size(); ++i)
    if (const std::string* count = draft.value(count_field(i)))
      form.sections[i].objectives.resize(std::min<size_t>(max_objectives, std::strtoul(count->c_str(), nullptr, 10)));
  for_each_field(form, [&](const std::string& name, std::string& value) {
    if (const std::string* kept = draft.value(name)) value = *kept;
  });
}

std::string typed(const std::optional<Date>& date) { return date ? typed_date(*date) : std::string(); }

void fill_from(PlanForm& form, const core::PathwayPlan& plan) {
  form.needs_summary = plan.needs_assessment.summary;
  form.needs_completed_on = typed(plan.needs_assessment.completed_on);
  for (size_t i = 0; i < form.sections.size(); ++i) {
    const core::PlanSectionContent& section = plan.sections[i];
    SectionFields& fields = form.sections[i];
    fields.needs = section.assessed_needs;
    fields.views = section.young_persons_views;
    fields.objectives.clear();
    for (const core::Objective& objective : section.objectives)
      fields.objectives.push_back({objective.what, objective.how, objective.who, typed(objective.by_when),
                                   std::string(core::code_of(objective.status))});
  }
  form.overall_views = plan.young_persons_overall_views;
}

// What the screen reads when it opens, and again after each save.
struct PlanContext {
  std::string display_name;
  core::Id team_id;                               // the young person's team: whose manager authorises
  std::vector<core::PathwayPlan> plans;           // every version
  std::optional<core::PathwayPlan> authorised;    // in force today
  std::optional<core::PathwayPlan> latest;        // the newest version
  std::optional<core::Staff> me;                  // the member of staff using the device
  std::string error;
};

// Problems after Save or Submit: by field name, or for the whole plan.
struct PlanProblems {
  std::vector<std::pair<std::string, std::string>> by_field;
  std::string general;
  std::string_view of(std::string_view field) const {
    for (const auto& problem : by_field)
      if (problem.first == field) return problem.second;
    return {};
  }
};

// What brings a review forward (Care Leavers (England) Regulations 2010, reg 7(2):
// the young person asks, or the PA thinks it necessary, e.g. a move or new activity).
constexpr std::string_view early_review_reasons[] = {"The young person asked for a review", "Circumstances changed"};

struct EarlyReview {
  int reason = -1;  // asked / circumstances changed
  std::string by, detail, problem;
};

PlanForm form;
PlanContext context;
PlanProblems problems;
EarlyReview early;
int open_section = -1;  // the section drawn open (one at a time)
std::string saved_message;  // "Plan saved" / "Submitted" after the last action
DraftKeeper keeper{store::DraftForm::plan, "This plan", [] { return draft_fields_of(form); }};
ui::Footer footer;  // Save plan, Submit, and whether the draft is kept

void load_context(App& app) {
  context = PlanContext{};
  store::Store& store = app.database.store();
  const Date day = today();
  if (auto row = store.caseload_row_of(app.person_id, day)) context.display_name = row->display_name;
  if (auto person = store.young_person(app.person_id)) context.team_id = person->team_id;
  else context.error = person.error().message;
  if (auto plans = store.plans_of(app.person_id)) context.plans = std::move(*plans);
  else context.error = plans.error().message;
  if (const core::PathwayPlan* current = core::current_plan(context.plans, day)) context.authorised = *current;
  if (const core::PathwayPlan* latest = core::latest_version(context.plans)) context.latest = *latest;
  if (auto me = store.staff(app.staff_id)) context.me = std::move(*me);
}

bool editable(const core::PathwayPlan& plan) { return static_cast<bool>(core::check_editable(plan)); }

void open_form(App& app) {
  keeper.keep_now();  // what is typed comes back from the draft
  const bool same_person = form.person_id == app.person_id;
  form = PlanForm{};
  form.person_id = app.person_id;
  form.version = app.data_version;
  problems = PlanProblems{};
  early = EarlyReview{};
  if (!same_person) open_section = -1;
  saved_message.clear();
  load_context(app);
  keeper.close();
  if (context.latest && context.latest->status == core::PlanStatus::submitted) {
    fill_from(form, *context.latest);  // read only, so nothing to draft: the manager has it
    return;
  }
  // The version being worked on: a draft or returned one, else the authorised one (a review starts from it).
  if (context.latest && editable(*context.latest)) {
    form.plan_id = context.latest->id;
    fill_from(form, *context.latest);
  } else if (context.authorised) {
    fill_from(form, *context.authorised);
  }
  auto draft = app.database.store().draft(app.person_id, store::DraftForm::plan);
  keeper.open(app, app.person_id, draft && *draft ? (*draft)->fields : std::vector<store::DraftField>{});
  if (!draft) keeper.set_error("The plan kept on this device could not be read: " + draft.error().message);
  else if (*draft) restore(form, **draft);
}

// [Saving]

// The plan the form describes, from the version it edits (or a new one).
std::optional<core::PathwayPlan> plan_from_form(App& app) {
  problems = PlanProblems{};
  if (!context.me) {
    problems.general = "This device does not know who you are, so the plan cannot be saved.";
    return std::nullopt;
  }
  const Date day = today();
  core::PathwayPlan plan;
  if (!form.plan_id.empty()) {
    auto stored = app.database.store().pathway_plan(form.plan_id);
    if (!stored) {
      problems.general = stored.error().message;
      return std::nullopt;
    }
    plan = std::move(*stored);
    if (Status can = core::check_editable(plan); !can) {
      problems.general = can.error().message;
      return std::nullopt;
    }
  } else if (context.authorised) {
    auto review = core::start_review(*context.authorised, store::new_uuid(), *context.me, day);
    if (!review) {
      problems.general = review.error().message;
      return std::nullopt;
    }
    plan = std::move(*review);
  } else {
    plan.id = store::new_uuid();
    plan.young_person_id = app.person_id;
    plan.author_id = context.me->id;
    plan.team_id = context.team_id.empty() ? context.me->team_id : context.team_id;
    plan.created_on = day;
  }
  auto date_of = [&](const std::string& text, const std::string& field) -> std::optional<Date> {
    if (text.find_first_not_of(' ') == std::string::npos) return std::nullopt;
    std::optional<Date> date = parse_typed_date(text);
    if (!date) problems.by_field.emplace_back(field, "Write the date as day/month/year, for example 02/12/2026.");
    return date;
  };
  plan.needs_assessment.summary = form.needs_summary;
  plan.needs_assessment.completed_on = date_of(form.needs_completed_on, "needs.completed_on");
  if (plan.needs_assessment.completed_on && plan.needs_assessment.completed_by.empty())
    plan.needs_assessment.completed_by = context.me->id;
  for (size_t i = 0; i < form.sections.size(); ++i) {
    const SectionFields& fields = form.sections[i];
    core::PlanSectionContent& section = plan.sections[i];
    section.assessed_needs = fields.needs;
    section.young_persons_views = fields.views;
    section.objectives.clear();
    for (size_t j = 0; j < fields.objectives.size(); ++j) {
      const ObjectiveFields& typed_objective = fields.objectives[j];
      core::Objective objective;
      objective.what = typed_objective.what;
      objective.how = typed_objective.how;
      objective.who = typed_objective.who;
      objective.by_when = date_of(typed_objective.by_when,
                                  "sections[" + std::to_string(i) + "].objectives[" + std::to_string(j) + "].by_when");
      objective.status =
          core::enum_from_code<core::ObjectiveStatus>(typed_objective.status).value_or(core::ObjectiveStatus::not_started);
      section.objectives.push_back(std::move(objective));
    }
  }
  plan.young_persons_overall_views = form.overall_views;
  if (!problems.by_field.empty()) {
    problems.general = "Some dates could not be read: see the messages beside them.";
    return std::nullopt;
  }
  return plan;
}

// Saves the plan as a draft version, or submits it: the version and the
// removal of the form's draft in one write.
bool save_plan(App& app, bool submit) {
  std::optional<core::PathwayPlan> plan = plan_from_form(app);
  if (!plan) return false;
  if (submit) {
    auto submitted = core::submit_plan(*plan, *context.me, today());
    if (!submitted) {
      problems.general = submitted.error().message;
      return false;
    }
    plan = std::move(*submitted);
  }
  Status saved = app.database.store().write(store::Actor{app.staff_id, {}}, now(), [&](store::Writer& writer) -> Status {
    if (Status s = writer.save(*plan); !s) return s;
    return writer.discard_draft(app.person_id, store::DraftForm::plan);
  });
  if (!saved) {
    problems.general = saved.error().message;
    return false;
  }
  keeper.close();
  ++app.data_version;
  open_form(app);  // the saved version as the store has it
  saved_message = submit ? "Submitted for authorisation." : "Plan saved.";
  return true;
}

// Brings the next review of the plan in force forward.
void save_early_review(App& app) {
  early.problem.clear();
  if (!context.authorised) return;
  std::optional<Date> by = parse_typed_date(early.by);
  if (!by) {
    early.problem = "Write the date as day/month/year, for example 02/12/2026.";
    return;
  }
  std::string reason = early.reason < 0 ? std::string() : std::string(early_review_reasons[early.reason]);
  if (!early.detail.empty()) reason += (reason.empty() ? "" : ": ") + early.detail;
  auto requested = core::request_early_review(*context.authorised, *by, reason, today());
  if (!requested) {
    early.problem = requested.error().message;
    return;
  }
  Status saved = app.database.store().write(store::Actor{app.staff_id, {}}, now(),
                                            [&](store::Writer& writer) { return writer.save(*requested); });
  if (!saved) {
    early.problem = saved.error().message;
    return;
  }
  ++app.data_version;
  load_context(app);
  form.version = app.data_version;
  early = EarlyReview{};
  saved_message = "Review brought forward to " + short_date(*by) + ".";
}

// [Drawing]

bool field(std::string_view caption, std::string& value, int lines, const std::string& name) {
  return ui::text_field(caption, value, lines, problems.of(name));
}

std::string section_summary(const SectionFields& fields) {
  const size_t n = fields.objectives.size();
  std::string words = n == 0 ? "No objectives" : std::to_string(n) + (n == 1 ? " objective" : " objectives");
  words += fields.views.empty() ? ", no views recorded" : ", views recorded";
  return words;
}

bool draw_objective(SectionFields& fields, size_t section, size_t j) {
  bool changed = false;
  ObjectiveFields& objective = fields.objectives[j];
  const std::string n = "Objective " + std::to_string(j + 1);
  const std::string at = "sections[" + std::to_string(section) + "].objectives[" + std::to_string(j) + "].";
  ImGui::PushID(static_cast<int>(j));
  ImGui::Dummy(ImVec2(0, 4));
  ui::heading(n, 3);
  changed |= field(n + ": what will be done", objective.what, 2, at + "what");
  changed |= field(n + ": how", objective.how, 2, at + "how");
  changed |= field(n + ": who", objective.who, 1, at + "who");
  changed |= field(n + ": by when (day/month/year)", objective.by_when, 1, at + "by_when");
  ui::group_caption(n + ": status");
  changed |= enum_choice<core::ObjectiveStatus>(objective.status, "status");
  ImGui::PopID();
  return changed;
}

bool draw_section(size_t i) {
  bool changed = false;
  SectionFields& fields = form.sections[i];
  ImGui::PushID(static_cast<int>(i));
  ImGui::Indent(12);
  changed |= field("Assessed needs", fields.needs, 3, "sections[" + std::to_string(i) + "].needs");
  changed |= field("The young person's views", fields.views, 3, "sections[" + std::to_string(i) + "].views");
  for (size_t j = 0; j < fields.objectives.size(); ++j) {
    changed |= draw_objective(fields, i, j);
    if (ui::button(("Remove objective " + std::to_string(j + 1)).c_str(), ui::Emphasis::secondary)) {
      fields.objectives.erase(fields.objectives.begin() + static_cast<long>(j));
      changed = true;
      break;
    }
  }
  if (fields.objectives.size() < max_objectives &&
      ui::button((std::string(icon::add) + " Add an objective").c_str(), ui::Emphasis::secondary)) {
    fields.objectives.emplace_back();
    changed = true;
  }
  ImGui::Unindent(12);
  ImGui::PopID();
  return changed;
}

bool draw_form() {
  bool changed = false;
  ImGui::Dummy(ImVec2(0, 8));
  ui::heading("Needs assessment", 2);
  changed |= field("Needs assessment summary", form.needs_summary, 4, "needs.summary");
  changed |= field("Assessment completed on (day/month/year)", form.needs_completed_on, 1, "needs.completed_on");

  ImGui::Dummy(ImVec2(0, 8));
  ui::heading("The plan, section by section", 2);
  for (size_t i = 0; i < form.sections.size(); ++i) {
    const std::string name = std::to_string(i + 1) + ". " +
                             std::string(core::label_of(static_cast<core::PlanSection>(i))) + ": " +
                             section_summary(form.sections[i]);
    if (ui::choice(name, open_section == static_cast<int>(i), "section" + std::to_string(i))) {
      open_section = open_section == static_cast<int>(i) ? -1 : static_cast<int>(i);
      ImGui::ClearActiveID();
    }
    if (open_section == static_cast<int>(i)) changed |= draw_section(i);
  }

  ImGui::Dummy(ImVec2(0, 8));
  ui::heading("The young person's views on the plan", 2);
  changed |= field("Their views, in their words", form.overall_views, 3, "overall_views");
  return changed;
}

void draw_review(App& app) {
  ImGui::Dummy(ImVec2(0, 8));
  ui::heading("Review", 2);
  if (!context.authorised) {
    ui::text_muted("Once this plan is authorised it is reviewed at least every 6 months.");
    return;
  }
  const Date due = *core::next_review_due(*context.authorised);
  const Date day = today();
  const std::string when = "Next review by " + short_date(due) + " (the plan in force was authorised " +
                           short_date(*context.authorised->authorised_on) + ")";
  ui::text_coloured(due < day ? theme::overdue : theme::text, when);
  if (context.authorised->early_review_requested_for)
    ui::text_muted("Brought forward: " + context.authorised->early_review_reason);
  ui::text_wrapped(
      "A review comes sooner when the young person asks for one, or when their circumstances change (a new home, "
      "college, job or training).");
  ui::choice_row(early_review_reasons, early.reason, "early review reason");
  if (early.reason < 0) return;
  ui::text_field("Review by (day/month/year)", early.by, 1);
  ui::text_field("What changed, or what they asked", early.detail, 2, early.problem);
  if (ui::button("Bring the review forward", ui::Emphasis::secondary)) save_early_review(app);
}

void draw_changes() {
  ImGui::Dummy(ImVec2(0, 8));
  ui::heading(context.authorised ? "What changed since the authorised plan" : "What is in this first plan", 2);
  // The form as it stands (a date not yet readable counts as none).
  core::PathwayPlan shown;
  shown.needs_assessment.summary = form.needs_summary;
  shown.needs_assessment.completed_on = parse_typed_date(form.needs_completed_on);
  for (size_t i = 0; i < form.sections.size(); ++i) {
    shown.sections[i].assessed_needs = form.sections[i].needs;
    shown.sections[i].young_persons_views = form.sections[i].views;
    for (const ObjectiveFields& objective : form.sections[i].objectives)
      shown.sections[i].objectives.push_back(
          {objective.what, objective.how, objective.who, parse_typed_date(objective.by_when),
           core::enum_from_code<core::ObjectiveStatus>(objective.status).value_or(core::ObjectiveStatus::not_started)});
  }
  shown.young_persons_overall_views = form.overall_views;
  const std::vector<PlanChange> changes =
      plan_changes(context.authorised ? &*context.authorised : nullptr, shown);
  if (changes.empty()) {
    ui::text_muted("Nothing has changed yet.");
    return;
  }
  item_registry::begin_list("Changes");
  for (const PlanChange& change : changes) ui::list_item(change.part + ": " + change.words);
  item_registry::end_list();
}

// A submitted plan waits for the manager: nothing to edit.
void draw_submitted() {
  const core::PathwayPlan& plan = *context.latest;
  const int waited = plan.submitted_on ? days_between(*plan.submitted_on, today()) : 0;
  ui::banner(icon::schedule,
             "Submitted for authorisation " + (plan.submitted_on ? short_date(*plan.submitted_on) : std::string()) +
                 (waited > 0 ? ", waiting " + days_phrase(waited) : std::string()) +
                 ". It can be changed again if the manager returns it.",
             theme::bar_fill, theme::text);
  draw_changes();
}

void leave(App& app) {
  keeper.keep_and_leave(app);
  form = PlanForm{};
}

}  // namespace

void keep_plan_draft(App&) { keeper.keep_now(); }
void leave_plan(App& app) { leave(app); }

void draw_plan_screen(App& app) {
  if (form.person_id != app.person_id || form.version != app.data_version) {
    open_form(app);
    platform::mark_when_drawn("pathway-plan-drawn");  // the first "Open the plan" to the editor (tests/e2e/plan.test.mjs)
  }
  const std::string back = std::string(icon::back) + " " + (context.display_name.empty() ? "Back" : context.display_name);
  if (ui::button((back + "##back").c_str(), ui::Emphasis::secondary)) {
    leave(app);
    return;
  }
  ui::heading("Pathway plan");
  const bool submitted = context.latest && context.latest->status == core::PlanStatus::submitted;
  std::string state = !context.latest         ? "A first plan"
                      : submitted             ? "Awaiting authorisation"
                      : form.plan_id.empty()  ? "A review of the plan in force: saving makes a new version"
                                              : std::string(core::label_of(context.latest->status)) + " version";
  ui::text_muted(state);
  for (const std::string* error : std::initializer_list<const std::string*>{&context.error, &keeper.error()})
    if (!error->empty()) ui::banner(icon::error, *error, theme::warning_fill, theme::warning_text);
  if (context.latest && context.latest->status == core::PlanStatus::returned)
    ui::banner(icon::warning,
               "Returned " + (context.latest->returned_on ? short_date(*context.latest->returned_on) : std::string()) +
                   " with comments: " + context.latest->return_comments,
               theme::warning_fill, theme::warning_text);
  if (!saved_message.empty()) ui::live_text(theme::ok, std::string(icon::saved) + " " + saved_message);

  ImGui::BeginChild("##plan", ImVec2(0, submitted ? 0.0f : -footer.height()), false);
  if (submitted) {
    draw_submitted();
    draw_review(app);
    ImGui::EndChild();
    return;
  }
  if (draw_form()) {
    saved_message.clear();
    keeper.changed();
  }
  draw_changes();
  draw_review(app);
  ImGui::Dummy(ImVec2(0, 16));
  ImGui::EndChild();

  footer.begin();
  if (!problems.general.empty()) ui::field_error(problems.general);
  if (ui::button((std::string(icon::saved) + " Save plan").c_str(), ui::Emphasis::secondary)) save_plan(app, false);
  const char* submit = "Submit for authorisation";
  ui::same_line_if_fits(ui::button_width(submit));
  if (ui::button(submit)) save_plan(app, true);
  if (keeper.all_kept() && keeper.anything_kept()) ui::status_after_buttons(theme::text_muted, "Draft kept on this device");
  else if (keeper.pending()) ui::status_after_buttons(theme::text_muted, "Keeping the draft...");
  footer.end();
}

}  // namespace pathway::app
