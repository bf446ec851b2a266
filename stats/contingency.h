// Has the whole answer distribution moved? Pearson's chi-square test of
// homogeneity on a waves × categories table of counts, with an exact or Monte
// Carlo p-value when expected counts are too small for the chi-square
// approximation.
//
// Outcomes: a value; std::nullopt when the table, after dropping all-zero rows
// and columns, is smaller than 2 × 2 (e.g. one wave, or everybody in one
// category in every wave: no variation to test); std::invalid_argument for an
// empty table, ragged rows, negative counts, or replicates < 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "stats/hypergeometric.h"

namespace tilfreds::stats {

using CountTable = std::vector<std::vector<std::int64_t>>;  // rows × columns

enum class HomogeneityMethod {
  kPearson,      // chi-square approximation; expected counts large enough
  kFisherExact,  // 2 × 2 table with a small expected count
  kMonteCarlo,   // larger table with small expected counts: simulated p-value
};

// "pearson", "fisher-exact", "monte-carlo".
std::string_view homogeneity_method_name(HomogeneityMethod method);

struct HomogeneityOptions {
  // Replicates for the Monte Carlo p-value; its standard error is at most
  // 0.5/sqrt(replicates) (0.005 at 10,000; ~0.002 near p = 0.05).
  int replicates = 10000;
  std::uint64_t seed = kDefaultSeed;
  // Set false to always report the chi-square approximation.
  bool small_sample_correction = true;
};

struct HomogeneityResult {
  double statistic = 0.0;  // Pearson X^2 of the reduced table
  int df = 0;              // (rows_used - 1)(columns_used - 1)
  double p = 1.0;          // p-value of `method`
  HomogeneityMethod method = HomogeneityMethod::kPearson;
  double min_expected = 0.0;  // smallest expected count of the reduced table
  int rows_used = 0;          // rows with at least one answer
  int columns_used = 0;       // categories chosen by at least one respondent
  int replicates = 0;         // Monte Carlo replicates, 0 for other methods
};

// Tests whether the rows (waves) share one distribution over the columns
// (categories). All-zero columns (a category nobody chose) and rows (a wave with
// no answers) carry no information and would make expected counts 0, so they
// are dropped first; df counts what remains.
// Pearson (1900); the p-value is the chi-square(df) upper tail unless
// options.small_sample_correction and Cochran's (1954) rule fails (an expected
// count below 1, or more than 20 % below 5). Then a 2 × 2 table gets Fisher's
// exact test and a larger one a Monte Carlo p-value: tables with the observed
// margins are drawn from their exact conditional (multiple hypergeometric)
// distribution and p = (1 + #{X^2_sim >= X^2_obs}) / (replicates + 1) (Hope
// 1968; Patefield 1981; as R's chisq.test(simulate.p.value = TRUE)). The
// generator is seeded, so the p-value is the same on every run.
// Returns std::nullopt when the reduced table is smaller than 2 × 2.
// Throws std::invalid_argument for an invalid table or replicates < 1.
std::optional<HomogeneityResult> chi_square_homogeneity(const CountTable& table,
                                                        const HomogeneityOptions& options = {});

// Pearson's X^2 of a table whose row and column totals are all positive.
// Throws std::invalid_argument for an invalid table or a zero margin.
double pearson_statistic(const CountTable& table);

}  // namespace tilfreds::stats
