// References: tests/data/stats/reference_values.py (scipy 1.10.1, statsmodels
// 0.13.5): per-cell proportions_ztest p-values and multipletests(fdr_bh) over
// the table's family, in the order wave pair, category, then top-2.
#include "stats/comparison_table.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

namespace ts = tilfreds::stats;

namespace {

ts::QuestionCounts survey() {
  return {"overall_satisfaction",
          {"I høj grad", "I nogen grad", "I mindre grad", "Slet ikke"},
          {"2022", "2023", "2024"},
          {{245, 135, 75, 40}, {271, 143, 61, 37}, {276, 149, 64, 42}},
          2};
}

ts::QuestionCounts secretary() {
  return {"meaningful_conversations",
          {"I høj grad", "I nogen grad", "I mindre grad", "Slet ikke"},
          {"2023", "2024"},
          {{260, 150, 65, 25}, {240, 150, 65, 45}},
          2};
}

ts::ComparisonOptions public_counts() {
  ts::ComparisonOptions o;
  o.suppress = false;
  return o;
}

// The table's changes in family order: pair, category, then top-2.
std::vector<const ts::Change*> family(const ts::ComparisonTable& t) {
  std::vector<const ts::Change*> out;
  for (std::size_t i = 1; i < t.rows.size(); ++i) {
    for (const auto& c : t.rows[i].cells) out.push_back(c.change ? &*c.change : nullptr);
    if (t.rows[i].top) out.push_back(t.rows[i].top->change ? &*t.rows[i].top->change : nullptr);
  }
  return out;
}

}  // namespace

TEST_CASE("the committee table: whole percents, n, top-2, rows not forced to 100",
          "[comparison_table]") {
  const auto t = ts::build_comparison_table(survey(), public_counts());
  REQUIRE(t.rows.size() == 3);
  CHECK(t.question == "overall_satisfaction");
  CHECK(t.rows[0].wave == "2022");
  CHECK(t.rows[0].n == 495);
  std::vector<double> p2022;
  for (const auto& c : t.rows[0].cells) p2022.push_back(*c.percent);
  CHECK(p2022 == std::vector<double>{49, 27, 15, 8});  // sums to 99, as published
  CHECK(t.rows[2].n == 531);
  REQUIRE(t.rows[2].top);
  CHECK(t.rows[2].top->count == 425);
  CHECK(*t.rows[2].top->percent == 80);  // "80 % er i nogen eller høj grad tilfreds"
  // proportion_confint(425, 531, alpha=0.05, method='wilson') bounds the top-2 share
  CHECK(t.rows[2].top->interval->lower < 0.8004);
  CHECK(t.rows[2].top->interval->upper > 0.8004);
  CHECK_FALSE(t.rows[0].cells[0].change.has_value());  // first wave: nothing to compare
  CHECK_FALSE(t.rows[0].top->change.has_value());
  CHECK_FALSE(t.rows[0].not_representative);
}

TEST_CASE("the committee table: overall, ordinal and trend tests", "[comparison_table]") {
  const auto t = ts::build_comparison_table(survey(), public_counts());
  REQUIRE(t.chi_square);
  // scipy.stats.chi2_contingency([[245, 135, 75, 40], [271, 143, 61, 37], [276, 149, 64, 42]],
  // correction=False)[:3]
  CHECK(t.chi_square->p == Approx(0.73873587383162764).epsilon(1e-6));
  REQUIRE(t.ordinal);
  CHECK(t.ordinal->method == ts::OrdinalMethod::kKruskalWallis);
  // scipy.stats.kruskal(*expand([[245, 135, 75, 40], [271, 143, 61, 37], [276, 149, 64, 42]]))
  CHECK(t.ordinal->p == Approx(0.36731952431005171).epsilon(1e-6));
  REQUIRE(t.trend);
  // Table([[245, 135, 75, 40], [271, 143, 61, 37], [276, 149, 64, 42]],
  // shift_zeros=False).test_ordinal_association()
  CHECK(t.trend->z == Approx(-0.97709871104421642).epsilon(1e-6));
  REQUIRE(t.top_trend);
  // Table([[k_i, n_i-k_i]] for k=[380, 414, 425], n=[495, 512, 531],
  // shift_zeros=False).test_ordinal_association(col_scores=[1,0])
  CHECK(t.top_trend->z == Approx(1.2680398728484283).epsilon(1e-6));
}

TEST_CASE("changes: raw p beside the Benjamini-Hochberg adjusted p over the table",
          "[comparison_table]") {
  const auto t = ts::build_comparison_table(survey(), public_counts());
  // [proportions_ztest([cur_j, prev_j], [n_cur, n_prev])[1] per pair, category, then top2]
  const std::vector<double> raw{0.27565362487506784, 0.81565751413129917, 0.13291202854273165,
                                0.61006952562397609, 0.11195141269753713, 0.75818659977611702,
                                0.9625495212507803,  0.94504323674019297, 0.67683028777393028,
                                0.73803082423847233};
  // multipletests(raw, method='fdr_bh')[1]
  const std::vector<double> adjusted{0.9188454162502262, 0.9625495212507803,  0.66456014271365826,
                                     0.9625495212507803, 0.66456014271365826, 0.9625495212507803,
                                     0.9625495212507803, 0.9625495212507803,  0.9625495212507803,
                                     0.9625495212507803};
  const auto f = family(t);
  REQUIRE(f.size() == raw.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    CAPTURE(i);
    REQUIRE(f[i] != nullptr);
    CHECK(f[i]->test.p == Approx(raw[i]).epsilon(1e-6));
    CHECK(f[i]->p_adjusted == Approx(adjusted[i]).epsilon(1e-6));
    CHECK(f[i]->verdict == ts::Verdict::kNoClearChange);
  }
  const ts::Change& slet_ikke = *t.rows[2].cells[3].change;
  CHECK(slet_ikke.from == "2023");
  CHECK(slet_ikke.to == "2024");
}

TEST_CASE("the secretary's question inside a report: marked only if it survives the control",
          "[comparison_table]") {
  const auto t = ts::build_comparison_table(secretary(), public_counts());
  const ts::Change& c = *t.rows[1].cells[3].change;
  CHECK(*t.rows[0].cells[3].percent == 5);
  CHECK(*t.rows[1].cells[3].percent == 9);
  // proportions_ztest([45, 25], [500, 500])[1]
  CHECK(c.test.p == Approx(0.01318293900551698).epsilon(1e-6));
  // multipletests([0.2059.., 1, 1, 0.01318.., 0.1138..], method='fdr_bh')[1][3]
  CHECK(c.p_adjusted == Approx(0.065914695027584902).epsilon(1e-6));
  CHECK(c.verdict == ts::Verdict::kNoClearChange);

  ts::ComparisonOptions raw = public_counts();
  raw.adjustment = ts::Adjustment::kNone;
  const auto unadjusted = ts::build_comparison_table(secretary(), raw);
  CHECK(unadjusted.rows[1].cells[3].change->verdict == ts::Verdict::kHigher);
  CHECK(unadjusted.rows[1].cells[3].change->p_adjusted ==
        unadjusted.rows[1].cells[3].change->test.p);
  REQUIRE(unadjusted.ordinal);
  CHECK(unadjusted.ordinal->method == ts::OrdinalMethod::kMannWhitney);
  CHECK_FALSE(unadjusted.trend.has_value());
}

TEST_CASE("one family over the whole report", "[comparison_table]") {
  const std::vector<ts::QuestionCounts> report{survey(), secretary()};
  const auto tables = ts::build_comparison_tables(report, public_counts());
  REQUIRE(tables.size() == 2);
  // multipletests(survey family + secretary family, method='fdr_bh')[1]
  const std::vector<double> adjusted{0.68913406218766959,
                                     1,
                                     0.4984201070352437,
                                     1,
                                     0.4984201070352437,
                                     1,
                                     1,
                                     1,
                                     1,
                                     1,
                                     0.61770963219620356,
                                     1,
                                     1,
                                     0.19774408508275471,
                                     0.4984201070352437};
  auto f = family(tables[0]);
  const auto f2 = family(tables[1]);
  f.insert(f.end(), f2.begin(), f2.end());
  REQUIRE(f.size() == adjusted.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    CAPTURE(i);
    CHECK(f[i]->p_adjusted == Approx(adjusted[i]).epsilon(1e-6));
  }
}

TEST_CASE("disclosure control inside the table", "[comparison_table]") {
  ts::QuestionCounts q = secretary();
  q.counts = {{20, 10, 6, 3}, {2, 1, 1, 0}};
  const auto t = ts::build_comparison_table(q);  // suppression on by default
  // 3 answers 'slet ikke' in 2023: hidden, plus a complementary cell in the row.
  CHECK(t.rows[0].cells[3].status == ts::CellStatus::kPrimary);
  CHECK_FALSE(t.rows[0].cells[3].percent.has_value());
  int hidden = 0;
  for (const auto& c : t.rows[0].cells) hidden += c.status != ts::CellStatus::kPublished;
  CHECK(hidden == 2);
  // 2024 has 4 answers: the whole wave is hidden; no changes into it.
  CHECK(t.rows[1].hidden);
  for (const auto& c : t.rows[1].cells) {
    CHECK_FALSE(c.percent.has_value());
    CHECK_FALSE(c.change.has_value());
  }
  CHECK(t.rows[1].not_representative);
  CHECK_FALSE(t.rows[0].not_representative);  // 39 answers
}

TEST_CASE("top share hidden when hidden cells straddle it", "[comparison_table]") {
  ts::QuestionCounts q = secretary();
  q.counts = {{3, 40, 30, 20}, {30, 40, 30, 20}};
  const auto t = ts::build_comparison_table(q);
  // 3 hidden in the top; its complementary partner (smallest: 20) lies outside.
  CHECK(t.rows[0].cells[0].status == ts::CellStatus::kPrimary);
  CHECK(t.rows[0].cells[3].status == ts::CellStatus::kComplementary);
  CHECK(t.rows[0].top->hidden);
  CHECK_FALSE(t.rows[0].top->percent.has_value());
  CHECK_FALSE(t.rows[1].top->change.has_value());
  CHECK_FALSE(t.rows[1].cells[0].change.has_value());
  CHECK(t.rows[1].cells[1].change.has_value());
}

TEST_CASE("a wave without answers and a yes/no item", "[comparison_table]") {
  ts::QuestionCounts q{
      "took_part", {"Ja", "Nej"}, {"2022", "2023", "2024"}, {{120, 380}, {0, 0}, {150, 360}}, 0};
  const auto t = ts::build_comparison_table(q, public_counts());
  CHECK_FALSE(t.rows[0].top.has_value());
  CHECK_FALSE(t.rows[1].cells[0].percent.has_value());
  CHECK_FALSE(t.rows[1].cells[0].change.has_value());
  CHECK_FALSE(t.rows[2].cells[0].change.has_value());  // previous wave empty
  REQUIRE(t.chi_square);
  CHECK(t.chi_square->rows_used == 2);
  REQUIRE(t.ordinal);
  CHECK(t.ordinal->method == ts::OrdinalMethod::kMannWhitney);
}

TEST_CASE("malformed questions throw", "[comparison_table]") {
  ts::QuestionCounts q = survey();
  q.waves.pop_back();
  CHECK_THROWS_WITH(ts::build_comparison_table(q), Catch::Contains("one row of counts per wave"));
  q = survey();
  q.counts[1].pop_back();
  CHECK_THROWS_AS(ts::build_comparison_table(q), std::invalid_argument);
  q = survey();
  q.counts[1][1] = -4;
  CHECK_THROWS_WITH(ts::build_comparison_table(q), Catch::Contains("must not be negative"));
  q = survey();
  q.top = 5;
  CHECK_THROWS_AS(ts::build_comparison_table(q), std::invalid_argument);
  q = survey();
  q.waves.clear();
  q.counts.clear();
  CHECK_THROWS_AS(ts::build_comparison_table(q), std::invalid_argument);
  ts::ComparisonOptions o;
  o.level = 1.0;
  CHECK_THROWS_AS(ts::build_comparison_table(survey(), o), std::invalid_argument);
  CHECK(ts::adjustment_name(ts::Adjustment::kBenjaminiHochberg) == "benjamini-hochberg");
  CHECK(ts::ordinal_method_name(ts::OrdinalMethod::kKruskalWallis) == "kruskal-wallis");
}
