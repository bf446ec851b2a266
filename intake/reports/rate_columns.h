// The columns of every response-rate table — the total and group reports' table
// and the rates report's groups × years — so they read and stack the same way:
// invited, ineligible, undeliverable, answered, the plain rate, AAPOR RR1, RR2.
#pragma once

#include <vector>

#include "intake/reports/document.h"
#include "intake/reports/report_texts.h"
#include "stats/response_rate.h"

namespace tilfreds::intake::reports {

inline void set_rate_columns(Table& t, const ReportTexts& texts) {
  t.columns = {texts.get("report_rate_invited"), texts.get("report_rate_ineligible"),
               texts.get("report_rate_unknown"), texts.get("report_rate_answered"),
               texts.get("report_rate_plain"),   texts.get("report_rate_rr1"),
               texts.get("report_rate_rr2")};
  t.specs = {{CellKind::kCount, false, false},   {CellKind::kCount, false, false},
             {CellKind::kCount, false, false},   {CellKind::kCount, false, false},
             {CellKind::kPercent, false, false}, {CellKind::kPercent, false, false},
             {CellKind::kPercent, false, false}};
}

// One row of those columns; the answered count and the rates hidden when `hidden`
// (the frame's counts stay: they say nothing about anybody's answers).
inline std::vector<Cell> rate_cells(const stats::Disposition& d, bool hidden) {
  const auto r = stats::response_rates(d);
  auto rate = [&](const std::optional<double>& v) {
    if (hidden) return Cell::hidden();
    return v ? Cell::percent(*v * 100, 1) : Cell::missing();
  };
  return {Cell::count(d.invited), Cell::count(d.ineligible), Cell::count(d.unknown),
          hidden ? Cell::hidden() : Cell::count(d.completed), rate(r.plain), rate(r.rr1), rate(r.rr2)};
}

}  // namespace tilfreds::intake::reports
