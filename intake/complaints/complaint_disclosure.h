// Disclosure control across the complaint pages published together (issue 13 §1):
// /statistik/klager (complaints per offer, per 1,000 citizens, share upheld,
// handling time; outcomes and categories per offer) and /statistik/kvalitet
// (complaints, upheld count, share not upheld, citizens) print, per half-year,
// figures of one offers × outcomes table: the complaints are a row's n, the
// upheld count the sum of its first two outcomes (upheld, partly upheld), the
// share upheld that sum over the first three. Hiding per table let a reader take
// from one page what the other hid (/statistik/kvalitet printed upheld counts
// that /statistik/klager hid). So the whole table is protected at once by
// stats::protect_linked — the rule of the survey reports' set — and both pages
// read their figures from the one set of marks.
#pragma once

#include <cstdint>
#include <vector>

#include "intake/complaints/figures.h"

namespace tilfreds::intake::complaints {

struct ComplaintMarks {
  bool complaints_hidden = false;   // the row's n: also hides per 1,000 and every figure of the row
  std::vector<bool> outcome_hidden;  // per outcome of outcome_columns()
  bool upheld_hidden = false;        // the upheld count (upheld + partly upheld)
  // The shares upheld and not upheld: printed only when the upheld count and the
  // not-upheld count are both published, so the share (and its interval) adds no
  // equation the marks did not allow for.
  bool share_hidden = false;
  // Median handling time and share within the deadline: figures of the decided
  // complaints, hidden when the row is or when fewer than the threshold were decided.
  bool timing_hidden = false;
  bool categories_hidden = false;    // the whole category row (its n is hidden)
};

// The outcome columns in table order: kOutcomes, then "" (not decided yet).
std::vector<std::string> outcome_columns();

// The marks of every row of `figures` (one per offer and the no-offer row, as
// tally() gives them), computed over all of them together. Deterministic, so
// both pages hide the same figures.
std::vector<ComplaintMarks> protect_complaints(const std::vector<OfferFigures>& figures, std::int64_t threshold);

}  // namespace tilfreds::intake::complaints
