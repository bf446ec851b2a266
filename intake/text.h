// Small text helpers shared by every parser of outside input.
#pragma once

#include <string>

namespace tilfreds::intake {

// Whether `s` is valid UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(const std::string& s);

// `s` without leading and trailing spaces and tabs.
std::string trim(const std::string& s);

}  // namespace tilfreds::intake
