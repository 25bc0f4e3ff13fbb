// The guide on this device (see guide_content.h).
#include "app/guide_content.h"

#include <algorithm>

#include <emscripten/emscripten.h>

#include "app/platform/platform.h"

namespace pathway::app {
namespace {

constexpr const char* saved_setting = "guide.saved";
constexpr const char* whats_new_setting = "guide.whats_new";  // "version:topic,topic"

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& parts, char separator) {
  std::string text;
  for (const std::string& part : parts) {
    if (!text.empty()) text += separator;
    text += part;
  }
  return text;
}

}  // namespace

void GuideContent::begin_files() { incoming_.clear(); }

void GuideContent::add_file(std::string name, std::string text) { incoming_.push_back({std::move(name), std::move(text)}); }

void GuideContent::finish_files(bool is_update) {
  auto parsed = core::guide::parse_guide(incoming_);
  incoming_.clear();
  if (!parsed) {
    // Keep the version in use: a bad download never replaces a good guide.
    if (!loaded()) load_error_ = "The guide could not be read: " + parsed.error().message;
    return;
  }
  auto next = std::make_unique<core::guide::Guide>(std::move(*parsed));
  if (is_update && loaded() && next->version != guide_->version) {
    whats_new_.clear();
    for (const core::guide::Topic* topic : core::guide::changed_topics(*guide_, *next)) whats_new_.push_back(topic->id);
    whats_new_version_ = next->version;
    platform::set_local_setting(whats_new_setting, whats_new_version_ + ":" + join(whats_new_, ','));
  }
  index_.reset();  // it points into the old guide
  guide_ = std::move(next);
  index_ = std::make_unique<core::guide::SearchIndex>(*guide_);
  load_error_.clear();
  platform::request_frame();
}

bool GuideContent::is_saved(const std::string& topic) const {
  return std::find(saved_.begin(), saved_.end(), topic) != saved_.end();
}

void GuideContent::toggle_saved(const std::string& topic) {
  auto found = std::find(saved_.begin(), saved_.end(), topic);
  if (found == saved_.end()) saved_.push_back(topic);
  else saved_.erase(found);
  platform::set_local_setting(saved_setting, join(saved_, ','));
}

void GuideContent::load_settings() {
  saved_ = split(platform::local_setting(saved_setting), ',');
  std::string news = platform::local_setting(whats_new_setting);
  std::size_t colon = news.find(':');
  if (colon != std::string::npos) {
    whats_new_version_ = news.substr(0, colon);
    whats_new_ = split(news.substr(colon + 1), ',');
  }
}

}  // namespace pathway::app
