#include "intake/complaints/statistics.h"

#include "db/offer_store.h"
#include "db/response_store.h"
#include "intake/complaints/complaint.h"
#include "intake/offers/overview_columns.h"
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

const OfferFigures* same_offer(const std::vector<OfferFigures>& list, const OfferFigures& f) {
  for (const auto& g : list) {
    if (g.offer_id == f.offer_id) return &g;
  }
  return nullptr;
}

std::string row_name(const OfferFigures& f, const web::Renderer& r, const std::string& lang) {
  return f.offer_id ? f.name : r.text(lang, "complaint_stats_no_offer");
}

bool small(std::int64_t n) { return n > 0 && n < stats::kDefaultSuppressionThreshold; }

// The share k/n in percent with its Wilson interval, hidden when n is small
// enough that the share could point at a person.
Cell share_cell(std::int64_t k, std::int64_t n) {
  if (n == 0) return Cell::missing();
  if (small(n)) return Cell::hidden();
  auto ci = stats::proportion_interval(k, n);
  Cell cell = Cell::percent(100.0 * ci->estimate);
  cell.low = 100.0 * ci->lower;
  cell.high = 100.0 * ci->upper;
  return cell;
}

// The arrow of the share upheld against the previous half-year (more upheld is bad).
std::optional<reports::Indicator> upheld_arrow(const OfferFigures& now, const OfferFigures* before) {
  if (!before || small(now.judged) || small(before->judged)) return std::nullopt;
  auto change = stats::compare_proportions(before->upheld, before->judged, now.upheld, now.judged);
  if (!change) return std::nullopt;
  auto a = stats::arrow(stats::decide(change->p, change->difference), stats::Polarity::kUpIsBad);
  return reports::Indicator{"", std::string(stats::direction_name(a.direction)),
                            std::string(stats::tone_name(a.tone))};
}

// A table of counts per offer, hidden as stats/suppression.h prescribes: no
// column totals or grand total are printed, so each row is its own line.
reports::Table count_table(const std::vector<OfferFigures>& figures, const std::vector<std::string>& words,
                           bool categories, const web::Renderer& r, const std::string& lang) {
  reports::Table t;
  t.corner = r.text(lang, "complaint_stats_offer");
  for (const auto& w : words) t.columns.push_back(r.text(lang, "complaint_" + (w.empty() ? "undecided" : w)));
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
  stats::SuppressionOptions options;
  // Outcomes add up to the complaints per offer, printed in the main table;
  // categories do not add up to anything printed (a complaint may have several).
  options.row_totals_published = !categories;
  options.column_totals_published = false;
  options.grand_total_published = false;
  auto marks = stats::suppress(counts, options);
  for (std::size_t i = 0; i < figures.size(); ++i) {
    reports::Row row{row_name(figures[i], r, lang), {}, ""};
    for (std::size_t j = 0; j < words.size(); ++j) {
      row.cells.push_back(marks.hidden(i, j) ? Cell::hidden() : Cell::count(counts[i][j]));
    }
    t.rows.push_back(row);
  }
  return t;
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
  for (const auto& f : g.now) {
    reports::Row row{row_name(f, r, lang), {}, ""};
    row.cells.push_back(Cell::text_cell(f.provider));
    row.cells.push_back(Cell::count(f.complaints));
    if (f.citizens && *f.citizens > 0) {
      row.cells.push_back(Cell::number(1000.0 * static_cast<double>(f.complaints) / static_cast<double>(*f.citizens), 1));
    } else {
      row.cells.push_back(Cell::missing());
    }
    Cell upheld = share_cell(f.upheld, f.judged);
    upheld.indicator = upheld_arrow(f, same_offer(g.before, f));
    row.cells.push_back(upheld);
    auto med = stats::median(f.handling_days);
    row.cells.push_back(med ? Cell::number(*med, 1) : Cell::missing());
    row.cells.push_back(f.decided == 0 ? Cell::missing()
                                       : Cell::percent(100.0 * static_cast<double>(f.within_deadline) /
                                                       static_cast<double>(f.decided)));
    main.rows.push_back(row);
  }

  std::vector<std::string> outcomes = kOutcomes;
  outcomes.push_back("");
  reports::Table by_outcome = count_table(g.now, outcomes, false, r, lang);
  by_outcome.id = "outcomes_per_offer";
  by_outcome.caption = r.text(lang, "complaint_stats_outcomes");
  reports::Table by_category = count_table(g.now, kCategories, true, r, lang);
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
  // Top-2 of the overall question per value of the frame column "tilbud".
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> satisfaction;
  if (wave_id) satisfaction = offers::satisfaction_by_offer(db, *wave_id);
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
  stats::LightThresholds sat{th.satisfaction_green, th.satisfaction_yellow};
  stats::LightThresholds kept{th.not_upheld_green, th.not_upheld_yellow};
  std::vector<std::int64_t> offer_ids;
  for (const auto& f : g.now) {
    if (!f.offer_id) continue;
    offer_ids.push_back(*f.offer_id);
    reports::Row row{f.name, {Cell::text_cell(f.provider)}, ""};
    auto s = satisfaction.find(f.name);
    std::int64_t top2 = s == satisfaction.end() ? 0 : s->second.first;
    std::int64_t n = s == satisfaction.end() ? 0 : s->second.second;
    Cell sat_cell = share_cell(top2, n);
    if (auto light = n >= stats::kDefaultSuppressionThreshold ? stats::traffic_light(top2, n, sat) : std::nullopt) {
      sat_cell.indicator = reports::Indicator{std::string(stats::light_name(*light)), "", ""};
    }
    row.cells.push_back(sat_cell);
    row.cells.push_back(small(n) ? Cell::hidden() : Cell::count(n));
    row.cells.push_back(Cell::count(f.complaints));
    row.cells.push_back(small(f.judged) ? Cell::hidden() : Cell::count(f.upheld));
    Cell kept_cell = share_cell(f.judged - f.upheld, f.judged);
    if (!small(f.judged) && f.judged > 0) {
      kept_cell.indicator =
          reports::Indicator{std::string(stats::light_name(*stats::traffic_light(f.judged - f.upheld, f.judged, kept))), "", ""};
      // The arrow of the share not upheld is the upheld arrow turned over.
      if (auto a = upheld_arrow(f, same_offer(g.before, f))) {
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
