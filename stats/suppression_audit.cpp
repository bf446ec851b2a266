#include "stats/suppression_audit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tilfreds::stats {
namespace {

constexpr double kEps = 1e-9;

// min c·x subject to A x = b, x ≥ 0, by the two-phase simplex method on a dense
// tableau with Bland's rule (no cycling; Bland 1977). The problems here are a few
// dozen variables, so density costs nothing and keeps the code short.
// Returns nullopt when unbounded below. The caller guarantees feasibility (the
// true values satisfy every line).
class Simplex {
 public:
  Simplex(const std::vector<std::vector<double>>& a, const std::vector<double>& b, std::size_t n) {
    m_ = a.size();
    n_ = n;
    width_ = n_ + m_ + 1;
    rows_.assign(m_, std::vector<double>(width_, 0.0));
    basis_.resize(m_);
    for (std::size_t i = 0; i < m_; ++i) {
      const double sign = b[i] < 0 ? -1.0 : 1.0;
      for (std::size_t j = 0; j < n_; ++j) rows_[i][j] = sign * a[i][j];
      rows_[i][n_ + i] = 1.0;  // artificial
      rows_[i][width_ - 1] = sign * b[i];
      basis_[i] = n_ + i;
    }
    // Phase 1: minimise the sum of the artificials.
    std::vector<double> c(width_ - 1, 0.0);
    for (std::size_t i = 0; i < m_; ++i) c[n_ + i] = 1.0;
    set_objective(c);
    run(/*allow_artificial=*/true);
    // Drive artificials still in the basis (at 0) out where a real column can
    // replace them; the rows where none can are redundant and stay inert.
    for (std::size_t i = 0; i < m_; ++i) {
      if (basis_[i] < n_) continue;
      for (std::size_t j = 0; j < n_; ++j) {
        if (std::fabs(rows_[i][j]) > kEps) {
          pivot(i, j);
          break;
        }
      }
    }
  }

  std::optional<double> minimise(const std::vector<double>& cost) {
    Simplex copy = *this;
    std::vector<double> c(width_ - 1, 0.0);
    for (std::size_t j = 0; j < n_; ++j) c[j] = cost[j];
    copy.set_objective(c);
    if (!copy.run(/*allow_artificial=*/false)) return std::nullopt;
    return -copy.obj_[width_ - 1];
  }

 private:
  void set_objective(const std::vector<double>& c) {
    obj_.assign(width_, 0.0);
    for (std::size_t j = 0; j + 1 < width_; ++j) obj_[j] = c[j];
    for (std::size_t i = 0; i < m_; ++i) {
      const double cb = c[basis_[i]];
      if (cb == 0.0) continue;
      for (std::size_t j = 0; j < width_; ++j) obj_[j] -= cb * rows_[i][j];
    }
  }

  void pivot(std::size_t r, std::size_t col) {
    const double p = rows_[r][col];
    for (double& v : rows_[r]) v /= p;
    auto eliminate = [&](std::vector<double>& row) {
      const double f = row[col];
      if (f == 0.0) return;
      for (std::size_t j = 0; j < width_; ++j) row[j] -= f * rows_[r][j];
    };
    for (std::size_t i = 0; i < m_; ++i) {
      if (i != r) eliminate(rows_[i]);
    }
    eliminate(obj_);
    basis_[r] = col;
  }

  // False when unbounded.
  bool run(bool allow_artificial) {
    const std::size_t columns = allow_artificial ? n_ + m_ : n_;
    for (;;) {
      std::size_t enter = columns;
      for (std::size_t j = 0; j < columns; ++j) {
        if (obj_[j] < -kEps) {
          enter = j;
          break;
        }
      }
      if (enter == columns) return true;
      std::size_t leave = m_;
      double best = std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < m_; ++i) {
        if (rows_[i][enter] <= kEps) continue;
        const double ratio = rows_[i][width_ - 1] / rows_[i][enter];
        if (ratio < best - kEps || (ratio <= best + kEps && leave < m_ && basis_[i] < basis_[leave])) {
          best = std::min(best, ratio);
          leave = i;
        }
      }
      if (leave == m_) return false;
      pivot(leave, enter);
    }
  }

  std::size_t m_ = 0, n_ = 0, width_ = 0;
  std::vector<std::vector<double>> rows_;
  std::vector<double> obj_;
  std::vector<std::size_t> basis_;
};

void check(const std::vector<std::int64_t>& values, const std::vector<bool>& hidden,
           const std::vector<AdditiveLine>& lines) {
  if (values.size() != hidden.size()) throw std::invalid_argument("one hidden mark per value is required");
  for (std::int64_t v : values) {
    if (v < 0) throw std::invalid_argument("values must be non-negative");
  }
  for (const auto& l : lines) {
    std::int64_t sum = 0;
    for (std::size_t p : l.parts) {
      if (p >= values.size()) throw std::invalid_argument("line part out of range");
      sum += values[p];
    }
    if (l.total >= values.size()) throw std::invalid_argument("line total out of range");
    if (sum != values[l.total]) throw std::invalid_argument("a line does not add up");
  }
}

// The hidden entries as LP variables and the lines that hold one as equations.
struct Program {
  std::vector<std::size_t> variable_of;  // entry → variable, or npos
  std::vector<std::vector<double>> a;
  std::vector<double> b;
  std::size_t variables = 0;
};

Program program(const std::vector<std::int64_t>& values, const std::vector<bool>& hidden,
                const std::vector<AdditiveLine>& lines) {
  Program p;
  p.variable_of.assign(values.size(), std::numeric_limits<std::size_t>::max());
  for (std::size_t e = 0; e < values.size(); ++e) {
    if (hidden[e]) p.variable_of[e] = p.variables++;
  }
  for (const auto& l : lines) {
    std::vector<double> row(p.variables, 0.0);
    double rhs = 0.0;
    bool any = false;
    auto add = [&](std::size_t e, double sign) {
      if (hidden[e]) {
        row[p.variable_of[e]] += sign;
        any = true;
      } else {
        rhs -= sign * static_cast<double>(values[e]);
      }
    };
    for (std::size_t part : l.parts) add(part, 1.0);
    add(l.total, -1.0);
    if (!any) continue;
    p.a.push_back(std::move(row));
    p.b.push_back(rhs);
  }
  return p;
}

FeasibleRange range_of(Simplex& lp, const Program& p, std::size_t variable) {
  std::vector<double> cost(p.variables, 0.0);
  cost[variable] = 1.0;
  FeasibleRange r;
  const auto low = lp.minimise(cost);
  r.low = low ? static_cast<std::int64_t>(std::ceil(*low - 1e-6)) : 0;
  if (r.low < 0) r.low = 0;
  cost[variable] = -1.0;
  if (const auto high = lp.minimise(cost)) r.high = static_cast<std::int64_t>(std::floor(-*high + 1e-6));
  return r;
}

}  // namespace

std::vector<std::optional<FeasibleRange>> feasible_ranges(const std::vector<std::int64_t>& values,
                                                          const std::vector<bool>& hidden,
                                                          const std::vector<AdditiveLine>& lines) {
  check(values, hidden, lines);
  const Program p = program(values, hidden, lines);
  std::vector<std::optional<FeasibleRange>> out(values.size());
  if (p.variables == 0) return out;
  Simplex lp(p.a, p.b, p.variables);
  for (std::size_t e = 0; e < values.size(); ++e) {
    if (hidden[e]) out[e] = range_of(lp, p, p.variable_of[e]);
  }
  return out;
}

FeasibleRange feasible_range(const std::vector<std::int64_t>& values, const std::vector<bool>& hidden,
                             const std::vector<AdditiveLine>& lines, std::size_t entry) {
  check(values, hidden, lines);
  if (entry >= values.size() || !hidden[entry]) throw std::invalid_argument("entry is not hidden");
  const Program p = program(values, hidden, lines);
  Simplex lp(p.a, p.b, p.variables);
  return range_of(lp, p, p.variable_of[entry]);
}

}  // namespace tilfreds::stats
