#include "intake/review/registration.h"

#include <set>

#include "db/audit_store.h"
#include "db/review_store.h"
#include "intake/review/period.h"
#include "stats/case_review.h"

namespace tilfreds::intake::review {

std::optional<CaseContext> case_context(db::Database& db, std::int64_t case_id) {
  return db.read([&](db::Connection& c) -> std::optional<CaseContext> {
    auto kase = db::find_review_case(c, case_id);
    if (!kase) return std::nullopt;
    auto review = db::find_review_by_id(c, kase->review_id);
    if (!review) return std::nullopt;
    CaseContext ctx{*kase, *review, stored_scheme(db::review_schemes(c, review->area_id), review->scheme_version),
                    nullptr};
    return ctx;
  });
}

Problems check_answers(const CaseContext& c, const std::vector<CaseAnswer>& answers, const std::string& today,
                       bool errors_only) {
  Problems problems;
  const TargetGroup* group = c.scheme.find(c.kase.group_id);
  if (!group) return {{"case", "the case's target group is not in its scheme"}};
  std::set<std::string> seen;
  for (const auto& a : answers) {
    if (!group->find(a.control_point)) {
      problems.push_back({a.control_point, "is not a control point of " + group->id});
      continue;
    }
    if (!seen.insert(a.control_point).second) {
      problems.push_back({a.control_point, "is answered twice"});
      continue;
    }
    if (a.result != "ok" && a.result != "fejl" && a.result != "ikke_relevant") {
      problems.push_back({a.control_point, "choose correct, error or not relevant"});
      continue;
    }
    if (a.result != "fejl") {
      if (!a.act_date.empty() || !a.reproduced.empty()) {
        problems.push_back({a.control_point, "new/old is recorded only for an error"});
      }
      continue;
    }
    if (errors_only) continue;
    if (!civil_date(a.act_date)) {
      problems.push_back({a.control_point, "write the date of the act as YYYY-MM-DD"});
    } else if (a.act_date > today || a.act_date > c.review.review_date) {
      problems.push_back({a.control_point, "the date of the act is after the review date or today"});
    }
    if (a.reproduced != "ja" && a.reproduced != "nej") {
      problems.push_back({a.control_point, "say whether the error is still being reproduced"});
    }
  }
  for (const auto& p : group->control_points) {
    if (!seen.count(p.id)) problems.push_back({p.id, "choose correct, error or not relevant"});
  }
  return problems;
}

Problems save_case(db::Database& db, const staff::Actor& actor, std::int64_t case_id,
                   const std::vector<CaseAnswer>& answers, const std::string& today) {
  auto c = case_context(db, case_id);
  if (!c) return {{"case", "there is no such case"}};
  Problems problems = check_answers(*c, answers, today);
  if (!problems.empty()) return problems;
  std::vector<db::ReviewResultRow> rows;
  const auto review_day = *civil_date(c->review.review_date);
  for (const auto& a : answers) {
    db::ReviewResultRow r{a.control_point, a.result, std::nullopt, std::nullopt, std::nullopt};
    if (a.result == "fejl") {
      const bool reproduced = a.reproduced == "ja";
      r.error_age = stats::error_age(*civil_date(a.act_date), review_day, reproduced) == stats::ErrorAge::kNew
                        ? "ny"
                        : "gammel";
      r.act_date = a.act_date;
      r.reproduced = reproduced;
    }
    rows.push_back(std::move(r));
  }
  db.write([&](db::Connection& conn) {
    db::save_case_results(conn, case_id, rows);
    db::record_audit(conn, {actor.id, actor.name, "register", "review_case", std::to_string(case_id), "", "{}"});
  });
  return problems;
}

}  // namespace tilfreds::intake::review
