#include "stats/suppression.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "stats/checks.h"

namespace tilfreds::stats {
namespace {

// The table with its margins as one (r+1) × (c+1) grid: row r holds the column
// totals, column c the row totals, (r, c) the grand total.
struct Grid {
  std::size_t rows = 0;  // r + 1
  std::size_t cols = 0;  // c + 1
  std::vector<std::int64_t> value;
  std::vector<CellStatus> status;
  std::vector<bool> printed;

  std::size_t at(std::size_t i, std::size_t j) const { return i * cols + j; }
  bool is_total(std::size_t i, std::size_t j) const { return i + 1 == rows || j + 1 == cols; }
};

struct Line {
  std::vector<std::size_t> entries;  // grid indices
};

std::vector<Line> build_lines(const Grid& g, const SuppressionOptions& o) {
  std::vector<Line> lines;
  const std::size_t r = g.rows - 1;
  const std::size_t c = g.cols - 1;
  // Row lines, including the column-totals row: x_i1 + ... + x_ic = R_i.
  if (o.row_totals_published) {
    for (std::size_t i = 0; i < r; ++i) {
      Line l;
      for (std::size_t j = 0; j <= c; ++j) l.entries.push_back(g.at(i, j));
      lines.push_back(std::move(l));
    }
  }
  if (o.column_totals_published) {
    for (std::size_t j = 0; j < c; ++j) {
      Line l;
      for (std::size_t i = 0; i <= r; ++i) l.entries.push_back(g.at(i, j));
      lines.push_back(std::move(l));
    }
  }
  // The margins add up to the grand total, when it is printed.
  if (o.row_totals_published && o.grand_total_published) {
    Line l;
    for (std::size_t i = 0; i <= r; ++i) l.entries.push_back(g.at(i, c));
    lines.push_back(std::move(l));
  }
  if (o.column_totals_published && o.grand_total_published) {
    Line l;
    for (std::size_t j = 0; j <= c; ++j) l.entries.push_back(g.at(r, j));
    lines.push_back(std::move(l));
  }
  return lines;
}

}  // namespace

SuppressionResult suppress(const CountTable& table, const SuppressionOptions& options) {
  check_table(table);
  if (options.threshold < 1) throw std::invalid_argument("threshold must be at least 1");
  const std::size_t r = table.size();
  const std::size_t c = table.front().size();
  Grid g;
  g.rows = r + 1;
  g.cols = c + 1;
  g.value.assign(g.rows * g.cols, 0);
  g.status.assign(g.rows * g.cols, CellStatus::kPublished);
  g.printed.assign(g.rows * g.cols, true);
  for (std::size_t i = 0; i < r; ++i) {
    for (std::size_t j = 0; j < c; ++j) {
      const std::int64_t v = table[i][j];
      g.value[g.at(i, j)] = v;
      g.value[g.at(i, c)] += v;
      g.value[g.at(r, j)] += v;
      g.value[g.at(r, c)] += v;
    }
  }
  for (std::size_t i = 0; i < r; ++i) g.printed[g.at(i, c)] = options.row_totals_published;
  for (std::size_t j = 0; j < c; ++j) g.printed[g.at(r, j)] = options.column_totals_published;
  g.printed[g.at(r, c)] = options.grand_total_published;

  auto small = [&](std::int64_t v) {
    return v < options.threshold && (v > 0 || options.suppress_zeros);
  };
  for (std::size_t i = 0; i < r; ++i) {
    const bool small_group = small(g.value[g.at(i, c)]) && g.value[g.at(i, c)] > 0;
    for (std::size_t j = 0; j <= c; ++j) {
      const bool inner = j < c;
      if (small_group || (inner && small(g.value[g.at(i, j)]))) {
        g.status[g.at(i, j)] = CellStatus::kPrimary;
      }
    }
  }

  const std::vector<Line> lines = build_lines(g, options);
  // For each grid entry, the lines through it, to score candidates.
  std::vector<std::vector<std::size_t>> lines_of(g.value.size());
  for (std::size_t li = 0; li < lines.size(); ++li) {
    for (std::size_t e : lines[li].entries) lines_of[e].push_back(li);
  }
  auto hidden_in = [&](const Line& l) {
    return std::count_if(l.entries.begin(), l.entries.end(),
                         [&](std::size_t e) { return g.status[e] != CellStatus::kPublished; });
  };

  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t li = 0; li < lines.size(); ++li) {
      if (hidden_in(lines[li]) != 1) continue;
      // Lexicographic cost; lower is better (see the header for the order).
      using Cost = std::tuple<int, int, int, std::int64_t>;
      Cost best_cost{std::numeric_limits<int>::max(), 0, 0, 0};
      std::size_t best = g.value.size();
      for (std::size_t e : lines[li].entries) {
        if (g.status[e] != CellStatus::kPublished || !g.printed[e]) continue;
        // Negative when hiding e also settles another lone hidden entry,
        // positive when it leaves a new lone one behind.
        int knock_on = 0;
        for (std::size_t other : lines_of[e]) {
          if (other == li) continue;
          const auto h = hidden_in(lines[other]);
          if (h == 0) ++knock_on;
          if (h == 1) --knock_on;
        }
        const Cost cost{knock_on, g.is_total(e / g.cols, e % g.cols) ? 1 : 0,
                        g.value[e] == 0 ? 1 : 0, g.value[e]};
        if (best == g.value.size() || cost < best_cost) {
          best_cost = cost;
          best = e;
        }
      }
      if (best == g.value.size()) continue;  // nothing printed left to hide
      g.status[best] = CellStatus::kComplementary;
      changed = true;
    }
  }

  SuppressionResult out;
  out.cells.assign(r, std::vector<CellStatus>(c));
  for (std::size_t i = 0; i < r; ++i) {
    for (std::size_t j = 0; j < c; ++j) out.cells[i][j] = g.status[g.at(i, j)];
    out.row_totals.push_back(g.status[g.at(i, c)]);
  }
  for (std::size_t j = 0; j < c; ++j) out.column_totals.push_back(g.status[g.at(r, j)]);
  out.grand_total = g.status[g.at(r, c)];
  return out;
}

bool not_representative(std::int64_t respondents, std::int64_t minimum) {
  check_count(respondents, "respondents");
  if (minimum < 1) throw std::invalid_argument("minimum must be at least 1");
  return respondents < minimum;
}

}  // namespace tilfreds::stats
