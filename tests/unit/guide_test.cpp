// The care leaver's guide: the content in assets/guide parses, every page
// (and its easy-read version) is as easy to read as promised, search finds
// the page a care leaver means, and "what can I get?" lists what the law and
// the council's offer give. Rows of tables cite their source.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/entitlements.h"
#include "core/guide.h"
#include "core/guide_search.h"
#include "core/readability.h"
#include "server/guide_bundle.h"

using namespace pathway;
using namespace pathway::core;
using namespace pathway::core::guide;

namespace {

const Guide& real_guide() {
  static const Guide guide = [] {
    auto files = server::read_guide_folder(PATHWAY_GUIDE_DIR);
    REQUIRE(files);
    auto parsed = parse_guide(*files);
    if (!parsed) FAIL(parsed.error().message);
    return std::move(*parsed);
  }();
  return guide;
}

double grade_of(const std::vector<Block>& blocks) {
  std::vector<std::string_view> texts;
  for (const Block& block : blocks)
    if (block.kind != BlockKind::link) texts.push_back(block.text);
  return flesch_kincaid_grade(count_for_readability(texts));
}

const std::string minimal_council = "---\nversion: 1\nname: Test Council\nphone: 01632 960 000\n---\n";

}  // namespace

TEST_CASE("the guide's content parses: ten topics, each citing the law, with an easy-read version") {
  const Guide& guide = real_guide();
  CHECK(guide.version == "2026.12.1");
  CHECK(guide.council.get("name") == "Example Council");
  const char* expected[] = {"your-pa", "money", "housing", "education", "work", "health", "rights", "ages", "asylum", "contacts"};
  REQUIRE(guide.topics.size() == std::size(expected));
  for (std::size_t i = 0; i < guide.topics.size(); ++i) {
    const Topic& topic = guide.topics[i];
    CAPTURE(topic.id);
    CHECK(topic.id == expected[i]);
    CHECK(!topic.easy_read.empty());
    bool cites_law = topic.source.find("Act") != std::string::npos || topic.source.find("Regulations") != std::string::npos;
    CHECK(cites_law);
  }
  // Amounts come from the council file, once.
  const Topic* money = guide.find("money");
  REQUIRE(money);
  CHECK(plain_text(money->page).find("a bursary of \xc2\xa3" "2,000") != std::string::npos);
  CHECK(money->amounts.find("\xc2\xa3" "3,000") != std::string::npos);
}

// Reading age 9 to 11 (GOV.UK writes for 9): Flesch-Kincaid grade 6 is reading
// age 11; easy read aims lower, grade 3 (reading age 8 to 9).
constexpr double page_grade_limit = 6.0;
constexpr double easy_read_grade_limit = 3.0;

TEST_CASE("every guide page reads at age 11 or below, every easy-read page at age 8 to 9 (Flesch-Kincaid)") {
  for (const Topic& topic : real_guide().topics) {
    CAPTURE(topic.id);
    double page = grade_of(topic.page), easy = grade_of(topic.easy_read);
    std::printf("readability %-10s page grade %4.1f  easy read grade %4.1f\n", topic.id.c_str(), page, easy);
    CHECK(page <= page_grade_limit);
    CHECK(easy <= easy_read_grade_limit);
  }
}

TEST_CASE("readability counts: syllables, words and sentences by the stated rules") {
  struct Row {
    const char* word;
    int syllables;
  } rows[] = {
      {"home", 1}, {"table", 2}, {"council", 2}, {"bursary", 3}, {"the", 1}, {"advocate", 3},
      {"\xc2\xa3" "2,000", 2}, {"you", 1}, {"every", 3}, {"care", 1},
  };
  for (const Row& row : rows) {
    const std::string word = row.word;
    CAPTURE(word);
    CHECK(syllables_in_word(row.word) == row.syllables);
  }
  ReadabilityCounts counts = count_for_readability({"You get \xc2\xa3" "2,000. It is free.", "A heading"});
  CHECK(counts.words == 8);
  CHECK(counts.sentences == 3);
  // 0.39 * 8/3 + 11.8 * 10/8 - 15.59
  CHECK(flesch_kincaid_grade(counts) == doctest::Approx(0.39 * 8 / 3 + 11.8 * counts.syllables / 8.0 - 15.59));
  // Long words in long sentences grade higher: the test can fail.
  CHECK(flesch_kincaid_grade(count_for_readability({"Notwithstanding the aforementioned considerations, eligibility "
                                                    "determinations necessitate comprehensive documentation."})) > 12);
}

TEST_CASE("a bad guide file is refused with its name and line, never half-read") {
  auto council = parse_council(minimal_council);
  REQUIRE(council);
  struct Row {
    const char* why;
    std::string text;
    const char* message_part;
  } rows[] = {
      {"unknown council field", "---\ntopic: a\ntitle: A\nsummary: s\nages: 16\nsource: Act\n---\nCall {phon}.\n=== easy read ===\nHi.\n", "no field 'phon'"},
      {"no easy read", "---\ntopic: a\ntitle: A\nsummary: s\nages: 16\nsource: Act\n---\nWords.\n", "easy read"},
      {"no source", "---\ntopic: a\ntitle: A\nsummary: s\nages: 16\n---\nWords.\n=== easy read ===\nHi.\n", "'source'"},
      {"unknown field", "---\ntopic: a\ntitle: A\nsummary: s\nages: 16\nsource: Act\ncolour: red\n---\nW.\n=== easy read ===\nH.\n", "unknown field"},
      {"bad topic id", "---\ntopic: A B\ntitle: A\nsummary: s\nages: 16\nsource: Act\n---\nW.\n=== easy read ===\nH.\n", "lower-case"},
      {"unclosed brace", "---\ntopic: a\ntitle: A\nsummary: s\nages: 16\nsource: Act\n---\nCall {phone.\n=== easy read ===\nH.\n", "not closed"},
  };
  for (const Row& row : rows) {
    const std::string why = row.why;
    CAPTURE(why);
    auto topic = parse_topic("a.txt", row.text, *council);
    REQUIRE_FALSE(topic);
    CHECK(topic.error().message.find(row.message_part) != std::string::npos);
    CHECK(topic.error().message.starts_with("a.txt line "));
  }
  auto linked = parse_guide({{"council.txt", minimal_council},
                             {"a.txt", "---\ntopic: a\ntitle: A\nsummary: s\nages: 16\nsource: Act\n---\nW.\nSee: b\n=== easy read ===\nH.\n"}});
  REQUIRE_FALSE(linked);
  CHECK(linked.error().message.find("names no topic") != std::string::npos);
}

TEST_CASE("what's new lists the topics whose words changed or that are new") {
  const std::string a = "---\ntopic: a\ntitle: A\nsummary: s\nages: 16\nsource: Act\n---\nCall {phone}.\n=== easy read ===\nHi.\n";
  const std::string b = "---\ntopic: b\ntitle: B\nsummary: s\nages: 16\nsource: Act\n---\nWords.\n=== easy read ===\nHi.\n";
  auto before = parse_guide({{"council.txt", minimal_council}, {"a.txt", a}, {"b.txt", b}});
  std::string new_council = minimal_council;
  new_council.replace(new_council.find("960 000"), 7, "960 111");
  auto after = parse_guide({{"council.txt", new_council}, {"a.txt", a}, {"b.txt", b},
                            {"c.txt", "---\ntopic: c\ntitle: C\nsummary: s\nages: 16\nsource: Act\n---\nNew.\n=== easy read ===\nNew.\n"}});
  REQUIRE(before);
  REQUIRE(after);
  auto changed = changed_topics(*before, *after);
  REQUIRE(changed.size() == 2);
  CHECK(changed[0]->id == "a");  // its phone number, from the council file, changed
  CHECK(changed[1]->id == "c");  // new
  CHECK(changed_topics(*after, *after).empty());
}

TEST_CASE("words are folded for search: case, plurals, possessives; edit distance is bounded") {
  struct Row {
    const char* word;
    const char* folded;
  } rows[] = {{"Bursaries", "bursary"}, {"taxes", "tax"}, {"homes", "home"}, {"PA's", "pa"}, {"bus", "bus"},
              {"address", "address"}, {"2,000", "2000"}, {"benefits", "benefit"}, {"crisis", "crisis"}};
  for (const Row& row : rows) {
    const std::string word = row.word;
    CAPTURE(word);
    CHECK(normalise_word(row.word) == row.folded);
  }
  CHECK(edit_distance("counsil", "council", 2) == 1);
  CHECK(edit_distance("hosuing", "housing", 2) == 1);  // two letters swapped
  CHECK(edit_distance("tax", "university", 2) == 3);
}

TEST_CASE("search: each query finds the page a care leaver means first") {
  const Guide& guide = real_guide();
  SearchIndex index(guide);
  struct Row {
    const char* query;
    const char* top;  // expected first result
  } rows[] = {
      {"council tax", "money"},
      {"counsil tax", "money"},           // a typo
      {"Council Tax", "money"},           // case
      {"bursaries", "money"},             // plural of a word the page has in the singular
      {"university", "education"},
      {"staying put", "housing"},
      {"homeless", "housing"},
      {"nowhere to sleep", "housing"},
      {"apprenticeships", "work"},
      {"job", "work"},
      {"mental health", "health"},
      {"health history", "health"},
      {"complain", "rights"},
      {"advocate", "rights"},
      {"personal adviser", "your-pa"},
      {"pathway plan", "your-pa"},
      {"what happens at 21", "ages"},
      {"asylum", "asylum"},
      {"home office", "asylum"},
      {"out of hours", "contacts"},
      {"emergency", "contacts"},
      {"setting up home", "money"},
      {"counc", "money"},                 // as you type: a prefix of the word being typed
  };
  for (const Row& row : rows) {
    const std::string query = row.query;
    CAPTURE(query);
    auto hits = index.search(row.query);
    REQUIRE_FALSE(hits.empty());
    CHECK(hits.front().topic->id == row.top);
    CHECK_FALSE(hits.front().snippet.empty());
  }
  CHECK(index.search("").empty());
  CHECK(index.search("xylophone").empty());
  CHECK(index.search("slxxp").empty());  // two edits from "sleep": too far for a five-letter word
}

TEST_CASE("what can I get: the answers give the category core's rules give, and what applies") {
  const Date today = Date::from_ymd(2026, 12, 1);
  using C = Circumstances;
  struct Row {
    const char* who;
    C answers;
    Category category;
    std::vector<std::string_view> includes;
    std::vector<std::string_view> excludes;
  } rows[] = {
      // s23C former relevant; HE bursary s23C(5A); council tax LGFA 1992 s13A(1)(c) local offer.
      {"19, left care at 18, at university",
       C{19, CareAnswer::left_care, 18, TimeInCareAnswer::thirteen_weeks_or_more, ActivityAnswer::university, HomeAnswer::own_tenancy, false},
       Category::former_relevant, {"he_bursary", "council_tax", "setting_up_home", "personal_adviser", "education_help"}, {"staying_put", "bursary_16_19"}},
      // Sch 2 para 19B eligible; Staying Put s23CZA is asked for before 18.
      {"17, in care, with foster carers, at college",
       C{17, CareAnswer::in_care_now, 17, TimeInCareAnswer::thirteen_weeks_or_more, ActivityAnswer::school_or_college, HomeAnswer::foster_carers, false},
       Category::eligible, {"personal_adviser", "bursary_16_19", "staying_put"}, {"council_tax", "setting_up_home", "he_bursary"}},
      // Former relevant 18-20 living with former foster carers: Staying Put s23CZA.
      {"18, left care at 18, staying with foster carers, working",
       C{18, CareAnswer::left_care, 18, TimeInCareAnswer::thirteen_weeks_or_more, ActivityAnswer::working, HomeAnswer::foster_carers, false},
       Category::former_relevant, {"staying_put", "council_tax", "personal_adviser"}, {"work_offer"}},
      // Priority need: Homelessness (Priority Need) (England) Order 2002 art 4 (18 to 20, looked after 16-18).
      {"20, homeless, nothing yet",
       C{20, CareAnswer::left_care, 18, TimeInCareAnswer::thirteen_weeks_or_more, ActivityAnswer::nothing_yet, HomeAnswer::nowhere_safe, false},
       Category::former_relevant, {"priority_need", "work_offer", "council_tax", "housing_options"}, {"he_bursary"}},
      // Duties ended at 21 (s23C), but a PA can be asked for to 25 (s23CZB); council tax to 25.
      {"22, left care at 18, working",
       C{22, CareAnswer::left_care, 18, TimeInCareAnswer::thirteen_weeks_or_more, ActivityAnswer::working, HomeAnswer::own_tenancy, false},
       Category::former_relevant_may_ask, {"personal_adviser_on_request", "council_tax"}, {"personal_adviser"}},
      // Former relevant pursuing education, s23CA: back at university at 23.
      {"23, back at university",
       C{23, CareAnswer::left_care, 18, TimeInCareAnswer::thirteen_weeks_or_more, ActivityAnswer::university, HomeAnswer::own_tenancy, false},
       Category::former_relevant_in_education, {"he_bursary", "personal_adviser", "council_tax"}, {}},
      // Qualifying (s24): left care after 16 having been looked after under 13 weeks since 14.
      {"17, left care at 16 after a short time, apprenticeship",
       C{17, CareAnswer::left_care, 16, TimeInCareAnswer::less_than_thirteen_weeks, ActivityAnswer::apprenticeship_or_training, HomeAnswer::family_or_friends, false},
       Category::qualifying, {"apprentice_bursary", "benefits"}, {"personal_adviser", "council_tax"}},
      // UASC looked after under s20: the same duties (Kirklees 2.7), plus immigration help.
      {"18, came alone seeking asylum",
       C{18, CareAnswer::left_care, 18, TimeInCareAnswer::thirteen_weeks_or_more, ActivityAnswer::school_or_college, HomeAnswer::supported_lodgings, true},
       Category::former_relevant, {"asylum_support", "personal_adviser", "council_tax"}, {}},
      // Never in care: the guide says nothing applies.
      {"19, never in care",
       C{19, CareAnswer::never_in_care, 19, TimeInCareAnswer::thirteen_weeks_or_more, ActivityAnswer::university, HomeAnswer::family_or_friends, false},
       Category::not_a_care_leaver, {}, {"he_bursary", "council_tax", "personal_adviser", "advocacy"}},
      // At 25 leaving care duties end.
      {"25, left care at 18",
       C{25, CareAnswer::left_care, 18, TimeInCareAnswer::thirteen_weeks_or_more, ActivityAnswer::working, HomeAnswer::own_tenancy, false},
       Category::not_a_care_leaver, {}, {"council_tax", "personal_adviser_on_request", "he_bursary"}},
  };
  for (const Row& row : rows) {
    const std::string who = row.who;
    CAPTURE(who);
    WhatYouCanGet got = what_you_can_get(row.answers, today);
    CHECK(got.category == row.category);
    auto has = [&](std::string_view id) {
      for (const Entitlement& e : got.entitlements)
        if (e.id == id) return true;
      return false;
    };
    for (std::string_view id : row.includes) {
      CAPTURE(id);
      CHECK(has(id));
    }
    for (std::string_view id : row.excludes) {
      CAPTURE(id);
      CHECK_FALSE(has(id));
    }
    for (const Entitlement& e : got.entitlements) CHECK(real_guide().find(e.topic) != nullptr);
  }
}
