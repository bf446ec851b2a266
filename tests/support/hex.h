// Bytes as lower-case hex, to compare hashes with published test vectors.
#pragma once

#include <string>

namespace tilfreds::testing {

inline std::string hex(const std::string& bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

}  // namespace tilfreds::testing
