// review_bench: the case-review quarterly status over a year of monthly reviews
// for 13 target groups (the Lejre jobcentre), as the cases per group and month
// grow from 5 to 500. Reports read the counts refreshed when results are saved
// (db/review_store), so the report's cost must stay flat in the number of cases.
//
//   review_bench [--dir /tmp] [--repetitions 7]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "db/review_store.h"
#include "intake/reports/build_report.h"
#include "intake/reports/render.h"
#include "intake/review/setup.h"
#include "intake/survey/demo_data.h"
#include "intake/web/render.h"
#include "stats/hypergeometric.h"

using Clock = std::chrono::steady_clock;
namespace reports = tilfreds::intake::reports;
namespace review = tilfreds::intake::review;

namespace {
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// A year of monthly reviews, `cases` per group and month, one error in ~8 % of points.
void fill(tilfreds::db::Database& db, int cases) {
  const tilfreds::intake::staff::Actor a{std::nullopt, "bench"};
  review::add_area(db, a, {"jobcenter", "Jobcenter", "tilsyn", "monthly", cases, 95, 75});
  auto scheme = nlohmann::json::parse(tilfreds::intake::survey::shipped_survey("tilsyn_jobcenter_v1.json"));
  review::import_scheme(db, a, scheme.dump());
  tilfreds::stats::Rng rng(7);
  for (int m = 1; m <= 12; ++m) {
    char period[16], last[16];
    std::snprintf(period, sizeof period, "2024-%02d", m);
    std::snprintf(last, sizeof last, "2024-%02d-28", m);
    db.write([&](tilfreds::db::Connection& c) {
      auto id = tilfreds::db::create_review(c, {0, "jobcenter", period, last, 1});
      std::vector<std::pair<std::int64_t, std::vector<tilfreds::db::ReviewResultRow>>> rows;
      for (const auto& g : scheme["groups"]) {
        for (int k = 0; k < cases; ++k) {
          auto cid = tilfreds::db::add_review_case(c, id, g["id"], k + 1, std::string(period) + "-" + g["id"].get<std::string>() + "-" + std::to_string(k));
          std::vector<tilfreds::db::ReviewResultRow> results;
          for (const auto& cp : g["control_points"]) {
            const bool error = tilfreds::stats::uniform01(rng) < 0.08;
            results.push_back({cp["id"], error ? "fejl" : "ok", error ? std::optional<std::string>("ny") : std::nullopt,
                               std::nullopt, std::nullopt});
          }
          rows.emplace_back(cid, std::move(results));
        }
      }
      tilfreds::db::save_review_results(c, id, rows);
    });
  }
}
}  // namespace

int main(int argc, char** argv) {
  std::string dir = std::filesystem::temp_directory_path().string();
  int repetitions = 7;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--dir") dir = argv[i + 1];
    if (k == "--repetitions") repetitions = std::stoi(argv[i + 1]);
  }
  tilfreds::intake::web::Renderer renderer;
  std::string periods;
  for (int m = 1; m <= 12; ++m) periods += (m > 1 ? ",2024-" : "2024-") + std::string(m < 10 ? "0" : "") + std::to_string(m);
  std::printf("cases/group/month  results stored  report (parse+build+HTML) ms  JSON ms  ratio to 5 cases\n");
  double base = 0;
  for (int cases : {5, 50, 500}) {
    const std::string path = dir + "/review_bench_" + std::to_string(cases) + ".db";
    std::filesystem::remove(path);
    double html_ms = 0, json_ms = 0;
    {
      tilfreds::db::Database db(path);
      fill(db, cases);
      std::vector<double> html, json;
      for (int r = 0; r < repetitions; ++r) {
        for (auto format : {std::string("html"), std::string("json")}) {
          auto t = Clock::now();
          reports::ReportArgs args;
          args.kind = "review";
          args.area = "jobcenter";
          args.periods = periods;
          args.format = format;
          auto request = reports::parse_report_request(db, args);
          auto doc = reports::build_report(db, *request.value, renderer);
          auto out = reports::render(*doc.value, request.value->format, renderer);
          (format == "html" ? html : json).push_back(ms_since(t));
          if (out.bytes.empty()) return 1;
        }
      }
      std::sort(html.begin(), html.end());
      std::sort(json.begin(), json.end());
      html_ms = html[html.size() / 2];
      json_ms = json[json.size() / 2];
    }
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    if (base == 0) base = html_ms;
    std::printf("%17d  %14d  %28.2f  %7.2f  %16.2f\n", cases, cases * 13 * 12 * 4, html_ms, json_ms, html_ms / base);
  }
  return 0;
}
