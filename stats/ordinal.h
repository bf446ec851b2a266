// Tests that use the order of the answer scale (I høj grad > I nogen grad >
// I mindre grad > Slet ikke) and the order of the waves, so a steady drift is
// found with fewer answers than the unordered chi-square test needs.
//
// Tables are waves (rows, oldest first) × categories (columns, questionnaire
// order). A category's position j = 0, 1, ... is its score: a larger score means
// further down the scale (towards "Slet ikke").
//
// Outcomes: a value; std::nullopt when not computable (a wave with no answers
// where two are needed, fewer than two waves with answers); std::invalid_argument
// for an invalid table (empty, ragged, negative).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "stats/contingency.h"

namespace tilfreds::stats {

struct MannWhitneyResult {
  double u = 0.0;  // U of the later wave: #pairs (from, to) with to further down + 1/2 #ties
  double z =
      0.0;  // continuity-corrected, tie-corrected; sign: + means the later wave lies further down
  double p = 1.0;  // two-sided
  // P(a later answer lies further down the scale than an earlier one) + 1/2 P(tie):
  // 0.5 is no shift, above 0.5 the later wave answered further towards the
  // last category (Vargha & Delaney 2000's A).
  double superiority = 0.5;
};

// Mann & Whitney (1947) on two ordered-category count rows, with midranks for
// the (massive) ties and the tie-corrected variance
// n1·n2/12·((N+1) - sum(t^3 - t)/(N(N-1))) and a 0.5 continuity correction
// (Lehmann 1975, §1.4; as scipy.stats.mannwhitneyu(method="asymptotic") and
// R's wilcox.test(correct = TRUE)). When every answer is in one category there
// is no variance; p is then 1 (no evidence of a shift).
// Returns std::nullopt when either row sums to 0.
// Throws std::invalid_argument when the rows are empty, of different length, or
// hold a negative count.
std::optional<MannWhitneyResult> mann_whitney(std::span<const std::int64_t> from,
                                              std::span<const std::int64_t> to);

struct KruskalWallisResult {
  double h = 0.0;  // tie-corrected H
  int df = 0;      // waves with answers - 1
  double p = 1.0;  // chi-square(df) upper tail
};

// Kruskal & Wallis (1952), the k-wave generalisation of Mann–Whitney, with the
// tie correction H / (1 - sum(t^3 - t)/(N^3 - N)) (as scipy.stats.kruskal).
// Rows with no answers are ignored. When every answer is in one category, p = 1.
// Returns std::nullopt when fewer than 2 rows have answers.
// Throws std::invalid_argument for an invalid table.
std::optional<KruskalWallisResult> kruskal_wallis(const CountTable& table);

struct TrendResult {
  double z = 0.0;          // signed: + means the score rises with the wave
  double statistic = 0.0;  // z^2, chi-square with 1 df
  double p = 1.0;          // two-sided
};

// The linear-by-linear association test (Mantel 1963; Agresti 2002 §3.4.6):
// M^2 = (N - 1) r^2 with r the Pearson correlation of row and column scores,
// df = 1. With row_scores = wave order and a two-column table it is the
// Cochran–Armitage test for trend (Cochran 1954; Armitage 1955) with the
// permutation variance, as statsmodels' Table.test_ordinal_association; R's
// prop.trend.test uses N in place of N - 1, i.e. its statistic is larger by
// N/(N-1). Empty scores mean 0, 1, 2, ... When either score has no spread among
// the answers, z = 0 and p = 1.
// Returns std::nullopt when the table has fewer than 2 rows or columns, or N < 2.
// Throws std::invalid_argument for an invalid table or a score vector of the
// wrong length or with non-finite values.
std::optional<TrendResult> linear_trend(const CountTable& table,
                                        std::span<const double> row_scores = {},
                                        std::span<const double> column_scores = {});

// Cochran–Armitage test for a trend in one share across three or more waves:
// k[i] of n[i] in wave i, waves scored 0, 1, 2, ... (linear_trend on the table
// [k_i, n_i - k_i] with the share column scored 1). z > 0: the share rises.
// Returns std::nullopt when fewer than 2 waves have answers.
// Throws std::invalid_argument when k and n differ in length, are empty, or a
// k[i] is negative or above n[i].
std::optional<TrendResult> proportion_trend(std::span<const std::int64_t> k,
                                            std::span<const std::int64_t> n);

}  // namespace tilfreds::stats
