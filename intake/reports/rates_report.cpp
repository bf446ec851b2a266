// The rates report: invited, answered and the response rate per benefit group per
// wave, with disclosure control on the answered counts (a group where fewer than
// the threshold answered, or did not answer, could be recognised).
#include "intake/reports/build_report.h"
#include "intake/reports/method_note.h"
#include "stats/response_rate.h"
#include "stats/suppression.h"

namespace tilfreds::intake::reports {

namespace {
Cell rate_cell(const std::optional<double>& rate, bool hidden) {
  if (hidden) return Cell::hidden();
  return rate ? Cell::percent(*rate * 100, 1) : Cell::missing();
}

Table wave_rates(const WaveData& w, const ReportTexts& texts) {
  Table t;
  t.id = "rates_" + w.wave.label;
  t.caption = texts.fill("report_rates_caption", {{"wave", w.wave.label}});
  t.corner = texts.get("report_corner_group");
  t.columns = {texts.get("report_rate_invited"), texts.get("report_rate_answered"),
               texts.get("report_rate_plain"), texts.get("report_rate_rr1")};
  std::vector<std::pair<std::string, stats::Disposition>> rows;
  for (const auto& g : w.questionnaire.groups) {
    auto it = w.totals.by_group.find(g.id);
    if (it != w.totals.by_group.end()) rows.emplace_back(survey::text_in(g.label, texts.lang()), it->second);
  }
  for (const auto& [id, d] : w.totals.by_group) {
    if (!w.questionnaire.has_group(id)) rows.emplace_back(id, d);
  }
  // Rows: groups; columns: answered, not answered. Invited (row totals), the total
  // row (column totals) and the grand total are printed.
  stats::CountTable counts;
  for (const auto& [label, d] : rows) counts.push_back({d.completed, d.invited - d.completed});
  std::optional<stats::SuppressionResult> marks;
  if (!counts.empty()) marks = stats::suppress(counts);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& [label, d] = rows[i];
    const bool hidden = marks->hidden(i, 0) || marks->row_totals[i] != stats::CellStatus::kPublished;
    auto r = stats::response_rates(d);
    Row row;
    row.header = label;
    row.cells = {marks->row_totals[i] != stats::CellStatus::kPublished ? Cell::hidden() : Cell::count(d.invited),
                 hidden ? Cell::hidden() : Cell::count(d.completed), rate_cell(r.plain, hidden),
                 rate_cell(r.rr1, hidden)};
    if (hidden) {
      row.note = texts.get("report_note_too_few");
    } else if (stats::not_representative(d.completed)) {
      row.note = texts.get("report_note_not_representative");
    }
    t.rows.push_back(std::move(row));
  }
  auto r = stats::response_rates(w.totals.total);
  Row total;
  total.header = texts.get("report_total");
  total.cells = {Cell::count(w.totals.total.invited), Cell::count(w.totals.total.completed),
                 rate_cell(r.plain, false), rate_cell(r.rr1, false)};
  if (w.totals.imported) total.note = texts.get("report_note_imported");
  t.rows.push_back(std::move(total));
  t.footnotes.push_back({"", texts.get("report_rate_footnote")});
  return t;
}
}  // namespace

Document rates_report(const std::vector<WaveData>& waves, const ReportRequest& request,
                      const ReportTexts& texts) {
  Document d;
  d.id = "rates";
  d.lang = texts.lang();
  d.title = texts.get("report_title_rates");
  d.subtitle = report_subtitle(waves, request, texts);
  Section s{texts.get("report_section_rate"), {}};
  for (const auto& w : waves) {
    Block b;
    b.kind = Block::Kind::kTable;
    b.table = wave_rates(w, texts);
    s.blocks.push_back(std::move(b));
  }
  d.sections.push_back(std::move(s));
  MethodFacts facts;
  facts.tables = false;
  d.method = method_note(waves, request, texts, facts);
  return d;
}

}  // namespace tilfreds::intake::reports
