// "What can I get?": a few questions, answered with a tap, and the list of
// what applies, each with its guide page (core/entitlements.h decides, with
// core's own category rules). The answers stay in this file's memory for the
// visit: never stored, never sent, not in the address.
#include <algorithm>
#include <string>

#include "app/platform/item_registry.h"
#include "app/screens/screens.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "core/entitlements.h"
#include "imgui.h"

namespace pathway::app {
namespace {

constexpr int youngest = 16;
constexpr int oldest = 25;

core::Circumstances answers;

template <class T>
struct Option {
  const char* words;
  T value;
};

template <class T, std::size_t N>
void question(const char* title, const Option<T> (&options)[N], T& answer) {
  ImGui::Spacing();
  ui::heading(title, 2);
  item_registry::begin_list(title);
  for (const Option<T>& option : options)
    if (ui::choice(option.words, answer == option.value, std::string("##") + title + option.words)) answer = option.value;
  item_registry::end_list();
}

void age_question(const char* title, const char* name, int& age, int low, int high) {
  ImGui::Spacing();
  ui::heading(title, 2);
  ui::live_text(theme::text, std::string(name) + ": " + std::to_string(age));
  if (ui::choice("Older", false, std::string("##older-") + name) && age < high) ++age;
  if (ui::choice("Younger", false, std::string("##younger-") + name) && age > low) --age;
}

}  // namespace

void draw_what_can_i_get(App& app) {
  using namespace core;
  if (ui::link("All topics", "/guide", "##all-topics")) open_guide(app, GuidePage::home);
  ui::heading("What can I get?");
  ui::text_wrapped("Answer a few questions to see what you can get. Your answers stay on this phone and are not kept.");

  age_question("How old are you?", "Your age", answers.age, youngest, oldest);
  question("Are you in care now?",
           {Option<CareAnswer>{"Yes, I am in care", CareAnswer::in_care_now}, {"No, I have left care", CareAnswer::left_care},
            {"I was never in care", CareAnswer::never_in_care}},
           answers.care);
  if (answers.care == CareAnswer::left_care) {
    answers.age_left_care = std::min(answers.age_left_care, answers.age);
    age_question("How old were you when you left care?", "Age you left care", answers.age_left_care, 14, answers.age);
  }
  if (answers.care != CareAnswer::never_in_care)
    question("After you turned 14, were you in care for 13 weeks or more?",
             {Option<TimeInCareAnswer>{"Yes", TimeInCareAnswer::thirteen_weeks_or_more},
              {"No", TimeInCareAnswer::less_than_thirteen_weeks}, {"Not sure", TimeInCareAnswer::not_sure}},
             answers.time_in_care);
  question("What are you doing now?",
           {Option<ActivityAnswer>{"School or college", ActivityAnswer::school_or_college},
            {"University", ActivityAnswer::university},
            {"An apprenticeship or training", ActivityAnswer::apprenticeship_or_training},
            {"Working", ActivityAnswer::working}, {"Nothing at the moment", ActivityAnswer::nothing_yet}},
           answers.activity);
  question("Where do you live?",
           {Option<HomeAnswer>{"With foster carers", HomeAnswer::foster_carers},
            {"In supported lodgings", HomeAnswer::supported_lodgings}, {"In my own home", HomeAnswer::own_tenancy},
            {"With family or friends", HomeAnswer::family_or_friends}, {"Nowhere safe to stay", HomeAnswer::nowhere_safe}},
           answers.home);
  question("Did you come to the UK alone to ask for asylum?",
           {Option<bool>{"Yes", true}, {"No", false}}, answers.came_alone_seeking_asylum);

  WhatYouCanGet result = what_you_can_get(answers, today());
  ImGui::Spacing();
  ImGui::Separator();
  ui::heading("What you can get", 2);
  std::size_t count = result.entitlements.size();
  ui::live_text(theme::text, count == 0 ? "From your answers, this guide has nothing for you. Ask the Leaving Care Team if you are not sure."
                                        : std::to_string(count) + (count == 1 ? " thing you can get" : " things you can get"));
  item_registry::begin_list("What you can get");
  const auto& guide = app.guide.guide();
  for (const Entitlement& entitlement : result.entitlements) {
    const core::guide::Topic* topic = guide.find(entitlement.topic);
    if (topic == nullptr) continue;
    std::string href = "/guide/" + topic->id;
    if (ui::link(std::string(entitlement.title), href, std::string("##get-") + std::string(entitlement.id)))
      open_guide(app, GuidePage::topic, topic->id);
  }
  item_registry::end_list();
}

}  // namespace pathway::app
