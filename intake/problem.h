// An expected problem with outside input, as a value (DESIGN.md "Errors"): where it
// is (a JSON path, "line 12", a form field) and what is wrong, in words the person
// who supplied the input can act on.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace tilfreds::intake {

struct Problem {
  std::string where;
  std::string message;
};

using Problems = std::vector<Problem>;

inline std::ostream& operator<<(std::ostream& os, const Problem& p) {
  return os << p.where << ": " << p.message;
}

}  // namespace tilfreds::intake

namespace tilfreds::intake {

// A value or the problems that prevented it.
template <typename T>
struct Result {
  std::optional<T> value;
  Problems problems;

  bool ok() const { return value.has_value(); }
  static Result failure(std::string where, std::string message) {
    return Result{std::nullopt, {{std::move(where), std::move(message)}}};
  }
};

}  // namespace tilfreds::intake
