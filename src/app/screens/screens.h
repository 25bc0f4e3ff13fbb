// The screens, one file each. Each draws into the current ImGui window from
// the App state and the store; none owns a copy of the records.
#pragma once

#include "app/app.h"

namespace pathway::app {

void draw_sign_in_screen(App& app);       // sign in to the server: a new device, or again when the session ended
void draw_unlock_screen(App& app);        // set or enter the passphrase
void draw_caseload_screen(App& app);      // the PA's young people and what is due
void draw_young_person_screen(App& app);  // one young person's history, Record visit, Add note
void draw_visit_screen(App& app);         // record a visit: who was seen, their words, actions, EET, home
void draw_plan_screen(App& app);          // the pathway plan: needs, 8 sections, objectives, views, submit
void draw_authorisation_screen(App& app); // a manager's queue of submitted plans, and one plan's decision
// Whether the device's member of staff may authorise plans today (a team
// manager, or on the duty rota), and how many wait for them.
bool may_authorise_plans(App& app);
int plans_awaiting(App& app);
// Before the store closes (the auto-lock): what is typed on the visit or plan
// form and not yet kept goes into its draft now.
void keep_visit_draft(App& app);
void keep_plan_draft(App& app);
// Leave the visit or plan form for the young person's screen, keeping its draft (Back).
void leave_visit(App& app);
void leave_plan(App& app);
void draw_status_bar(App& app);           // saved / offline / storage / update
void draw_guide_screen(App& app);         // the care leaver's guide: topics, search, saved, settings
void draw_what_can_i_get(App& app);       // the guide's "What can I get?" questions and answer

}  // namespace pathway::app
