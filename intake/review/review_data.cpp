#include "intake/review/review_data.h"

#include <algorithm>
#include <sstream>

#include "intake/review/period.h"
#include "intake/text.h"

namespace tilfreds::intake::review {

Problems check_review_request(db::Database& db, const reports::ReportArgs& args, reports::ReportRequest& r) {
  Problems problems;
  r.area = trim(args.area);
  const bool overview = r.kind == reports::ReportKind::kReviewOverview;
  std::vector<db::ReviewAreaRow> areas;
  if (overview) {
    areas = db.read([](db::Connection& c) { return db::review_areas(c); });
    if (!r.area.empty()) problems.push_back({"--area", "the overview covers every area: leave out --area"});
    if (areas.empty()) problems.push_back({"--area", "there are no review areas yet"});
  } else if (r.area.empty()) {
    problems.push_back({"--area", "name the review area, e.g. --area jobcenter"});
    return problems;
  } else if (auto a = db.read([&](db::Connection& c) { return db::find_review_area(c, r.area); })) {
    areas.push_back(*a);
  } else {
    problems.push_back({"--area", "there is no review area '" + r.area + "'"});
    return problems;
  }
  std::vector<Period> periods;
  auto labels = reports::split_labels(args.periods);
  if (labels.empty()) problems.push_back({"--periods", "name at least one period, e.g. 2024Q1,2024Q2,2024Q3"});
  for (const auto& label : labels) {
    auto p = parse_period(label);
    if (!p) {
      problems.push_back({"--periods", "'" + label + "' is not a period: write 2024Q3, 2024H2 or 2024-09"});
      continue;
    }
    if (std::any_of(periods.begin(), periods.end(), [&](const Period& q) { return q.label == p->label; })) {
      problems.push_back({"--periods", "period " + p->label + " is named twice"});
      continue;
    }
    periods.push_back(*p);
  }
  std::sort(periods.begin(), periods.end(), [](const Period& a, const Period& b) {
    return a.first_day != b.first_day ? a.first_day < b.first_day : a.last_day < b.last_day;
  });
  for (const auto& p : periods) {
    bool found = false;
    for (const auto& a : areas) {
      if (r.kind == reports::ReportKind::kActions) {
        found = found || !db.read([&](db::Connection& c) { return db::review_actions(c, a.id, p.label); }).empty();
      } else {
        found = found || db.read([&](db::Connection& c) { return db::find_review(c, a.id, p.label); }).has_value();
      }
    }
    if (!found) {
      const std::string what = r.kind == reports::ReportKind::kActions ? "action plan" : "review";
      problems.push_back({"--periods", (overview ? std::string("no area") : r.area) + " has no " + what + " in " + p.label});
    }
    r.periods.push_back(p.label);
  }
  const std::string group = trim(args.group);
  if (!group.empty()) {
    if (r.kind != reports::ReportKind::kReview) {
      problems.push_back({"--group", "--group applies to the review report only"});
    } else if (problems.empty()) {
      bool known = false;
      auto schemes = db.read([&](db::Connection& c) { return db::review_schemes(c, r.area); });
      for (const auto& s : schemes) known = known || stored_scheme(schemes, s.version).find(group);
      if (!known) problems.push_back({"--group", "there is no target group '" + group + "' in " + r.area + "'s scheme"});
    }
    r.group = reports::GroupFilter{"group", group};
  }
  return problems;
}

ReviewData load_review_data(db::Database& db, const std::string& area, const std::vector<std::string>& periods,
                            const std::optional<std::string>& group) {
  return db.read([&](db::Connection& c) {
    ReviewData d;
    d.area = *db::find_review_area(c, area);
    auto schemes = db::review_schemes(c, area);
    for (const auto& label : periods) {
      auto review = db::find_review(c, area, label);
      if (!review) continue;
      PeriodData p{*review, stored_scheme(schemes, review->scheme_version), {}, {}, {}, 0};
      auto counts = db::review_counts(c, review->id);
      for (const auto& g : counts.groups) {
        if (!group || g.group_id == *group) p.groups[g.group_id] = g;
      }
      for (const auto& pt : counts.points) {
        if (group && pt.group_id != *group) continue;
        p.points[{pt.group_id, pt.control_point}] = pt;
        p.errors += pt.errors;
      }
      for (const auto& s : db::review_samples(c, review->id)) p.samples[s.group_id] = s;
      d.periods.push_back(std::move(p));
    }
    return d;
  });
}

}  // namespace tilfreds::intake::review
