// A review period as the committee names it: a quarter "2024Q3", a half-year
// "2024H2" or a month "2024-09", parsed once at the edge. Its last day is the
// default review date, the day the 12 months of the new/old rule count back from.
#pragma once

#include <optional>
#include <string>

#include "stats/case_review.h"

namespace tilfreds::intake::review {

struct Period {
  std::string label;      // as written, normalised ("2024q3" → "2024Q3")
  std::string first_day;  // ISO date
  std::string last_day;   // ISO date
};

// The period `s` names, or nullopt when it is none of YYYYQn, YYYYHn, YYYY-MM.
std::optional<Period> parse_period(const std::string& s);

// The ISO date `s` (checked with is_iso_date) as a civil date, or nullopt.
std::optional<stats::CivilDate> civil_date(const std::string& s);

}  // namespace tilfreds::intake::review
