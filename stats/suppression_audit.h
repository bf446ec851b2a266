// What an attacker can work out about the hidden entries of published tables of
// counts: for each hidden entry, the smallest and largest whole number it can
// take given every published entry and every additive line (a row and its total,
// a column and its total, a top share and its categories) of the whole set of
// tables published together. This is the audit τ-ARGUS runs after secondary
// suppression (Hundepool et al. 2012, Statistical Disclosure Control, §4.2 and
// §5.3: "the feasibility interval of a suppressed cell"), here by linear
// programming: for tables whose lines form two laminar families — rows nested in
// their top shares on one side, columns and the column top on the other, which
// is every table this project publishes — the constraint matrix is totally
// unimodular, so the LP bounds are whole numbers and equal the integer bounds.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace tilfreds::stats {

// sum(values[parts]) == values[total].
struct AdditiveLine {
  std::vector<std::size_t> parts;
  std::size_t total = 0;
};

struct FeasibleRange {
  std::int64_t low = 0;
  std::optional<std::int64_t> high;  // nullopt: no upper bound can be derived

  // high − low, or nullopt when unbounded.
  std::optional<std::int64_t> width() const {
    return high ? std::optional<std::int64_t>(*high - low) : std::nullopt;
  }
};

// Returns, for each entry, std::nullopt when it is published and else the range
// of values consistent with everything published: entries are non-negative whole
// numbers and every line holds. `values` are the true values (the attacker does
// not see the hidden ones; they give the right-hand sides and prove feasibility).
// Throws std::invalid_argument when sizes differ, an index is out of range, a
// value is negative or a line does not add up.
std::vector<std::optional<FeasibleRange>> feasible_ranges(const std::vector<std::int64_t>& values,
                                                          const std::vector<bool>& hidden,
                                                          const std::vector<AdditiveLine>& lines);

// The range of one hidden entry only (the suppression search asks often).
// Throws as feasible_ranges, and std::invalid_argument when `entry` is published.
FeasibleRange feasible_range(const std::vector<std::int64_t>& values, const std::vector<bool>& hidden,
                             const std::vector<AdditiveLine>& lines, std::size_t entry);

}  // namespace tilfreds::stats
