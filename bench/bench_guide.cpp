// The guide's search, as a care leaver types (issue 11: at most 20 ms a
// keystroke on a phone). Every prefix of a few real queries, typed a letter at
// a time ("c", "co", "cou" ... "council tax"), searched over the whole guide
// (assets/guide: every topic and its easy-read page). The same source runs in
// wasm under Node, which stands for the phone (the browser figure, with 4x CPU
// throttling, is bench/browser_guide.mjs). Baseline in the same run: a plain
// scan of every page's text for the query as typed, the least a search
// without an index does (and it finds neither "counsil" nor plurals).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench.h"
#include "core/guide.h"
#include "core/guide_search.h"

namespace {

using namespace pathway;
using bench::measure;
using bench::print_stats;

// assets/guide, as the server publishes it.
std::vector<core::guide::SourceFile> guide_files() {
  std::vector<core::guide::SourceFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(PATHWAY_GUIDE_DIR)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path());
    std::ostringstream text;
    text << in.rdbuf();
    files.push_back({entry.path().filename().string(), text.str()});
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return files;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

constexpr const char* typed_queries[] = {"council tax", "counsil tax", "bursaries for university",
                                         "where can i live", "asylum"};

}  // namespace

PATHWAY_BENCH(guide_search_per_keystroke) {
  auto guide = core::guide::parse_guide(guide_files());
  if (!guide) {
    std::printf("  guide: %s\n", guide.error().message.c_str());
    return;
  }
  const core::guide::SearchIndex index(*guide);
  std::vector<std::string> prefixes;
  for (const char* query : typed_queries)
    for (size_t n = 1; n <= std::string_view(query).size(); ++n) prefixes.emplace_back(query, n);
  std::printf("  %zu topics, %zu terms indexed, %zu keystrokes typed\n", guide->topics.size(), index.term_count(),
              prefixes.size());

  size_t next = 0, found = 0;
  const bench::Stats indexed = measure(static_cast<int>(prefixes.size()) * 20, [&] {
    found += index.search(prefixes[next++ % prefixes.size()]).size();
  });
  print_stats("search a keystroke, whole guide (index)", indexed, bench::goal_note(indexed, 20));

  std::vector<std::string> pages;
  for (const auto& topic : guide->topics)
    pages.push_back(lower(topic.title + " " + topic.summary + " " + core::guide::plain_text(topic.page) + " " +
                          core::guide::plain_text(topic.easy_read)));
  next = 0;
  const bench::Stats scan = measure(static_cast<int>(prefixes.size()) * 20, [&] {
    const std::string& query = prefixes[next++ % prefixes.size()];
    found += std::count_if(pages.begin(), pages.end(),
                           [&](const std::string& page) { return page.find(query) != std::string::npos; });
  });
  print_stats("baseline: scan every page for the text typed", scan);
  if (found == 0) std::printf("  (nothing found: the figures mean nothing)\n");
}
