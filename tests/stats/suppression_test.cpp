#include "stats/suppression.h"

#include <catch2/catch.hpp>
#include <stdexcept>

namespace ts = tilfreds::stats;
using ts::CellStatus;
using ts::CountTable;

namespace {

bool hidden(CellStatus s) { return s != CellStatus::kPublished; }

// The property complementary suppression must give: no printed line (a row with
// its total, a column with its total, the margins with the grand total) has
// exactly one hidden entry, so no hidden entry is a plain subtraction away.
void check_no_lone_hidden(const CountTable& t, const ts::SuppressionResult& s,
                          const ts::SuppressionOptions& o) {
  const std::size_t r = t.size();
  const std::size_t c = t.front().size();
  if (o.row_totals_published) {
    for (std::size_t i = 0; i < r; ++i) {
      int h = hidden(s.row_totals[i]);
      for (std::size_t j = 0; j < c; ++j) h += hidden(s.cells[i][j]);
      CAPTURE(i);
      CHECK(h != 1);
    }
    int h = hidden(s.grand_total);
    for (std::size_t i = 0; i < r; ++i) h += hidden(s.row_totals[i]);
    CHECK(h != 1);
  }
  if (o.column_totals_published) {
    for (std::size_t j = 0; j < c; ++j) {
      int h = hidden(s.column_totals[j]);
      for (std::size_t i = 0; i < r; ++i) h += hidden(s.cells[i][j]);
      CAPTURE(j);
      CHECK(h != 1);
    }
    int h = hidden(s.grand_total);
    for (std::size_t j = 0; j < c; ++j) h += hidden(s.column_totals[j]);
    CHECK(h != 1);
  }
}

}  // namespace

TEST_CASE("nothing below the threshold: nothing hidden", "[suppression]") {
  const CountTable t{{20, 30}, {40, 50}};
  const auto s = ts::suppress(t);
  for (const auto& row : s.cells) {
    for (CellStatus c : row) CHECK(c == CellStatus::kPublished);
  }
  CHECK(s.grand_total == CellStatus::kPublished);
}

TEST_CASE("one small cell gets complementary cells so it cannot be derived", "[suppression]") {
  const CountTable t{{20, 3, 15}, {30, 10, 12}, {25, 8, 9}};
  const ts::SuppressionOptions o;
  const auto s = ts::suppress(t, o);
  CHECK(s.cells[0][1] == CellStatus::kPrimary);
  // The smallest cells that close every line: a rectangle of four cells.
  CHECK(s.cells[0][2] == CellStatus::kComplementary);
  CHECK(s.cells[2][1] == CellStatus::kComplementary);
  CHECK(s.cells[2][2] == CellStatus::kComplementary);
  CHECK(s.cells[0][0] == CellStatus::kPublished);
  CHECK(s.cells[1][0] == CellStatus::kPublished);
  CHECK(s.cells[1][1] == CellStatus::kPublished);
  CHECK(s.row_totals[0] == CellStatus::kPublished);
  check_no_lone_hidden(t, s, o);
  CHECK(s.hidden(0, 1));
  CHECK_FALSE(s.hidden(1, 1));
}

TEST_CASE("a group below the threshold is hidden whole, totals included", "[suppression]") {
  const CountTable t{{2, 1, 0}, {30, 10, 12}, {25, 8, 9}, {40, 20, 10}};
  const ts::SuppressionOptions o;
  const auto s = ts::suppress(t, o);
  for (std::size_t j = 0; j < 3; ++j) CHECK(s.cells[0][j] == CellStatus::kPrimary);
  CHECK(s.row_totals[0] == CellStatus::kPrimary);
  // Its total could be derived from the grand total otherwise.
  int hidden_totals = 0;
  for (CellStatus c : s.row_totals) hidden_totals += hidden(c);
  CHECK(hidden_totals >= 2);
  check_no_lone_hidden(t, s, o);
}

TEST_CASE("only printed totals count: rows only (a comparison table)", "[suppression]") {
  const CountTable t{{40, 30, 20, 3}, {45, 30, 15, 8}};
  ts::SuppressionOptions o;
  o.column_totals_published = false;
  const auto s = ts::suppress(t, o);
  CHECK(s.cells[0][3] == CellStatus::kPrimary);
  // One complementary cell in the same row, the smallest: 20.
  CHECK(s.cells[0][2] == CellStatus::kComplementary);
  CHECK(s.cells[1][2] == CellStatus::kPublished);
  CHECK(s.cells[1][3] == CellStatus::kPublished);
  check_no_lone_hidden(t, s, o);
}

TEST_CASE("zeros are published unless asked, the threshold is configurable", "[suppression]") {
  const CountTable t{{0, 30, 20}, {10, 30, 15}};
  CHECK(ts::suppress(t).cells[0][0] == CellStatus::kPublished);
  ts::SuppressionOptions o;
  o.suppress_zeros = true;
  const auto s = ts::suppress(t, o);
  CHECK(s.cells[0][0] == CellStatus::kPrimary);
  check_no_lone_hidden(t, s, o);
  ts::SuppressionOptions strict;
  strict.threshold = 11;
  const auto s11 = ts::suppress(t, strict);
  CHECK(s11.cells[1][0] == CellStatus::kPrimary);
  check_no_lone_hidden(t, s11, strict);
  ts::SuppressionOptions lax;
  lax.threshold = 1;
  const auto s1 = ts::suppress(CountTable{{1, 2}, {3, 4}}, lax);
  CHECK_FALSE(s1.hidden(0, 0));
}

TEST_CASE("a larger table keeps the property", "[suppression]") {
  const CountTable t{{120, 40, 12, 4}, {60, 22, 7, 1},   {3, 1, 0, 0}, {90, 35, 14, 6},
                     {15, 6, 2, 2},    {200, 80, 30, 9}, {8, 3, 1, 1}, {44, 12, 3, 0},
                     {70, 33, 11, 7},  {1, 0, 0, 0}};
  for (bool rows : {true, false}) {
    for (bool cols : {true, false}) {
      ts::SuppressionOptions o;
      o.row_totals_published = rows;
      o.column_totals_published = cols;
      CAPTURE(rows, cols);
      check_no_lone_hidden(t, ts::suppress(t, o), o);
    }
  }
}

TEST_CASE("not representative below 30 respondents by default", "[suppression]") {
  CHECK(ts::not_representative(29));
  CHECK_FALSE(ts::not_representative(30));
  CHECK(ts::not_representative(99, 100));
  CHECK(ts::not_representative(0));
  CHECK_THROWS_AS(ts::not_representative(-1), std::invalid_argument);
  CHECK_THROWS_AS(ts::not_representative(5, 0), std::invalid_argument);
}

TEST_CASE("invalid tables and thresholds throw", "[suppression]") {
  CHECK_THROWS_AS(ts::suppress(CountTable{}), std::invalid_argument);
  CHECK_THROWS_AS(ts::suppress(CountTable{{1, -1}}), std::invalid_argument);
  ts::SuppressionOptions o;
  o.threshold = 0;
  CHECK_THROWS_AS(ts::suppress(CountTable{{1, 1}}, o), std::invalid_argument);
}
