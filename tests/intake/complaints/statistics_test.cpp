// The complaint statistics per offer against a hand-counted fixture; interval and
// test references from statsmodels/scipy, the call beside each number.
#include "intake/complaints/statistics.h"

#include <catch2/catch.hpp>

#include "db/complaint_store.h"
#include "db/offer_store.h"
#include "intake/complaints/complaint.h"
#include "tests/support/temp_dir.h"

namespace db = tilfreds::db;
namespace reports = tilfreds::intake::reports;
using namespace tilfreds::intake::complaints;

namespace {
struct Fixture {
  tilfreds::testing::TempDir dir;
  db::Database database{dir.file("stats.db")};
  tilfreds::intake::web::Renderer renderer;
  std::int64_t nord = 0, syd = 0;

  void complaint(std::optional<std::int64_t> offer, const std::string& received, const std::string& outcome,
                 std::optional<int> decided_after_days, const std::string& categories) {
    db::ComplaintState s;
    s.received_on = received;
    s.channel = "letter";
    s.offer_id = offer;
    s.unit = offer ? "" : "Ydelseskontoret";
    s.benefit_group = "dagpenge";
    s.categories = categories;
    s.deadline = add_days(received, 28);
    s.outcome = outcome;
    s.status = outcome.empty() ? "in_progress" : "decided";
    if (decided_after_days) s.decided_on = add_days(received, *decided_after_days);
    s.text = "personal text";
    s.citizen_name = "Hidden Name";
    database.write([&](db::Connection& c) { db::create_complaint(c, new_receipt(), s, std::nullopt); });
  }

  Fixture() {
    database.write([&](db::Connection& c) {
      nord = *db::create_offer(c, "Praktik Nord", db::put_provider(c, "Jobværkstedet", false), "dagpenge");
      syd = *db::create_offer(c, "Coaching Syd", db::put_provider(c, "Coach ApS", true), "");
      db::set_offer_citizens(c, nord, "2026H1", 250);
    });
    // Praktik Nord, 2026H1, received 2026-02-01 (deadline 2026-03-01): 7 complaints,
    // outcomes upheld 2, partly 1, not upheld 2, rejected 1, undecided 1.
    const std::string r = "2026-02-01";
    complaint(nord, r, "upheld", 10, "realitet");
    complaint(nord, r, "upheld", 20, "realitet,formalitet");
    complaint(nord, r, "partly_upheld", 30, "realitet");
    complaint(nord, r, "not_upheld", 40, "realitet");
    complaint(nord, r, "not_upheld", 14, "formalitet");
    complaint(nord, r, "rejected", 5, "realitet");
    complaint(nord, "2026-06-30", "", std::nullopt, "");
    // Coaching Syd: two judged complaints, 1 upheld.
    complaint(syd, "2026-03-10", "upheld", 7, "borgerservice");
    complaint(syd, "2026-03-11", "not_upheld", 7, "borgerservice");
    // No offer: one complaint about a unit.
    complaint(std::nullopt, "2026-04-01", "", std::nullopt, "formalitet");
    // The half-year before: Praktik Nord 10 judged, none upheld. Outside both: 2026-07-01.
    for (int i = 0; i < 10; ++i) complaint(nord, "2025-09-01", "not_upheld", 10, "realitet");
    complaint(nord, "2026-07-01", "upheld", 1, "realitet");
  }
};

const reports::Table& table(const reports::Document& d, const std::string& id) {
  for (const auto& s : d.sections) {
    for (const auto& b : s.blocks) {
      if (b.table && b.table->id == id) return *b.table;
    }
  }
  throw std::runtime_error("no table " + id);
}
}  // namespace

TEST_CASE("half-years parse, precede each other and contain their days") {
  auto p = parse_period("2026H1");
  REQUIRE(p);
  CHECK(p->from == "2026-01-01");
  CHECK(p->to == "2026-06-30");
  CHECK(previous_period(*p).label == "2025H2");
  CHECK(previous_period(*parse_period("2025H2")).label == "2025H1");
  CHECK(period_of("2026-07-01").label == "2026H2");
  CHECK_FALSE(parse_period("2026H3"));
  CHECK_FALSE(parse_period("2026"));
}

TEST_CASE("complaint statistics per offer match the hand count") {
  Fixture f;
  auto doc = complaint_statistics(f.database, *parse_period("2026H1"), f.renderer, "da");
  const auto& t = table(doc, "complaints_per_offer");
  REQUIRE(t.rows.size() == 3);  // Coaching Syd, Praktik Nord (by name), then no offer
  const auto& syd = t.rows[0];
  const auto& nord = t.rows[1];
  CHECK(syd.header == "Coaching Syd");
  CHECK(nord.header == "Praktik Nord");
  CHECK(t.rows[2].header == "Intet tilbud (jobcentret, en enhed)");
  // Columns: provider, count, per 1,000, upheld, median days, within deadline.
  CHECK(nord.cells[0].text == "Jobværkstedet");
  CHECK(nord.cells[1].value == 7);
  CHECK(nord.cells[2].value == Approx(28.0));  // 7 / 250 * 1000
  CHECK(syd.cells[2].kind == reports::CellKind::kMissing);  // citizens not reported
  // Upheld 3 of 5 judged (partly counts, rejected and undecided do not):
  // statsmodels.stats.proportion.proportion_confint(3, 5, alpha=0.05, method='wilson')
  //   = (0.2307242812760129, 0.8823792257673522)
  CHECK(nord.cells[3].kind == reports::CellKind::kPercent);
  CHECK(nord.cells[3].value == Approx(60.0));
  CHECK(*nord.cells[3].low == Approx(23.07242812760129).epsilon(1e-9));
  CHECK(*nord.cells[3].high == Approx(88.23792257673522).epsilon(1e-9));
  // 2025H2 0/10 → 2026H1 3/5: expected counts below 5, so Fisher's exact test;
  // scipy.stats.fisher_exact([[0, 10], [3, 2]]).pvalue = 0.021978021978021976 < 0.05:
  // up, and more upheld is bad.
  REQUIRE(nord.cells[3].indicator);
  CHECK(nord.cells[3].indicator->direction == "up");
  CHECK(nord.cells[3].indicator->tone == "bad");
  // Handling days 10, 20, 30, 40, 14, 5: numpy.median = 17.0; within 28 days: 4 of 6.
  CHECK(nord.cells[4].value == Approx(17.0));
  // Stored as printed: one half-up rounding for every format (issue 13).
  CHECK(nord.cells[5].value == tilfreds::stats::round_half_up(100.0 * 4 / 6, nord.cells[5].decimals));
  // Coaching Syd: 2 judged, too few to show a share.
  CHECK(syd.cells[1].value == 2);
  CHECK(syd.cells[3].kind == reports::CellKind::kHidden);
  CHECK_FALSE(syd.cells[3].indicator);
}

TEST_CASE("outcome and category tables hide small counts and never carry personal data") {
  Fixture f;
  auto doc = complaint_statistics(f.database, *parse_period("2026H1"), f.renderer, "da");
  const auto& outcomes = table(doc, "outcomes_per_offer");
  REQUIRE(outcomes.columns.size() == 6);  // five outcomes and "not decided"
  const auto& nord = outcomes.rows[1];
  // upheld 2, partly 1, not upheld 2, rejected 1, withdrawn 0, undecided 1: every
  // non-zero count is below 5 and hidden; the zero is published.
  for (int j : {0, 1, 2, 3, 5}) CHECK(nord.cells[j].kind == reports::CellKind::kHidden);
  CHECK(nord.cells[4].kind == reports::CellKind::kCount);
  CHECK(nord.cells[4].value == 0);
  const auto& categories = table(doc, "categories_per_offer");
  // Praktik Nord: realitet 5 (published), formalitet 2 (hidden), borgerservice 0.
  CHECK(categories.rows[1].cells[0].kind == reports::CellKind::kCount);
  CHECK(categories.rows[1].cells[0].value == 5);
  CHECK(categories.rows[1].cells[1].kind == reports::CellKind::kHidden);
  for (const auto& s : doc.sections) {
    for (const auto& b : s.blocks) {
      for (const auto& row : b.table->rows) {
        for (const auto& c : row.cells) CHECK(c.text.find("Hidden Name") == std::string::npos);
      }
    }
  }
  CHECK(!doc.method.empty());
}
