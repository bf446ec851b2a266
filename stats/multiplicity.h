// Control of false alarms when a report makes dozens of comparisons
// (questions × categories × pairs of waves): at 5 % each, one table in twenty
// would show a "change" that is pure noise.
#pragma once

#include <span>
#include <vector>

namespace tilfreds::stats {

// Returns the Benjamini–Hochberg adjusted p-values, in the input order:
// p_adj(i) = min over j with rank(j) >= rank(i) of min(1, m·p(j)/rank(j)).
// Marking the comparisons with p_adj < q keeps the expected share of false
// marks among all marks at or below q (Benjamini & Hochberg 1995, for
// independent or positively dependent tests, Benjamini & Yekutieli 2001). Equals
// statsmodels' multipletests(p, method="fdr_bh")[1].
// Returns an empty vector for empty input.
// Throws std::invalid_argument when a p-value is outside [0, 1] or NaN.
std::vector<double> benjamini_hochberg(std::span<const double> p);

}  // namespace tilfreds::stats
