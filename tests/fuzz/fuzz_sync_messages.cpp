// libFuzzer target for the sync protocol's parsers (src/sync/change_set.h),
// the code that reads bytes from any device on the network. The first byte
// picks the message (change set, push request or response, pull request or
// response); the rest is the message. Built with ASan and UBSan
// (scripts/fuzz.sh), so any crash, overflow, leak or undefined behaviour is a
// finding. Beyond "no crash", each message that parses must come back from
// serialising as equal bytes when parsed and serialised again (the protocol
// promises equal values give equal bytes), and must still be within the limits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sync/change_set.h"

namespace {

using namespace pathway::sync;

[[noreturn]] void finding(std::string_view what, const std::string& first, const std::string& second) {
  __builtin_fprintf(stderr, "%.*s\nfirst:  %s\nsecond: %s\n", static_cast<int>(what.size()), what.data(), first.c_str(),
                    second.c_str());
  std::abort();
}

// parse -> serialise -> parse -> serialise: the two serialisations are the same bytes.
template <class Parse>
void check_round_trip(std::string_view text, Parse parse) {
  auto parsed = parse(text);
  if (!parsed) {
    if (parsed.error().message.empty()) finding("a refusal without a message", std::string(text), "");
    return;
  }
  const std::string once = serialize(*parsed);
  if (once.size() > max_message_bytes) finding("an accepted message serialises beyond the size limit", once, "");
  auto again = parse(once);
  if (!again) finding("a serialised message does not parse: " + again.error().message, once, "");
  const std::string twice = serialize(*again);
  if (once != twice) finding("serialising is not stable", once, twice);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 5) {
    case 0: check_round_trip(text, parse_change_set); break;
    case 1: check_round_trip(text, parse_push_request); break;
    case 2: check_round_trip(text, parse_push_response); break;
    case 3: check_round_trip(text, parse_pull_request); break;
    case 4: check_round_trip(text, parse_pull_response); break;
  }
  return 0;
}
