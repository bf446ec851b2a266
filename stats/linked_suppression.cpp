#include "stats/linked_suppression.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <tuple>

#include "stats/checks.h"
#include "stats/suppression_audit.h"

namespace tilfreds::stats {
namespace {

// Every printed figure of the table as one entry, and the additive lines between
// them. Kinds rank what hiding costs a reader: a single category first, a grand
// total last.
enum class Kind { kCell = 0, kTop = 1, kColumnTotal = 2, kRowTotal = 3, kGrand = 4 };

struct Layout {
  std::size_t rows = 0, cols = 0, top = 0;
  std::size_t cell(std::size_t g, std::size_t j) const { return g * cols + j; }
  std::size_t row_n(std::size_t g) const { return rows * cols + g; }
  std::size_t total(std::size_t j) const { return rows * cols + rows + j; }
  std::size_t grand() const { return rows * cols + rows + cols; }
  std::size_t row_top(std::size_t g) const { return grand() + 1 + g; }
  std::size_t total_top() const { return grand() + 1 + rows; }
  // The rest of a row beside its top share (n − top): not printed, but a reader
  // gets it by subtraction, so a small one ("100 %" of 6) is as telling as a cell.
  std::size_t row_bottom(std::size_t g) const { return total_top() + 1 + g; }
  std::size_t total_bottom() const { return total_top() + 1 + rows; }
  std::size_t size() const { return top ? total_bottom() + 1 : grand() + 1; }
  Kind kind(std::size_t e) const {
    if (e < rows * cols) return Kind::kCell;
    if (e < rows * cols + rows) return Kind::kRowTotal;
    if (e < grand()) return Kind::kColumnTotal;
    if (e == grand()) return Kind::kGrand;
    if (e == total_top() || (top && e == total_bottom())) return Kind::kColumnTotal;
    return Kind::kTop;
  }
};

struct State {
  Layout at;
  std::vector<std::int64_t> value;
  std::vector<bool> hidden;
  std::vector<bool> primary;
  std::vector<AdditiveLine> lines;                 // every line: what the audit knows
  std::vector<bool> heuristic;                     // per line: printed on its own (not via a bottom)
  std::vector<std::vector<std::size_t>> lines_of;  // entry → heuristic lines through it
  std::vector<std::vector<std::size_t>> all_lines_of;
  // Hidden but not printed and not small: a bottom of 5 or more need not be kept
  // from the reader (n − top gives it), only a small one must.
  std::vector<bool> exempt;
};

std::vector<std::size_t> entries_of(const AdditiveLine& l) {
  std::vector<std::size_t> out = l.parts;
  out.push_back(l.total);
  return out;
}

State build(const LinkedTable& t) {
  State s;
  Layout& a = s.at;
  a.rows = t.rows.size();
  a.cols = t.rows.front().size();
  a.top = t.top;
  s.value.assign(a.size(), 0);
  std::vector<AdditiveLine> bottoms;  // lines through the unprinted bottoms, for the audit only
  for (std::size_t g = 0; g < a.rows; ++g) {
    for (std::size_t j = 0; j < a.cols; ++j) {
      const std::int64_t v = t.rows[g][j];
      s.value[a.cell(g, j)] = v;
      s.value[a.row_n(g)] += v;
      s.value[a.total(j)] += v;
      s.value[a.grand()] += v;
      if (j < a.top) {
        s.value[a.row_top(g)] += v;
        s.value[a.total_top()] += v;
      } else if (a.top) {
        s.value[a.row_bottom(g)] += v;
        s.value[a.total_bottom()] += v;
      }
    }
  }
  for (std::size_t g = 0; g < a.rows; ++g) {
    AdditiveLine row{{}, a.row_n(g)};
    for (std::size_t j = 0; j < a.cols; ++j) row.parts.push_back(a.cell(g, j));
    s.lines.push_back(row);
    if (a.top) {
      AdditiveLine top{{}, a.row_top(g)};
      for (std::size_t j = 0; j < a.top; ++j) top.parts.push_back(a.cell(g, j));
      s.lines.push_back(top);
      AdditiveLine bottom{{}, a.row_bottom(g)};
      for (std::size_t j = a.top; j < a.cols; ++j) bottom.parts.push_back(a.cell(g, j));
      bottoms.push_back(bottom);
      bottoms.push_back({{a.row_top(g), a.row_bottom(g)}, a.row_n(g)});
    }
  }
  for (std::size_t j = 0; j < a.cols; ++j) {
    AdditiveLine column{{}, a.total(j)};
    for (std::size_t g = 0; g < a.rows; ++g) column.parts.push_back(a.cell(g, j));
    s.lines.push_back(column);
  }
  AdditiveLine totals{{}, a.grand()};
  for (std::size_t j = 0; j < a.cols; ++j) totals.parts.push_back(a.total(j));
  s.lines.push_back(totals);
  AdditiveLine sizes{{}, a.grand()};
  for (std::size_t g = 0; g < a.rows; ++g) sizes.parts.push_back(a.row_n(g));
  s.lines.push_back(sizes);
  if (a.top) {
    AdditiveLine top{{}, a.total_top()};
    for (std::size_t j = 0; j < a.top; ++j) top.parts.push_back(a.total(j));
    s.lines.push_back(top);
    AdditiveLine bottom{{}, a.total_bottom()};
    for (std::size_t j = a.top; j < a.cols; ++j) bottom.parts.push_back(a.total(j));
    bottoms.push_back(bottom);
    bottoms.push_back({{a.total_top(), a.total_bottom()}, a.grand()});
  }
  s.heuristic.assign(s.lines.size(), true);
  for (auto& l : bottoms) {
    s.lines.push_back(std::move(l));
    s.heuristic.push_back(false);
  }
  s.lines_of.assign(a.size(), {});
  s.all_lines_of.assign(a.size(), {});
  for (std::size_t li = 0; li < s.lines.size(); ++li) {
    for (std::size_t e : entries_of(s.lines[li])) {
      s.all_lines_of[e].push_back(li);
      if (s.heuristic[li]) s.lines_of[e].push_back(li);
    }
  }
  s.hidden.assign(a.size(), false);
  s.exempt.assign(a.size(), false);
  return s;
}

std::size_t hidden_in(const State& s, const AdditiveLine& l) {
  std::size_t n = s.hidden[l.total] ? 1 : 0;
  for (std::size_t e : l.parts) n += s.hidden[e] ? 1 : 0;
  return n;
}

// A line with exactly one hidden entry gives it away by subtraction: give it a
// second, preferring one that also settles another lone entry, then the cheapest
// kind, a non-zero, the smallest (Cox 1980's "no lone suppression per line").
void no_lone_hidden(State& s) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::size_t li = 0; li < s.lines.size(); ++li) {
      if (!s.heuristic[li] || hidden_in(s, s.lines[li]) != 1) continue;
      // A lone unknown that is printed nowhere (an exempt total) may be worked out.
      bool lone_exempt = false;
      for (std::size_t e : entries_of(s.lines[li])) lone_exempt = lone_exempt || (s.hidden[e] && s.exempt[e]);
      if (lone_exempt) continue;
      using Cost = std::tuple<int, int, int, std::int64_t>;
      std::optional<Cost> best_cost;
      std::size_t best = 0;
      for (std::size_t e : entries_of(s.lines[li])) {
        if (s.hidden[e]) continue;
        int knock_on = 0;
        for (std::size_t other : s.lines_of[e]) {
          if (other == li) continue;
          const std::size_t h = hidden_in(s, s.lines[other]);
          if (h == 0) ++knock_on;
          if (h == 1) --knock_on;
        }
        const Cost cost{knock_on, static_cast<int>(s.at.kind(e)), s.value[e] == 0 ? 1 : 0, s.value[e]};
        if (!best_cost || cost < *best_cost) {
          best_cost = cost;
          best = e;
        }
      }
      if (!best_cost) continue;
      s.hidden[best] = true;
      changed = true;
    }
  }
}

bool protected_enough(const std::optional<FeasibleRange>& r, std::int64_t threshold) {
  return !r || !r->width() || *r->width() >= threshold;
}

// Hides further entries until the audit passes: for the first hidden entry whose
// range is narrower than the threshold, the entry on a line through it that
// widens that range most (to the threshold at least, if one does), then the
// cheapest kind and the smallest value; then lone entries are settled again.
void audit_and_widen(State& s, std::int64_t threshold) {
  for (;;) {
    no_lone_hidden(s);
    const auto ranges = feasible_ranges(s.value, s.hidden, s.lines);
    bool widened = false;
    for (std::size_t weak = 0; weak < s.value.size() && !widened; ++weak) {
      if (!s.hidden[weak] || s.exempt[weak] || protected_enough(ranges[weak], threshold)) continue;
      using Score = std::tuple<std::int64_t, int, std::int64_t>;  // lower is better
      std::optional<Score> best_score;
      std::size_t best = 0;
      auto consider = [&](std::size_t e) {
        if (s.hidden[e]) return;
        s.hidden[e] = true;
        const FeasibleRange r = feasible_range(s.value, s.hidden, s.lines, weak);
        s.hidden[e] = false;
        const std::int64_t width = r.width() ? std::min(*r.width(), threshold) : threshold;
        const Score score{-width, static_cast<int>(s.at.kind(e)), s.value[e]};
        if (!best_score || score < *best_score) {
          best_score = score;
          best = e;
        }
      };
      for (std::size_t li : s.all_lines_of[weak]) {
        for (std::size_t e : entries_of(s.lines[li])) consider(e);
      }
      // Every line through it is hidden already: what pins it lies further away
      // (a top share, a total), so any printed entry may be the one to hide.
      if (!best_score) {
        for (std::size_t e = 0; e < s.value.size(); ++e) consider(e);
      }
      if (!best_score) continue;
      s.hidden[best] = true;
      widened = true;
    }
    if (!widened) return;
  }
}

}  // namespace

LinkedMarks protect_linked(const LinkedTable& t, const LinkedOptions& o) {
  check_table(t.rows, "linked table");
  if (o.threshold < 1) throw std::invalid_argument("threshold must be at least 1");
  if (t.top > t.rows.front().size()) throw std::invalid_argument("top exceeds the number of categories");
  if (!t.forced_hidden.empty() && t.forced_hidden.size() != t.rows.size()) {
    throw std::invalid_argument("one forced_hidden mark per row is required");
  }
  State s = build(t);
  const Layout& a = s.at;
  const std::int64_t th = o.threshold;
  auto hide_row = [&](std::size_t g) {
    for (std::size_t j = 0; j < a.cols; ++j) s.hidden[a.cell(g, j)] = true;
    s.hidden[a.row_n(g)] = true;
    if (a.top) s.hidden[a.row_top(g)] = s.hidden[a.row_bottom(g)] = true;
  };
  // The bottoms are never printed: unknowns from the start, to be protected
  // only when small and their group answered (grand > 0 checked below).
  if (a.top) {
    for (std::size_t g = 0; g < a.rows; ++g) {
      s.hidden[a.row_bottom(g)] = true;
      s.exempt[a.row_bottom(g)] = s.value[a.row_bottom(g)] >= th || s.value[a.row_n(g)] == 0;
    }
    s.hidden[a.total_bottom()] = true;
    s.exempt[a.total_bottom()] = s.value[a.total_bottom()] >= th;
  }
  if (!t.totals_published) {
    std::vector<std::size_t> totals = {a.grand()};
    for (std::size_t j = 0; j < a.cols; ++j) totals.push_back(a.total(j));
    if (a.top) {
      totals.push_back(a.total_top());
      totals.push_back(a.total_bottom());
    }
    for (std::size_t e : totals) s.hidden[e] = s.exempt[e] = true;
  }
  const std::int64_t grand = s.value[a.grand()];
  if (grand > 0 && grand < th) {
    s.hidden.assign(a.size(), true);
  } else if (grand > 0) {
    for (std::size_t g = 0; g < a.rows; ++g) {
      const std::int64_t n = s.value[a.row_n(g)];
      if ((n > 0 && n < th) || (!t.forced_hidden.empty() && t.forced_hidden[g])) {
        hide_row(g);
        continue;
      }
      if (n == 0) continue;  // nobody in the group answered: nothing to protect
      for (std::size_t j = 0; j < a.cols; ++j) {
        if (s.value[a.cell(g, j)] < th) s.hidden[a.cell(g, j)] = true;
      }
      if (a.top && s.value[a.row_top(g)] < th) s.hidden[a.row_top(g)] = true;
    }
    for (std::size_t j = 0; j < a.cols; ++j) {
      if (s.value[a.total(j)] < th) s.hidden[a.total(j)] = true;
    }
    if (a.top && s.value[a.total_top()] < th) s.hidden[a.total_top()] = true;
    audit_and_widen(s, th);
  }

  // A row whose n is hidden shows no percent either: with n unknown the percents
  // still pin n by their ratios (47 % and 35 % allow only n = 17 for 8 and 6),
  // which the additive model above does not see. Hiding more only widens ranges.
  for (std::size_t g = 0; g < a.rows; ++g) {
    if (s.hidden[a.row_n(g)]) hide_row(g);
  }
  if (s.hidden[a.grand()]) {
    for (std::size_t j = 0; j < a.cols; ++j) s.hidden[a.total(j)] = true;
    if (a.top) s.hidden[a.total_top()] = true;
  }
  auto status = [&](std::size_t e) { return s.hidden[e] ? CellStatus::kComplementary : CellStatus::kPublished; };
  LinkedMarks m;
  m.cells.assign(a.rows, std::vector<CellStatus>(a.cols));
  for (std::size_t g = 0; g < a.rows; ++g) {
    for (std::size_t j = 0; j < a.cols; ++j) m.cells[g][j] = status(a.cell(g, j));
    m.n.push_back(status(a.row_n(g)));
    m.top.push_back(a.top ? status(a.row_top(g)) : CellStatus::kPublished);
  }
  for (std::size_t j = 0; j < a.cols; ++j) m.total_cells.push_back(status(a.total(j)));
  m.total_n = status(a.grand());
  m.total_top = a.top ? status(a.total_top()) : CellStatus::kPublished;
  // Primary marks for the entries under the threshold, so callers can tell.
  for (std::size_t g = 0; g < a.rows; ++g) {
    for (std::size_t j = 0; j < a.cols; ++j) {
      if (s.hidden[a.cell(g, j)] && s.value[a.cell(g, j)] < th) m.cells[g][j] = CellStatus::kPrimary;
    }
  }
  return m;
}

namespace {
// The rule protect_sizes and protect_parts share: hide the small, then the smallest
// of the rest until two are hidden that sum to the threshold. `zero_is_small`: a 0
// group size tells nothing about anybody, a 0 category does (nobody chose it).
std::vector<bool> hide_small_parts(const std::vector<std::int64_t>& values, std::int64_t threshold,
                                   bool zero_is_small) {
  check_counts(values, "counts");
  if (threshold < 1) throw std::invalid_argument("threshold must be at least 1");
  const auto candidate = [&](std::int64_t v) { return zero_is_small || v > 0; };
  std::vector<bool> hidden(values.size(), false);
  std::size_t count = 0;
  std::int64_t sum = 0;
  for (std::size_t g = 0; g < values.size(); ++g) {
    if (candidate(values[g]) && values[g] < threshold) {
      hidden[g] = true;
      ++count;
      sum += values[g];
    }
  }
  while (count > 0 && (count < 2 || sum < threshold)) {
    std::size_t pick = values.size();
    for (std::size_t g = 0; g < values.size(); ++g) {
      if (!hidden[g] && candidate(values[g]) && (pick == values.size() || values[g] < values[pick])) pick = g;
    }
    if (pick == values.size()) break;  // nothing left to hide: the total itself is small
    hidden[pick] = true;
    ++count;
    sum += values[pick];
  }
  return hidden;
}
}  // namespace

std::vector<bool> protect_sizes(const std::vector<std::int64_t>& sizes, std::int64_t threshold) {
  return hide_small_parts(sizes, threshold, false);
}

PartMarks protect_parts(const std::vector<std::int64_t>& parts, std::int64_t threshold) {
  PartMarks m{hide_small_parts(parts, threshold, true), true};
  std::int64_t whole = 0;
  for (const auto p : parts) whole += p;
  m.parts_printable = whole >= threshold;
  return m;
}

}  // namespace tilfreds::stats
