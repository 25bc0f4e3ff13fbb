// The frame's outer layout and navigation (see app.h): the open screen fills
// the page above the status bar; until the database is open, the unlock
// screen is the only screen. Text reads best in a column, so on wide screens
// the content is centred at a comfortable measure; on a screen wide enough
// for two such columns (a tablet in landscape) the caseload stays on the left
// and the young person (or their visit) opens beside it.
#include "app/app.h"

#include <algorithm>
#include <cmath>

#include <emscripten/html5.h>

#include "app/auto_lock.h"
#include "app/device_sync.h"
#include "app/navigation.h"
#include "app/platform/platform.h"
#include "app/screens/screens.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"

namespace pathway::app {
namespace {

constexpr float max_content_width = 760.0f;
constexpr float list_pane_width = 400.0f;        // the caseload beside the open screen
constexpr float two_panes_from_width = 900.0f;   // CSS px: a tablet in landscape, not one in portrait
constexpr ImGuiWindowFlags page_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;
constexpr float status_bar_padding_y = 8.0f;
float status_bar_height = 0;  // measured in the previous frame

float side_padding(float width) { return std::max(16.0f, (width - max_content_width) / 2); }

}  // namespace

Instant now() { return Instant{static_cast<int64_t>(emscripten_date_now() / 1000.0)}; }

// England's date, whatever time zone the device is set to.
Date today() { return uk_date_of(now()); }

void database_opened(App& app, bool created) {
  if (Status kept = device_sync::database_opened(app, created); !kept)
    app.open_error = "This device's sign-in could not be kept: " + kept.error().message;
  if (app.screen != Screen::guide && !app.resume_after_unlock) open_caseload(app);
  app.resume_after_unlock = false;
  app.locked_because.clear();
  ++app.data_version;
  platform::request_frame();
}

void open_young_person(App& app, const core::Id& person_id) {
  if (person_id != app.person_id) app.just_saved.clear();
  app.person_id = person_id;
  app.screen = Screen::young_person;
}

void open_caseload(App& app) {
  app.screen = Screen::caseload;
  app.person_id.clear();
}

void open_visit(App& app, const core::Id& person_id) {
  app.person_id = person_id;
  app.screen = Screen::visit;
  app.just_saved.clear();
  platform::mark("pathway-visit-opened");  // the form's first frame marks "pathway-visit-drawn"
}

void go_back(App& app) {
  switch (app.screen) {
    case Screen::visit: leave_visit(app); break;
    case Screen::plan: leave_plan(app); break;
    case Screen::authorise: open_authorisations(app); break;
    case Screen::authorisations: open_caseload(app); break;
    case Screen::young_person:
      app.just_saved.clear();
      open_caseload(app);
      break;
    case Screen::guide: close_guide(app); break;
    case Screen::sign_in: open_caseload(app); break;
    case Screen::caseload: break;
  }
  platform::request_frame();
}

void open_plan(App& app, const core::Id& person_id) {
  app.person_id = person_id;
  app.screen = Screen::plan;
}

void open_authorisations(App& app) {
  app.screen = Screen::authorisations;
  app.plan_id.clear();
}

void open_guide(App& app, GuidePage page, const std::string& topic) {
  if (app.screen != Screen::guide) app.guide_view.came_from = app.screen;
  app.screen = Screen::guide;
  app.guide_view.page = page;
  app.guide_view.topic = page == GuidePage::topic ? topic : std::string();
  platform::show_guide_address(app.guide_view.topic, true);
  platform::request_frame();
}

void close_guide(App& app) {
  app.screen = app.guide_view.came_from == Screen::guide ? Screen::caseload : app.guide_view.came_from;
  platform::show_guide_address("", false);
  platform::request_frame();
}

namespace {

// The caseload on the left, the open screen (or an invitation to open one) on the right.
void draw_two_panes(App& app) {
  ImGui::BeginChild("##list-pane", ImVec2(list_pane_width, 0), false);
  draw_caseload_screen(app);
  ImGui::EndChild();
  ImGui::SameLine(0, 24);
  ImGui::BeginChild("##open-pane", ImVec2(0, 0), false);
  if (app.screen == Screen::young_person) draw_young_person_screen(app);
  else if (app.screen == Screen::visit) draw_visit_screen(app);
  else if (app.screen == Screen::plan) draw_plan_screen(app);
  else if (app.screen == Screen::authorisations || app.screen == Screen::authorise) draw_authorisation_screen(app);
  else ui::text_muted("Choose a young person to see their record.");
  ImGui::EndChild();
}

}  // namespace

void draw(App& app) {
  auto_lock::watch(app);
  device_sync::step(app);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const bool open = app.database.phase() == LocalDatabase::Phase::open;
  app.two_panes = open && app.screen != Screen::guide && viewport->WorkSize.x >= two_panes_from_width;
  float padding = app.two_panes ? 16.0f : side_padding(viewport->WorkSize.x);

  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, std::max(0.0f, viewport->WorkSize.y - status_bar_height)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(padding, 16));
  ImGui::Begin("##page", nullptr, page_flags);
  ImGui::PopStyleVar();
  if (app.screen == Screen::guide) {
    draw_guide_screen(app);
  } else if (!open) {
    // A new device signs in first (it needs the network once), then sets its passphrase.
    if (app.database.phase() == LocalDatabase::Phase::needs_new_passphrase && app.account.device_id.empty())
      draw_sign_in_screen(app);
    else
      draw_unlock_screen(app);
  } else if (app.screen == Screen::sign_in) {
    draw_sign_in_screen(app);
  } else if (app.two_panes) {
    draw_two_panes(app);
  } else if (app.screen == Screen::young_person) {
    draw_young_person_screen(app);
  } else if (app.screen == Screen::visit) {
    draw_visit_screen(app);
  } else if (app.screen == Screen::plan) {
    draw_plan_screen(app);
  } else if (app.screen == Screen::authorisations || app.screen == Screen::authorise) {
    draw_authorisation_screen(app);
  } else {
    draw_caseload_screen(app);
  }
  ImGui::End();
  navigation::follow(app);
  if (app.screen == Screen::guide) {  // the public guide has no status bar: nothing of the PA's shows
    status_bar_height = 0;
    return;
  }

  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x, viewport->WorkPos.y + viewport->WorkSize.y), 0, ImVec2(0, 1));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(padding, status_bar_padding_y));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(theme::bar_fill));
  ImGui::Begin("##status", nullptr, page_flags | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  draw_status_bar(app);
  // An auto-resizing window takes its new size a frame after its content
  // changed: draw again until the bar fits what it shows, and the page above
  // fits the bar.
  float height = ImGui::GetWindowHeight();
  float fitted = ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y + status_bar_padding_y;
  ImGui::End();
  if (height != status_bar_height || std::abs(fitted - height) > 0.5f) {
    status_bar_height = height;
    platform::request_frame();
  }
}

}  // namespace pathway::app
