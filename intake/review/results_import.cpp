#include "intake/review/results_import.h"

#include <map>
#include <set>

#include "db/audit_store.h"
#include "db/review_store.h"
#include "intake/csv.h"
#include "intake/review/period.h"
#include "intake/review/scheme.h"
#include "intake/text.h"
#include "stats/case_review.h"

namespace tilfreds::intake::review {

namespace {
constexpr std::size_t kMaxRef = 100;

struct Line {
  int line = 0;
  std::string group;
  std::string case_ref;
  db::ReviewResultRow result;
};

std::string field(const CsvRow& row, std::optional<std::size_t> col) {
  return col && *col < row.fields.size() ? trim(row.fields[*col]) : std::string();
}

// Checks one row against the scheme and the new/old rule; its problems go to
// `problems` as "line N".
std::optional<Line> read_line(const CsvRow& row, const std::map<std::string, std::optional<std::size_t>>& col,
                              const Scheme& scheme, const std::string& review_date, const std::string& today,
                              Problems& problems) {
  const std::string where = "line " + std::to_string(row.line);
  const std::size_t before = problems.size();
  auto bad = [&](const std::string& message) { problems.push_back({where, message}); };
  Line l;
  l.line = row.line;
  l.group = field(row, col.at("group"));
  l.case_ref = field(row, col.at("case"));
  const std::string cp = field(row, col.at("control_point"));
  const std::string result = field(row, col.at("result"));
  const std::string age = field(row, col.at("error_age"));
  const std::string act = field(row, col.at("act_date"));
  const std::string reproduced = field(row, col.at("reproduced"));

  const TargetGroup* group = scheme.find(l.group);
  if (!group) {
    bad("there is no target group '" + l.group + "' in scheme version " + std::to_string(scheme.version));
  } else if (!group->find(cp)) {
    bad("group " + l.group + " has no control point '" + cp + "' in scheme version " +
        std::to_string(scheme.version));
  }
  if (l.case_ref.empty()) bad("the case reference is empty");
  if (l.case_ref.size() > kMaxRef) bad("the case reference is longer than 100 characters");
  if (result != "ok" && result != "fejl" && result != "ikke_relevant") {
    bad("result '" + result + "' must be ok, fejl or ikke_relevant");
  }
  l.result.control_point = cp;
  l.result.result = result;
  const bool is_error = result == "fejl";
  if (!is_error && (!age.empty() || !act.empty() || !reproduced.empty())) {
    if (result == "ok" || result == "ikke_relevant") bad("new/old is recorded only for an error, not for '" + result + "'");
  }
  if (is_error) {
    if (!age.empty() && !act.empty()) bad("give either error_age or act_date, not both");
    if (!age.empty()) {
      if (age != "ny" && age != "gammel") bad("error_age '" + age + "' must be ny or gammel");
      l.result.error_age = age;
    } else if (!act.empty()) {
      auto act_day = civil_date(act);
      auto review_day = civil_date(review_date);
      if (reproduced != "ja" && reproduced != "nej") bad("reproduced must be ja or nej with act_date");
      if (!act_day) {
        bad("act_date '" + act + "' must be a date written YYYY-MM-DD");
      } else if (act > today) {
        bad("act_date " + act + " is in the future");
      } else if (act > review_date) {
        bad("act_date " + act + " is after the review date " + review_date);
      } else if (review_day) {
        l.result.error_age =
            stats::error_age(*act_day, *review_day, reproduced == "ja") == stats::ErrorAge::kNew ? "ny" : "gammel";
        l.result.act_date = act;
        l.result.reproduced = reproduced == "ja";
      }
    } else {
      bad("an error needs error_age (ny or gammel) or act_date with reproduced");
    }
  }
  if (problems.size() != before) return std::nullopt;
  return l;
}
}  // namespace

Result<ResultsImport> import_results(db::Database& db, const staff::Actor& actor, const ResultsImportRequest& req) {
  Problems problems;
  auto area = db.read([&](db::Connection& c) { return db::find_review_area(c, req.area); });
  if (!area) problems.push_back({"--area", "there is no review area '" + req.area + "': see review area list"});
  auto period = parse_period(req.period);
  if (!period) problems.push_back({"--period", "'" + req.period + "' is not a period: write 2024Q3, 2024H2 or 2024-09"});
  if (!problems.empty()) return {std::nullopt, problems};

  const std::string review_date = req.review_date.value_or(period->last_day);
  if (!civil_date(review_date)) {
    return Result<ResultsImport>::failure("--review-date", "'" + review_date + "' must be a date written YYYY-MM-DD");
  }
  if (review_date > req.today) {
    return Result<ResultsImport>::failure(
        "--review-date", "the review date " + review_date + " is in the future" +
                             (req.review_date ? "" : " (the period has not ended: give --review-date)"));
  }
  if (review_date < period->first_day) {
    return Result<ResultsImport>::failure("--review-date", "the review date " + review_date + " is before the period " +
                                                               period->label + " begins");
  }
  auto schemes = db.read([&](db::Connection& c) { return db::review_schemes(c, req.area); });
  auto scheme = scheme_on(schemes, review_date);
  if (!scheme) {
    return Result<ResultsImport>::failure(
        "--period", schemes.empty() ? "area " + req.area + " has no scheme yet: import one with review scheme import"
                                    : period->label + " is before the scheme's first version (valid from " +
                                          schemes.front().valid_from + ")");
  }
  auto existing = db.read([&](db::Connection& c) { return db::find_review(c, req.area, period->label); });
  if (existing && !req.replace) {
    auto cases = db.read([&](db::Connection& c) { return db::review_cases(c, existing->id); });
    if (!cases.empty()) {
      return Result<ResultsImport>::failure("--period", req.area + " " + period->label +
                                                            " has registered cases already: add --replace to replace them");
    }
  }

  CsvTable table = parse_csv(req.csv);
  problems = table.problems;
  std::map<std::string, std::optional<std::size_t>> col;
  for (const char* name : {"group", "case", "control_point", "result", "error_age", "act_date", "reproduced"}) {
    col[name] = column_index(table.header, name);
  }
  for (const char* name : {"group", "case", "control_point", "result"}) {
    if (!col[name]) problems.push_back({"header", std::string("the column '") + name + "' is missing"});
  }
  if (!problems.empty()) return {std::nullopt, problems};
  if (table.rows.empty()) return Result<ResultsImport>::failure("line 2", "the file has no results");

  std::vector<Line> lines;
  std::map<std::tuple<std::string, std::string, std::string>, int> seen;  // group, case, point → line
  std::map<std::string, std::pair<std::string, int>> case_group;          // case → group, line
  for (const auto& row : table.rows) {
    auto l = read_line(row, col, *scheme, review_date, req.today, problems);
    if (!l) continue;
    const std::string where = "line " + std::to_string(row.line);
    auto [it, fresh] = seen.emplace(std::tuple{l->group, l->case_ref, l->result.control_point}, row.line);
    if (!fresh) {
      problems.push_back({where, "case " + l->case_ref + " has control point " + l->result.control_point +
                                     " twice in this review (first on line " + std::to_string(it->second) + ")"});
      continue;
    }
    auto [g, first] = case_group.emplace(l->case_ref, std::pair{l->group, row.line});
    if (!first && g->second.first != l->group) {
      problems.push_back({where, "case " + l->case_ref + " is in group " + g->second.first + " on line " +
                                     std::to_string(g->second.second) + ": a case belongs to one group"});
      continue;
    }
    lines.push_back(std::move(*l));
  }
  if (!problems.empty()) return {std::nullopt, problems};

  ResultsImport out;
  out.period = period->label;
  out.review_date = review_date;
  out.scheme_version = scheme->version;
  // Cases in file order within their group; results per case in one batch.
  std::map<std::pair<std::string, std::string>, std::vector<db::ReviewResultRow>> by_case;
  std::vector<std::pair<std::string, std::string>> order;
  for (const auto& l : lines) {
    auto key = std::pair{l.group, l.case_ref};
    if (!by_case.count(key)) order.push_back(key);
    by_case[key].push_back(l.result);
    ++out.results;
    if (l.result.result == "fejl") {
      ++out.errors;
      if (l.result.error_age == "ny") ++out.new_errors;
    }
  }
  out.cases = order.size();
  db.write([&](db::Connection& c) {
    auto review = db::find_review(c, req.area, period->label);
    if (review) {
      db::clear_review(c, review->id);
      db::update_review(c, {review->id, req.area, period->label, review_date, scheme->version});
      out.review_id = review->id;
    } else {
      out.review_id = db::create_review(c, {0, req.area, period->label, review_date, scheme->version});
    }
    std::map<std::string, std::int64_t> position;
    std::vector<std::pair<std::int64_t, std::vector<db::ReviewResultRow>>> results;
    for (const auto& key : order) {
      auto id = db::add_review_case(c, out.review_id, key.first, ++position[key.first], key.second);
      results.emplace_back(id, by_case[key]);
    }
    db::save_review_results(c, out.review_id, results);
    db::record_audit(c, {actor.id, actor.name, "import", "review", req.area + " " + period->label, "",
                         "{\"cases\":" + std::to_string(out.cases) + "}"});
  });
  return {out, {}};
}

}  // namespace tilfreds::intake::review
