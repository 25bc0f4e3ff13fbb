// How hard a text is to read, by the Flesch-Kincaid grade level:
//
//   grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
//
// A US school grade; add 5 for a reading age (grade 6 = reading age 11).
// Counting rules, stated so a result can be checked by hand:
// - a word is a run of letters, digits, apostrophes or the characters
//   "£,.-" inside a run ("£2,000", "don't", "16-19");
// - a sentence ends at '.', '!', '?' or ':' followed by a space or the end,
//   and every block (heading, list item, paragraph end) ends one too;
// - syllables: groups of vowels (a e i o u y) in the lower-cased letters;
//   a final "e" is silent ("home" 1) unless the word ends in "le" ("table"
//   2); at least 1 a word; a word with no letters (a number, an amount) is
//   read aloud as several words, counted as 2 syllables.
#pragma once

#include <string_view>
#include <vector>

namespace pathway::core {

struct ReadabilityCounts {
  int words = 0;
  int sentences = 0;
  int syllables = 0;
};

int syllables_in_word(std::string_view word);

// Counts `text`; each element of `blocks` ends at least one sentence.
ReadabilityCounts count_for_readability(const std::vector<std::string_view>& blocks);

// The Flesch-Kincaid grade of the counts (0 for no words).
double flesch_kincaid_grade(const ReadabilityCounts& counts);

}  // namespace pathway::core
