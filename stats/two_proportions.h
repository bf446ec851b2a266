// Change of one share between two waves: "5 % → 9 % 'slet ikke' with about 500
// answers a year: is that more than noise?"
//
// The difference is always later minus earlier (to - from), so a positive value
// means the share went up.
//
// Outcomes: a value; std::nullopt when either wave has n = 0;
// std::invalid_argument for negative counts, k > n, or a level outside (0, 1).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tilfreds::stats {

enum class ProportionTest {
  kPooledZ,      // two-proportion z test with pooled variance (= Pearson 2×2)
  kFisherExact,  // used when an expected cell count is below 5
};

// "z" or "fisher-exact".
std::string_view test_name(ProportionTest test);

struct ProportionChange {
  double from_share = 0.0;  // k_from / n_from
  double to_share = 0.0;    // k_to / n_to
  double difference = 0.0;  // to_share - from_share
  double lower = 0.0;       // Newcombe hybrid score interval for the difference
  double upper = 0.0;
  double z = 0.0;  // pooled z statistic (0 when both shares are 0 or 1)
  double p = 1.0;  // two-sided p-value of `test`
  ProportionTest test = ProportionTest::kPooledZ;
};

// Returns the difference of the shares k_to/n_to - k_from/n_from with its
// Newcombe (1998) hybrid score interval (method 10: Wilson limits of each share
// combined by the square-and-add rule), and a two-sided test of equal shares.
// The test is the pooled two-proportion z test (Agresti 2002 §3.1; equal to
// Pearson's chi-square on the 2×2 table) unless an expected count of the 2×2
// table is below 5, in which case the p-value is Fisher's exact test (Cochran
// 1954's rule; Fisher 1935), since the normal approximation is poor there.
// When both shares are 0 or both are 1 the test has no variance to use; p is
// then 1, which is what the exact conditional test gives for such a table.
// Returns std::nullopt when n_from == 0 or n_to == 0.
// Throws std::invalid_argument when a count is negative, k > n, or level is
// outside (0, 1).
std::optional<ProportionChange> compare_proportions(std::int64_t k_from, std::int64_t n_from,
                                                    std::int64_t k_to, std::int64_t n_to,
                                                    double level = 0.95);

// Returns the two-sided p-value of Fisher's exact test for the 2×2 table
// [[a, b], [c, d]]: the probability, given the margins, of a table no more
// likely than the observed one (relative tolerance 1e-7 for ties, as R's
// fisher.test and scipy.stats.fisher_exact). Returns 1 when a margin is 0.
// Throws std::invalid_argument when a cell is negative.
double fisher_exact_2x2(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t d);

}  // namespace tilfreds::stats
