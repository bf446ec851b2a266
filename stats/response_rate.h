// Response rates following the AAPOR Standard Definitions (The American
// Association for Public Opinion Research, Standard Definitions, 10th ed. 2023,
// §"Response rates"), per wave and per background group.
//
// The invitation frame is split into disjoint dispositions:
//   completed (I), partial (P), eligible non-respondents (R + NC + O: refusals,
//   non-contacts, others), unknown eligibility (UH + UO: e.g. the letter came
//   back or nothing is known), ineligible (not in the target population, e.g.
//   dagpenge recipients with no jobcentre conversation yet).
// The frame records invited, ineligible, unknown, partial and completed; the
// eligible non-respondents are what is left.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tilfreds::stats {

struct Disposition {
  std::int64_t invited = 0;     // everybody sent a letter
  std::int64_t ineligible = 0;  // known not to belong to the target population
  std::int64_t unknown = 0;     // eligibility unknown
  std::int64_t partial = 0;     // started, not completed (AAPOR "P")
  std::int64_t completed = 0;   // completed (AAPOR "I")
};

// Returns invited - ineligible - unknown - partial - completed (AAPOR R+NC+O).
// Throws std::invalid_argument when a field is negative or the parts exceed
// invited, naming the field.
std::int64_t eligible_nonrespondents(const Disposition& d);

struct ResponseRates {
  // AAPOR RR1 = I / ((I+P) + (R+NC+O) + (UH+UO)) = completed / (invited - ineligible).
  std::optional<double> rr1;
  // AAPOR RR2 = (I+P) / (same denominator): partials count as responses.
  std::optional<double> rr2;
  // AAPOR RR3 / RR4: as RR1 / RR2 but only the estimated eligible share e of the
  // unknown cases in the denominator, with e = eligible / (eligible + ineligible)
  // among cases of known eligibility (AAPOR's "proportional allocation").
  std::optional<double> rr3;
  std::optional<double> rr4;
  // completed / invited: the plain rate committee reports print ("531 of 2,415:
  // 22 %"), with ineligible cases still in the denominator.
  std::optional<double> plain;
};

// Returns the rates of one disposition. A rate is std::nullopt when its
// denominator is 0 (nobody invited, or everybody ineligible).
// Throws std::invalid_argument as eligible_nonrespondents.
ResponseRates response_rates(const Disposition& d);

struct GroupDisposition {
  std::string group;
  Disposition disposition;
};

struct GroupRates {
  std::string group;
  Disposition disposition;
  ResponseRates rates;
};

struct RateTable {
  std::vector<GroupRates> groups;  // input order
  GroupRates total;                // group "total": the sums over the groups
};

// Returns the rates per group and for the sum of all groups (rates of the
// summed dispositions, not averages of rates).
// Throws std::invalid_argument as eligible_nonrespondents (naming the group), or
// when the sums overflow.
RateTable response_rate_table(std::span<const GroupDisposition> groups);

}  // namespace tilfreds::stats
