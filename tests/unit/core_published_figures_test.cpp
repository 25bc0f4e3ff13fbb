// The published comparison figures (core::published_figures()) against the
// council reports they come from. The reports are not part of the
// repository: tests/unit/fixtures/reports holds the passages that print the
// figures, copied verbatim, each file naming its report and original. Every
// figure must be found in its report's text, and every cell of Lancashire's
// table must be a figure, so a typing slip in either the data or a passage
// fails here. Where the reports themselves are at hand (the project's
// shared/context beside the repository, or $PATHWAY_COUNCIL_REPORTS), each
// passage is also checked to be in its original word for word.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/figures.h"

namespace fs = std::filesystem;
using namespace pathway::core;

namespace {

struct Passages {
  std::string source;                  // as PublishedFigure::source gives it
  std::string original;                // the report's file name in the council reports folder
  std::vector<std::string> fragments;  // verbatim, in the report's order
  std::string text;                    // every fragment, for searching
};

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A fixture: "Source: ...", "Original: ...", "====", then the fragments,
// separated by lines holding only "[...]".
Passages read_passages(const std::string& file_name) {
  const std::string content = read_whole(fs::path(PATHWAY_TEST_FIXTURES) / "reports" / file_name);
  REQUIRE_MESSAGE(!content.empty(), "missing fixture " << file_name);
  Passages passages;
  const auto value_of = [&](std::string_view label) {
    const size_t start = content.find(label);
    REQUIRE(start != std::string::npos);
    const size_t end = content.find('\n', start);
    return content.substr(start + label.size(), end - start - label.size());
  };
  passages.source = value_of("Source: ");
  passages.original = value_of("Original: ");
  const std::string divider = "\n====\n";
  const size_t body = content.find(divider);
  REQUIRE(body != std::string::npos);
  std::string rest = content.substr(body + divider.size());
  if (!rest.empty() && rest.back() == '\n') rest.pop_back();
  const std::string separator = "\n[...]\n";
  for (size_t start = 0;;) {
    const size_t end = rest.find(separator, start);
    passages.fragments.push_back(rest.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + separator.size();
  }
  passages.text = rest;
  return passages;
}

const char* const fixture_files[] = {"lancashire-2017-01.txt", "derby-2017-07.txt", "kirklees-2022-01.txt",
                                     "nottinghamshire-2013-06.txt", "leeds-2021-02.txt"};

const std::vector<Passages>& all_passages() {
  static const std::vector<Passages> all = [] {
    std::vector<Passages> read;
    for (const char* file : fixture_files) read.push_back(read_passages(file));
    return read;
  }();
  return all;
}

const Passages* passages_of(std::string_view source) {
  for (const Passages& p : all_passages())
    if (p.source == source) return &p;
  return nullptr;
}

// `number` printed on its own in `text`: not part of a longer number (a
// full stop after it may end the sentence).
bool prints_number(std::string_view text, std::string_view number) {
  const auto digit = [&](size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  for (size_t at = text.find(number); at != std::string_view::npos; at = text.find(number, at + 1)) {
    const size_t end = at + number.size();
    const bool starts = at == 0 || !(digit(at - 1) || text[at - 1] == '.');
    const bool ends = !digit(end) && !(end < text.size() && text[end] == '.' && digit(end + 1));
    if (starts && ends) return true;
  }
  return false;
}

// strtod, as wasm's libc++ (clang 14) has no from_chars for double.
double number(std::string_view text) {
  const std::string digits(text);
  char* end = nullptr;
  const double value = std::strtod(digits.c_str(), &end);
  REQUIRE_MESSAGE((!digits.empty() && end == digits.c_str() + digits.size()), "not a number: " << digits);
  return value;
}

using FigureKey = std::tuple<Measure, std::string, std::string>;  // measure, area, period

// Lancashire's table as the report prints it: blocks separated by blank
// lines, every cell a line starting with a tab. A block of an empty cell and
// one more names the period; an empty cell and several names the columns;
// any other block is a row: its label, then one cell per column (empty when
// the report gives no figure). Prose lines are not part of it.
std::map<FigureKey, double> lancashire_table(const Passages& passages) {
  const std::map<std::string, Measure> rows = {
      {"In Touch", Measure::in_touch}, {"EET", Measure::eet}, {"Suitable Accom", Measure::suitable_accommodation}};
  const std::map<std::string, std::string> areas = {{"Stat Neighbours", "Statistical neighbours"},
                                                    {"Lancashire", "Lancashire"},
                                                    {"North West", "North West"},
                                                    {"England", "England"}};
  std::map<FigureKey, double> cells;
  std::string period;
  std::vector<std::string> columns;
  std::vector<std::string> block;
  const auto end_block = [&] {
    if (block.size() == 2 && block[0].empty()) {
      period = block[1];
    } else if (block.size() > 2 && block[0].empty()) {
      columns.assign(block.begin() + 1, block.end());
    } else if (!block.empty()) {
      REQUIRE_MESSAGE(rows.contains(block[0]), "unknown row " << block[0]);
      REQUIRE(block.size() == columns.size() + 1);
      for (size_t c = 0; c < columns.size(); ++c) {
        const std::string& cell = block[c + 1];
        if (cell.empty()) continue;
        REQUIRE(cell.back() == '%');
        REQUIRE_MESSAGE(areas.contains(columns[c]), "unknown column " << columns[c]);
        cells[{rows.at(block[0]), areas.at(columns[c]), period}] = number(std::string_view(cell).substr(0, cell.size() - 1));
      }
    }
    block.clear();
  };
  const std::string& table = passages.fragments.back();
  size_t start = 0;
  while (start <= table.size()) {
    size_t end = table.find('\n', start);
    if (end == std::string::npos) end = table.size();
    const std::string line = table.substr(start, end - start);
    if (line.empty()) {
      end_block();
    } else if (line.front() == '\t') {
      block.push_back(line.substr(1));
    } else {
      block.clear();  // prose
    }
    start = end + 1;
  }
  end_block();
  return cells;
}

// A figure the reports give in prose: `quote` is in the report's passages
// and prints `printed`; a rate made from counts gives the count of the whole
// in `of` (printed in `of_quote`, or in `quote` when that is empty).
struct ProseFigure {
  Measure measure;
  const char* area;
  const char* period;
  const char* quote;
  const char* printed;
  const char* of = nullptr;
  const char* of_quote = nullptr;
};

const ProseFigure prose_figures[] = {
    // Derby, Ofsted's words quoted in the report; the inspection of 2017 looked at 2016/17.
    {Measure::eet, "Derby", "2016/17", "The figure reported to inspectors of 64.6% is higher", "64.6"},
    {Measure::eet, "England", "2016/17", "higher than the England average of 49%", "49"},
    // Kirklees (the report's 7.2 says "from 90.8% in November 2021 to 92.7% in November 2021", as printed).
    {Measure::in_touch, "Kirklees", "November 2021", "92.7% in November 2021", "92.7"},
    {Measure::plans_up_to_date, "Kirklees", "January 2022",
     "Out of the 283 care leavers, 240 have a current up to date plan", "240", "283"},
    {Measure::suitable_accommodation, "Kirklees", "January 2022",
     "254 young people assessed to be residing in suitable/approved placements", "254", "283",
     "There are currently 283 care leavers."},
    // Nottinghamshire, 2013.
    {Measure::caseload_per_pa, "Nottinghamshire", "2013", "the average caseload for personal advisers is 16", "16"},
    {Measure::caseload_per_pa, "England (national average)", "2013", "the national average is 22", "22"},
    // Leeds, 2021.
    {Measure::caseload_per_pa, "Leeds", "2021", "Caseloads per FTE are currently at 24", "24"},
    {Measure::cases_per_team, "Leeds (lowest)", "2021", "the figures range currently from 142 up to 186 per team", "142"},
    {Measure::cases_per_team, "Leeds (highest)", "2021", "the figures range currently from 142 up to 186 per team", "186"},
};

std::optional<fs::path> council_reports_folder() {
  const char* given = std::getenv("PATHWAY_COUNCIL_REPORTS");
  const fs::path folder = given ? fs::path(given) : fs::path(PATHWAY_SOURCE_DIR) / ".." / "shared" / "context";
  if (fs::is_directory(folder)) return folder;
  return std::nullopt;
}

}  // namespace

TEST_CASE("core: published figures are the reports' own") {
  std::map<FigureKey, const PublishedFigure*> figures;
  for (const PublishedFigure& f : published_figures()) {
    CAPTURE(f.area);
    CAPTURE(f.period);
    CHECK(figures.emplace(FigureKey{f.measure, f.area, f.period}, &f).second);  // each figure once
    CHECK_MESSAGE(passages_of(f.source), "no passages for the report " << f.source);
  }
  const auto take = [&](const FigureKey& key) -> const PublishedFigure* {
    const auto found = figures.find(key);
    if (found == figures.end()) return nullptr;
    const PublishedFigure* figure = found->second;
    figures.erase(found);
    return figure;
  };

  // Lancashire: the table, cell for cell, both ways.
  const Passages& lancashire = all_passages().front();
  const auto table = lancashire_table(lancashire);
  CHECK(table.size() == 25);
  for (const auto& cell : table) {  // no structured binding: clang 14 cannot capture one (CAPTURE)
    const std::string& area = std::get<1>(cell.first);
    const std::string& period = std::get<2>(cell.first);
    CAPTURE(area);
    CAPTURE(period);
    const PublishedFigure* figure = take(cell.first);
    REQUIRE_MESSAGE(figure, "the report's cell is not among the published figures");
    CHECK(figure->source == lancashire.source);
    CHECK(figure->value == cell.second);
  }

  for (const ProseFigure& row : prose_figures) {
    CAPTURE(row.area);
    CAPTURE(row.period);
    const PublishedFigure* figure = take({row.measure, row.area, row.period});
    REQUIRE_MESSAGE(figure, "no such published figure");
    const Passages* found = passages_of(figure->source);
    REQUIRE(found);
    const Passages& passages = *found;
    CHECK_MESSAGE(passages.text.find(row.quote) != std::string::npos, "not in the report: " << row.quote);
    CHECK(prints_number(row.quote, row.printed));
    double expected = number(row.printed);
    if (row.of) {
      const char* whole_quote = row.of_quote ? row.of_quote : row.quote;
      CHECK_MESSAGE(passages.text.find(whole_quote) != std::string::npos, "not in the report: " << whole_quote);
      CHECK(prints_number(whole_quote, row.of));
      expected = 100.0 * expected / number(row.of);
    }
    CHECK(figure->value == doctest::Approx(expected).epsilon(1e-12));
  }

  for (const auto& left : figures) {
    const PublishedFigure& figure = *left.second;
    CAPTURE(figure.area);
    CAPTURE(figure.period);
    FAIL_CHECK("a published figure that no report passage backs");
  }
}

TEST_CASE("core: the report passages are copied word for word") {
  const auto folder = council_reports_folder();
  if (!folder) {
    MESSAGE("council reports not found (shared/context beside the repository, or $PATHWAY_COUNCIL_REPORTS): "
            "passages checked against their fixtures only");
    return;
  }
  for (const char* file : fixture_files) {
    const Passages passages = read_passages(file);
    CAPTURE(passages.original);
    const std::string original = read_whole(*folder / passages.original);
    REQUIRE_FALSE(original.empty());
    size_t from = 0;
    for (const std::string& fragment : passages.fragments) {
      const size_t at = original.find(fragment, from);
      CHECK_MESSAGE(at != std::string::npos, "not in the original, in this order: " << fragment.substr(0, 80));
      if (at != std::string::npos) from = at + fragment.size();
    }
  }
}
