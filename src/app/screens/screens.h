// The screens, one file each. Each draws into the current ImGui window from
// the App state and the store; none owns a copy of the records.
#pragma once

#include "app/app.h"

namespace pathway::app {

void draw_unlock_screen(App& app);        // set or enter the passphrase
void draw_caseload_screen(App& app);      // the PA's young people and what is due
void draw_young_person_screen(App& app);  // one young person's history, Record visit, Add note
void draw_visit_screen(App& app);         // record a visit: who was seen, their words, actions, EET, home
void draw_status_bar(App& app);           // saved / offline / storage / update
void draw_guide_screen(App& app);         // the care leaver's guide: topics, search, saved, settings
void draw_what_can_i_get(App& app);       // the guide's "What can I get?" questions and answer

}  // namespace pathway::app
