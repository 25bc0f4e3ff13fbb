// The care leaver's guide as data: topics parsed from the plain-text files in
// assets/guide (one file a topic, and one council file that every topic's
// {placeholders} read from). Core only parses text it is given: reading the
// files, fetching new versions and keeping them is the caller's job.
//
// A topic file is front matter between two "---" lines (one "field: value" a
// line: topic, title, summary, ages, amounts, contacts, source, keywords,
// changed), then the page, then a line "=== easy read ===" and the easy-read
// page. A page is blocks separated by blank lines:
//   "## Words"        a heading
//   "- Words"         a list item (consecutive items make one list)
//   "See: topic-id"   a link to another topic (its title is the link text)
//   anything else     a paragraph (lines joined with spaces)
// "{field}" anywhere in a value or page is replaced by the council file's
// field ("{he_bursary}" -> "£2,000"); an unknown field is an error, so a
// typo never reaches a care leaver.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace pathway::core::guide {

enum class BlockKind { heading, paragraph, list_item, link };

struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string text;  // for a link: the topic id linked to
};

struct Field {
  std::string name;
  std::string value;
};

struct Topic {
  std::string id;       // "money": the page's address (/guide/money)
  std::string title;
  std::string summary;
  std::string ages;      // who it is for, in words ("16 to 25")
  std::string amounts;   // money named on the page, "; "-separated
  std::string contacts;
  std::string source;    // the law and guidance the page rests on
  std::string keywords;  // extra words search should find the page by
  std::string changed;   // what changed in the last version, for "what's new"
  std::vector<Block> page;
  std::vector<Block> easy_read;
};

struct Council {
  std::vector<Field> fields;  // name, phone numbers, amounts, logo...
  std::string_view get(std::string_view name) const;  // "" when absent
};

struct Guide {
  std::string version;  // the council file's "version" field
  Council council;
  std::vector<Topic> topics;  // in the order given (file name order)
  const Topic* find(std::string_view id) const;
};

// One source file: its name (for error messages) and its text.
struct SourceFile {
  std::string name;
  std::string text;
};

Result<Council> parse_council(std::string_view text);
Result<Topic> parse_topic(std::string_view file_name, std::string_view text, const Council& council);

// The council file is the one named "council.txt"; every other file is a
// topic. Fails on the first bad file, naming it; checks that every "See:"
// link names a topic of the guide.
Result<Guide> parse_guide(const std::vector<SourceFile>& files);

// The topics whose words changed from `before` to `after`, or that are new:
// "what's new" after an update.
std::vector<const Topic*> changed_topics(const Guide& before, const Guide& after);

// The whole of a page's words as one string (search, readability).
std::string plain_text(const std::vector<Block>& blocks);

}  // namespace pathway::core::guide
