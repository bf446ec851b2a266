// What every fuzz target shares: the input as a string, and a check that stops the
// run with a message (libFuzzer then saves the input as a crash file).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace tilfreds::fuzz {

inline std::string as_string(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// An invariant the product promises; a violation is a bug like a crash is.
inline void expect(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

}  // namespace tilfreds::fuzz
