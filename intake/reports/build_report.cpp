#include "intake/reports/build_report.h"

#include "intake/reports/committee_text.h"
#include "intake/reports/disclosure.h"
#include "intake/reports/method_note.h"
#include "intake/reports/question_tables.h"
#include "intake/review/review_report.h"
#include "intake/reports/rate_columns.h"
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

// Response rate of everybody or of one benefit group, one row per wave. A group
// with fewer completed answers than the threshold shows no number at all.
Table response_rate_table(const std::vector<WaveData>& waves, const ReportRequest& request,
                          const ReportTexts& texts, std::int64_t threshold) {
  Table t;
  t.id = "response_rate";
  t.caption = texts.get("report_rate_caption");
  t.corner = texts.get("report_corner_wave");
  set_rate_columns(t, texts);
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
    } else if (const bool small = (d->completed > 0 || request.group) && d->completed < threshold;
               small || respondents_hidden(w, threshold)) {
      // A small group (or, for one group, an empty one: issue 10 §4) shows no number
      // at all; one hidden to protect another keeps its frame counts, which say
      // nothing about anybody's answers.
      row.cells = small ? std::vector<Cell>(t.columns.size(), Cell::hidden()) : rate_cells(*d, true);
      row.note = texts.get(small ? "report_note_too_few" : "report_note_protects");
    } else {
      row.cells = rate_cells(*d, false);
    }
    const std::string preliminary = preliminary_note(w, texts, threshold);
    if (!preliminary.empty()) row.note += (row.note.empty() ? "" : "; ") + preliminary;
    t.rows.push_back(std::move(row));
  }
  t.footnotes.push_back({"", texts.get("report_rate_footnote")});
  return t;
}

// The committee's headline sentences, one per scale question (committee_text.h).
std::vector<Block> headlines(const QuestionTables& qt, const std::vector<WaveData>& waves,
                             const ReportTexts& texts) {
  std::vector<Block> out;
  for (const auto& q : qt.questions) {
    for (auto& s : question_sentences(q, waves, texts, qt.options.suppression_threshold)) {
      Block b;
      b.kind = Block::Kind::kHeadline;
      b.text = std::move(s.text);
      b.source = std::move(s.source);
      out.push_back(std::move(b));
    }
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
    // "Ydelsesgruppe: Dagpenge", not "group = Dagpenge".
    s += " · " + texts.fill(request.group->dim == "group" ? "report_subtitle_benefit_group" : "report_subtitle_group",
                            {{"dim", request.group->dim}, {"value", value}});
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
  d.reading = reading_guide(texts, {qt.options, qt.comparisons, true, {}});
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
  if (!request.group) {
    // The committee's response paragraph and respondent mix, above the table they quote.
    const std::int64_t threshold = qt.options.suppression_threshold;
    for (auto s : {response_sentence(waves, texts, threshold), mix_sentence(waves, texts, threshold)}) {
      if (!s) continue;
      Block p;
      p.text = s->text;
      p.source = s->source;
      rate.blocks.push_back(std::move(p));
    }
  }
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
  d.reading = reading_guide(texts, {qt.options, qt.comparisons, true, {}});
  return d;
}

Result<Document> build_report(db::Database& db, const ReportRequest& request,
                              const web::Renderer& renderer) {
  ReportTexts texts(renderer, request.lang);
  std::optional<Document> reviewed;
  switch (request.kind) {
    case ReportKind::kReview: {
      auto group = request.group ? std::optional(request.group->value) : std::nullopt;
      reviewed = review::review_report(review::load_review_data(db, request.area, request.periods, group), request,
                                       texts);
      break;
    }
    case ReportKind::kActions:
      reviewed = review::actions_report(db, request, texts);
      break;
    case ReportKind::kReviewOverview:
      reviewed = review::overview_report(db, request, texts);
      break;
    default:
      break;
  }
  if (reviewed) return {std::move(reviewed), {}};
  std::vector<WaveData> waves = load_waves(db, request);
  Result<Document> out;
  switch (request.kind) {
    case ReportKind::kComparison:
      out = {comparison_report(waves, request, texts), {}};
      break;
    case ReportKind::kTotal:
    case ReportKind::kGroup:
      out = {total_report(waves, request, texts), {}};
      break;
    case ReportKind::kRates:
      out = {rates_report(waves, request, texts), {}};
      break;
    case ReportKind::kComments:
      out = comments_report(db, waves, request, texts);
      break;
    case ReportKind::kCommittee:
      out = {committee_report(waves, request, texts), {}};
      break;
    case ReportKind::kReview:
    case ReportKind::kActions:
    case ReportKind::kReviewOverview:
      break;
  }
  return out;
}

}  // namespace tilfreds::intake::reports
