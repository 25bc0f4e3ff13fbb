// Parsing the guide's text files (see guide.h). Line-based and strict: a
// malformed file is refused with the file and line named, never half-read.
#include "core/guide.h"

#include <algorithm>

namespace pathway::core::guide {
namespace {

constexpr std::string_view front_matter_fence = "---";
constexpr std::string_view easy_read_marker = "=== easy read ===";
constexpr std::string_view council_file_name = "council.txt";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    lines.push_back(trim(text.substr(0, end)));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

Error file_error(std::string_view file, std::size_t line, std::string_view message) {
  return invalid(std::string(file), std::string(file) + " line " + std::to_string(line + 1) + ": " + std::string(message));
}

// Replaces each {field} with the council's value.
Result<std::string> fill_in(std::string_view text, const Council& council, std::string_view file, std::size_t line) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    std::size_t open = text.find('{');
    if (open == std::string_view::npos) {
      out += text;
      break;
    }
    std::size_t close = text.find('}', open);
    if (close == std::string_view::npos) return file_error(file, line, "a '{' is not closed with '}'");
    std::string_view name = text.substr(open + 1, close - open - 1);
    std::string_view value = council.get(name);
    if (value.empty()) return file_error(file, line, "the council file has no field '" + std::string(name) + "'");
    out += text.substr(0, open);
    out += value;
    text.remove_prefix(close + 1);
  }
  return out;
}

struct FrontMatter {
  std::vector<Field> fields;
  std::size_t body_start = 0;  // the first line after the closing fence
};

Result<FrontMatter> read_front_matter(const std::vector<std::string_view>& lines, std::string_view file) {
  if (lines.empty() || lines[0] != front_matter_fence) return file_error(file, 0, "must start with a '---' line");
  FrontMatter matter;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i] == front_matter_fence) {
      matter.body_start = i + 1;
      return matter;
    }
    if (lines[i].empty()) continue;
    std::size_t colon = lines[i].find(':');
    if (colon == std::string_view::npos || colon == 0) return file_error(file, i, "expected 'field: value'");
    matter.fields.push_back({std::string(trim(lines[i].substr(0, colon))), std::string(trim(lines[i].substr(colon + 1)))});
  }
  return file_error(file, lines.size() - 1, "the front matter is not closed with '---'");
}

Result<std::vector<Block>> read_blocks(const std::vector<std::string_view>& lines, std::size_t from, std::size_t to,
                                       const Council& council, std::string_view file) {
  std::vector<Block> blocks;
  bool in_paragraph = false;
  for (std::size_t i = from; i < to; ++i) {
    std::string_view line = lines[i];
    if (line.empty()) {
      in_paragraph = false;
      continue;
    }
    Block block;
    if (line.starts_with("## ")) {
      block = {BlockKind::heading, std::string(trim(line.substr(3)))};
    } else if (line.starts_with("- ")) {
      block = {BlockKind::list_item, std::string(trim(line.substr(2)))};
    } else if (line.starts_with("See:")) {
      block = {BlockKind::link, std::string(trim(line.substr(4)))};
    } else {
      auto text = fill_in(line, council, file, i);
      if (!text) return text.error();
      if (in_paragraph) {
        blocks.back().text += ' ';
        blocks.back().text += *text;
      } else {
        blocks.push_back({BlockKind::paragraph, std::move(*text)});
        in_paragraph = true;
      }
      continue;
    }
    in_paragraph = false;
    if (block.text.empty()) return file_error(file, i, "a heading, list item or link with no words");
    if (block.kind != BlockKind::link) {
      auto text = fill_in(block.text, council, file, i);
      if (!text) return text.error();
      block.text = std::move(*text);
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

bool valid_topic_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace

std::string_view Council::get(std::string_view name) const {
  for (const Field& field : fields)
    if (field.name == name) return field.value;
  return {};
}

const Topic* Guide::find(std::string_view id) const {
  for (const Topic& topic : topics)
    if (topic.id == id) return &topic;
  return nullptr;
}

Result<Council> parse_council(std::string_view text) {
  auto lines = lines_of(text);
  auto matter = read_front_matter(lines, council_file_name);
  if (!matter) return matter.error();
  Council council{std::move(matter->fields)};
  for (std::string_view required : {"name", "version"})
    if (council.get(required).empty())
      return invalid(std::string(council_file_name), std::string(council_file_name) + ": the field '" +
                                                         std::string(required) + "' is missing");
  return council;
}

Result<Topic> parse_topic(std::string_view file_name, std::string_view text, const Council& council) {
  auto lines = lines_of(text);
  auto matter = read_front_matter(lines, file_name);
  if (!matter) return matter.error();
  Topic topic;
  struct Slot {
    std::string_view name;
    std::string* value;
    bool required;
  } slots[] = {
      {"topic", &topic.id, true},        {"title", &topic.title, true},       {"summary", &topic.summary, true},
      {"ages", &topic.ages, true},       {"amounts", &topic.amounts, false},  {"contacts", &topic.contacts, false},
      {"source", &topic.source, true},   {"keywords", &topic.keywords, false}, {"changed", &topic.changed, false},
  };
  for (const Field& field : matter->fields) {
    auto slot = std::find_if(std::begin(slots), std::end(slots), [&](const Slot& s) { return s.name == field.name; });
    if (slot == std::end(slots)) return file_error(file_name, 0, "unknown field '" + field.name + "'");
    auto value = fill_in(field.value, council, file_name, 0);
    if (!value) return value.error();
    *slot->value = std::move(*value);
  }
  for (const Slot& slot : slots)
    if (slot.required && slot.value->empty())
      return file_error(file_name, 0, "the field '" + std::string(slot.name) + "' is missing");
  if (!valid_topic_id(topic.id)) return file_error(file_name, 0, "a topic is lower-case letters, digits and '-'");

  auto marker = std::find(lines.begin() + static_cast<std::ptrdiff_t>(matter->body_start), lines.end(), easy_read_marker);
  if (marker == lines.end()) return file_error(file_name, lines.size(), "no '=== easy read ===' version");
  std::size_t marker_line = static_cast<std::size_t>(marker - lines.begin());
  auto page = read_blocks(lines, matter->body_start, marker_line, council, file_name);
  if (!page) return page.error();
  auto easy = read_blocks(lines, marker_line + 1, lines.size(), council, file_name);
  if (!easy) return easy.error();
  if (page->empty() || easy->empty()) return file_error(file_name, marker_line, "the page and its easy-read version both need words");
  topic.page = std::move(*page);
  topic.easy_read = std::move(*easy);
  return topic;
}

Result<Guide> parse_guide(const std::vector<SourceFile>& files) {
  auto council_file = std::find_if(files.begin(), files.end(), [](const SourceFile& f) { return f.name == council_file_name; });
  if (council_file == files.end()) return invalid("council", "The guide has no council.txt file.");
  auto council = parse_council(council_file->text);
  if (!council) return council.error();
  Guide guide;
  guide.version = std::string(council->get("version"));
  guide.council = std::move(*council);
  for (const SourceFile& file : files) {
    if (&file == &*council_file) continue;
    auto topic = parse_topic(file.name, file.text, guide.council);
    if (!topic) return topic.error();
    if (guide.find(topic->id)) return invalid(file.name, file.name + ": the topic '" + topic->id + "' is used twice");
    guide.topics.push_back(std::move(*topic));
  }
  for (const Topic& topic : guide.topics)
    for (const auto* blocks : {&topic.page, &topic.easy_read})
      for (const Block& block : *blocks)
        if (block.kind == BlockKind::link && !guide.find(block.text))
          return invalid(topic.id, topic.id + ": 'See: " + block.text + "' names no topic");
  return guide;
}

std::vector<const Topic*> changed_topics(const Guide& before, const Guide& after) {
  auto same_blocks = [](const std::vector<Block>& a, const std::vector<Block>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const Block& x, const Block& y) { return x.kind == y.kind && x.text == y.text; });
  };
  std::vector<const Topic*> changed;
  for (const Topic& topic : after.topics) {
    const Topic* old = before.find(topic.id);
    if (!old || old->title != topic.title || old->summary != topic.summary || !same_blocks(old->page, topic.page) ||
        !same_blocks(old->easy_read, topic.easy_read))
      changed.push_back(&topic);
  }
  return changed;
}

std::string plain_text(const std::vector<Block>& blocks) {
  std::string text;
  for (const Block& block : blocks) {
    if (block.kind == BlockKind::link) continue;
    if (!text.empty()) text += '\n';
    text += block.text;
  }
  return text;
}

}  // namespace pathway::core::guide
