#include "intake/review/demo_review.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "db/review_store.h"
#include "intake/dates.h"
#include "intake/review/action_plan.h"
#include "intake/review/period.h"
#include "intake/review/registration.h"
#include "intake/review/sample.h"
#include "intake/review/setup.h"
#include "intake/survey/demo_data.h"
#include "stats/hypergeometric.h"

namespace tilfreds::intake::review {

namespace {
constexpr int kPopulation = 40;
constexpr int kSample = 5;
// Error chance per control point in the three quarters: a fall like Lejre's.
constexpr double kErrorChance[] = {0.14, 0.10, 0.07};

void check(const Problems& problems, const std::string& what) {
  if (!problems.empty()) throw std::runtime_error("demo " + what + ": " + problems.front().where + ": " + problems.front().message);
}

std::string minus_days(const std::string& iso, int days) {
  using namespace std::chrono;
  const year_month_day d{year{std::stoi(iso.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(iso.substr(5, 2)))},
                         day{static_cast<unsigned>(std::stoi(iso.substr(8, 2)))}};
  const year_month_day r{sys_days(d) - std::chrono::days(days)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(r.year()), static_cast<unsigned>(r.month()),
                static_cast<unsigned>(r.day()));
  return buf;
}
}  // namespace

void ensure_demo_review(db::Database& db) {
  if (db.read([](db::Connection& c) { return db::find_review_area(c, "jobcenter"); })) return;
  const staff::Actor demo{std::nullopt, "demo"};
  const std::string today = today_iso();
  int y = std::stoi(today.substr(0, 4));
  int q = (std::stoi(today.substr(5, 2)) - 1) / 3 + 1;
  std::vector<Period> quarters;
  for (int i = 0; i < 3; ++i) {
    if (--q == 0) {
      q = 4;
      --y;
    }
    quarters.insert(quarters.begin(), *parse_period(std::to_string(y) + "Q" + std::to_string(q)));
  }
  check(add_area(db, demo, {"jobcenter", "Jobcenter", "tilsyn", "quarterly", kSample, 95, 75}), "area");
  // Version 2 starts a month into the last quarter, as Lejre's new scheme of 1 August.
  char v2_from[32];
  std::snprintf(v2_from, sizeof v2_from, "%s-%02d-01", quarters[2].first_day.substr(0, 4).c_str(),
                std::stoi(quarters[2].first_day.substr(5, 2)) + 1);
  for (const auto& [file, from] : {std::pair{"tilsyn_jobcenter_v1.json", quarters[0].first_day},
                                   std::pair{"tilsyn_jobcenter_v2.json", std::string(v2_from)}}) {
    auto j = nlohmann::json::parse(survey::shipped_survey(file));
    j["valid_from"] = from;
    auto stored = import_scheme(db, demo, j.dump());
    check(stored.problems, file);
  }
  stats::Rng rng(20240930);
  for (std::size_t i = 0; i < quarters.size(); ++i) {
    const Period& p = quarters[i];
    auto schemes = db.read([](db::Connection& c) { return db::review_schemes(c, "jobcenter"); });
    const Scheme scheme = *scheme_on(schemes, p.last_day);
    for (std::size_t g = 0; g < scheme.groups.size(); ++g) {
      const TargetGroup& group = scheme.groups[g];
      std::string list;
      for (int n = 1; n <= kPopulation; ++n) list += "JC-" + p.label + "-" + group.id + "-" + std::to_string(n) + "\n";
      auto drawn = sample_cases(db, demo, {"jobcenter", p.label, std::nullopt, group.id, list, std::nullopt,
                                           static_cast<std::uint64_t>(1000 * (i + 1) + g)});
      check(drawn.problems, "sample");
    }
    auto review = db.read([&](db::Connection& c) { return db::find_review(c, "jobcenter", p.label); });
    for (const auto& kase : db.read([&](db::Connection& c) { return db::review_cases(c, review->id); })) {
      const TargetGroup& group = *scheme.find(kase.group_id);
      std::vector<CaseAnswer> answers;
      for (const auto& cp : group.control_points) {
        const double u = stats::uniform01(rng);
        CaseAnswer a{cp.id, "ok", "", ""};
        if (u < kErrorChance[i]) {
          a.result = "fejl";
          a.act_date = minus_days(p.last_day, static_cast<int>(stats::uniform01(rng) * 900));
          a.reproduced = stats::uniform01(rng) < 0.2 ? "ja" : "nej";
        } else if (u > 0.96) {
          a.result = "ikke_relevant";
        }
        answers.push_back(std::move(a));
      }
      check(save_case(db, demo, kase.id, answers, today), "case");
    }
  }
  std::string plan = survey::shipped_survey("tilsyn_jobcenter_handleplan.json");
  for (std::size_t at; (at = plan.find("PERIOD")) != std::string::npos;) plan.replace(at, 6, quarters[2].label);
  check(import_plan(db, demo, plan).problems, "action plan");
}

}  // namespace tilfreds::intake::review
