// "Status på handleplan" as committees get it (Copenhagen 2011): per plan and
// theme the table Nr., Handling, Forventet afslutning, Status, Status i farver,
// then the status per period so the history can be read.
#include <map>
#include <set>
#include <sstream>

#include "db/review_store.h"
#include "intake/review/review_report.h"

namespace tilfreds::intake::review {

namespace {
using reports::Block;
using reports::Cell;
using reports::Indicator;
using reports::Row;
using reports::Table;
using nlohmann::json;

Cell colour_cell(const db::ActionStatusRow& s, const reports::ReportTexts& texts) {
  Cell c = Cell::text_cell(texts.get("review_colour_" + s.colour));
  c.indicator = Indicator{s.colour, "", ""};
  return c;
}

}  // namespace

reports::Document actions_report(db::Database& db, const reports::ReportRequest& request,
                                 const reports::ReportTexts& texts) {
  auto area = *db.read([&](db::Connection& c) { return db::find_review_area(c, request.area); });
  reports::Document doc;
  doc.id = "actions";
  doc.lang = texts.lang();
  doc.title = texts.fill("review_actions_title", {{"area", area.name}});
  std::string labels;
  for (const auto& p : request.periods) labels += (labels.empty() ? "" : ", ") + p;
  doc.subtitle = texts.fill("review_subtitle", {{"periods", labels}});
  json figures = {{"area", area.id}, {"plans", json::array()}};
  std::size_t statuses = 0;
  for (const auto& period : request.periods) {
    auto actions = db.read([&](db::Connection& c) { return db::review_actions(c, area.id, period); });
    reports::Section section{texts.fill("review_actions_section", {{"period", period}}), {}};
    json plan = {{"period", period}, {"actions", json::array()}};
    std::vector<std::string> themes;
    std::map<std::string, Table> by_theme;
    std::set<std::string> status_periods;
    std::map<std::int64_t, std::map<std::string, db::ActionStatusRow>> latest;  // action → period → status
    for (const auto& a : actions) {
      auto history = db.read([&](db::Connection& c) { return db::action_statuses(c, a.id); });
      statuses += history.size();
      for (const auto& s : history) {
        latest[a.id][s.period] = s;
        status_periods.insert(s.period);
      }
      if (!by_theme.count(a.theme)) {
        themes.push_back(a.theme);
        Table t;
        t.id = "actions_" + period + "_" + std::to_string(themes.size());
        t.caption = texts.fill("review_actions_caption", {{"period", period}, {"theme", a.theme}});
        t.corner = texts.get("review_actions_number");
        t.columns = {texts.get("review_actions_text"), texts.get("review_actions_expected"),
                     texts.get("review_actions_status"), texts.get("review_actions_colour"),
                     texts.get("review_actions_points"), texts.get("review_actions_owner")};
        by_theme[a.theme] = std::move(t);
      }
      Row row;
      row.header = a.number;
      row.cells = {Cell::text_cell(a.text), Cell::text_cell(a.expected)};
      json aj = {{"number", a.number}, {"theme", a.theme}, {"text", a.text},
                 {"control_points", reports::split_labels(a.control_points)}, {"owner", a.owner},
                 {"expected", a.expected}, {"history", json::array()}};
      if (!history.empty()) {
        const auto& s = history.back();
        row.cells.push_back(Cell::text_cell(s.period + ": " + s.text));
        row.cells.push_back(colour_cell(s, texts));
        aj["status"] = {{"period", s.period}, {"text", s.text}, {"colour", s.colour}};
      } else {
        row.cells.push_back(Cell::missing());
        row.cells.push_back(Cell::missing());
      }
      row.cells.push_back(Cell::text_cell(a.control_points));
      row.cells.push_back(Cell::text_cell(a.owner));
      for (const auto& s : history) {
        aj["history"].push_back({{"period", s.period}, {"text", s.text}, {"colour", s.colour},
                                 {"recorded_at", s.recorded_at}});
      }
      by_theme[a.theme].rows.push_back(std::move(row));
      plan["actions"].push_back(std::move(aj));
    }
    for (const auto& theme : themes) {
      Block b;
      b.kind = Block::Kind::kTable;
      b.table = std::move(by_theme[theme]);
      section.blocks.push_back(std::move(b));
    }
    if (!status_periods.empty()) {
      Table h;
      h.id = "actions_" + period + "_history";
      h.caption = texts.fill("review_actions_history_caption", {{"period", period}});
      h.corner = texts.get("review_actions_number");
      h.columns.assign(status_periods.begin(), status_periods.end());
      for (const auto& a : actions) {
        Row row;
        row.header = a.number;
        for (const auto& p : status_periods) {
          auto it = latest[a.id].find(p);
          if (it == latest[a.id].end()) {
            row.cells.push_back(Cell::missing());
          } else {
            Cell c = Cell::text_cell(texts.get("review_colour_" + it->second.colour) + ": " + it->second.text);
            c.indicator = Indicator{it->second.colour, "", ""};
            row.cells.push_back(std::move(c));
          }
        }
        h.rows.push_back(std::move(row));
      }
      Block b;
      b.kind = Block::Kind::kTable;
      b.table = std::move(h);
      section.blocks.push_back(std::move(b));
    }
    doc.sections.push_back(std::move(section));
    figures["plans"].push_back(std::move(plan));
  }
  doc.method.push_back({texts.get("review_method_area"), area.name, false});
  doc.method.push_back({texts.get("review_actions_method_colours"), texts.get("review_actions_method_colours_text"), false});
  doc.method.push_back({texts.get("review_actions_method_history"),
                        texts.fill("review_actions_method_history_text", {{"n", std::to_string(statuses)}}), false});
  doc.figures = std::move(figures);
  return doc;
}

}  // namespace tilfreds::intake::review
