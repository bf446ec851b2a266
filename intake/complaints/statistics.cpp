#include "intake/complaints/statistics.h"

#include "db/offer_store.h"
#include "db/response_store.h"
#include "intake/complaints/complaint.h"
#include "intake/complaints/complaint_disclosure.h"
#include "intake/offers/overview_columns.h"
#include "intake/reports/disclosure.h"
#include "intake/reports/wave_data.h"
#include "stats/indicator.h"
#include "stats/median.h"
#include "stats/proportion.h"
#include "stats/suppression.h"
#include "stats/two_proportions.h"

namespace tilfreds::intake::complaints {

namespace {
using reports::Cell;

struct Gathered {
  std::vector<OfferFigures> now;
  std::vector<OfferFigures> before;
};

std::map<std::int64_t, std::int64_t> citizens_in(db::Connection& c, const std::vector<db::OfferRow>& offers,
                                                 const std::string& period) {
  std::map<std::int64_t, std::int64_t> out;
  for (const auto& o : offers) {
    if (auto n = db::offer_citizens(c, o.id, period)) out[o.id] = *n;
  }
  return out;
}

Gathered gather(db::Database& db, const Period& period) {
  Period prev = previous_period(period);
  return db.read([&](db::Connection& c) {
    auto offers = db::list_offers(c);
    return Gathered{tally(db::complaints_received(c, period.from, period.to), offers,
                          citizens_in(c, offers, period.label)),
                    tally(db::complaints_received(c, prev.from, prev.to), offers,
                          citizens_in(c, offers, prev.label))};
  });
}

// The previous half-year's figures and marks of the same offer, or nulls.
struct Before {
  const OfferFigures* figures = nullptr;
  const ComplaintMarks* marks = nullptr;
};
Before same_offer(const std::vector<OfferFigures>& list, const std::vector<ComplaintMarks>& marks,
                  const OfferFigures& f) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].offer_id == f.offer_id) return {&list[i], &marks[i]};
  }
  return {};
}

std::string row_name(const OfferFigures& f, const web::Renderer& r, const std::string& lang) {
  return f.offer_id ? f.name : r.text(lang, "complaint_stats_no_offer");
}

constexpr std::int64_t kThreshold = stats::kDefaultSuppressionThreshold;
bool small(std::int64_t n) { return n > 0 && n < kThreshold; }

// The share k/n in percent with its Wilson interval, hidden when n is small
// enough that the share could point at a person, or when the marks of the page
// set hide it (`hidden`).
Cell share_cell(std::int64_t k, std::int64_t n, bool hidden = false) {
  if (hidden) return Cell::hidden();
  if (n == 0) return Cell::missing();
  if (small(n)) return Cell::hidden();
  auto ci = stats::proportion_interval(k, n);
  Cell cell = Cell::percent(100.0 * ci->estimate);
  cell.low = 100.0 * ci->lower;
  cell.high = 100.0 * ci->upper;
  return cell;
}

// The arrow of the share upheld against the previous half-year (more upheld is bad).
// Only between shares both pages print: `before_marks` are the marks of the
// previous half-year's set.
std::optional<reports::Indicator> upheld_arrow(const OfferFigures& now, const OfferFigures* before,
                                               const ComplaintMarks& marks, const ComplaintMarks* before_marks) {
  if (!before || !before_marks || marks.share_hidden || before_marks->share_hidden || small(now.judged) ||
      small(before->judged)) {
    return std::nullopt;
  }
  auto change = stats::compare_proportions(before->upheld, before->judged, now.upheld, now.judged);
  if (!change) return std::nullopt;
  auto a = stats::arrow(stats::decide(change->p, change->difference), stats::Polarity::kUpIsBad);
  return reports::Indicator{"", std::string(stats::direction_name(a.direction)),
                            std::string(stats::tone_name(a.tone))};
}

// A table of counts per offer. Outcomes take the page set's marks (their row
// totals are the complaints, printed on both pages); categories do not add up to
// anything printed (a complaint may have several), so each row is suppressed on
// its own, and hidden whole when its complaints are.
reports::Table count_table(const std::vector<OfferFigures>& figures, const std::vector<ComplaintMarks>& marks,
                           const std::vector<std::string>& words, bool categories, const web::Renderer& r,
                           const std::string& lang) {
  reports::Table t;
  t.corner = r.text(lang, "complaint_stats_offer");
  for (const auto& w : words) t.columns.push_back(r.text(lang, "complaint_" + (w.empty() ? "undecided" : w)));
  t.specs.assign(words.size(), reports::ColumnSpec{reports::CellKind::kCount, false, false});
  if (figures.empty()) return t;
  stats::CountTable counts;
  for (const auto& f : figures) {
    std::vector<std::int64_t> row;
    for (const auto& w : words) {
      const auto& m = categories ? f.by_category : f.by_outcome;
      auto it = m.find(w);
      row.push_back(it == m.end() ? 0 : it->second);
    }
    counts.push_back(row);
  }
  std::optional<stats::SuppressionResult> own;
  if (categories) {
    stats::SuppressionOptions options;
    options.row_totals_published = false;
    options.column_totals_published = false;
    options.grand_total_published = false;
    own = stats::suppress(counts, options);
  }
  for (std::size_t i = 0; i < figures.size(); ++i) {
    reports::Row row{row_name(figures[i], r, lang), {}, ""};
    for (std::size_t j = 0; j < words.size(); ++j) {
      const bool hidden = categories ? marks[i].categories_hidden || own->hidden(i, j) : marks[i].outcome_hidden[j];
      row.cells.push_back(hidden ? Cell::hidden() : Cell::count(counts[i][j]));
    }
    t.rows.push_back(row);
  }
  return t;
}

// Per offer with answers, whether its satisfaction share and its number of answers
// are hidden: the survey's group report for `tilbud=OFFER` prints the same top-2
// share and n of "tilfreds_alt_i_alt", protected over every value of the frame
// column tilbud (reports/disclosure.h), so this page reads the very same marks.
std::map<std::string, std::pair<bool, bool>> satisfaction_marks(
    db::Database& db, std::optional<std::int64_t> wave_id,
    const std::map<std::string, std::pair<std::int64_t, std::int64_t>>& satisfaction) {
  std::map<std::string, std::pair<bool, bool>> out;
  if (!wave_id || satisfaction.empty()) return out;
  auto wave = db.read([&](db::Connection& c) { return db::find_wave(c, *wave_id); });
  if (!wave) return out;
  for (const auto& [offer, counts] : satisfaction) {
    reports::ReportRequest request;
    request.kind = reports::ReportKind::kGroup;
    request.survey = wave->survey_id;
    request.waves = {*wave};
    request.group = reports::GroupFilter{"tilbud", offer};
    const auto waves = reports::load_waves(db, request);
    if (waves.empty()) continue;
    const survey::Question* question = nullptr;
    for (const auto& theme : waves[0].questionnaire.themes) {
      for (const auto& q : theme.questions) {
        if (q.id == "tilfreds_alt_i_alt") question = &q;
      }
    }
    if (!question) continue;
    std::vector<std::string> categories;
    for (const auto& o : question->options) categories.push_back(o.value);
    const auto marks = reports::view_marks(waves[0], question->id, categories, 2, kThreshold);
    out[offer] = {marks.top_hidden, marks.n_hidden};
  }
  return out;
}

std::vector<reports::MethodItem> method(const web::Renderer& r, const std::string& lang) {
  std::vector<reports::MethodItem> out;
  for (const char* key : {"period", "upheld", "interval", "change", "handling", "per_1000", "suppression"}) {
    out.push_back({r.text(lang, std::string("complaint_method_") + key + "_label"),
                   r.text(lang, std::string("complaint_method_") + key), false});
  }
  return out;
}
}  // namespace

reports::Document complaint_statistics(db::Database& db, const Period& period,
                                       const web::Renderer& r, const std::string& lang) {
  Gathered g = gather(db, period);
  const auto marks = protect_complaints(g.now, kThreshold);
  const auto before_marks = protect_complaints(g.before, kThreshold);
  reports::Document doc;
  doc.id = "complaints_" + period.label;
  doc.lang = lang;
  doc.privacy = reports::Document::Privacy::kComplaints;
  doc.title = r.text(lang, "complaint_stats_title");
  doc.subtitle = period.label + " (" + period.from + " – " + period.to + "), " +
                 r.text(lang, "complaint_stats_compared_with") + " " + previous_period(period).label;

  reports::Table main;
  main.id = "complaints_per_offer";
  main.caption = r.text(lang, "complaint_stats_title");
  main.corner = r.text(lang, "complaint_stats_offer");
  for (const char* key : {"provider", "count", "per_1000", "upheld", "median_days", "within_deadline"}) {
    main.columns.push_back(r.text(lang, std::string("complaint_stats_") + key));
  }
  // Declared, so a column hidden whole keeps its kind and its spreadsheet columns.
  using reports::CellKind;
  using reports::ColumnSpec;
  main.specs = {ColumnSpec{CellKind::kText, false, false},   ColumnSpec{CellKind::kCount, false, false},
                ColumnSpec{CellKind::kNumber, false, false}, ColumnSpec{CellKind::kPercent, true, true},
                ColumnSpec{CellKind::kNumber, false, false}, ColumnSpec{CellKind::kPercent, false, false}};
  for (std::size_t i = 0; i < g.now.size(); ++i) {
    const OfferFigures& f = g.now[i];
    const ComplaintMarks& k = marks[i];
    reports::Row row{row_name(f, r, lang), {}, ""};
    row.cells.push_back(Cell::text_cell(f.provider));
    row.cells.push_back(k.complaints_hidden ? Cell::hidden() : Cell::count(f.complaints));
    if (f.citizens && *f.citizens > 0) {
      // With the citizens printed on /statistik/kvalitet, the rate gives the count
      // back (and with the count, a hidden number of citizens).
      row.cells.push_back(k.complaints_hidden || small(*f.citizens)
                              ? Cell::hidden()
                              : Cell::number(1000.0 * static_cast<double>(f.complaints) / static_cast<double>(*f.citizens), 1));
    } else {
      row.cells.push_back(Cell::missing());
    }
    Cell upheld = share_cell(f.upheld, f.judged, k.share_hidden);
    const Before before = same_offer(g.before, before_marks, f);
    upheld.indicator = upheld_arrow(f, before.figures, k, before.marks);
    row.cells.push_back(upheld);
    auto med = stats::median(f.handling_days);
    if (k.timing_hidden) {
      row.cells.push_back(Cell::hidden());
      row.cells.push_back(Cell::hidden());
    } else {
      row.cells.push_back(med ? Cell::number(*med, 1) : Cell::missing());
      row.cells.push_back(f.decided == 0 ? Cell::missing()
                                         : Cell::percent(100.0 * static_cast<double>(f.within_deadline) /
                                                         static_cast<double>(f.decided)));
    }
    main.rows.push_back(row);
  }

  reports::Table by_outcome = count_table(g.now, marks, outcome_columns(), false, r, lang);
  by_outcome.id = "outcomes_per_offer";
  by_outcome.caption = r.text(lang, "complaint_stats_outcomes");
  reports::Table by_category = count_table(g.now, marks, kCategories, true, r, lang);
  by_category.id = "categories_per_offer";
  by_category.caption = r.text(lang, "complaint_stats_categories");

  reports::Section section{r.text(lang, "complaint_stats_per_offer"), {}};
  for (auto* t : {&main, &by_outcome, &by_category}) {
    reports::Block b;
    b.kind = reports::Block::Kind::kTable;
    b.table = *t;
    section.blocks.push_back(b);
  }
  doc.sections.push_back(section);
  doc.method = method(r, lang);
  return doc;
}

reports::Document quality_overview(db::Database& db, const Period& period,
                                   std::optional<std::int64_t> wave_id, const web::Renderer& r,
                                   const std::string& lang, const QualityThresholds& th) {
  Gathered g = gather(db, period);
  // The same marks as /statistik/klager: computed over the same rows (the
  // no-offer row included, though this page does not print it).
  const auto marks = protect_complaints(g.now, kThreshold);
  const auto before_marks = protect_complaints(g.before, kThreshold);
  // Top-2 of the overall question per value of the frame column "tilbud".
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> satisfaction;
  if (wave_id) satisfaction = offers::satisfaction_by_offer(db, *wave_id);
  const auto satisfaction_hidden = satisfaction_marks(db, wave_id, satisfaction);
  reports::Document doc;
  doc.id = "quality_" + period.label;
  doc.lang = lang;
  doc.privacy = reports::Document::Privacy::kComplaints;
  doc.title = r.text(lang, "complaint_quality_title");
  doc.subtitle = period.label + " (" + period.from + " – " + period.to + ")";
  reports::Table t;
  t.id = "quality_per_offer";
  t.caption = doc.title;
  t.corner = r.text(lang, "complaint_stats_offer");
  for (const char* key : {"stats_provider", "quality_satisfaction", "quality_respondents", "stats_count",
                          "quality_upheld_count", "quality_not_upheld", "quality_citizens"}) {
    t.columns.push_back(r.text(lang, std::string("complaint_") + key));
  }
  // The columns of this page; those add_quality_columns adds are read from their cells.
  using reports::CellKind;
  using reports::ColumnSpec;
  t.specs = {ColumnSpec{CellKind::kText, false, false},  ColumnSpec{CellKind::kPercent, true, true},
             ColumnSpec{CellKind::kCount, false, false}, ColumnSpec{CellKind::kCount, false, false},
             ColumnSpec{CellKind::kCount, false, false}, ColumnSpec{CellKind::kPercent, true, true},
             ColumnSpec{CellKind::kCount, false, false}};
  stats::LightThresholds sat{th.satisfaction_green, th.satisfaction_yellow};
  stats::LightThresholds kept{th.not_upheld_green, th.not_upheld_yellow};
  std::vector<std::int64_t> offer_ids;
  for (std::size_t i = 0; i < g.now.size(); ++i) {
    const OfferFigures& f = g.now[i];
    const ComplaintMarks& k = marks[i];
    if (!f.offer_id) continue;
    offer_ids.push_back(*f.offer_id);
    reports::Row row{f.name, {Cell::text_cell(f.provider)}, ""};
    auto s = satisfaction.find(f.name);
    std::int64_t top2 = s == satisfaction.end() ? 0 : s->second.first;
    std::int64_t n = s == satisfaction.end() ? 0 : s->second.second;
    const auto marks_of = satisfaction_hidden.find(f.name);
    const bool top_hidden = marks_of != satisfaction_hidden.end() && marks_of->second.first;
    const bool n_hidden = marks_of != satisfaction_hidden.end() && marks_of->second.second;
    Cell sat_cell = share_cell(top2, n, top_hidden || n_hidden);
    if (auto light = sat_cell.kind == reports::CellKind::kPercent ? stats::traffic_light(top2, n, sat) : std::nullopt) {
      sat_cell.indicator = reports::Indicator{std::string(stats::light_name(*light)), "", ""};
    }
    row.cells.push_back(sat_cell);
    row.cells.push_back(small(n) || n_hidden ? Cell::hidden() : Cell::count(n));
    row.cells.push_back(k.complaints_hidden ? Cell::hidden() : Cell::count(f.complaints));
    row.cells.push_back(k.upheld_hidden || small(f.judged) ? Cell::hidden() : Cell::count(f.upheld));
    Cell kept_cell = share_cell(f.judged - f.upheld, f.judged, k.share_hidden);
    if (kept_cell.kind == reports::CellKind::kPercent) {
      kept_cell.indicator =
          reports::Indicator{std::string(stats::light_name(*stats::traffic_light(f.judged - f.upheld, f.judged, kept))), "", ""};
      // The arrow of the share not upheld is the upheld arrow turned over.
      const Before before = same_offer(g.before, before_marks, f);
      if (auto a = upheld_arrow(f, before.figures, k, before.marks)) {
        kept_cell.indicator->direction = a->direction == "up" ? "down" : a->direction == "down" ? "up" : a->direction;
        kept_cell.indicator->tone = a->tone;
      }
    }
    row.cells.push_back(kept_cell);
    if (!f.citizens) {
      row.cells.push_back(Cell::missing());
    } else {
      row.cells.push_back(small(*f.citizens) ? Cell::hidden() : Cell::count(*f.citizens));
    }
    t.rows.push_back(row);
  }
  reports::Section section{r.text(lang, "complaint_quality_per_offer"), {}};
  doc.method = method(r, lang);
  offers::add_quality_columns(db, period, wave_id, offer_ids, t, section, doc.method, r, lang);
  reports::Block b;
  b.kind = reports::Block::Kind::kTable;
  b.table = t;
  section.blocks.insert(section.blocks.begin(), b);
  doc.sections.push_back(section);
  doc.method.push_back({r.text(lang, "complaint_method_lights_label"),
                        r.text(lang, "complaint_method_lights") + " " + std::to_string(th.satisfaction_green) + "/" +
                            std::to_string(th.satisfaction_yellow) + " %, " +
                            r.text(lang, "complaint_quality_not_upheld") + " " + std::to_string(th.not_upheld_green) +
                            "/" + std::to_string(th.not_upheld_yellow) + " %.",
                        false});
  return doc;
}

}  // namespace tilfreds::intake::complaints
