// Issue 13 §1 for the complaint pages: no hidden count of /statistik/klager and
// /statistik/kvalitet can be worked out from the two pages published side by side.
// The attacker is tests/intake/reports/complaint_attack.py, an exact integer solver
// (scipy.optimize.milp) over the pages' JSON, independent of the C++ marks; it runs
// on a fixture with small cells of every kind and on the demo's half-years.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "db/complaint_store.h"
#include "db/offer_store.h"
#include "intake/complaints/complaint.h"
#include "intake/complaints/demo_complaints.h"
#include "intake/complaints/statistics.h"
#include "intake/dates.h"
#include "intake/reports/render.h"
#include "tests/intake/reports/report_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace tilfreds;
using namespace tilfreds::intake;
using nlohmann::json;

namespace {
const web::Renderer& renderer() { return testing::report_renderer(); }

// Offers × outcomes (upheld, partly, not upheld, rejected, withdrawn, undecided) in 2026H1.
struct Fixture {
  testing::TempDir dir;
  db::Database database{dir.file("c.db")};

  void add(std::optional<std::int64_t> offer, const std::vector<int>& outcomes, const std::string& received) {
    const std::vector<std::string> words = {"upheld", "partly_upheld", "not_upheld", "rejected", "withdrawn", ""};
    database.write([&](db::Connection& c) {
      for (std::size_t j = 0; j < words.size(); ++j) {
        for (int i = 0; i < outcomes[j]; ++i) {
          db::ComplaintState s;
          s.received_on = received;
          s.channel = "letter";
          s.offer_id = offer;
          s.unit = offer ? "" : "Ydelseskontoret";
          s.benefit_group = "dagpenge";
          s.categories = "realitet";
          s.deadline = complaints::add_days(received, 28);
          s.outcome = words[j];
          s.status = words[j].empty() ? "in_progress" : "decided";
          if (!words[j].empty()) s.decided_on = complaints::add_days(received, 10 + i);
          db::create_complaint(c, complaints::new_receipt(), s, std::nullopt);
        }
      }
    });
  }

  Fixture() {
    std::int64_t nord = 0, syd = 0, oest = 0, vest = 0;
    database.write([&](db::Connection& c) {
      const auto p = db::put_provider(c, "Jobværkstedet", false);
      nord = *db::create_offer(c, "Praktik Nord", p, "");
      syd = *db::create_offer(c, "Coaching Syd", p, "");
      oest = *db::create_offer(c, "Mentor Øst", p, "");
      vest = *db::create_offer(c, "Kursus Vest", p, "");
      db::set_offer_citizens(c, nord, "2026H1", 250);
      db::set_offer_citizens(c, syd, "2026H1", 40);
      db::set_offer_citizens(c, oest, "2026H1", 3);  // a handful of citizens
      db::set_offer_citizens(c, vest, "2026H1", 900);
    });
    add(nord, {4, 2, 5, 2, 0, 3}, "2026-02-01");
    add(syd, {1, 0, 1, 0, 0, 0}, "2026-03-01");
    add(oest, {6, 0, 7, 1, 1, 0}, "2026-03-01");
    add(vest, {10, 5, 20, 5, 5, 5}, "2026-04-01");
    add(std::nullopt, {0, 0, 0, 0, 0, 1}, "2026-04-01");
    add(nord, {5, 0, 40, 2, 0, 3}, "2025-09-01");  // the half-year before
  }
};

json page_set(db::Database& db, const std::vector<std::string>& periods) {
  json set = json::array();
  for (const auto& label : periods) {
    const auto period = *complaints::parse_period(label);
    set.push_back(
        {{"period", label},
         {"klager", json::parse(reports::render(complaints::complaint_statistics(db, period, renderer(), "da"),
                                                reports::Format::kJson, renderer())
                                    .bytes)},
         {"kvalitet", json::parse(reports::render(complaints::quality_overview(db, period, std::nullopt, renderer(), "da"),
                                                  reports::Format::kJson, renderer())
                                      .bytes)}});
  }
  return set;
}

json attack(const json& set) {
  testing::TempDir dir;
  const std::string path = dir.file("set.json");
  std::ofstream(path) << set.dump();
  return json::parse(testing::run_report_script("complaint_attack.py", "5 '" + path + "'"));
}

json* table_in(json& report, const std::string& id) {
  for (auto& s : report["sections"]) {
    for (auto& b : s["blocks"]) {
      if (b["kind"] == "table" && b["table"]["id"] == id) return &b["table"];
    }
  }
  return nullptr;
}
}  // namespace

TEST_CASE("complaint attacker: no hidden count of the two pages is narrower than 5 (fixture)") {
  Fixture f;
  const json set = page_set(f.database, {"2026H1", "2025H2"});
  const auto result = attack(set);
  INFO(result.dump(1));
  CHECK(result["checked"].get<int>() > 15);
  CHECK(result["violations"].empty());
}

TEST_CASE("complaint attacker: it finds a count that a page gives away (the attack works)") {
  Fixture f;
  json set = page_set(f.database, {"2026H1"});
  // Publish Praktik Nord's rejected (2) and withdrawn (0), as per-table suppression
  // would let a reader have them: the undecided 3 is then n − upheld − not upheld − 2 − 0.
  json* outcomes = table_in(set[0]["klager"], "outcomes_per_offer");
  REQUIRE(outcomes != nullptr);
  bool changed = false;
  for (auto& row : (*outcomes)["rows"]) {
    if (row["header"] != "Praktik Nord") continue;
    row["cells"][3] = {{"kind", "count"}, {"value", 2}};
    row["cells"][4] = {{"kind", "count"}, {"value", 0}};
    changed = true;
  }
  REQUIRE(changed);
  const auto result = attack(set);
  INFO(result.dump(1));
  bool pinned = false;
  for (const auto& v : result["violations"]) {
    pinned = pinned || (v["where"] == "2026H1 Praktik Nord outcome 5" && v["low"] == 3 && v["high"] == 3);
  }
  CHECK(pinned);
}

TEST_CASE("complaint attacker: the demo's half-years give nothing away") {
  testing::TempDir dir;
  db::Database database(dir.file("demo.db"));
  complaints::ensure_demo_complaints(database);
  auto now = complaints::period_of(today_iso());
  std::vector<std::string> periods;
  for (int i = 0; i < 3; ++i) {
    periods.push_back(now.label);
    now = complaints::previous_period(now);
  }
  const auto result = attack(page_set(database, periods));
  INFO(result.dump(1));
  CHECK(result["checked"].get<int>() > 0);
  CHECK(result["violations"].empty());
}
