// Full-text search over the guide, small enough to run on every keystroke on
// a phone. SQLite's FTS5 is compiled out of the module (it cost ~300 KB), and
// the guide is about twenty thousand words, so a plain inverted index in
// memory does the job and keeps the guide's data out of the staff database.
//
// Matching, in order of strength: the same word; a word the last query word
// begins (results as you type: "counc" finds "council"); a word one edit away
// (two for words of eight letters or more: "counsil" finds "council").
// Words are lower-cased and plurals folded ("bursaries" = "bursary",
// "taxes" = "tax"); common words ("the", "can", "my") are ignored unless
// they are all the query has. Every query word must match for a topic to be
// found. A topic scores more when the words are in its title or keywords than
// in its headings, summary or text, and more when two query words stand side
// by side on the page ("council tax").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/guide.h"

namespace pathway::core::guide {

// "Bursaries" -> "bursary": lower case, plural folded. Words are ASCII
// letters and digits ("2,000" is one word, "2000").
std::string normalise_word(std::string_view word);

// Edit distance (insert, delete, substitute, swap two neighbours) between
// `a` and `b`, or limit + 1 once it is certainly above `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);

struct SearchHit {
  const Topic* topic = nullptr;
  double score = 0;
  std::string snippet;  // the words of the page that matched best
};

class SearchIndex {
 public:
  SearchIndex() = default;
  explicit SearchIndex(const Guide& guide);  // `guide` must outlive the index

  // Best first; at most `limit`. An empty query finds nothing.
  std::vector<SearchHit> search(std::string_view query, std::size_t limit = 8) const;

  std::size_t term_count() const { return terms_.size(); }

 private:
  struct Posting {
    std::uint32_t topic = 0;
    std::int32_t block = -1;  // page block (then easy-read blocks), or -1 for title, summary and keywords
    float weight = 0;
  };
  std::uint32_t term_id(const std::string& term);
  void add_text(std::uint32_t topic, std::int32_t block, std::string_view text, float weight);

  const Guide* guide_ = nullptr;
  std::vector<std::string> terms_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::vector<Posting>> postings_;  // by term id
  std::vector<std::unordered_set<std::uint64_t>> bigrams_;  // by topic: pairs of neighbouring term ids
};

}  // namespace pathway::core::guide
