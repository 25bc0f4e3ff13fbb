// The guide's search index (see guide_search.h).
#include "core/guide_search.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace pathway::core::guide {
namespace {

constexpr float title_weight = 6;
constexpr float keyword_weight = 4;
constexpr float heading_weight = 3;
constexpr float summary_weight = 2;
constexpr float body_weight = 1;
constexpr double exact_match = 1.0;
constexpr double prefix_match = 0.7;  // the word being typed
constexpr double one_edit_match = 0.55;
constexpr double two_edit_match = 0.35;
constexpr double neighbours_bonus = 1.5;  // two query words side by side on the page
constexpr std::size_t shortest_prefix = 2;
constexpr std::size_t shortest_with_one_typo = 4;
constexpr std::size_t shortest_with_two_typos = 8;
constexpr std::size_t snippet_length = 160;

constexpr std::array<std::string_view, 33> common_words = {
    "a",  "an", "and", "are", "at",   "be",  "can", "do",   "for",  "get",  "how",  "i",   "if", "in",   "is",  "it",   "me",
    "my", "of", "on",  "or",  "the",  "to",  "what", "when", "who", "will", "with", "you", "your", "am", "does", "there"};

bool is_common(std::string_view word) {
  return std::find(common_words.begin(), common_words.end(), word) != common_words.end();
}

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) { return (std::uint64_t{a} << 32) | b; }

// Splits text into normalised words; digits joined by ',' stay one word.
template <class F>
void for_each_word(std::string_view text, F&& fn) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto alnum = [&](std::size_t at) { return at < text.size() && std::isalnum(static_cast<unsigned char>(text[at])); };
    if (!alnum(i)) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (alnum(i) || ((text[i] == '\'' || text[i] == ',') && alnum(i + 1) &&
                        (text[i] == '\'' || std::isdigit(static_cast<unsigned char>(text[i + 1])))))
      ++i;
    std::string word = normalise_word(text.substr(start, i - start));
    if (!word.empty()) fn(word);
  }
}

const Block& block_at(const Topic& topic, std::size_t index) {
  return index < topic.page.size() ? topic.page[index] : topic.easy_read[index - topic.page.size()];
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::string normalise_word(std::string_view word) {
  std::string out;
  for (char c : word)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'')
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ends_with(out, "'s")) out.resize(out.size() - 2);
  out.erase(std::remove(out.begin(), out.end(), '\''), out.end());
  if (out.size() > 4 && ends_with(out, "ies")) {
    out.replace(out.size() - 3, 3, "y");
  } else if (out.size() > 4 && (ends_with(out, "sses") || ends_with(out, "xes") || ends_with(out, "ches") ||
                                ends_with(out, "shes"))) {
    out.resize(out.size() - 2);
  } else if (out.size() > 3 && ends_with(out, "s") && !ends_with(out, "ss") && !ends_with(out, "us") &&
             !ends_with(out, "is")) {
    out.pop_back();
  }
  return out;
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
  int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Three rows of the optimal-string-alignment table.
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (int j = 0; j <= m; ++j) previous[j] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_best = current[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
      row_best = std::min(row_best, current[j]);
    }
    if (row_best > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

std::uint32_t SearchIndex::term_id(const std::string& term) {
  auto [it, added] = ids_.try_emplace(term, static_cast<std::uint32_t>(terms_.size()));
  if (added) {
    terms_.push_back(term);
    postings_.emplace_back();
  }
  return it->second;
}

void SearchIndex::add_text(std::uint32_t topic, std::int32_t block, std::string_view text, float weight) {
  bool first = true;
  std::uint32_t previous = 0;
  for_each_word(text, [&](const std::string& word) {
    std::uint32_t id = term_id(word);
    std::vector<Posting>& list = postings_[id];
    if (!list.empty() && list.back().topic == topic && list.back().block == block) {
      list.back().weight += weight;
    } else {
      list.push_back({topic, block, weight});
    }
    if (!first) bigrams_[topic].insert(pair_key(previous, id));
    previous = id;
    first = false;
  });
}

SearchIndex::SearchIndex(const Guide& guide) : guide_(&guide) {
  bigrams_.resize(guide.topics.size());
  for (std::uint32_t t = 0; t < guide.topics.size(); ++t) {
    const Topic& topic = guide.topics[t];
    add_text(t, -1, topic.title, title_weight);
    add_text(t, -1, topic.keywords, keyword_weight);
    add_text(t, -1, topic.summary, summary_weight);
    // The easy-read words too (blocks numbered after the page's): people
    // search with the words they use, and easy read uses everyday ones.
    for (std::size_t b = 0; b < topic.page.size() + topic.easy_read.size(); ++b) {
      const Block& block = block_at(topic, b);
      if (block.kind == BlockKind::link) continue;
      add_text(t, static_cast<std::int32_t>(b), block.text, block.kind == BlockKind::heading ? heading_weight : body_weight);
    }
  }
  ids_.clear();  // only needed while building
}

std::vector<SearchHit> SearchIndex::search(std::string_view query, std::size_t limit) const {
  std::vector<std::string> words;
  bool ends_mid_word = !query.empty() && std::isalnum(static_cast<unsigned char>(query.back()));
  for_each_word(query, [&](const std::string& word) { words.push_back(word); });
  if (words.empty() || guide_ == nullptr) return {};
  // The raw last word, unfolded, for prefix matching while typing ("bursaries" folds to "bursary"
  // but "bursari" must still find it).
  std::string typing;
  if (ends_mid_word) {
    std::size_t start = query.size();
    while (start > 0 && std::isalnum(static_cast<unsigned char>(query[start - 1]))) --start;
    for (char c : query.substr(start)) typing += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < words.size(); ++i)
    if (!is_common(words[i])) kept.push_back(i);
  if (kept.empty())
    for (std::size_t i = 0; i < words.size(); ++i) kept.push_back(i);

  const std::size_t topic_count = guide_->topics.size();
  std::vector<double> score(topic_count, 0);
  std::vector<int> words_matched(topic_count, 0);
  std::vector<std::vector<std::int32_t>> matched_blocks(topic_count);
  std::vector<std::vector<std::uint32_t>> best_terms_by_word;  // per kept word: terms it matched, for neighbours

  for (std::size_t k = 0; k < kept.size(); ++k) {
    const std::string& word = words[kept[k]];
    bool is_last = kept[k] + 1 == words.size();
    std::vector<double> best(topic_count, 0);
    std::vector<std::int32_t> best_block(topic_count, -2);
    best_terms_by_word.emplace_back();
    for (std::uint32_t id = 0; id < terms_.size(); ++id) {
      const std::string& term = terms_[id];
      double quality = 0;
      if (term == word) {
        quality = exact_match;
      } else if (is_last && ends_mid_word && typing.size() >= shortest_prefix && term.starts_with(typing)) {
        quality = prefix_match;
      } else if (word.size() >= shortest_with_one_typo) {
        int limit = word.size() >= shortest_with_two_typos ? 2 : 1;
        int distance = edit_distance(word, term, limit);
        if (distance == 1) quality = one_edit_match;
        else if (distance == 2 && limit == 2) quality = two_edit_match;
      }
      if (quality == 0) continue;
      best_terms_by_word.back().push_back(id);
      std::vector<double> per_topic(topic_count, 0);
      for (const Posting& posting : postings_[id]) per_topic[posting.topic] += posting.weight;
      for (const Posting& posting : postings_[id]) {
        double value = quality * std::log1p(per_topic[posting.topic]);
        if (value > best[posting.topic]) {
          best[posting.topic] = value;
          best_block[posting.topic] = posting.block;
        }
        if (posting.block >= 0) matched_blocks[posting.topic].push_back(posting.block);
      }
    }
    for (std::size_t t = 0; t < topic_count; ++t) {
      if (best[t] <= 0) continue;
      score[t] += best[t];
      ++words_matched[t];
    }
  }

  std::vector<SearchHit> hits;
  for (std::size_t t = 0; t < topic_count; ++t) {
    if (words_matched[t] != static_cast<int>(kept.size())) continue;
    for (std::size_t k = 0; k + 1 < best_terms_by_word.size(); ++k) {
      bool side_by_side = false;
      for (std::uint32_t a : best_terms_by_word[k])
        for (std::uint32_t b : best_terms_by_word[k + 1])
          side_by_side = side_by_side || bigrams_[t].count(pair_key(a, b)) > 0;
      if (side_by_side) score[t] += neighbours_bonus;
    }
    const Topic& topic = guide_->topics[t];
    // The snippet: the block most of the query's words matched in (the first such).
    std::string snippet = topic.summary;
    std::vector<std::int32_t>& blocks = matched_blocks[t];
    std::sort(blocks.begin(), blocks.end());
    std::int32_t chosen = -1;
    int chosen_count = 0;
    for (std::size_t i = 0; i < blocks.size();) {
      std::size_t j = i;
      while (j < blocks.size() && blocks[j] == blocks[i]) ++j;
      if (static_cast<int>(j - i) > chosen_count) {
        chosen = blocks[i];
        chosen_count = static_cast<int>(j - i);
      }
      i = j;
    }
    if (chosen >= 0) snippet = block_at(topic, static_cast<std::size_t>(chosen)).text;
    if (snippet.size() > snippet_length) {
      std::size_t cut = snippet.rfind(' ', snippet_length);
      snippet = snippet.substr(0, cut == std::string::npos ? snippet_length : cut) + "...";
    }
    hits.push_back({&topic, score[t], std::move(snippet)});
  }
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (hits.size() > limit) hits.resize(limit);
  return hits;
}

}  // namespace pathway::core::guide
