// Anonymisation after the retention period: personal data of closed complaints go,
// in every version and note; open complaints and the statistics stay; each is audited.
#include "intake/complaints/handling.h"

#include <catch2/catch.hpp>

#include "db/audit_store.h"
#include "intake/complaints/figures.h"
#include "tests/support/temp_dir.h"

namespace db = tilfreds::db;
using namespace tilfreds::intake::complaints;

namespace {
db::ComplaintState state(const std::string& status, const std::string& outcome) {
  db::ComplaintState s;
  s.received_on = "2026-02-01";
  s.channel = "email";
  s.benefit_group = "dagpenge";
  s.deadline = "2026-03-01";
  s.status = status;
  s.outcome = outcome;
  if (!outcome.empty()) s.decided_on = "2026-02-10";
  s.citizen_name = "Karen Kofoed";
  s.citizen_contact = "karen@example.dk";
  s.text = "Personlig historie";
  return s;
}
}  // namespace

TEST_CASE("anonymise clears personal data of closed complaints only, keeps their statistics and audits each") {
  tilfreds::testing::TempDir dir;
  db::Database database(dir.file("a.db"));
  Actor staff{std::nullopt, "test"};
  auto closed = register_complaint(database, state("received", ""), staff);
  REQUIRE(update_complaint(database, closed.id, 1, state("closed", "upheld"), staff) == UpdateOutcome::kSaved);
  REQUIRE(add_complaint_note(database, closed.id, "Ringede til Karen", staff));
  auto open = register_complaint(database, state("in_progress", ""), staff);
  auto before = database.read([](db::Connection& c) { return db::complaints_received(c, "2026-01-01", "2026-06-30"); });

  // -1 days: a cut-off tomorrow, so complaints changed just now count as old enough.
  auto done = anonymise_closed(database, -1, Actor{std::nullopt, "cli"});
  CHECK(done == std::vector<std::int64_t>{closed.id});

  database.read([&](db::Connection& c) {
    for (const auto& v : db::complaint_versions(c, closed.id)) {
      CHECK_FALSE(v.state.citizen_name);
      CHECK_FALSE(v.state.citizen_contact);
      CHECK_FALSE(v.state.text);
      CHECK(v.anonymised);
    }
    for (const auto& n : db::complaint_notes(c, closed.id)) CHECK_FALSE(n.text);
    auto kept = db::find_complaint(c, open.id);
    CHECK(kept->state.citizen_name == "Karen Kofoed");
    CHECK(kept->state.text == "Personlig historie");
    auto after = db::complaints_received(c, "2026-01-01", "2026-06-30");
    REQUIRE(after.size() == before.size());
    auto f_before = tally(before, {}, {}), f_after = tally(after, {}, {});
    CHECK(f_after[0].complaints == f_before[0].complaints);
    CHECK(f_after[0].upheld == f_before[0].upheld);
    CHECK(f_after[0].by_outcome == f_before[0].by_outcome);
    db::AuditFilter filter;
    filter.action = "anonymise";
    auto events = db::find_audit(c, filter);
    REQUIRE(events.size() == 1);
    CHECK(events[0].actor_name == "cli");
    CHECK(events[0].subject == "klage:" + closed.receipt);
    return 0;
  });
  CHECK(anonymise_closed(database, -1, Actor{std::nullopt, "cli"}).empty());
}

TEST_CASE("an unchanged edit writes no version and no audit event") {
  tilfreds::testing::TempDir dir;
  db::Database database(dir.file("u.db"));
  auto c = register_complaint(database, state("received", ""), Actor{std::nullopt, "test"});
  CHECK(update_complaint(database, c.id, 1, state("received", ""), Actor{std::nullopt, "test"}) ==
        UpdateOutcome::kUnchanged);
  CHECK(update_complaint(database, 999, 1, state("received", ""), Actor{std::nullopt, "test"}) ==
        UpdateOutcome::kNotFound);
  auto events = database.read([](db::Connection& conn) { return db::find_audit(conn, {}); });
  CHECK(events.size() == 1);
}

TEST_CASE("anonymise clears every typed field, the unit too, and the audit log never held any of it") {
  tilfreds::testing::TempDir dir;
  db::Database database(dir.file("typed.db"));
  Actor staff{std::nullopt, "test"};
  auto s = state("received", "");
  s.unit = "Ydelseskontoret på Vestergade, ved Karens sagsbehandler";
  auto c = register_complaint(database, s, staff);
  auto edited = state("closed", "upheld");
  edited.unit = "Enheden hvor Karen Kofoed var";
  edited.citizen_contact = "Karen, 12345678";
  REQUIRE(update_complaint(database, c.id, 1, edited, staff) == UpdateOutcome::kSaved);
  REQUIRE(add_complaint_note(database, c.id, "Ringede til Karen om Vestergade", staff));
  REQUIRE(read_complaint(database, c.id, staff));
  REQUIRE(anonymise_closed(database, -1, Actor{std::nullopt, "cli"}) == std::vector<std::int64_t>{c.id});

  database.read([&](db::Connection& conn) {
    for (const auto& v : db::complaint_versions(conn, c.id)) CHECK(v.state.unit.empty());
    // Not one typed word anywhere in the log, in any column of any event.
    auto st = conn.prepare("SELECT count(*), group_concat(actor_name || action || entity || entity_id ||"
                           " subject || detail, ' ') FROM audit_event");
    REQUIRE(st.step());
    CHECK(st.int64(0) == 5);  // create, update, note, read, anonymise
    const std::string log = st.text(1);
    for (const char* typed : {"Karen", "Kofoed", "Vestergade", "Enheden", "12345678", "example.dk", "Personlig"}) {
      INFO(typed);
      CHECK(log.find(typed) == std::string::npos);
    }
    // What changed stays visible by name.
    CHECK(log.find("\"unit\"") != std::string::npos);
    return 0;
  });
}
