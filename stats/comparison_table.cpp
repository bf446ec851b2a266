#include "stats/comparison_table.h"

#include <numeric>
#include <stdexcept>

#include "stats/checks.h"
#include "stats/distribution.h"
#include "stats/multiplicity.h"

namespace tilfreds::stats {
namespace {

void check_question(const QuestionCounts& q, const ComparisonOptions& o) {
  check_level(o.level);
  if (o.decimals != 0 && o.decimals != 1) throw std::invalid_argument("decimals must be 0 or 1");
  if (o.suppression_threshold < 1)
    throw std::invalid_argument("suppression threshold must be at least 1");
  if (o.representative_minimum < 1)
    throw std::invalid_argument("representative minimum must be at least 1");
  const std::string where = "question \"" + q.question + "\": ";
  if (q.waves.empty()) throw std::invalid_argument(where + "no waves");
  if (q.categories.size() < 2) throw std::invalid_argument(where + "fewer than 2 categories");
  if (q.counts.size() != q.waves.size()) {
    throw std::invalid_argument(where + "one row of counts per wave is required");
  }
  for (const auto& row : q.counts) {
    if (row.size() != q.categories.size()) {
      throw std::invalid_argument(where + "one count per category is required in every row");
    }
  }
  try {
    check_table(q.counts, "counts");
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(where + e.what());
  }
  if (q.top > q.categories.size()) {
    throw std::invalid_argument(where + "top exceeds the number of categories");
  }
}

std::int64_t sum(const std::vector<std::int64_t>& v) {
  return std::accumulate(v.begin(), v.end(), std::int64_t{0});
}

std::optional<Change> change_between(const std::string& from, const std::string& to,
                                     std::int64_t k_from, std::int64_t n_from, std::int64_t k_to,
                                     std::int64_t n_to, double level) {
  auto test = compare_proportions(k_from, n_from, k_to, n_to, level);
  if (!test) return std::nullopt;
  Change c;
  c.from = from;
  c.to = to;
  c.test = *test;
  c.p_adjusted = test->p;
  c.verdict = decide(test->p, test->difference, level);
  return c;
}

template <typename F>
void for_each_change(std::span<ComparisonTable> tables, F&& f) {
  for (ComparisonTable& t : tables) {
    for (Row& r : t.rows) {
      for (Cell& c : r.cells) {
        if (c.change) f(*c.change);
      }
      if (r.top && r.top->change) f(*r.top->change);
    }
  }
}

}  // namespace

std::string_view adjustment_name(Adjustment adjustment) {
  return adjustment == Adjustment::kNone ? "none" : "benjamini-hochberg";
}

std::string_view ordinal_method_name(OrdinalMethod method) {
  return method == OrdinalMethod::kMannWhitney ? "mann-whitney" : "kruskal-wallis";
}

void adjust_changes(std::span<ComparisonTable> tables, Adjustment adjustment, double level) {
  check_level(level);
  std::vector<double> raw;
  for_each_change(tables, [&](Change& c) { raw.push_back(c.test.p); });
  const std::vector<double> adjusted =
      adjustment == Adjustment::kBenjaminiHochberg ? benjamini_hochberg(raw) : raw;
  std::size_t i = 0;
  for_each_change(tables, [&](Change& c) {
    c.p_adjusted = adjusted[i++];
    c.verdict = decide(c.p_adjusted, c.test.difference, level);
  });
}

ComparisonTable build_comparison_table(const QuestionCounts& q, const ComparisonOptions& o) {
  return build_comparison_tables(std::span<const QuestionCounts>(&q, 1), o).front();
}

std::vector<ComparisonTable> build_comparison_tables(std::span<const QuestionCounts> questions,
                                                     const ComparisonOptions& o) {
  return build_comparison_tables(questions, o, {});
}

std::vector<ComparisonTable> build_comparison_tables(std::span<const QuestionCounts> questions,
                                                     const ComparisonOptions& o,
                                                     std::span<const PresetMarks> preset) {
  if (!preset.empty() && preset.size() != questions.size()) {
    throw std::invalid_argument("one set of preset marks per question is required");
  }
  std::vector<ComparisonTable> tables;
  tables.reserve(questions.size());
  for (std::size_t qi = 0; qi < questions.size(); ++qi) {
    const QuestionCounts& q = questions[qi];
    const PresetMarks* given = preset.empty() ? nullptr : &preset[qi];
    check_question(q, o);
    ComparisonTable t;
    t.question = q.question;
    t.categories = q.categories;
    const std::size_t nr = q.counts.size();
    const std::size_t nc = q.categories.size();

    std::optional<SuppressionResult> marks;
    if (o.suppress && given) {
      if (given->cells.size() != nr || given->n_hidden.size() != nr || given->top_hidden.size() != nr) {
        throw std::invalid_argument("question \"" + q.question + "\": one row of marks per wave is required");
      }
      SuppressionResult fixed;
      fixed.cells = given->cells;
      for (std::size_t i = 0; i < nr; ++i) {
        if (fixed.cells[i].size() != nc) {
          throw std::invalid_argument("question \"" + q.question + "\": one mark per category is required");
        }
        fixed.row_totals.push_back(given->n_hidden[i] ? CellStatus::kComplementary : CellStatus::kPublished);
      }
      marks = std::move(fixed);
    } else if (o.suppress) {
      SuppressionOptions so;
      so.threshold = o.suppression_threshold;
      so.row_totals_published = true;      // n is printed per wave
      so.column_totals_published = false;  // waves are never summed
      so.grand_total_published = false;
      marks = suppress(q.counts, so);
    }

    std::vector<std::int64_t> n(nr), top_k(nr, 0);
    for (std::size_t i = 0; i < nr; ++i) {
      const auto& counts = q.counts[i];
      Row row;
      row.wave = q.waves[i];
      row.n = n[i] = sum(counts);
      row.hidden = marks && marks->row_totals[i] != CellStatus::kPublished;
      row.not_representative = not_representative(row.n, o.representative_minimum);
      bool hidden_in_top = false;
      bool hidden_outside_top = false;
      for (std::size_t j = 0; j < nc; ++j) {
        Cell cell;
        cell.count = counts[j];
        cell.status = marks ? marks->cells[i][j] : CellStatus::kPublished;
        const bool hidden = cell.status != CellStatus::kPublished;
        if (hidden) (j < q.top ? hidden_in_top : hidden_outside_top) = true;
        if (!hidden) cell.percent = percent_half_up(counts[j], row.n, o.decimals);
        if (i > 0 && !hidden && t.rows[i - 1].cells[j].status == CellStatus::kPublished) {
          cell.change = change_between(q.waves[i - 1], q.waves[i], q.counts[i - 1][j], n[i - 1],
                                       counts[j], row.n, o.level);
        }
        row.cells.push_back(std::move(cell));
      }
      if (q.top > 0) {
        TopShare top;
        top.count = top_k[i] = top_count(counts, q.top);
        // The top share is derivable from n and the other cells unless hidden
        // cells lie on both sides of it; then printing it would reveal them.
        top.hidden = row.hidden || (hidden_in_top && hidden_outside_top) ||
                     (o.suppress && given && given->top_hidden[i]);
        if (!top.hidden) {
          top.interval = proportion_interval(top.count, row.n, o.level, o.method);
          top.percent = percent_half_up(top.count, row.n, o.decimals);
        }
        if (i > 0 && !top.hidden && t.rows[i - 1].top && !t.rows[i - 1].top->hidden) {
          top.change = change_between(q.waves[i - 1], q.waves[i], top_k[i - 1], n[i - 1], top.count,
                                      row.n, o.level);
        }
        row.top = std::move(top);
      }
      t.rows.push_back(std::move(row));
    }

    t.chi_square = chi_square_homogeneity(q.counts, o.homogeneity);
    std::vector<std::size_t> with_data;
    for (std::size_t i = 0; i < nr; ++i) {
      if (n[i] > 0) with_data.push_back(i);
    }
    if (with_data.size() == 2) {
      if (auto mw = mann_whitney(q.counts[with_data[0]], q.counts[with_data[1]])) {
        t.ordinal = OrdinalTest{OrdinalMethod::kMannWhitney, mw->u, mw->p, mw->superiority};
      }
    } else if (with_data.size() >= 3) {
      if (auto kw = kruskal_wallis(q.counts)) {
        t.ordinal = OrdinalTest{OrdinalMethod::kKruskalWallis, kw->h, kw->p, std::nullopt};
      }
      t.trend = linear_trend(q.counts);
      if (q.top > 0) t.top_trend = proportion_trend(top_k, n);
    }
    tables.push_back(std::move(t));
  }
  adjust_changes(tables, o.adjustment, o.level);
  return tables;
}

}  // namespace tilfreds::stats
