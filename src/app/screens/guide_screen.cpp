// The care leaver's guide: public, no account, no passphrase. Its start page
// has search (results as you type), "What can I get?", the topics, pages
// saved for later and what's new; a topic page shows the page or its
// easy-read version, with who it is for, the amounts and contacts, and the
// law it rests on; settings change text size, colours and easy read. Nothing
// typed here is kept: the search words live in this file's buffer only.
#include <algorithm>
#include <cstring>
#include <string>

#include "app/platform/item_registry.h"
#include "app/platform/platform.h"
#include "app/screens/screens.h"
#include "app/ui/fonts.h"
#include "app/ui/icons.h"
#include "app/ui/theme.h"
#include "app/ui/widgets.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace pathway::app {
namespace {

using core::guide::Block;
using core::guide::BlockKind;
using core::guide::Topic;

constexpr std::size_t search_capacity = 128;
constexpr float badge_padding = 8.0f;

char search_words[search_capacity] = {};
std::string shown_page;  // the page drawn last frame: a new page starts at the top

std::string topic_href(const std::string& topic) { return topic.empty() ? "/guide" : "/guide/" + topic; }

// The council's mark: its short logo text on its colour.
void council_badge(const core::guide::Guide& guide) {
  std::string_view logo = guide.council.get("logo");
  std::string_view name = guide.council.get("name");
  ImVec2 size = ImGui::CalcTextSize(logo.data(), logo.data() + logo.size());
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 box(size.x + 2 * badge_padding, size.y + badge_padding);
  ImGui::GetWindowDrawList()->AddRectFilled(pos, pos + box, theme::rgb(0x0b, 0x5f, 0xa5), 6);
  ImGui::GetWindowDrawList()->AddText(fonts::strong(), ImGui::GetFontSize(), pos + ImVec2(badge_padding, badge_padding / 2),
                                      theme::rgb(0xff, 0xff, 0xff), logo.data(), logo.data() + logo.size());
  ImGui::Dummy(box);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ui::text_muted(name);
}

void top_links(App& app, bool at_home) {
  if (!at_home && ui::link("All topics", "/guide", "##all-topics")) open_guide(app, GuidePage::home);
  if (at_home && ui::link(app.database.phase() == LocalDatabase::Phase::open ? "Back to your caseload" : "Back to Pathway for staff",
                          "/", "##leave-guide"))
    close_guide(app);
}

void draw_blocks(App& app, const Topic& topic, const std::vector<Block>& blocks) {
  const core::guide::Guide& guide = app.guide.guide();
  bool in_list = false;
  int list_number = 0;
  for (const Block& block : blocks) {
    if (in_list && block.kind != BlockKind::list_item) {
      item_registry::end_list();
      in_list = false;
    }
    switch (block.kind) {
      case BlockKind::heading:
        ImGui::Spacing();
        ui::heading(block.text, 2);
        break;
      case BlockKind::paragraph: ui::text_wrapped(block.text); break;
      case BlockKind::list_item:
        if (!in_list) {
          item_registry::begin_list(topic.id + "-list-" + std::to_string(++list_number));
          in_list = true;
        }
        ui::list_item(block.text);
        break;
      case BlockKind::link:
        if (const Topic* target = guide.find(block.text)) {
          if (ui::link("See also: " + target->title, topic_href(target->id), "##see-" + target->id))
            open_guide(app, GuidePage::topic, target->id);
        }
        break;
    }
  }
  if (in_list) item_registry::end_list();
}

void labelled_fact(std::string_view label, const std::string& value) {
  if (value.empty()) return;
  ImGui::PushFont(fonts::strong());
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(label.data(), label.data() + label.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  item_registry::add_text(label, item_registry::Role::heading, 3);
  ui::text_wrapped(value);
}

void draw_topic(App& app) {
  const Topic* topic = app.guide.guide().find(app.guide_view.topic);
  top_links(app, false);
  if (topic == nullptr) {
    ui::heading("Page not found");
    ui::text_wrapped("This page is not in the guide. It may have moved. Go to all topics to find it.");
    return;
  }
  ui::heading(topic->title);
  bool easy = app.guide_view.easy_read;
  if (ui::choice(easy ? "Easy read: on" : "Easy read: off", easy, "##easy-read")) {
    app.guide_view.easy_read = !easy;
    platform::set_local_setting(easy_read_setting, app.guide_view.easy_read ? "1" : "0");
  }
  bool saved = app.guide.is_saved(topic->id);
  if (ui::choice(saved ? "Saved for later" : "Save for later", saved, "##save")) app.guide.toggle_saved(topic->id);
  ImGui::Spacing();
  draw_blocks(app, *topic, app.guide_view.easy_read ? topic->easy_read : topic->page);
  ImGui::Spacing();
  ImGui::Separator();
  labelled_fact("Who this is for", "Young people aged " + topic->ages + " who were in care.");
  labelled_fact("Money on this page", topic->amounts);
  labelled_fact("Who to contact", topic->contacts);
  labelled_fact("The law", topic->source);
}

void draw_search(App& app) {
  ui::field_caption("Search the guide");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##Search the guide", "For example: council tax", search_words, search_capacity);
  item_registry::set_last_item_value(search_words);
  if (search_words[0] == '\0') return;
  auto hits = app.guide.index().search(search_words);
  ui::live_text(theme::text_muted, hits.empty() ? "No pages found. Try other words."
                                                : std::to_string(hits.size()) + (hits.size() == 1 ? " page found" : " pages found"));
  item_registry::begin_list("Search results");
  for (const auto& hit : hits) {
    if (ui::link(hit.topic->title, topic_href(hit.topic->id), "##result-" + hit.topic->id))
      open_guide(app, GuidePage::topic, hit.topic->id);
    ui::text_muted(hit.snippet.size() > 0 ? hit.snippet : hit.topic->summary);
  }
  item_registry::end_list();
}

void topic_list(App& app, const std::string& name, const std::vector<const Topic*>& topics, const std::string& id_prefix) {
  item_registry::begin_list(name);
  for (const Topic* topic : topics) {
    if (ui::link(topic->title, topic_href(topic->id), "##" + id_prefix + topic->id)) open_guide(app, GuidePage::topic, topic->id);
  }
  item_registry::end_list();
}

void draw_home(App& app) {
  const core::guide::Guide& guide = app.guide.guide();
  top_links(app, true);
  council_badge(guide);
  ui::heading("Your rights after care");
  ui::text_wrapped("What " + std::string(guide.council.get("name")) +
                   " and the law give you after care, in plain words. You do not need an account. Nothing you type "
                   "here is kept or sent.");
  if (!platform::online()) ui::text_muted(std::string(icon::cloud_off) + " Offline: the guide works without the internet");
  ImGui::Spacing();
  draw_search(app);
  ImGui::Spacing();
  if (ui::button("What can I get?", ui::Emphasis::primary, -1)) open_guide(app, GuidePage::what_can_i_get);

  ImGui::Spacing();
  ui::heading("Topics", 2);
  std::vector<const Topic*> all;
  for (const Topic& topic : guide.topics) all.push_back(&topic);
  topic_list(app, "Topics", all, "topic-");

  std::vector<const Topic*> saved;
  for (const std::string& id : app.guide.saved())
    if (const Topic* topic = guide.find(id)) saved.push_back(topic);
  if (!saved.empty()) {
    ui::heading("Saved for later", 2);
    topic_list(app, "Saved for later", saved, "saved-");
  }

  std::vector<const Topic*> fresh;
  for (const std::string& id : app.guide.whats_new())
    if (const Topic* topic = guide.find(id)) fresh.push_back(topic);
  if (!fresh.empty()) {
    ui::heading("What's new", 2);
    ui::text_muted("Changed in version " + app.guide.whats_new_version() + " of the guide:");
    item_registry::begin_list("What's new");
    for (const Topic* topic : fresh) {
      if (ui::link(topic->title, topic_href(topic->id), "##new-" + topic->id)) open_guide(app, GuidePage::topic, topic->id);
      if (!topic->changed.empty()) ui::text_muted(topic->changed);
    }
    item_registry::end_list();
  }

  ImGui::Spacing();
  if (ui::link("Text size, colours and easy read", "/guide", "##settings")) open_guide(app, GuidePage::settings);
  ui::text_muted("Guide version " + guide.version);
}

void draw_settings(App& app) {
  top_links(app, false);
  ui::heading("Text size, colours and easy read");
  const theme::Display& display = theme::display();
  ui::heading("Text size", 2);
  ui::live_text(theme::text, "Text size: " + std::to_string(static_cast<int>(display.text_scale * 100 + 0.5f)) + "%");
  if (ui::choice("Larger text", false, "##larger")) theme::set_text_scale(display.text_scale + theme::text_scale_step);
  if (ui::choice("Smaller text", false, "##smaller")) theme::set_text_scale(display.text_scale - theme::text_scale_step);
  ui::heading("Colours", 2);
  if (ui::choice("Light", display.mode == theme::Mode::light, "##light")) theme::set_mode(theme::Mode::light);
  if (ui::choice("Dark", display.mode == theme::Mode::dark, "##dark")) theme::set_mode(theme::Mode::dark);
  ui::heading("Easy read", 2);
  bool easy = app.guide_view.easy_read;
  if (ui::choice(easy ? "Easy read: on" : "Easy read: off", easy, "##easy-read")) {
    app.guide_view.easy_read = !easy;
    platform::set_local_setting(easy_read_setting, app.guide_view.easy_read ? "1" : "0");
  }
}

void draw_guide_page(App& app);

}  // namespace

void draw_guide_screen(App& app) {
  // The page window does not scroll (screens scroll their own lists): the guide scrolls as a whole.
  ImGui::BeginChild("##guide", ImVec2(0, 0), false);
  std::string page = std::to_string(static_cast<int>(app.guide_view.page)) + app.guide_view.topic;
  if (page != shown_page) {
    shown_page = page;
    ImGui::SetScrollY(0);
  }
  draw_guide_page(app);
  ImGui::Dummy(ImVec2(0, 24));
  ImGui::EndChild();
}

namespace {
void draw_guide_page(App& app) {
  if (!app.guide.loaded()) {
    top_links(app, true);
    ui::heading("Your rights after care");
    ui::text_wrapped(app.guide.load_error().empty()
                         ? "The guide has not been saved on this device yet. Connect to the internet once, and it "
                           "will work offline after that."
                         : app.guide.load_error());
    return;
  }
  switch (app.guide_view.page) {
    case GuidePage::home: draw_home(app); break;
    case GuidePage::topic: draw_topic(app); break;
    case GuidePage::what_can_i_get: draw_what_can_i_get(app); break;
    case GuidePage::settings: draw_settings(app); break;
  }
}
}  // namespace

}  // namespace pathway::app
