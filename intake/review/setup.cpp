#include "intake/review/setup.h"

#include <chrono>
#include <regex>
#include <set>

#include "db/audit_store.h"
#include "intake/review/scheme.h"
#include "intake/text.h"

namespace tilfreds::intake::review {

Problems add_area(db::Database& db, const staff::Actor& actor, const db::ReviewAreaRow& a) {
  Problems problems;
  static const std::regex kId("[a-z0-9][a-z0-9_-]{0,63}");
  if (!std::regex_match(a.id, kId)) {
    problems.push_back({"ID", "'" + a.id + "' must be a stable id: lower-case letters, digits, '_' or '-'"});
  }
  if (trim(a.name).empty() || a.name.size() > 200 || !is_valid_utf8(a.name)) {
    problems.push_back({"--name", "write the area's name, at most 200 characters"});
  }
  if (!std::set<std::string>{"overvaagning", "tilsyn", "intensiveret"}.count(a.risk)) {
    problems.push_back({"--risk", "must be overvaagning, tilsyn or intensiveret"});
  }
  if (!std::set<std::string>{"monthly", "quarterly", "halfyearly", "yearly"}.count(a.frequency)) {
    problems.push_back({"--frequency", "must be monthly, quarterly, halfyearly or yearly"});
  }
  if (a.sample_size && (*a.sample_size < 1 || *a.sample_size > 100000)) {
    problems.push_back({"--sample", "must be a number of cases from 1"});
  }
  if (!(0 <= a.yellow_from && a.yellow_from <= a.green_from && a.green_from <= 100)) {
    problems.push_back({"--green-from", "the thresholds must satisfy 0 <= yellow <= green <= 100"});
  }
  if (!problems.empty()) return problems;
  bool added = false;
  db.write([&](db::Connection& c) {
    added = db::add_review_area(c, a);
    if (added) db::record_audit(c, {actor.id, actor.name, "create", "review_area", a.id, "", "{}"});
  });
  if (!added) problems.push_back({"ID", "there is an area '" + a.id + "' already"});
  return problems;
}

Result<db::ReviewSchemeRow> import_scheme(db::Database& db, const staff::Actor& actor, const std::string& json_text) {
  auto parsed = parse_scheme(json_text);
  if (!parsed.ok()) return {std::nullopt, parsed.problems};
  const Scheme& s = *parsed.value;
  if (!db.read([&](db::Connection& c) { return db::find_review_area(c, s.area); })) {
    return Result<db::ReviewSchemeRow>::failure("/area", "there is no review area '" + s.area + "': add it with review area add");
  }
  auto stored = db.read([&](db::Connection& c) { return db::review_schemes(c, s.area); });
  for (const auto& other : stored) {
    if (other.version < s.version && other.valid_from >= s.valid_from) {
      return Result<db::ReviewSchemeRow>::failure(
          "/valid_from", "version " + std::to_string(s.version) + " must start after version " +
                             std::to_string(other.version) + " (valid from " + other.valid_from + ")");
    }
    if (other.version > s.version && other.valid_from <= s.valid_from) {
      return Result<db::ReviewSchemeRow>::failure(
          "/valid_from", "version " + std::to_string(s.version) + " must start before version " +
                             std::to_string(other.version) + " (valid from " + other.valid_from + ")");
    }
  }
  db::ReviewSchemeRow row{s.area, s.version, s.valid_from, json_text};
  db::PutScheme put = db::PutScheme::kCreated;
  db.write([&](db::Connection& c) {
    put = db::put_review_scheme(c, row);
    if (put == db::PutScheme::kCreated) {
      db::record_audit(c, {actor.id, actor.name, "import", "review_scheme", s.area + " v" + std::to_string(s.version),
                           "", "{}"});
    }
  });
  if (put == db::PutScheme::kConflict) {
    return Result<db::ReviewSchemeRow>::failure(
        "/version", "version " + std::to_string(s.version) + " of " + s.area +
                        " was imported before with other content: give the changed scheme a new version");
  }
  return {row, {}};
}

std::int64_t anonymise_reviews(db::Database& db, const staff::Actor& actor, int days, const std::string& today) {
  using namespace std::chrono;
  const year_month_day t{year{std::stoi(today.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(today.substr(5, 2)))},
                         day{static_cast<unsigned>(std::stoi(today.substr(8, 2)))}};
  const year_month_day cut{sys_days(t) - std::chrono::days(days)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(cut.year()), static_cast<unsigned>(cut.month()),
                static_cast<unsigned>(cut.day()));
  std::int64_t cleared = 0;
  db.write([&](db::Connection& c) {
    cleared = db::clear_case_refs(c, buf);
    db::record_audit(c, {actor.id, actor.name, "anonymise", "review", std::string("before ") + buf, "",
                         "{\"cleared\":" + std::to_string(cleared) + "}"});
  });
  return cleared;
}

}  // namespace tilfreds::intake::review
