// Complaints' current version as stored (migration 012): complaint.current_version,
// kept by the store with each new version and backfilled by the migration, is the
// only version every reader of complaint_current sees.
#include "db/complaint_store.h"

#include <algorithm>
#include <catch2/catch.hpp>

#include "db/database.h"
#include "db/migrate.h"
#include "tests/support/test_database.h"

using namespace tilfreds::db;
using tilfreds::testing::TestDatabase;

namespace {
ComplaintState state(const std::string& status, const std::string& unit) {
  ComplaintState s;
  s.received_on = "2026-03-02";
  s.channel = "email";
  s.unit = unit;
  s.benefit_group = "dagpenge";
  s.status = status;
  s.deadline = "2026-04-01";
  s.text = "klage over " + unit;
  return s;
}

std::vector<std::string> units(const std::vector<ComplaintRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.state.unit + "@" + std::to_string(r.version));
  return out;
}
}  // namespace

TEST_CASE("a complaint with several versions lists only its newest in every reader") {
  TestDatabase dir;
  Database db(dir.target());
  std::int64_t many = 0, one = 0;
  db.write([&](Connection& c) {
    many = create_complaint(c, "K-1", state("received", "a"), std::nullopt);
    one = create_complaint(c, "K-2", state("received", "solo"), std::nullopt);
    CHECK(add_complaint_version(c, many, state("in_progress", "b"), std::nullopt) == 2);
    CHECK(add_complaint_version(c, many, state("closed", "c"), std::nullopt) == 3);
    CHECK(!add_complaint_version(c, 999, state("closed", "x"), std::nullopt));
  });
  db.read([&](Connection& c) {
    ComplaintFilter all;
    CHECK(units(list_complaints(c, all)) == std::vector<std::string>{"solo@1", "c@3"});
    auto summaries = list_complaint_summaries(c, all);
    REQUIRE(summaries.size() == 2);
    CHECK(summaries[1].id == many);
    CHECK(summaries[1].status == "closed");
    CHECK(summaries[1].unit == "c");
    ComplaintFilter received;
    received.status = "received";
    CHECK(units(list_complaints(c, received)) == std::vector<std::string>{"solo@1"});
    ComplaintFilter old_unit;
    old_unit.search = "klage over b";  // only an older version says so
    CHECK(list_complaints(c, old_unit).empty());
    CHECK(find_complaint(c, many)->version == 3);
    CHECK(find_complaint(c, one)->version == 1);
    CHECK(units(complaints_received(c, "2026-01-01", "2026-12-31")) == std::vector<std::string>{"c@3", "solo@1"});
    CHECK(closed_before(c, "9999-01-01") == std::vector<std::int64_t>{many});
    CHECK(complaint_versions(c, many).size() == 3);  // the history keeps every one
    return 0;
  });
}

TEST_CASE("the list's filters combine, only those given reaching the SQL, each bound in its place") {
  TestDatabase dir;
  Database db(dir.target());
  db.write([&](Connection& c) {
    auto open = state("received", "north");
    open.categories = "realitet,formalitet";
    create_complaint(c, "K-1", open, std::nullopt);
    auto late = state("in_progress", "south");
    late.categories = "borgerservice";
    late.deadline = "2026-03-10";
    create_complaint(c, "K-2", late, std::nullopt);
    create_complaint(c, "K-3", state("closed", "north east"), std::nullopt);
    return 0;
  });
  db.read([&](Connection& c) {
    auto unit_list = [&](const ComplaintFilter& f) {
      std::vector<std::string> out;
      for (const auto& r : list_complaint_summaries(c, f)) out.push_back(r.unit);
      std::sort(out.begin(), out.end());
      // list_complaints applies the same filter
      CHECK(list_complaints(c, f).size() == out.size());
      return out;
    };
    using V = std::vector<std::string>;
    CHECK(unit_list({}) == V{"north", "north east", "south"});
    ComplaintFilter f;
    f.search = "NORTH";
    CHECK(unit_list(f) == V{"north", "north east"});
    f.status = "closed";
    CHECK(unit_list(f) == V{"north east"});
    f.status.reset();
    f.category = "formalitet";
    CHECK(unit_list(f) == V{"north"});
    ComplaintFilter overdue;
    overdue.overdue_on = "2026-03-20";
    CHECK(unit_list(overdue) == V{"south"});
    overdue.category = "borgerservice";
    overdue.search = "klage over s";
    CHECK(unit_list(overdue) == V{"south"});
    overdue.status = "received";
    CHECK(unit_list(overdue).empty());
    ComplaintFilter one;
    one.limit = 1;
    one.search = "north";
    CHECK(unit_list(one).size() == 1);
    return 0;
  });
}

TEST_CASE("migration 012 marks the newest version of complaints made before it") {
  TestDatabase dir;
  {
    // The database as schema 011 left it: versions 1..3 of one complaint, 1 of another.
    Connection c(dir.target());
    migrate_to(c, 11);
    c.exec("INSERT INTO complaint (id, receipt, created_at) VALUES (1, 'K-1', '2026-03-02'), (2, 'K-2', '2026-03-02')");
    for (const auto& [id, version, status] : std::vector<std::tuple<int, int, const char*>>{
             {1, 1, "received"}, {1, 3, "closed"}, {1, 2, "in_progress"}, {2, 1, "received"}}) {
      c.exec("INSERT INTO complaint_version (complaint_id, version, changed_at, received_on, channel,"
             " benefit_group, status, deadline) VALUES (" +
             std::to_string(id) + ", " + std::to_string(version) + ", '2026-03-02', '2026-03-02', 'email',"
             " 'dagpenge', '" + status + "', '2026-04-01')");
    }
  }
  Database db(dir.target());  // migrates to the latest schema
  db.read([&](Connection& c) {
    auto rows = list_complaints(c, ComplaintFilter{});
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].id == 2);
    CHECK(rows[0].version == 1);
    CHECK(rows[1].id == 1);
    CHECK(rows[1].version == 3);
    CHECK(rows[1].state.status == "closed");
    return 0;
  });
  // A version added after the migration moves the marker on.
  db.write([&](Connection& c) { CHECK(add_complaint_version(c, 2, state("decided", "z"), std::nullopt) == 2); });
  db.read([&](Connection& c) {
    CHECK(find_complaint(c, 2)->state.status == "decided");
    CHECK(list_complaints(c, ComplaintFilter{}).size() == 2);
    return 0;
  });
}
