#include "stats/ordinal.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "stats/checks.h"

namespace tilfreds::stats {
namespace {

double two_sided_normal_p(double z) {
  const boost::math::normal_distribution<double> standard;
  return std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(standard, std::fabs(z))));
}

// Midranks of each category when the answers are sorted by category
// (Kendall & Gibbons 1990 §3): all answers in a category share the mean of the
// ranks they occupy.
std::vector<double> midranks(const std::vector<std::int64_t>& column_totals) {
  std::vector<double> ranks(column_totals.size());
  double before = 0.0;
  for (std::size_t j = 0; j < column_totals.size(); ++j) {
    const double t = static_cast<double>(column_totals[j]);
    ranks[j] = before + (t + 1.0) / 2.0;
    before += t;
  }
  return ranks;
}

double tie_sum(const std::vector<std::int64_t>& column_totals) {
  double s = 0.0;
  for (std::int64_t c : column_totals) {
    const double t = static_cast<double>(c);
    s += t * t * t - t;
  }
  return s;
}

}  // namespace

std::optional<MannWhitneyResult> mann_whitney(std::span<const std::int64_t> from,
                                              std::span<const std::int64_t> to) {
  check_counts(from, "from");
  check_counts(to, "to");
  if (from.size() != to.size()) {
    throw std::invalid_argument("both waves must have the same categories");
  }
  const double n1 = static_cast<double>(std::accumulate(from.begin(), from.end(), std::int64_t{0}));
  const double n2 = static_cast<double>(std::accumulate(to.begin(), to.end(), std::int64_t{0}));
  if (n1 == 0.0 || n2 == 0.0) return std::nullopt;
  std::vector<std::int64_t> totals(from.size());
  for (std::size_t j = 0; j < from.size(); ++j) totals[j] = from[j] + to[j];
  const std::vector<double> ranks = midranks(totals);
  double rank_sum_to = 0.0;
  for (std::size_t j = 0; j < to.size(); ++j) rank_sum_to += static_cast<double>(to[j]) * ranks[j];

  MannWhitneyResult r;
  const double n = n1 + n2;
  r.u = rank_sum_to - n2 * (n2 + 1.0) / 2.0;
  r.superiority = r.u / (n1 * n2);
  const double mean = n1 * n2 / 2.0;
  const double var = n1 * n2 / 12.0 * ((n + 1.0) - tie_sum(totals) / (n * (n - 1.0)));
  if (!(var > 0.0)) return r;  // all answers tied: z = 0, p = 1
  const double sd = std::sqrt(var);
  const double dev = r.u - mean;
  const double corrected = std::max(0.0, std::fabs(dev) - 0.5);
  r.z = std::copysign(corrected / sd, dev);
  // scipy lets |U - mean| - 0.5 go negative, giving 2·Q(negative) > 1 clipped
  // to 1; clamping the corrected deviation at 0 gives the same p = 1.
  r.p = two_sided_normal_p(corrected / sd);
  return r;
}

std::optional<KruskalWallisResult> kruskal_wallis(const CountTable& table) {
  check_table(table);
  std::vector<std::int64_t> totals(table.front().size(), 0);
  std::vector<std::int64_t> row_n;
  for (const auto& row : table) {
    const std::int64_t rn = std::accumulate(row.begin(), row.end(), std::int64_t{0});
    if (rn > 0) row_n.push_back(rn);
    for (std::size_t j = 0; j < row.size(); ++j) totals[j] += row[j];
  }
  if (row_n.size() < 2) return std::nullopt;
  const double n =
      static_cast<double>(std::accumulate(totals.begin(), totals.end(), std::int64_t{0}));
  const std::vector<double> ranks = midranks(totals);
  double sum = 0.0;
  for (const auto& row : table) {
    const std::int64_t rn = std::accumulate(row.begin(), row.end(), std::int64_t{0});
    if (rn == 0) continue;
    double rank_sum = 0.0;
    for (std::size_t j = 0; j < row.size(); ++j) rank_sum += static_cast<double>(row[j]) * ranks[j];
    sum += rank_sum * rank_sum / static_cast<double>(rn);
  }
  KruskalWallisResult r;
  r.df = static_cast<int>(row_n.size()) - 1;
  const double ties = 1.0 - tie_sum(totals) / (n * n * n - n);
  if (!(ties > 0.0)) return r;  // all answers in one category
  r.h = (12.0 / (n * (n + 1.0)) * sum - 3.0 * (n + 1.0)) / ties;
  r.h = std::max(0.0, r.h);
  const boost::math::chi_squared_distribution<double> chi(static_cast<double>(r.df));
  r.p = boost::math::cdf(boost::math::complement(chi, r.h));
  return r;
}

std::optional<TrendResult> linear_trend(const CountTable& table, std::span<const double> row_scores,
                                        std::span<const double> column_scores) {
  check_table(table);
  const std::size_t nr = table.size();
  const std::size_t nc = table.front().size();
  auto scores = [](std::span<const double> given, std::size_t size, const char* what) {
    std::vector<double> s(size);
    if (given.empty()) {
      std::iota(s.begin(), s.end(), 0.0);
      return s;
    }
    if (given.size() != size) {
      throw std::invalid_argument(std::string(what) + " must match the table's size");
    }
    for (std::size_t i = 0; i < size; ++i) {
      if (!std::isfinite(given[i]))
        throw std::invalid_argument(std::string(what) + " must be finite");
      s[i] = given[i];
    }
    return s;
  };
  const std::vector<double> u = scores(row_scores, nr, "row scores");
  const std::vector<double> v = scores(column_scores, nc, "column scores");
  if (nr < 2 || nc < 2) return std::nullopt;

  double n = 0.0, su = 0.0, su2 = 0.0, sv = 0.0, sv2 = 0.0, suv = 0.0;
  for (std::size_t i = 0; i < nr; ++i) {
    for (std::size_t j = 0; j < nc; ++j) {
      const double c = static_cast<double>(table[i][j]);
      n += c;
      su += c * u[i];
      su2 += c * u[i] * u[i];
      sv += c * v[j];
      sv2 += c * v[j] * v[j];
      suv += c * u[i] * v[j];
    }
  }
  if (n < 2.0) return std::nullopt;
  TrendResult r;
  // Mantel (1963): under independence given the margins, sum u_i v_j n_ij has
  // mean su·sv/N and variance (su2 - su^2/N)(sv2 - sv^2/N)/(N - 1).
  const double var = (su2 - su * su / n) * (sv2 - sv * sv / n) / (n - 1.0);
  if (!(var > 0.0)) return r;
  r.z = (suv - su * sv / n) / std::sqrt(var);
  r.statistic = r.z * r.z;
  r.p = two_sided_normal_p(r.z);
  return r;
}

std::optional<TrendResult> proportion_trend(std::span<const std::int64_t> k,
                                            std::span<const std::int64_t> n) {
  if (k.size() != n.size() || k.empty()) {
    throw std::invalid_argument("k and n must be non-empty and of the same length");
  }
  CountTable table;
  std::vector<double> row_scores;
  for (std::size_t i = 0; i < k.size(); ++i) {
    check_part_of(k[i], n[i]);
    // A wave without answers carries no information but keeps its score, so a
    // gap year does not shift the spacing of the others.
    if (n[i] == 0) continue;
    table.push_back({k[i], n[i] - k[i]});
    row_scores.push_back(static_cast<double>(i));
  }
  if (table.size() < 2) return std::nullopt;
  const double column_scores[] = {1.0, 0.0};
  return linear_trend(table, row_scores, column_scores);
}

}  // namespace tilfreds::stats
