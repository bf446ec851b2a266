#include "intake/review/action_plan.h"

#include <nlohmann/json.hpp>
#include <set>

#include "db/audit_store.h"
#include "db/review_store.h"
#include "intake/review/period.h"
#include "intake/review/scheme.h"
#include "intake/text.h"

namespace tilfreds::intake::review {

namespace {
using nlohmann::json;
constexpr std::size_t kMaxText = 4000;

bool is_colour(const std::string& c) { return c == "green" || c == "yellow" || c == "red"; }

std::string string_at(const json& obj, const std::string& path, const char* key, bool required, Problems& problems) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) problems.push_back({path + "/" + key, "is missing"});
    return {};
  }
  if (!it->is_string() || (required && trim(it->get<std::string>()).empty()) || it->get<std::string>().size() > kMaxText) {
    problems.push_back({path + "/" + key, required ? "must be a text of at most 4000 characters" : "must be a text"});
    return {};
  }
  return trim(it->get<std::string>());
}

std::set<std::string> known_points(db::Database& db, const std::string& area) {
  std::set<std::string> out;
  for (const auto& row : db.read([&](db::Connection& c) { return db::review_schemes(c, area); })) {
    for (const auto& g : stored_scheme({row}, row.version).groups) {
      for (const auto& p : g.control_points) out.insert(p.id);
    }
  }
  return out;
}

// Appends the status unless the action's latest status for that period says the same.
bool add_if_changed(db::Connection& c, const db::ActionStatusRow& s) {
  auto history = db::action_statuses(c, s.action_id);
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->period != s.period) continue;
    if (it->text == s.text && it->colour == s.colour) return false;
    break;
  }
  db::add_action_status(c, s);
  return true;
}
}  // namespace

Result<PlanImport> import_plan(db::Database& db, const staff::Actor& actor, const std::string& json_text) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Result<PlanImport>::failure("/", "must be a JSON object with area, period and actions");
  }
  Problems problems;
  PlanImport out;
  out.area = string_at(doc, "", "area", true, problems);
  std::string period_text = string_at(doc, "", "period", true, problems);
  auto period = parse_period(period_text);
  if (!period_text.empty() && !period) problems.push_back({"/period", "write a period as 2024Q3, 2024H2 or 2024-09"});
  if (!out.area.empty() && !db.read([&](db::Connection& c) { return db::find_review_area(c, out.area); })) {
    problems.push_back({"/area", "there is no review area '" + out.area + "'"});
  }
  if (!problems.empty()) return {std::nullopt, problems};
  out.period = period->label;
  const std::set<std::string> points = known_points(db, out.area);

  std::vector<std::pair<db::ReviewActionRow, std::vector<db::ActionStatusRow>>> actions;
  auto list = doc.find("actions");
  if (list == doc.end() || !list->is_array() || list->empty()) {
    return Result<PlanImport>::failure("/actions", "must be a non-empty list of actions");
  }
  std::set<std::string> numbers;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& a = (*list)[i];
    const std::string path = "/actions/" + std::to_string(i);
    if (!a.is_object()) {
      problems.push_back({path, "must be an object with number, theme, text, …"});
      continue;
    }
    db::ReviewActionRow row;
    row.area_id = out.area;
    row.period = out.period;
    row.position = static_cast<std::int64_t>(i + 1);
    row.number = string_at(a, path, "number", true, problems);
    if (!row.number.empty() && !numbers.insert(row.number).second) {
      problems.push_back({path + "/number", "action " + row.number + " is listed twice"});
    }
    row.theme = string_at(a, path, "theme", true, problems);
    row.text = string_at(a, path, "text", true, problems);
    row.owner = string_at(a, path, "owner", false, problems);
    row.expected = string_at(a, path, "expected", false, problems);
    if (auto cps = a.find("control_points"); cps != a.end()) {
      if (!cps->is_array()) problems.push_back({path + "/control_points", "must be a list of control point ids"});
      for (std::size_t j = 0; cps->is_array() && j < cps->size(); ++j) {
        const json& cp = (*cps)[j];
        if (!cp.is_string() || !points.count(cp.get<std::string>())) {
          problems.push_back({path + "/control_points/" + std::to_string(j),
                              "is not a control point of " + out.area + "'s scheme"});
          continue;
        }
        row.control_points += (row.control_points.empty() ? "" : ",") + cp.get<std::string>();
      }
    }
    std::vector<db::ActionStatusRow> statuses;
    if (auto st = a.find("status"); st != a.end()) {
      if (!st->is_array()) problems.push_back({path + "/status", "must be a list of {period, text, colour}"});
      for (std::size_t j = 0; st->is_array() && j < st->size(); ++j) {
        const json& s = (*st)[j];
        const std::string here = path + "/status/" + std::to_string(j);
        if (!s.is_object()) {
          problems.push_back({here, "must be an object with period, text and colour"});
          continue;
        }
        db::ActionStatusRow status;
        auto p = parse_period(string_at(s, here, "period", true, problems));
        if (!p) problems.push_back({here + "/period", "write a period as 2024Q3, 2024H2 or 2024-09"});
        status.period = p ? p->label : "";
        status.text = string_at(s, here, "text", true, problems);
        status.colour = string_at(s, here, "colour", true, problems);
        if (!status.colour.empty() && !is_colour(status.colour)) {
          problems.push_back({here + "/colour", "must be green, yellow or red"});
        }
        status.recorded_by = actor.name;
        statuses.push_back(std::move(status));
      }
    }
    actions.emplace_back(std::move(row), std::move(statuses));
  }
  if (!problems.empty()) return {std::nullopt, problems};
  db.write([&](db::Connection& c) {
    for (auto& [row, statuses] : actions) {
      auto id = db::put_review_action(c, row);
      for (auto& s : statuses) {
        s.action_id = id;
        if (add_if_changed(c, s)) ++out.statuses;
      }
      ++out.actions;
    }
    db::record_audit(c, {actor.id, actor.name, "import", "action_plan", out.area + " " + out.period, "",
                         "{\"actions\":" + std::to_string(out.actions) + "}"});
  });
  return {out, {}};
}

Problems set_action_status(db::Database& db, const staff::Actor& actor, const StatusChange& ch) {
  Problems problems;
  auto plan_period = parse_period(ch.plan_period);
  auto period = parse_period(ch.period);
  if (!plan_period) problems.push_back({"--plan-period", "write a period as 2024Q3, 2024H2 or 2024-09"});
  if (!period) problems.push_back({"--period", "write a period as 2024Q3, 2024H2 or 2024-09"});
  if (!is_colour(ch.colour)) problems.push_back({"--colour", "must be green, yellow or red"});
  if (trim(ch.text).empty() || ch.text.size() > kMaxText || !is_valid_utf8(ch.text)) {
    problems.push_back({"--text", "write the status, at most 4000 characters"});
  }
  if (!problems.empty()) return problems;
  std::optional<db::ReviewActionRow> action;
  for (const auto& a : db.read([&](db::Connection& c) { return db::review_actions(c, ch.area, plan_period->label); })) {
    if (a.number == ch.number) action = a;
  }
  if (!action) {
    return {{"--action", "the plan of " + ch.area + " for " + plan_period->label + " has no action " + ch.number}};
  }
  db.write([&](db::Connection& c) {
    db::add_action_status(c, {action->id, period->label, trim(ch.text), ch.colour, actor.name, ""});
    db::record_audit(c, {actor.id, actor.name, "status", "review_action", std::to_string(action->id), "",
                         "{\"colour\":\"" + ch.colour + "\"}"});
  });
  return problems;
}

}  // namespace tilfreds::intake::review
