// References: tests/data/stats/reference_values.py (scipy 1.10.1, statsmodels
// 0.13.5). For Mann-Whitney, x = the later wave's answers expanded from counts
// (category index as value), y = the earlier wave's.
#include "stats/ordinal.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

namespace ts = tilfreds::stats;
using Counts = std::vector<std::int64_t>;
using ts::CountTable;

TEST_CASE("Mann-Whitney with ties matches scipy (asymptotic, continuity-corrected)", "[ordinal]") {
  struct Case {
    Counts from, to;
    double u, p;
  };
  const Case cases[] = {
      // mannwhitneyu(expand([276, 149, 64, 42]), expand([271, 143, 61, 37]), use_continuity=True,
      // method='asymptotic')
      {{271, 143, 61, 37}, {276, 149, 64, 42}, 137605.5, 0.7066881587732663},
      // mannwhitneyu(expand([1, 2, 3, 4]), expand([3, 4, 2, 1]), use_continuity=True,
      // method='asymptotic')
      {{3, 4, 2, 1}, {1, 2, 3, 4}, 73.5, 0.072334385258422132},
      // mannwhitneyu(expand([9, 1, 0, 0]), expand([10, 0, 0, 0]), use_continuity=True,
      // method='asymptotic')
      {{10, 0, 0, 0}, {9, 1, 0, 0}, 55, 0.36812025069351895},
      // mannwhitneyu(expand([380, 50, 25, 45]), expand([400, 50, 25, 25]), use_continuity=True,
      // method='asymptotic')
      {{400, 50, 25, 25}, {380, 50, 25, 45}, 130750, 0.081980888630739601},
  };
  for (const Case& c : cases) {
    CAPTURE(c.from, c.to);
    const auto r = ts::mann_whitney(c.from, c.to);
    REQUIRE(r);
    CHECK(r->u == Approx(c.u).epsilon(1e-9));
    CHECK(r->p == Approx(c.p).epsilon(1e-6));
  }
}

TEST_CASE("Mann-Whitney direction and superiority", "[ordinal]") {
  const auto worse = ts::mann_whitney(Counts{3, 4, 2, 1}, Counts{1, 2, 3, 4});
  REQUIRE(worse);
  CHECK(worse->z > 0.0);  // later wave further down the scale
  CHECK(worse->superiority == Approx(73.5 / 100.0));
  const auto better = ts::mann_whitney(Counts{1, 2, 3, 4}, Counts{3, 4, 2, 1});
  CHECK(better->z < 0.0);
  CHECK(better->p == Approx(worse->p).epsilon(1e-12));
}

TEST_CASE("Mann-Whitney: all answers tied gives p = 1, an empty wave is not computable",
          "[ordinal]") {
  const auto tied = ts::mann_whitney(Counts{5, 0, 0}, Counts{7, 0, 0});
  REQUIRE(tied);
  CHECK(tied->p == 1.0);
  CHECK(tied->z == 0.0);
  CHECK(tied->superiority == 0.5);
  CHECK_FALSE(ts::mann_whitney(Counts{0, 0}, Counts{1, 2}).has_value());
  CHECK_THROWS_AS(ts::mann_whitney(Counts{1, 2}, Counts{1, 2, 3}), std::invalid_argument);
  CHECK_THROWS_AS(ts::mann_whitney(Counts{1, -2}, Counts{1, 2}), std::invalid_argument);
  CHECK_THROWS_AS(ts::mann_whitney(Counts{}, Counts{}), std::invalid_argument);
}

TEST_CASE("Kruskal-Wallis with ties matches scipy", "[ordinal]") {
  // scipy.stats.kruskal(*expand([[245, 135, 75, 40], [271, 143, 61, 37], [276, 149, 64, 42]]))
  auto r =
      ts::kruskal_wallis(CountTable{{245, 135, 75, 40}, {271, 143, 61, 37}, {276, 149, 64, 42}});
  REQUIRE(r);
  CHECK(r->h == Approx(2.0030463425327416).epsilon(1e-6));
  CHECK(r->p == Approx(0.36731952431005171).epsilon(1e-6));
  CHECK(r->df == 2);
  // scipy.stats.kruskal(*expand([[3, 4, 2, 1], [1, 2, 3, 4], [0, 1, 4, 5]]))
  r = ts::kruskal_wallis(CountTable{{3, 4, 2, 1}, {1, 2, 3, 4}, {0, 1, 4, 5}});
  REQUIRE(r);
  CHECK(r->h == Approx(7.7349662162162103).epsilon(1e-6));
  CHECK(r->p == Approx(0.020910933807784839).epsilon(1e-6));
  // An empty wave is ignored.
  const auto with_gap =
      ts::kruskal_wallis(CountTable{{3, 4, 2, 1}, {0, 0, 0, 0}, {1, 2, 3, 4}, {0, 1, 4, 5}});
  CHECK(with_gap->h == Approx(7.7349662162162103).epsilon(1e-6));
  CHECK(with_gap->df == 2);
  CHECK_FALSE(ts::kruskal_wallis(CountTable{{3, 4}, {0, 0}}).has_value());
  CHECK(ts::kruskal_wallis(CountTable{{3, 0}, {4, 0}, {5, 0}})->p == 1.0);
}

TEST_CASE("linear-by-linear trend matches statsmodels test_ordinal_association",
          "[ordinal][trend]") {
  // Table([[245, 135, 75, 40], [271, 143, 61, 37], [276, 149, 64, 42]],
  // shift_zeros=False).test_ordinal_association()
  auto r = ts::linear_trend(CountTable{{245, 135, 75, 40}, {271, 143, 61, 37}, {276, 149, 64, 42}});
  REQUIRE(r);
  CHECK(r->z == Approx(-0.97709871104421642).epsilon(1e-6));
  CHECK(r->p == Approx(0.32852028583432957).epsilon(1e-6));
  CHECK(r->statistic == Approx(r->z * r->z));
  // Table([[3, 4, 2, 1], [1, 2, 3, 4], [0, 1, 4, 5]], shift_zeros=False).test_ordinal_association()
  r = ts::linear_trend(CountTable{{3, 4, 2, 1}, {1, 2, 3, 4}, {0, 1, 4, 5}});
  CHECK(r->z == Approx(2.7600968669642567).epsilon(1e-6));
  CHECK(r->p == Approx(0.0057784225231730015).epsilon(1e-6));
  // Scores are affine-invariant.
  const double rows[] = {10, 20, 30};
  const double cols[] = {1, 3, 5, 7};
  const auto scaled =
      ts::linear_trend(CountTable{{3, 4, 2, 1}, {1, 2, 3, 4}, {0, 1, 4, 5}}, rows, cols);
  CHECK(scaled->z == Approx(2.7600968669642567).epsilon(1e-6));
}

TEST_CASE("Cochran-Armitage trend of a share across waves", "[ordinal][trend]") {
  // Table([[k_i, n_i-k_i]] for k=[380, 414, 425], n=[495, 512, 531],
  // shift_zeros=False).test_ordinal_association(col_scores=[1,0])
  auto r = ts::proportion_trend(Counts{380, 414, 425}, Counts{495, 512, 531});
  REQUIRE(r);
  CHECK(r->z == Approx(1.2680398728484283).epsilon(1e-6));
  CHECK(r->p == Approx(0.20478371181626553).epsilon(1e-6));
  // ... k=[40, 37, 42], n=[495, 512, 531]
  r = ts::proportion_trend(Counts{40, 37, 42}, Counts{495, 512, 531});
  CHECK(r->z == Approx(-0.09178374153216548).epsilon(1e-6));
  CHECK(r->p == Approx(0.92686986190783349).epsilon(1e-6));
  // ... k=[5, 9, 14], n=[100, 100, 100]: a steady rise
  r = ts::proportion_trend(Counts{5, 9, 14}, Counts{100, 100, 100});
  CHECK(r->z == Approx(2.1840383775139531).epsilon(1e-6));
  CHECK(r->p == Approx(0.028959428134934316).epsilon(1e-6));
}

TEST_CASE("trend: a wave without answers keeps its place, and edge cases", "[ordinal][trend]") {
  // Table([[5, 95], [14, 86]], shift_zeros=False).test_ordinal_association(col_scores=[1,0]):
  // scores 0 and 2 give the same z as 0 and 1 (affine invariance).
  const auto gap = ts::proportion_trend(Counts{5, 0, 14}, Counts{100, 0, 100});
  REQUIRE(gap);
  CHECK(gap->z == Approx(2.164975368995472).epsilon(1e-6));
  CHECK(gap->p == Approx(0.03038957159386152).epsilon(1e-6));
  CHECK_FALSE(ts::proportion_trend(Counts{5, 0}, Counts{100, 0}).has_value());
  const auto flat = ts::proportion_trend(Counts{0, 0, 0}, Counts{10, 10, 10});
  REQUIRE(flat);
  CHECK(flat->p == 1.0);
  CHECK_THROWS_AS(ts::proportion_trend(Counts{5, 11}, Counts{10, 10}), std::invalid_argument);
  CHECK_THROWS_AS(ts::proportion_trend(Counts{5}, Counts{10, 10}), std::invalid_argument);
  const double bad[] = {1.0};
  CHECK_THROWS_AS(ts::linear_trend(CountTable{{1, 2}, {3, 4}}, bad), std::invalid_argument);
  CHECK_FALSE(ts::linear_trend(CountTable{{1, 2}}).has_value());
}
