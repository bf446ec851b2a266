// Drawing the cases to review from an uploaded list of case references, at
// random but repeatably: the references are sorted, then a partial Fisher-Yates
// shuffle driven by a recorded seed picks `size` of them, so anybody holding the
// same list and seed (an auditor) gets the same cases. The list's SHA-256 is
// recorded beside the seed to show which list was drawn from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "intake/problem.h"
#include "intake/staff/users.h"

namespace tilfreds::intake::review {

struct Draw {
  std::vector<std::string> cases;  // in the order drawn
  std::string list_digest;         // hex SHA-256 of the sorted references, one a line
};

// Returns `size` of `references` drawn with `seed`. Requires unique references
// and size <= references.size() (sample_cases checks both first).
Draw draw_cases(std::vector<std::string> references, std::size_t size, std::uint64_t seed);

struct SampleRequest {
  std::string area;
  std::string period;
  std::optional<std::string> review_date;  // default: the period's last day
  std::string group;
  std::string list;                    // the uploaded list: one reference a line, or CSV with a `case` column
  std::optional<std::int64_t> size;    // default: the area's sample size
  std::optional<std::uint64_t> seed;   // default: a fresh random seed
};

struct Sample {
  std::int64_t review_id = 0;
  std::uint64_t seed = 0;
  std::int64_t population = 0;
  Draw draw;
};

// Validates (area, period, group in the scheme valid on the review date, a list
// without empty or repeated references, 1 <= size <= population, a group not
// drawn before in that review), creates the review when needed, and stores the
// cases, the draw and an audit event in one transaction. Problems name the
// option ("--group", "--size", …) or "line N" of the list.
// Throws db::Error on a database fault.
Result<Sample> sample_cases(db::Database& db, const staff::Actor& actor, const SampleRequest& request);

}  // namespace tilfreds::intake::review
