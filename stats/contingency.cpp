#include "stats/contingency.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "stats/checks.h"
#include "stats/two_proportions.h"

namespace tilfreds::stats {
namespace {

struct Margins {
  std::vector<std::int64_t> rows;
  std::vector<std::int64_t> cols;
  std::int64_t total = 0;
};

Margins margins(const CountTable& t) {
  Margins m;
  m.rows.assign(t.size(), 0);
  m.cols.assign(t.front().size(), 0);
  for (std::size_t i = 0; i < t.size(); ++i) {
    for (std::size_t j = 0; j < t[i].size(); ++j) {
      m.rows[i] += t[i][j];
      m.cols[j] += t[i][j];
    }
  }
  m.total = std::accumulate(m.rows.begin(), m.rows.end(), std::int64_t{0});
  return m;
}

CountTable drop_empty(const CountTable& t) {
  const Margins m = margins(t);
  CountTable out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (m.rows[i] == 0) continue;
    std::vector<std::int64_t> row;
    for (std::size_t j = 0; j < t[i].size(); ++j) {
      if (m.cols[j] > 0) row.push_back(t[i][j]);
    }
    out.push_back(std::move(row));
  }
  return out;
}

// X^2 against expected counts e_ij = r_i c_j / N, all positive.
double statistic(const CountTable& t, const std::vector<double>& expected) {
  double x2 = 0.0;
  std::size_t idx = 0;
  for (const auto& row : t) {
    for (std::int64_t v : row) {
      const double d = static_cast<double>(v) - expected[idx];
      x2 += d * d / expected[idx];
      ++idx;
    }
  }
  return x2;
}

std::vector<double> expected_counts(const Margins& m) {
  std::vector<double> e;
  e.reserve(m.rows.size() * m.cols.size());
  for (std::int64_t r : m.rows) {
    for (std::int64_t c : m.cols) {
      e.push_back(static_cast<double>(r) * static_cast<double>(c) / static_cast<double>(m.total));
    }
  }
  return e;
}

// A table with the given margins drawn from the multiple hypergeometric
// distribution, one cell at a time from its conditional hypergeometric law
// given the cells already drawn (the idea of Patefield 1981, algorithm AS 159).
void random_table(const Margins& m, Rng& rng, const LogFactorials* lf, CountTable& out) {
  std::vector<std::int64_t> cols_left = m.cols;
  std::int64_t total_left = m.total;
  const std::size_t nr = m.rows.size();
  const std::size_t nc = m.cols.size();
  for (std::size_t i = 0; i + 1 < nr; ++i) {
    std::int64_t row_left = m.rows[i];
    std::int64_t pool = total_left;  // items left in columns j..nc-1
    for (std::size_t j = 0; j + 1 < nc; ++j) {
      std::int64_t x = 0;
      if (row_left > 0) {
        const Hypergeometric h(pool, cols_left[j], row_left);
        x = lf != nullptr ? sample(h, rng, *lf) : sample(h, rng);
      }
      out[i][j] = x;
      row_left -= x;
      pool -= cols_left[j];
      cols_left[j] -= x;
    }
    out[i][nc - 1] = row_left;
    cols_left[nc - 1] -= row_left;
    total_left -= m.rows[i];
  }
  for (std::size_t j = 0; j < nc; ++j) out[nr - 1][j] = cols_left[j];
}

}  // namespace

std::string_view homogeneity_method_name(HomogeneityMethod method) {
  switch (method) {
    case HomogeneityMethod::kPearson:
      return "pearson";
    case HomogeneityMethod::kFisherExact:
      return "fisher-exact";
    case HomogeneityMethod::kMonteCarlo:
      return "monte-carlo";
  }
  return "pearson";
}

double pearson_statistic(const CountTable& table) {
  check_table(table);
  const Margins m = margins(table);
  for (std::int64_t r : m.rows) {
    if (r == 0) throw std::invalid_argument("table has an empty row");
  }
  for (std::int64_t c : m.cols) {
    if (c == 0) throw std::invalid_argument("table has an empty column");
  }
  return statistic(table, expected_counts(m));
}

std::optional<HomogeneityResult> chi_square_homogeneity(const CountTable& table,
                                                        const HomogeneityOptions& options) {
  check_table(table);
  if (options.replicates < 1) throw std::invalid_argument("replicates must be at least 1");
  const CountTable t = drop_empty(table);
  if (t.size() < 2 || t.front().size() < 2) return std::nullopt;

  const Margins m = margins(t);
  const std::vector<double> expected = expected_counts(m);
  HomogeneityResult r;
  r.rows_used = static_cast<int>(t.size());
  r.columns_used = static_cast<int>(t.front().size());
  r.df = (r.rows_used - 1) * (r.columns_used - 1);
  r.statistic = statistic(t, expected);
  r.min_expected = expected.front();
  int below_five = 0;
  for (double e : expected) {
    r.min_expected = std::min(r.min_expected, e);
    if (e < 5.0) ++below_five;
  }
  const boost::math::chi_squared_distribution<double> chi(static_cast<double>(r.df));
  r.p = boost::math::cdf(boost::math::complement(chi, r.statistic));
  r.method = HomogeneityMethod::kPearson;

  // Cochran (1954): no expected count below 1 and at most 20 % below 5.
  const bool cochran_ok =
      r.min_expected >= 1.0 && 5 * below_five <= static_cast<int>(expected.size());
  if (!options.small_sample_correction || cochran_ok) return r;

  if (r.rows_used == 2 && r.columns_used == 2) {
    r.method = HomogeneityMethod::kFisherExact;
    r.p = fisher_exact_2x2(t[0][0], t[0][1], t[1][0], t[1][1]);
    return r;
  }
  r.method = HomogeneityMethod::kMonteCarlo;
  r.replicates = options.replicates;
  Rng rng(options.seed);
  CountTable sim = t;
  // Tabulating log k! costs O(N) once and saves six log-gamma calls per draw;
  // above a few million answers the chi-square approximation is used anyway
  // unless a category is extremely rare, and the direct path still works.
  constexpr std::int64_t kTableLimit = 4'000'000;
  std::optional<LogFactorials> lf;
  if (m.total <= kTableLimit) lf.emplace(m.total);
  // R's chisq.test: a simulated statistic within 64 ulps below the observed one
  // counts as at least as large, so exact ties are not lost to rounding.
  const double threshold = r.statistic * (1.0 - 64.0 * 0x1.0p-52);
  std::int64_t at_least = 0;
  for (int b = 0; b < options.replicates; ++b) {
    random_table(m, rng, lf ? &*lf : nullptr, sim);
    if (statistic(sim, expected) >= threshold) ++at_least;
  }
  r.p = static_cast<double>(1 + at_least) / static_cast<double>(options.replicates + 1);
  return r;
}

}  // namespace tilfreds::stats
