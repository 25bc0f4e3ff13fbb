// UTF-8 and character checks for free text (see text.h).
#include "core/text.h"

#include <cstdint>

namespace pathway::core {

bool is_blank(std::string_view text) {
  for (char c : text)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  return true;
}

std::optional<size_t> utf8_length(std::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    uint32_t code = 0;
    if (lead < 0x80) { extra = 0; code = lead; }
    else if ((lead & 0xE0) == 0xC0) { extra = 1; code = lead & 0x1F; }
    else if ((lead & 0xF0) == 0xE0) { extra = 2; code = lead & 0x0F; }
    else if ((lead & 0xF8) == 0xF0) { extra = 3; code = lead & 0x07; }
    else return std::nullopt;
    if (extra > text.size() - i - 1) return std::nullopt;  // truncated sequence
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
    static constexpr uint32_t smallest[] = {0, 0x80, 0x800, 0x10000};
    if (code < smallest[extra] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return std::nullopt;
    i += extra + 1;
  }
  return count;
}

bool is_valid_utf8(std::string_view text) { return utf8_length(text).has_value(); }

bool has_control_characters(std::string_view text, bool multiline) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::string count_phrase(long long count, std::string_view unit) {
  std::string phrase = std::to_string(count);
  phrase.append(" ").append(unit);
  if (count != 1) phrase.append("s");
  return phrase;
}

}  // namespace pathway::core
