// The demo generator's random numbers: xoshiro256** seeded through
// splitmix64, with integer-only helpers. The standard library's distributions
// are free to differ between implementations, and floating point could differ
// between platforms, so neither is used: a seed gives the same council
// natively, in every standard library and in wasm.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace pathway::demo {

class DemoRandom {
 public:
  // `stream` separates independent sequences from one seed (one per young
  // person), so a person's records do not depend on how many came before.
  explicit DemoRandom(uint64_t seed, uint64_t stream = 0) {
    uint64_t mix = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (auto& word : state_) word = splitmix64(mix);
  }

  uint64_t next() {
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, n), n > 0, without modulo bias (rejection sampling).
  uint32_t below(uint32_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = next();
    while (x >= limit);
    return static_cast<uint32_t>(x % n);
  }

  // Uniform in [low, high], low <= high.
  int between(int low, int high) { return low + static_cast<int>(below(static_cast<uint32_t>(high - low + 1))); }

  // True with probability per_mille / 1000.
  bool chance(int per_mille) { return static_cast<int>(below(1000)) < per_mille; }

  template <class T>
  const T& pick(std::span<const T> items) {
    return items[below(static_cast<uint32_t>(items.size()))];
  }

  // Index chosen with the given integer weights (at least one positive).
  size_t weighted(std::span<const int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int roll = static_cast<int>(below(static_cast<uint32_t>(total)));
    for (size_t i = 0; i < weights.size(); ++i) {
      if (roll < weights[i]) return i;
      roll -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  uint64_t state_[4];
};

}  // namespace pathway::demo
