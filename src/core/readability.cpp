// Flesch-Kincaid counting (see readability.h for the rules).
#include "core/readability.h"

#include <cctype>
#include <string>

namespace pathway::core {
namespace {

constexpr int syllables_in_a_number = 2;

bool is_word_char(unsigned char c) { return std::isalnum(c) || c == '\'' || c >= 0x80; }
bool joins_inside_word(char c) { return c == ',' || c == '.' || c == '-'; }
bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

}  // namespace

int syllables_in_word(std::string_view word) {
  std::string letters;
  for (char c : word)
    if (std::isalpha(static_cast<unsigned char>(c))) letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (letters.empty()) return syllables_in_a_number;
  int groups = 0;
  bool in_vowels = false;
  for (char c : letters) {
    bool vowel = is_vowel(c);
    if (vowel && !in_vowels) ++groups;
    in_vowels = vowel;
  }
  std::size_t n = letters.size();
  if (groups > 1 && letters[n - 1] == 'e' && !(n >= 2 && letters[n - 2] == 'l')) --groups;
  return groups < 1 ? 1 : groups;
}

ReadabilityCounts count_for_readability(const std::vector<std::string_view>& blocks) {
  ReadabilityCounts counts;
  for (std::string_view block : blocks) {
    bool words_since_sentence_end = false;
    std::size_t i = 0;
    while (i < block.size()) {
      unsigned char c = static_cast<unsigned char>(block[i]);
      if (is_word_char(c)) {
        std::size_t start = i;
        while (i < block.size() &&
               (is_word_char(static_cast<unsigned char>(block[i])) ||
                (joins_inside_word(block[i]) && i + 1 < block.size() && is_word_char(static_cast<unsigned char>(block[i + 1])))))
          ++i;
        ++counts.words;
        counts.syllables += syllables_in_word(block.substr(start, i - start));
        words_since_sentence_end = true;
        continue;
      }
      if ((c == '.' || c == '!' || c == '?' || c == ':') && (i + 1 == block.size() || block[i + 1] == ' ') &&
          words_since_sentence_end) {
        ++counts.sentences;
        words_since_sentence_end = false;
      }
      ++i;
    }
    if (words_since_sentence_end) ++counts.sentences;
  }
  return counts;
}

double flesch_kincaid_grade(const ReadabilityCounts& counts) {
  if (counts.words == 0 || counts.sentences == 0) return 0;
  return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59;
}

}  // namespace pathway::core
