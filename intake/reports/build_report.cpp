#include "intake/reports/build_report.h"

#include "intake/reports/method_note.h"
#include "intake/reports/question_tables.h"
#include "intake/review/review_report.h"
#include "stats/response_rate.h"
#include "stats/suppression.h"

namespace tilfreds::intake::reports {

namespace {
// One section per theme, in questionnaire order, holding the theme's tables.
std::vector<Section> theme_sections(const QuestionTables& qt) {
  std::vector<Section> sections;
  for (const auto& q : qt.questions) {
    if (sections.empty() || sections.back().heading != q.theme) sections.push_back({q.theme, {}});
    Block b;
    b.kind = Block::Kind::kTable;
    b.table = q.table;
    sections.back().blocks.push_back(std::move(b));
  }
  return sections;
}

Cell rate_cell(const std::optional<double>& rate) {
  return rate ? Cell::percent(*rate * 100, 1) : Cell::missing();
}

// Response rate of everybody or of one benefit group, one row per wave. A group
// with fewer completed answers than the threshold shows no number at all.
Table response_rate_table(const std::vector<WaveData>& waves, const ReportRequest& request,
                          const ReportTexts& texts, std::int64_t threshold) {
  Table t;
  t.id = "response_rate";
  t.caption = texts.get("report_rate_caption");
  t.corner = texts.get("report_corner_wave");
  t.columns = {texts.get("report_rate_invited"),  texts.get("report_rate_ineligible"),
               texts.get("report_rate_unknown"),  texts.get("report_rate_answered"),
               texts.get("report_rate_plain"),    texts.get("report_rate_rr1"),
               texts.get("report_rate_rr2")};
  for (const auto& w : waves) {
    Row row;
    row.header = w.wave.label;
    if (w.totals.imported) row.note = texts.get("report_note_imported");
    std::optional<stats::Disposition> d;
    if (!request.group) {
      d = w.totals.total;
    } else if (request.group->dim == "group") {
      auto it = w.totals.by_group.find(request.group->value);
      d = it == w.totals.by_group.end() ? stats::Disposition{} : it->second;
    }
    if (!d) {
      row.cells.assign(t.columns.size(), Cell::missing());
      row.note = texts.get("report_note_no_frame_column");
    } else if (d->completed > 0 && d->completed < threshold) {
      row.cells.assign(t.columns.size(), Cell::hidden());
      row.note = texts.get("report_note_too_few");
    } else {
      auto r = stats::response_rates(*d);
      row.cells = {Cell::count(d->invited),   Cell::count(d->ineligible), Cell::count(d->unknown),
                   Cell::count(d->completed), rate_cell(r.plain),          rate_cell(r.rr1),
                   rate_cell(r.rr2)};
    }
    t.rows.push_back(std::move(row));
  }
  t.footnotes.push_back({"", texts.get("report_rate_footnote")});
  return t;
}

// "80 % er i nogen eller høj grad alt i alt tilfreds med …": worded per question
// where the texts have report_headline_<id>, else the general wording.
std::vector<Block> headlines(const QuestionTables& qt, const std::vector<WaveData>& waves,
                             const ReportTexts& texts) {
  std::vector<Block> out;
  if (waves.empty()) return out;
  const std::size_t newest = waves.size() - 1;
  for (const auto& q : qt.questions) {
    if (!q.has_top || !q.row_of_wave[newest]) continue;
    const auto& row = q.stats.rows[*q.row_of_wave[newest]];
    const auto& top = row.top;
    if (!top || !top->percent) continue;
    std::map<std::string, std::string> vars = {{"percent", texts.number(*top->percent, 0)},
                                               {"question", q.table.caption},
                                               {"wave", waves[newest].wave.label},
                                               {"first", q.categories[0]},
                                               {"second", q.categories[1]}};
    const std::string key = "report_headline_" + q.question_id;
    Block b;
    b.kind = Block::Kind::kHeadline;
    b.text = texts.fill(texts.find(key) ? key : "report_headline", vars);
    // A headline is quoted on its own; a small group's must carry its caveat.
    if (row.not_representative) b.text += " – " + texts.get("report_note_not_representative");
    out.push_back(std::move(b));
  }
  return out;
}

// A 100 % stacked bar per scale question and wave; the categories of a theme's
// scale questions are the same grade scale, so one legend serves the chart.
std::optional<Chart> theme_chart(const QuestionTables& qt, const std::string& theme,
                                 const std::vector<WaveData>& waves, std::string id) {
  Chart c;
  for (const auto& q : qt.questions) {
    if (q.theme != theme || !q.has_top) continue;
    if (c.categories.empty()) c.categories = q.categories;
    if (q.categories != c.categories) continue;
    for (std::size_t w = 0; w < waves.size(); ++w) {
      if (!q.row_of_wave[w]) continue;
      const auto& row = q.stats.rows[*q.row_of_wave[w]];
      Bar bar;
      bar.label = waves.size() > 1 ? q.table.caption + " (" + waves[w].wave.label + ")" : q.table.caption;
      for (const auto& cell : row.cells) {
        bar.hidden = bar.hidden || cell.status != stats::CellStatus::kPublished || !cell.percent;
        bar.percents.push_back(cell.percent.value_or(0.0));
      }
      if (bar.hidden) bar.percents.assign(bar.percents.size(), 0.0);
      c.bars.push_back(std::move(bar));
    }
  }
  if (c.bars.empty()) return std::nullopt;
  c.id = std::move(id);
  c.title = theme;
  return c;
}
}  // namespace

std::string report_subtitle(const std::vector<WaveData>& waves, const ReportRequest& request,
                            const ReportTexts& texts) {
  std::string labels;
  for (const auto& w : waves) labels += (labels.empty() ? "" : ", ") + w.wave.label;
  std::string title = waves.empty() ? request.survey
                                    : survey::text_in(waves.back().questionnaire.title, texts.lang());
  std::string s = texts.fill("report_subtitle", {{"survey", title}, {"waves", labels}});
  if (request.group) {
    std::string value = request.group->value;
    for (const auto& g : waves.empty() ? std::vector<survey::Group>{} : waves.back().questionnaire.groups) {
      if (request.group->dim == "group" && g.id == value) value = survey::text_in(g.label, texts.lang());
    }
    s += " · " + texts.fill("report_subtitle_group", {{"dim", request.group->dim}, {"value", value}});
  }
  return s;
}

Document comparison_report(const std::vector<WaveData>& waves, const ReportRequest& request,
                           const ReportTexts& texts) {
  QuestionTables qt = build_question_tables(waves, texts);
  Document d;
  d.id = "comparison";
  d.lang = texts.lang();
  d.title = texts.get("report_title_comparison");
  d.subtitle = report_subtitle(waves, request, texts);
  d.sections = theme_sections(qt);
  d.method = method_note(waves, request, texts, {qt.options, qt.comparisons, true, qt.warnings});
  return d;
}

Document total_report(const std::vector<WaveData>& waves, const ReportRequest& request,
                      const ReportTexts& texts) {
  QuestionTables qt = build_question_tables(waves, texts);
  Document d;
  d.id = request.group ? "group" : "total";
  d.lang = texts.lang();
  d.title = texts.get(request.group ? "report_title_group" : "report_title_total");
  d.subtitle = report_subtitle(waves, request, texts);

  Section rate{texts.get("report_section_rate"), {}};
  Block table;
  table.kind = Block::Kind::kTable;
  table.table = response_rate_table(waves, request, texts, qt.options.suppression_threshold);
  rate.blocks.push_back(std::move(table));
  d.sections.push_back(std::move(rate));

  Section head{texts.get("report_section_headlines"), headlines(qt, waves, texts)};
  if (head.blocks.empty()) {
    Block none;
    none.text = texts.get("report_no_headlines");
    head.blocks.push_back(std::move(none));
  }
  d.sections.push_back(std::move(head));

  for (Section& s : theme_sections(qt)) {
    if (auto chart = theme_chart(qt, s.heading, waves, "chart_" + std::to_string(d.sections.size()))) {
      Block b;
      b.kind = Block::Kind::kChart;
      b.chart = std::move(chart);
      s.blocks.insert(s.blocks.begin(), std::move(b));
    }
    d.sections.push_back(std::move(s));
  }
  d.method = method_note(waves, request, texts, {qt.options, qt.comparisons, true, qt.warnings});
  return d;
}

Result<Document> build_report(db::Database& db, const ReportRequest& request,
                              const web::Renderer& renderer) {
  ReportTexts texts(renderer, request.lang);
  switch (request.kind) {
    case ReportKind::kReview: {
      auto group = request.group ? std::optional(request.group->value) : std::nullopt;
      return {review::review_report(review::load_review_data(db, request.area, request.periods, group), request,
                                    texts),
              {}};
    }
    case ReportKind::kActions:
      return {review::actions_report(db, request, texts), {}};
    case ReportKind::kReviewOverview:
      return {review::overview_report(db, request, texts), {}};
    default:
      break;
  }
  std::vector<WaveData> waves = load_waves(db, request);
  switch (request.kind) {
    case ReportKind::kComparison:
      return {comparison_report(waves, request, texts), {}};
    case ReportKind::kTotal:
    case ReportKind::kGroup:
      return {total_report(waves, request, texts), {}};
    case ReportKind::kRates:
      return {rates_report(waves, request, texts), {}};
    case ReportKind::kComments:
      return comments_report(db, waves, request, texts);
    case ReportKind::kReview:
    case ReportKind::kActions:
    case ReportKind::kReviewOverview:
      break;
  }
  throw std::logic_error("unknown report kind");
}

}  // namespace tilfreds::intake::reports
