#include "intake/reports/disclosure.h"

#include <algorithm>

#include "stats/linked_suppression.h"

namespace tilfreds::intake::reports {

namespace {
std::vector<std::int64_t> row_of(const AnswerCounts& counts, const std::string& question,
                                 const std::vector<std::string>& categories) {
  std::vector<std::int64_t> row;
  auto q = counts.find(question);
  for (const auto& value : categories) {
    std::int64_t n = 0;
    if (q != counts.end()) {
      auto it = q->second.find(value);
      if (it != q->second.end()) n = it->second;
    }
    row.push_back(n);
  }
  return row;
}

// The group sizes in counts_by_value order, then those without a value (the rest).
std::vector<std::int64_t> sizes(const WaveData& w) {
  std::vector<std::int64_t> out;
  std::int64_t sum = 0;
  for (const auto& [value, counts] : w.counts_by_value) {
    auto it = w.respondents_by_value.find(value);
    out.push_back(it == w.respondents_by_value.end() ? 0 : it->second);
    sum += out.back();
  }
  out.push_back(std::max<std::int64_t>(0, w.all_respondents - sum));
  return out;
}
}  // namespace

std::map<std::string, bool> sizes_hidden(const WaveData& w, std::int64_t threshold) {
  std::map<std::string, bool> out;
  const auto hidden = stats::protect_sizes(sizes(w), threshold);
  std::size_t i = 0;
  for (const auto& [value, counts] : w.counts_by_value) out[value] = hidden[i++];
  return out;
}

bool respondents_hidden(const WaveData& w, std::int64_t threshold) {
  if (w.counts_by_value.empty() || !w.view) {
    return w.respondents > 0 && w.respondents < threshold;
  }
  auto hidden = sizes_hidden(w, threshold);
  auto it = hidden.find(*w.view);
  return it != hidden.end() ? it->second : w.respondents > 0 && w.respondents < threshold;
}

ViewMarks view_marks(const WaveData& w, const std::string& question, const std::vector<std::string>& categories,
                     std::size_t top, std::int64_t threshold) {
  stats::LinkedTable t;
  t.top = top;
  std::optional<std::size_t> view_row;
  if (w.counts_by_value.empty()) {
    t.rows.push_back(row_of(w.counts, question, categories));
  } else {
    const auto hidden_sizes = stats::protect_sizes(sizes(w), threshold);
    std::vector<std::int64_t> rest = row_of(w.all_counts, question, categories);
    for (const auto& [value, counts] : w.counts_by_value) {
      if (w.view && value == *w.view) view_row = t.rows.size();
      t.rows.push_back(row_of(counts, question, categories));
      for (std::size_t j = 0; j < rest.size(); ++j) rest[j] -= t.rows.back()[j];
    }
    t.forced_hidden.assign(hidden_sizes.begin(), hidden_sizes.end() - 1);
    // Those without a value are a row no report prints: absent when there are none
    // (a reader may take the groups as the whole), else hidden from the start, so
    // the search never "hides" what was never shown.
    for (auto& v : rest) v = std::max<std::int64_t>(0, v);
    if (std::any_of(rest.begin(), rest.end(), [](std::int64_t v) { return v > 0; })) {
      t.rows.push_back(rest);
      t.forced_hidden.push_back(true);
    }
  }
  const stats::LinkedMarks m = stats::protect_linked(t, {threshold});
  ViewMarks out;
  if (view_row) {
    out.cells = m.cells[*view_row];
    out.n_hidden = m.n[*view_row] != stats::CellStatus::kPublished;
    out.top_hidden = m.top[*view_row] != stats::CellStatus::kPublished;
  } else if (w.view && !w.counts_by_value.empty()) {
    // A value nobody with answers has: an empty row, nothing to hide.
    out.cells.assign(categories.size(), stats::CellStatus::kPublished);
  } else {
    out.cells = m.total_cells;
    out.n_hidden = m.total_n != stats::CellStatus::kPublished;
    out.top_hidden = m.total_top != stats::CellStatus::kPublished;
  }
  return out;
}

}  // namespace tilfreds::intake::reports
