// The authorisation queue, for a team manager, or a manager on the duty rota
// while the team manager is away (Kirklees report 4.4-4.5: plans are
// authorised by a manager; authorisation stalls when a manager is absent):
// the pathway plans submitted to their team(s), oldest first, each with how
// long it has waited. Opening one shows what changed since the last
// authorised version, in words, and the plan as submitted; the manager
// authorises it, or returns it with comments the PA reads on the plan and
// the young person's screens. core::can_authorise decides who may (never
// the plan's own author), and each decision is one Store::write.
#include <algorithm>
#include <string>
#include <vector>

#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
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

namespace pathway::app {
namespace {

struct QueueCache {
  uint64_t version = ~0ull;
  core::Id staff_id;
  std::optional<core::Staff> me;
  std::vector<core::Staff> staff;               // for the authors' names
  std::vector<core::DutyManagerEntry> duty_rota;
  std::vector<store::PlanAwaitingAuthorisation> waiting;  // oldest first
  std::string error;
};

// The plan open for a decision.
struct Decision {
  core::Id plan_id;
  std::optional<core::PathwayPlan> plan;
  std::optional<core::PathwayPlan> authorised_before;  // the version in force, to compare with
  std::vector<PlanChange> changes;
  bool returning = false;
  std::string comments;
  std::string problem;
};

QueueCache cache;
Decision decision;
ui::Footer footer;  // Authorise or return, and the comments when returning
std::string outcome;  // "Authorised the plan for ..." after the last decision

// The teams whose plans this manager may authorise today: their own, and
// any they are on duty for (an entry with no team covers every team).
std::vector<core::Id> teams_covered(const QueueCache& queue, Date day) {
  std::vector<core::Id> teams;
  if (!queue.me) return teams;
  if (queue.me->role == core::StaffRole::team_manager && !queue.me->team_id.empty()) teams.push_back(queue.me->team_id);
  for (const core::DutyManagerEntry& duty : queue.duty_rota) {
    if (duty.staff_id != queue.me->id || day < duty.from || day > duty.to) continue;
    if (duty.team_id.empty()) {
      teams.clear();
      for (const core::Staff& member : queue.staff)
        if (!member.team_id.empty() && std::find(teams.begin(), teams.end(), member.team_id) == teams.end())
          teams.push_back(member.team_id);
      return teams;
    }
    if (std::find(teams.begin(), teams.end(), duty.team_id) == teams.end()) teams.push_back(duty.team_id);
  }
  return teams;
}

void refresh(App& app) {
  if (cache.version == app.data_version && cache.staff_id == app.staff_id) return;
  cache = QueueCache{};
  cache.version = app.data_version;
  cache.staff_id = app.staff_id;
  store::Store& store = app.database.store();
  if (auto me = store.staff(app.staff_id)) cache.me = std::move(*me);
  if (auto staff = store.all_staff()) cache.staff = std::move(*staff);
  if (auto rota = store.duty_rota()) cache.duty_rota = std::move(*rota);
  for (const core::Id& team : teams_covered(cache, today())) {
    auto plans = store.plans_awaiting_authorisation(team);
    if (!plans) {
      cache.error = plans.error().message;
      continue;
    }
    cache.waiting.insert(cache.waiting.end(), plans->begin(), plans->end());
  }
  std::stable_sort(cache.waiting.begin(), cache.waiting.end(),
                   [](const auto& a, const auto& b) { return a.submitted_on < b.submitted_on; });
}

std::string name_of(const core::Id& staff_id) {
  for (const core::Staff& member : cache.staff)
    if (member.id == staff_id) return member.name;
  return "someone not on this device";
}

std::string waited_words(const store::PlanAwaitingAuthorisation& plan, Date day) {
  if (!plan.submitted_on) return "Submitted (no date)";
  const int days = days_between(*plan.submitted_on, day);
  return "Submitted " + short_date(*plan.submitted_on) + ", waiting " + (days == 0 ? "since today" : days_phrase(days));
}

void open_decision(App& app, const core::Id& plan_id) {
  decision = Decision{};
  decision.plan_id = plan_id;
  store::Store& store = app.database.store();
  auto plan = store.pathway_plan(plan_id);
  if (!plan) {
    decision.problem = plan.error().message;
    return;
  }
  decision.plan = std::move(*plan);
  if (auto versions = store.plans_of(decision.plan->young_person_id))
    if (const core::PathwayPlan* current = core::current_plan(*versions, today())) decision.authorised_before = *current;
  decision.changes = plan_changes(decision.authorised_before ? &*decision.authorised_before : nullptr, *decision.plan);
}

void decide(App& app, bool authorise) {
  decision.problem.clear();
  if (!cache.me || !decision.plan) return;
  auto decided = authorise ? core::authorise_plan(*decision.plan, *cache.me, cache.duty_rota, today())
                           : core::return_plan(*decision.plan, *cache.me, decision.comments, cache.duty_rota, today());
  if (!decided) {
    decision.problem = decided.error().message;
    return;
  }
  Status saved = app.database.store().write(store::Actor{app.staff_id, {}}, now(),
                                            [&](store::Writer& writer) { return writer.save(*decided); });
  if (!saved) {
    decision.problem = saved.error().message;
    return;
  }
  std::string name;
  for (const auto& waiting : cache.waiting)
    if (waiting.plan_id == decision.plan_id) name = waiting.display_name;
  outcome = (authorise ? "Authorised the plan for " : "Returned the plan for ") + name + ".";
  ++app.data_version;
  app.screen = Screen::authorisations;
  decision = Decision{};
  platform::request_frame();
}

void draw_plan_contents(const core::PathwayPlan& plan) {
  ui::heading("The plan as submitted", 2);
  if (!plan.needs_assessment.summary.empty()) ui::text_wrapped("Needs assessment: " + plan.needs_assessment.summary);
  for (const core::PlanSectionContent& section : plan.sections) {
    if (section.objectives.empty() && section.young_persons_views.empty() && section.assessed_needs.empty()) continue;
    ImGui::PushFont(fonts::strong());
    ui::text(core::label_of(section.section));
    ImGui::PopFont();
    if (!section.assessed_needs.empty()) ui::text_wrapped("Needs: " + section.assessed_needs);
    if (!section.young_persons_views.empty()) ui::text_wrapped("Their views: " + section.young_persons_views);
    for (const core::Objective& objective : section.objectives) {
      std::string words = objective.what + " (" + std::string(core::label_of(objective.status));
      if (objective.by_when) words += ", by " + short_date(*objective.by_when);
      if (!objective.who.empty()) words += ", " + objective.who;
      ui::list_item(words + ")");
    }
  }
  if (!plan.young_persons_overall_views.empty())
    ui::text_wrapped("The young person's views on the plan: " + plan.young_persons_overall_views);
}

void draw_decision(App& app) {
  if (ui::button((std::string(icon::back) + " Plans awaiting authorisation").c_str(), ui::Emphasis::secondary)) {
    go_back(app);
    return;
  }
  if (decision.plan_id != app.plan_id) open_decision(app, app.plan_id);
  if (!decision.plan) {
    ui::banner(icon::error, decision.problem, theme::warning_fill, theme::warning_text);
    return;
  }
  const core::PathwayPlan& plan = *decision.plan;
  std::string name;
  for (const auto& waiting : cache.waiting)
    if (waiting.plan_id == plan.id) name = waiting.display_name;
  ui::heading(name.empty() ? "Pathway plan" : "Pathway plan for " + name);
  ui::text_muted("By " + name_of(plan.author_id) + (plan.submitted_on ? ", submitted " + short_date(*plan.submitted_on) : ""));
  ImGui::BeginChild("##decision", ImVec2(0, -footer.height()), false);
  ui::heading(decision.authorised_before ? "What changed since the authorised plan" : "A first plan: everything is new", 2);
  if (decision.changes.empty()) ui::text_muted("Nothing changed.");
  item_registry::begin_list("Changes");
  for (const PlanChange& change : decision.changes) ui::list_item(change.part + ": " + change.words);
  item_registry::end_list();
  ImGui::Dummy(ImVec2(0, 8));
  draw_plan_contents(plan);
  ImGui::EndChild();

  footer.begin();
  if (!decision.problem.empty()) ui::field_error(decision.problem);
  if (decision.returning) {
    ui::text_field("Comments for the PA: what needs to change", decision.comments, 2);
    if (ui::button("Return with these comments")) decide(app, false);
    ui::same_line_if_fits(ui::button_width("Cancel"));
    if (ui::button("Cancel", ui::Emphasis::secondary)) decision.returning = false;
  } else {
    if (ui::button("Authorise")) decide(app, true);
    ui::same_line_if_fits(ui::button_width("Return with comments"));
    if (ui::button("Return with comments", ui::Emphasis::secondary)) decision.returning = true;
  }
  footer.end();
}

void draw_queue(App& app) {
  if (!app.two_panes && ui::button((std::string(icon::back) + " Caseload").c_str(), ui::Emphasis::secondary)) {
    go_back(app);
    return;
  }
  ui::heading("Plans awaiting authorisation");
  if (!cache.error.empty()) ui::banner(icon::error, cache.error, theme::warning_fill, theme::warning_text);
  if (!outcome.empty()) ui::live_text(theme::ok, std::string(icon::saved) + " " + outcome);
  ui::text_muted(cache.waiting.empty() ? "Nothing is waiting." : "Oldest first.");
  ImGui::BeginChild("##queue", ImVec2(0, 0), false);
  const Date day = today();
  for (const store::PlanAwaitingAuthorisation& waiting : cache.waiting) {
    const std::string words = waiting.display_name + "\n" + waited_words(waiting, day) + " \xc2\xb7 by " + name_of(waiting.author_id);
    if (ui::choice(words, false, waiting.plan_id)) {
      outcome.clear();
      app.plan_id = waiting.plan_id;
      app.screen = Screen::authorise;
      platform::request_frame();
    }
  }
  ImGui::EndChild();
}

}  // namespace

bool may_authorise_plans(App& app) {
  refresh(app);
  return !teams_covered(cache, today()).empty();
}

int plans_awaiting(App& app) {
  refresh(app);
  return static_cast<int>(cache.waiting.size());
}

void draw_authorisation_screen(App& app) {
  refresh(app);
  if (app.screen == Screen::authorise) draw_decision(app);
  else draw_queue(app);
}

}  // namespace pathway::app
