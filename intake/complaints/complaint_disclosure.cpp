#include "intake/complaints/complaint_disclosure.h"

#include "intake/complaints/complaint.h"
#include "stats/linked_suppression.h"

namespace tilfreds::intake::complaints {

std::vector<std::string> outcome_columns() {
  std::vector<std::string> out = kOutcomes;
  out.push_back("");
  return out;
}

std::vector<ComplaintMarks> protect_complaints(const std::vector<OfferFigures>& figures, std::int64_t threshold) {
  const auto columns = outcome_columns();
  // kOutcomes starts upheld, partly_upheld, not_upheld: the first two are the
  // linked table's top share (the upheld count), the third completes the judged.
  std::vector<ComplaintMarks> out(figures.size());
  if (figures.empty()) return out;
  stats::LinkedTable t;
  t.top = 2;
  t.totals_published = false;  // neither page prints a total row
  for (const auto& f : figures) {
    std::vector<std::int64_t> row;
    for (const auto& c : columns) {
      auto it = f.by_outcome.find(c);
      row.push_back(it == f.by_outcome.end() ? 0 : it->second);
    }
    t.rows.push_back(std::move(row));
  }
  const auto m = stats::protect_linked(t, {threshold});
  auto hidden = [](stats::CellStatus s) { return s != stats::CellStatus::kPublished; };
  for (std::size_t i = 0; i < figures.size(); ++i) {
    ComplaintMarks& k = out[i];
    k.complaints_hidden = hidden(m.n[i]);
    for (std::size_t j = 0; j < columns.size(); ++j) k.outcome_hidden.push_back(hidden(m.cells[i][j]));
    k.upheld_hidden = hidden(m.top[i]);
    k.share_hidden = k.upheld_hidden || k.outcome_hidden[2];
    const std::int64_t decided = figures[i].decided;
    k.timing_hidden = k.complaints_hidden || (decided > 0 && decided < threshold);
    k.categories_hidden = k.complaints_hidden;
  }
  return out;
}

}  // namespace tilfreds::intake::complaints
