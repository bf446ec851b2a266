// Percent-encoding for the parts of URLs built in C++ (DESIGN.md: mustache escapes
// HTML, not URLs, so a value reaches an href only encoded here first).
#pragma once

#include <string>

namespace tilfreds::intake::web {

// `s` with every byte outside RFC 3986's unreserved set (A–Z a–z 0–9 - _ . ~)
// written as %XX: safe as a query value or a path segment.
std::string url_encode(const std::string& s);

}  // namespace tilfreds::intake::web
