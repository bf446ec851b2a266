#include "stats/case_review.h"

#include <cmath>
#include <stdexcept>

#include "stats/checks.h"
#include "stats/hypergeometric.h"

namespace tilfreds::stats {

namespace {
bool open_unit(double x) { return x > 0.0 && x < 1.0; }

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

void check_date(const CivilDate& d, const char* what) {
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) {
    throw std::invalid_argument(std::string(what) + " is not a calendar date");
  }
}

bool before(const CivilDate& a, const CivilDate& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}
}  // namespace

std::int64_t sample_size_for_margin(double margin, std::optional<std::int64_t> population,
                                    double level, double expected_share) {
  if (!open_unit(margin)) throw std::invalid_argument("margin must be in (0, 1)");
  if (!open_unit(expected_share)) throw std::invalid_argument("expected_share must be in (0, 1)");
  if (population && *population < 1) throw std::invalid_argument("population must be at least 1");
  const double z = z_critical(level);
  double n = z * z * expected_share * (1.0 - expected_share) / (margin * margin);
  if (population) n = n / (1.0 + (n - 1.0) / static_cast<double>(*population));
  // A relative tolerance keeps an n that is whole up to rounding noise from
  // becoming the next integer.
  auto whole = static_cast<std::int64_t>(std::ceil(n * (1.0 - 1e-12)));
  if (whole < 1) whole = 1;
  if (population && whole > *population) whole = *population;
  return whole;
}

ZeroErrorBound zero_error_upper_bound(std::int64_t n, std::optional<std::int64_t> population,
                                      double level) {
  check_level(level);
  if (n < 1) throw std::invalid_argument("n must be at least 1");
  const double alpha = 1.0 - level;
  if (!population) {
    return {1.0 - std::pow(alpha, 1.0 / static_cast<double>(n)), std::nullopt};
  }
  const std::int64_t big_n = *population;
  if (big_n < n) throw std::invalid_argument("population must not be smaller than n");
  // P(X = 0 | D) falls as D grows, so the largest D above alpha is found by
  // bisection on [0, N - n]; D = 0 always qualifies (P = 1).
  auto p_none = [&](std::int64_t d) { return std::exp(Hypergeometric(big_n, d, n).log_pmf(0)); };
  std::int64_t lo = 0, hi = big_n - n;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo + 1) / 2;
    if (p_none(mid) > alpha) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return {static_cast<double>(lo) / static_cast<double>(big_n), lo};
}

std::optional<Light> review_light(std::int64_t correct, std::int64_t cases,
                                  const LightThresholds& thresholds) {
  check_part_of(correct, cases, "correct", "cases");
  if (!(0 <= thresholds.yellow_from && thresholds.yellow_from <= thresholds.green_from &&
        thresholds.green_from <= 100)) {
    throw std::invalid_argument("thresholds must satisfy 0 <= yellow_from <= green_from <= 100");
  }
  if (cases == 0) return std::nullopt;
  if (100 * correct >= thresholds.green_from * cases) return Light::kGreen;
  if (100 * correct >= thresholds.yellow_from * cases) return Light::kYellow;
  return Light::kRed;
}

std::optional<double> relative_change(std::int64_t before_count, std::int64_t after_count) {
  check_count(before_count, "before");
  check_count(after_count, "after");
  if (before_count == 0) return std::nullopt;
  return static_cast<double>(after_count - before_count) / static_cast<double>(before_count);
}

CivilDate twelve_months_before(const CivilDate& d) {
  check_date(d, "date");
  CivilDate out{d.year - 1, d.month, d.day};
  if (out.day > days_in_month(out.year, out.month)) out.day = days_in_month(out.year, out.month);
  return out;
}

ErrorAge error_age(const CivilDate& act, const CivilDate& review, bool reproduced) {
  check_date(act, "the act's date");
  check_date(review, "the review's date");
  if (before(review, act)) throw std::invalid_argument("the act is dated after the review");
  if (reproduced) return ErrorAge::kNew;
  return before(act, twelve_months_before(review)) ? ErrorAge::kOld : ErrorAge::kNew;
}

}  // namespace tilfreds::stats
