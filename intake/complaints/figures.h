// Complaint figures per offer and half-year: the counting behind the statistics
// page and the quality overview (statistics.h turns them into report Documents).
//
// Definitions (also printed in the method note):
// - A complaint belongs to the period in which it was received.
// - Upheld = "upheld" or "partly upheld": the citizen got at least part of what
//   they asked for. The share upheld is taken of the complaints judged on their
//   merits (upheld, partly upheld, not upheld); rejected and withdrawn complaints
//   were not judged and are left out of the denominator.
// - Handling time = days from received to decided, for decided complaints;
//   within the deadline = decided on or before the deadline.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/complaint_store.h"
#include "db/offer_store.h"
#include "intake/dates.h"

namespace tilfreds::intake::complaints {

// A half-year: "2026H1" is 2026-01-01 … 2026-06-30, "2026H2" 2026-07-01 … 2026-12-31.
struct Period {
  HalfYear half;       // the numbers the label is written from
  std::string label;
  std::string from;  // ISO date, inclusive
  std::string to;    // ISO date, inclusive
};

// The half-year named `label`, or nullopt if it is not YYYYH1 / YYYYH2 with a year in
// kFirstYear..kLastYear (intake/dates.h).
std::optional<Period> parse_period(const std::string& label);
// The period of half-year `h` (any year).
Period to_period(const HalfYear& h);
// The half-year before `p`, for any year (computed on numbers, never parsed again).
Period previous_period(const Period& p);
// The half-year containing ISO date `day`.
Period period_of(const std::string& day);

struct OfferFigures {
  std::optional<std::int64_t> offer_id;  // nullopt: complaints about no offer (a unit, the jobcentre)
  std::string name;
  std::string provider;
  std::int64_t complaints = 0;
  std::map<std::string, std::int64_t> by_category;  // a complaint may count in several
  std::map<std::string, std::int64_t> by_outcome;   // "" = not decided yet
  std::int64_t upheld = 0;   // upheld + partly upheld
  std::int64_t judged = 0;   // upheld + partly upheld + not upheld
  std::int64_t decided = 0;  // with a decision date
  std::int64_t within_deadline = 0;
  std::vector<double> handling_days;
  std::optional<std::int64_t> citizens;
};

// One entry per offer in `offers` (every offer, so an offer without complaints
// shows 0) and, if any complaint names no offer, one last entry with no offer_id.
// `citizens` maps offer id to citizens in the period where known.
std::vector<OfferFigures> tally(const std::vector<db::ComplaintRow>& complaints,
                                const std::vector<db::OfferRow>& offers,
                                const std::map<std::int64_t, std::int64_t>& citizens);

}  // namespace tilfreds::intake::complaints
