// Checks on free text that arrives from people and from the network: valid
// UTF-8, length in characters (what a person counts, not bytes), control
// characters, blank. Used by validation and the plan workflow.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pathway::core {

bool is_blank(std::string_view text);  // empty or only spaces, tabs and newlines
bool is_valid_utf8(std::string_view text);
// Characters (code points) in valid UTF-8; nullopt if the bytes are not UTF-8.
std::optional<size_t> utf8_length(std::string_view text);
// Control characters other than (when multiline) newline, carriage return and tab.
bool has_control_characters(std::string_view text, bool multiline);

// "1 week", "13 weeks", "0 days": a count and its unit, plural by "s".
std::string count_phrase(long long count, std::string_view unit);

}  // namespace pathway::core
