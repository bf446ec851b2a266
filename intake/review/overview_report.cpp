// The overall picture across areas for management (Copenhagen style): per period
// one row per area with the light of its share of correct cases and one light
// per control-point category, on the share of correct assessments of that
// category's points (case-level shares per category are not counted).
#include "db/review_store.h"
#include "intake/review/review_report.h"
#include "stats/case_review.h"

namespace tilfreds::intake::review {

namespace {
using reports::Cell;
using reports::Indicator;
using nlohmann::json;

constexpr const char* kCategories[] = {"noeglekontrol", "kvalitetsmaal", "formalia"};

Cell light_cell(std::int64_t correct, std::int64_t total, const db::ReviewAreaRow& area) {
  auto light = stats::review_light(correct, total, {area.green_from, area.yellow_from});
  if (!light) return Cell::missing();
  Cell c = Cell::percent(100.0 * static_cast<double>(correct) / static_cast<double>(total), 1);
  c.indicator = Indicator{std::string(stats::light_name(*light)), "", ""};
  return c;
}
}  // namespace

reports::Document overview_report(db::Database& db, const reports::ReportRequest& request,
                                  const reports::ReportTexts& texts) {
  auto areas = db.read([](db::Connection& c) { return db::review_areas(c); });
  reports::Document doc;
  doc.id = "review-overview";
  doc.lang = texts.lang();
  doc.title = texts.get("review_overview_title");
  std::string labels;
  for (const auto& p : request.periods) labels += (labels.empty() ? "" : ", ") + p;
  doc.subtitle = texts.fill("review_subtitle", {{"periods", labels}});
  json figures = {{"periods", json::array()}};
  reports::Section section{texts.get("review_overview_section"), {}};
  for (const auto& period : request.periods) {
    reports::Table t;
    t.id = "overview_" + period;
    t.caption = texts.fill("review_overview_caption", {{"period", period}});
    t.corner = texts.get("review_overview_corner");
    t.columns = {texts.get("review_column_share")};
    for (const char* cat : kCategories) t.columns.push_back(texts.get("review_category_" + std::string(cat)));
    json pj = {{"period", period}, {"areas", json::array()}};
    for (const auto& area : areas) {
      auto data = load_review_data(db, area.id, {period}, std::nullopt);
      if (data.periods.empty()) continue;
      const PeriodData& p = data.periods.front();
      std::int64_t cases = 0, correct = 0;
      for (const auto& [id, g] : p.groups) {
        cases += g.cases;
        correct += g.correct_cases;
      }
      reports::Row row;
      row.header = area.name;
      row.cells.push_back(light_cell(correct, cases, area));
      json aj = {{"id", area.id}, {"cases", cases}, {"correct_cases", correct}};
      if (auto l = stats::review_light(correct, cases, {area.green_from, area.yellow_from})) {
        aj["light"] = std::string(stats::light_name(*l));
      }
      for (const char* cat : kCategories) {
        std::int64_t checked = 0, errors = 0;
        for (const auto& g : p.scheme.groups) {
          for (const auto& cp : g.control_points) {
            if (cp.category != cat) continue;
            if (auto it = p.points.find({g.id, cp.id}); it != p.points.end()) {
              checked += it->second.checked;
              errors += it->second.errors;
            }
          }
        }
        row.cells.push_back(light_cell(checked - errors, checked, area));
        if (auto l = stats::review_light(checked - errors, checked, {area.green_from, area.yellow_from})) {
          aj[cat] = {{"checked", checked}, {"errors", errors}, {"light", std::string(stats::light_name(*l))}};
        }
      }
      t.rows.push_back(std::move(row));
      pj["areas"].push_back(std::move(aj));
    }
    reports::Block b;
    b.kind = reports::Block::Kind::kTable;
    b.table = std::move(t);
    section.blocks.push_back(std::move(b));
    figures["periods"].push_back(std::move(pj));
  }
  doc.sections.push_back(std::move(section));
  doc.method.push_back({texts.get("review_overview_method"), texts.get("review_overview_method_text"), false});
  doc.figures = std::move(figures);
  return doc;
}

}  // namespace tilfreds::intake::review
