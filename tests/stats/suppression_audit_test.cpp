// The audit's ranges against brute force: every assignment of whole numbers to the
// hidden entries of small tables is tried, and the smallest and largest value that
// satisfies every line must be what the LP says. Then the linked suppression's
// promise: every hidden entry of the protected table has a range at least the
// threshold wide.
#include "stats/suppression_audit.h"

#include <catch2/catch.hpp>
#include <functional>
#include <random>

#include "stats/linked_suppression.h"

namespace ts = tilfreds::stats;

namespace {

// A rows × cols table with its margins: entries r·c cells, then row totals, column
// totals, the grand total; lines as a reader of such a table has them.
struct Grid {
  std::vector<std::int64_t> values;
  std::vector<ts::AdditiveLine> lines;
};

Grid grid(const std::vector<std::vector<std::int64_t>>& t) {
  const std::size_t r = t.size(), c = t[0].size();
  Grid g;
  g.values.assign(r * c + r + c + 1, 0);
  for (std::size_t i = 0; i < r; ++i) {
    for (std::size_t j = 0; j < c; ++j) {
      g.values[i * c + j] = t[i][j];
      g.values[r * c + i] += t[i][j];
      g.values[r * c + r + j] += t[i][j];
      g.values[r * c + r + c] += t[i][j];
    }
  }
  for (std::size_t i = 0; i < r; ++i) {
    ts::AdditiveLine l{{}, r * c + i};
    for (std::size_t j = 0; j < c; ++j) l.parts.push_back(i * c + j);
    g.lines.push_back(l);
  }
  for (std::size_t j = 0; j < c; ++j) {
    ts::AdditiveLine l{{}, r * c + r + j};
    for (std::size_t i = 0; i < r; ++i) l.parts.push_back(i * c + j);
    g.lines.push_back(l);
  }
  ts::AdditiveLine rows{{}, r * c + r + c}, cols{{}, r * c + r + c};
  for (std::size_t i = 0; i < r; ++i) rows.parts.push_back(r * c + i);
  for (std::size_t j = 0; j < c; ++j) cols.parts.push_back(r * c + r + j);
  g.lines.push_back(rows);
  g.lines.push_back(cols);
  return g;
}

// Tries every value 0..limit for every hidden entry.
std::vector<std::pair<std::int64_t, std::int64_t>> brute_force(const Grid& g, const std::vector<bool>& hidden,
                                                               std::int64_t limit) {
  std::vector<std::size_t> h;
  for (std::size_t e = 0; e < hidden.size(); ++e) {
    if (hidden[e]) h.push_back(e);
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> range(h.size(), {limit + 1, -1});
  std::vector<std::int64_t> v = g.values;
  std::function<void(std::size_t)> go = [&](std::size_t k) {
    if (k == h.size()) {
      for (const auto& l : g.lines) {
        std::int64_t s = 0;
        for (std::size_t p : l.parts) s += v[p];
        if (s != v[l.total]) return;
      }
      for (std::size_t i = 0; i < h.size(); ++i) {
        range[i].first = std::min(range[i].first, v[h[i]]);
        range[i].second = std::max(range[i].second, v[h[i]]);
      }
      return;
    }
    for (std::int64_t x = 0; x <= limit; ++x) {
      v[h[k]] = x;
      go(k + 1);
    }
  };
  go(0);
  return range;
}
}  // namespace

TEST_CASE("audit: a lone hidden cell in a row is pinned; a pair slides by the smaller of their columns") {
  Grid g = grid({{5, 1, 1}, {10, 10, 10}});
  std::vector<bool> hidden(g.values.size(), false);
  hidden[1] = true;
  auto r = ts::feasible_ranges(g.values, hidden, g.lines);
  REQUIRE(r[1]);
  CHECK(r[1]->low == 1);
  CHECK(r[1]->high == 1);
  // 1 and 1 hidden in row 0, 10 and 10 in row 1 below them: each can be 0..11.
  hidden[2] = hidden[4] = hidden[5] = true;
  r = ts::feasible_ranges(g.values, hidden, g.lines);
  CHECK(r[1]->low == 0);
  CHECK(r[1]->high == 2);
  CHECK(r[4]->low == 9);
  CHECK(r[4]->high == 11);
}

TEST_CASE("audit: entries whose lines are all hidden have no upper bound but the grand total's") {
  Grid g = grid({{2, 3}, {4, 5}});
  std::vector<bool> hidden(g.values.size(), true);
  auto r = ts::feasible_ranges(g.values, hidden, g.lines);
  CHECK(r[0]->low == 0);
  CHECK_FALSE(r[0]->high.has_value());
}

TEST_CASE("audit: LP ranges equal brute-force integer ranges on random small tables") {
  std::mt19937 rng(13);
  std::uniform_int_distribution<int> cell(0, 4), pick(0, 99);
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<std::vector<std::int64_t>> t(3, std::vector<std::int64_t>(3));
    for (auto& row : t) {
      for (auto& v : row) v = cell(rng);
    }
    Grid g = grid(t);
    std::vector<bool> hidden(g.values.size(), false);
    int count = 0;
    for (std::size_t e = 0; e < g.values.size() && count < 5; ++e) {
      if (pick(rng) < 30) {
        hidden[e] = true;
        ++count;
      }
    }
    if (count == 0) continue;
    const std::int64_t limit = g.values.back();
    auto lp = ts::feasible_ranges(g.values, hidden, g.lines);
    auto bf = brute_force(g, hidden, limit);
    std::size_t i = 0;
    for (std::size_t e = 0; e < hidden.size(); ++e) {
      if (!hidden[e]) continue;
      CAPTURE(trial, e);
      CHECK(lp[e]->low == bf[i].first);
      // Unbounded in the LP (a hidden grand total with a free cycle): the
      // enumeration, capped at the true grand total, cannot tell; else equal.
      if (lp[e]->high) CHECK(*lp[e]->high == bf[i].second);
      ++i;
    }
  }
}

TEST_CASE("audit: bad input is refused") {
  Grid g = grid({{1, 2}});
  std::vector<bool> hidden(g.values.size(), false);
  CHECK_THROWS_AS(ts::feasible_ranges(g.values, {true}, g.lines), std::invalid_argument);
  auto broken = g.values;
  broken[0] = 7;
  CHECK_THROWS_AS(ts::feasible_ranges(broken, hidden, g.lines), std::invalid_argument);
  CHECK_THROWS_AS(ts::feasible_range(g.values, hidden, g.lines, 0), std::invalid_argument);
}

TEST_CASE("linked: the issue's row 71 %;0 %;–;–;n=7 keeps no hidden cell narrower than 5") {
  ts::LinkedTable t;
  t.rows = {{5, 0, 1, 1}, {20, 15, 3, 2}, {50, 40, 10, 6}};
  t.top = 2;
  auto m = ts::protect_linked(t);
  CHECK(m.cells[0][1] != ts::CellStatus::kPublished);  // the 0 beside hidden cells is hidden too
  CHECK(m.cells[0][2] == ts::CellStatus::kPrimary);
}

TEST_CASE("linked: every hidden entry of random group tables has a range of at least the threshold") {
  std::mt19937 rng(2026);
  std::uniform_int_distribution<int> size(0, 6), cell(0, 30), small(0, 4);
  for (int trial = 0; trial < 40; ++trial) {
    ts::LinkedTable t;
    t.top = 2;
    const int groups = 2 + size(rng);
    for (int g = 0; g < groups; ++g) {
      std::vector<std::int64_t> row;
      const bool tiny = small(rng) == 0;
      for (int j = 0; j < 4; ++j) row.push_back(tiny ? small(rng) / 2 : (small(rng) == 0 ? small(rng) : cell(rng)));
      t.rows.push_back(row);
    }
    auto m = ts::protect_linked(t);
    // Rebuild the entries and lines as protect_linked's reader sees them.
    const std::size_t r = t.rows.size(), c = 4;
    std::vector<std::int64_t> v(r * c + r + c + 1 + r + 1, 0);
    std::vector<bool> hidden(v.size(), false);
    std::vector<ts::AdditiveLine> lines;
    const std::size_t rn = r * c, tot = r * c + r, grand = r * c + r + c, rtop = grand + 1, ttop = grand + 1 + r;
    for (std::size_t g = 0; g < r; ++g) {
      ts::AdditiveLine row{{}, rn + g}, top{{}, rtop + g};
      for (std::size_t j = 0; j < c; ++j) {
        v[g * c + j] = t.rows[g][j];
        v[rn + g] += t.rows[g][j];
        v[tot + j] += t.rows[g][j];
        v[grand] += t.rows[g][j];
        if (j < 2) {
          v[rtop + g] += t.rows[g][j];
          v[ttop] += t.rows[g][j];
          top.parts.push_back(g * c + j);
        }
        row.parts.push_back(g * c + j);
        hidden[g * c + j] = m.cells[g][j] != ts::CellStatus::kPublished;
      }
      hidden[rn + g] = m.n[g] != ts::CellStatus::kPublished;
      hidden[rtop + g] = m.top[g] != ts::CellStatus::kPublished;
      lines.push_back(row);
      lines.push_back(top);
    }
    for (std::size_t j = 0; j < c; ++j) {
      ts::AdditiveLine col{{}, tot + j};
      for (std::size_t g = 0; g < r; ++g) col.parts.push_back(g * c + j);
      lines.push_back(col);
      hidden[tot + j] = m.total_cells[j] != ts::CellStatus::kPublished;
    }
    hidden[grand] = m.total_n != ts::CellStatus::kPublished;
    hidden[ttop] = m.total_top != ts::CellStatus::kPublished;
    ts::AdditiveLine a{{}, grand}, b{{}, grand}, top{{tot, tot + 1}, ttop};
    for (std::size_t j = 0; j < c; ++j) a.parts.push_back(tot + j);
    for (std::size_t g = 0; g < r; ++g) b.parts.push_back(rn + g);
    lines.push_back(a);
    lines.push_back(b);
    lines.push_back(top);
    auto ranges = ts::feasible_ranges(v, hidden, lines);
    for (std::size_t e = 0; e < v.size(); ++e) {
      if (!ranges[e] || !ranges[e]->high || v[grand] < 5) continue;
      CAPTURE(trial, e, v[e], ranges[e]->low, *ranges[e]->high);
      CHECK(*ranges[e]->width() >= 5);
    }
    // A row whose n is hidden prints no percent: the ratios would give n away.
    for (std::size_t g = 0; g < r; ++g) {
      if (m.n[g] == ts::CellStatus::kPublished) continue;
      for (std::size_t j = 0; j < c; ++j) CHECK(m.cells[g][j] != ts::CellStatus::kPublished);
      CHECK(m.top[g] != ts::CellStatus::kPublished);
    }
    // Every count under 5 of a group that answered is hidden (0 included).
    for (std::size_t g = 0; g < r; ++g) {
      if (v[rn + g] == 0) continue;
      for (std::size_t j = 0; j < c; ++j) {
        if (t.rows[g][j] < 5) CHECK(m.cells[g][j] != ts::CellStatus::kPublished);
      }
    }
  }
}

TEST_CASE("sizes: one small group takes the smallest other with it") {
  CHECK(ts::protect_sizes({3, 40, 100, 0}) == std::vector<bool>{true, true, false, false});
  CHECK(ts::protect_sizes({2, 1, 100}) == std::vector<bool>{true, true, true});  // 2 + 1 < 5
  CHECK(ts::protect_sizes({30, 40}) == std::vector<bool>{false, false});
  CHECK_THROWS_AS(ts::protect_sizes({-1}), std::invalid_argument);
}

TEST_CASE("parts of a known whole: no hidden part alone, the hidden summing to the threshold, none under it") {
  CHECK(ts::protect_parts({10, 6, 2}).hidden == std::vector<bool>{false, true, true});
  CHECK(ts::protect_parts({10, 6, 0}).hidden == std::vector<bool>{false, true, true});  // 0 is small here
  CHECK(ts::protect_parts({12, 0, 0}).hidden == std::vector<bool>{true, true, true});   // 0 + 0 < 5
  CHECK(ts::protect_parts({30, 40}).hidden == std::vector<bool>{false, false});
  CHECK(ts::protect_parts({3}).parts_printable == false);  // a lone theme of 3: its "–" is 3
  CHECK(ts::protect_parts({2, 2}).parts_printable == false);
  CHECK(ts::protect_parts({5}).parts_printable);
  CHECK_THROWS_AS(ts::protect_parts({-1}), std::invalid_argument);
  // Every line of up to four parts of 0..7: with the whole known, a hidden part
  // can be anything from 0 to the hidden parts' sum and nothing narrower (the
  // others may take all of it), so that sum must reach 5 and no part be hidden alone.
  std::vector<std::int64_t> parts;
  std::function<void(std::size_t)> every = [&](std::size_t left) {
    if (!parts.empty()) {
      const auto m = ts::protect_parts(parts);
      std::int64_t whole = 0, hidden_sum = 0;
      std::size_t hidden = 0;
      for (std::size_t i = 0; i < parts.size(); ++i) {
        whole += parts[i];
        if (m.hidden[i]) {
          ++hidden;
          hidden_sum += parts[i];
        } else {
          CHECK(parts[i] >= 5);
        }
      }
      CHECK(m.parts_printable == (whole >= 5));
      if (m.parts_printable && hidden > 0) {
        CHECK(hidden >= 2);
        CHECK(hidden_sum >= 5);
      }
    }
    if (left == 0) return;
    for (std::int64_t v = 0; v <= 7; ++v) {
      parts.push_back(v);
      every(left - 1);
      parts.pop_back();
    }
  };
  every(4);
}

TEST_CASE("linked: with no totals printed (the complaint pages) a small row does not take a large one with it") {
  // Outcomes per offer: a row of 2 complaints and one of 50 (3, 2, 40, 2, 0, 3).
  ts::LinkedTable t;
  t.rows = {{1, 0, 1, 0, 0, 0}, {3, 2, 40, 2, 0, 3}};
  t.top = 2;
  t.totals_published = false;
  auto m = ts::protect_linked(t);
  CHECK(m.n[0] != ts::CellStatus::kPublished);  // 2 complaints: the whole row
  CHECK(m.n[1] == ts::CellStatus::kPublished);
  CHECK(m.top[1] == ts::CellStatus::kPublished);                  // upheld 3 + 2 = 5
  CHECK(m.cells[1][2] == ts::CellStatus::kPublished);             // not upheld 40
  for (int j : {0, 1, 3, 4, 5}) CHECK(m.cells[1][j] != ts::CellStatus::kPublished);
  // The rows alone: 3 + 2 = 5 beside the published top, 2 + 0 + 3 = 5 beside the
  // published 40 and n: every hidden cell anything from 0 to 5.
  const std::vector<std::int64_t> v = {3, 2, 40, 2, 0, 3, 50, 5};
  std::vector<bool> hidden(v.size(), false);
  for (int j : {0, 1, 3, 4, 5}) hidden[static_cast<std::size_t>(j)] = true;
  const std::vector<ts::AdditiveLine> lines = {{{0, 1, 2, 3, 4, 5}, 6}, {{0, 1}, 7}};
  for (const auto& r : ts::feasible_ranges(v, hidden, lines)) {
    if (r) CHECK(*r->width() >= 5);
  }
  // With the totals printed (the survey's total report) the large row's n must go:
  // the grand total less the small row's hidden 2 would be the large row's n.
  t.totals_published = true;
  CHECK(ts::protect_linked(t).n[1] != ts::CellStatus::kPublished);
}

TEST_CASE("linked: with no totals printed the small sum of a row's hidden rest takes a published cell with it") {
  // 2 + 0 + 1 = 3 beside a published 40 would pin each of them to 0..3.
  ts::LinkedTable t;
  t.rows = {{3, 2, 40, 2, 0, 1}};
  t.top = 2;
  t.totals_published = false;
  auto m = ts::protect_linked(t);
  CHECK(m.cells[0][2] != ts::CellStatus::kPublished);
}
