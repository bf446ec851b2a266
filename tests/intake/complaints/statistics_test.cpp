// The complaint statistics per offer against a hand-counted fixture; interval and
// test references from statsmodels/scipy, the call beside each number.
#include "intake/complaints/statistics.h"

#include <catch2/catch.hpp>

#include "db/complaint_store.h"
#include "db/offer_store.h"
#include "intake/complaints/complaint.h"
#include "intake/csv.h"
#include "intake/reports/render.h"
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
    // Praktik Nord, 2026H1, received 2026-02-01 (deadline 2026-03-01): 16 complaints,
    // outcomes upheld 4, partly 2, not upheld 5, rejected 2, undecided 3.
    const std::string r = "2026-02-01";
    complaint(nord, r, "upheld", 10, "realitet");
    complaint(nord, r, "upheld", 20, "realitet,formalitet");
    complaint(nord, r, "partly_upheld", 30, "realitet");
    complaint(nord, r, "not_upheld", 40, "realitet");
    complaint(nord, r, "not_upheld", 14, "formalitet");
    complaint(nord, r, "rejected", 5, "realitet");
    complaint(nord, "2026-06-30", "", std::nullopt, "");
    for (int days : {12, 16}) complaint(nord, r, "upheld", days, "borgerservice");
    complaint(nord, r, "partly_upheld", 25, "borgerservice");
    for (int days : {8, 9, 11}) complaint(nord, r, "not_upheld", days, "borgerservice");
    complaint(nord, r, "rejected", 3, "borgerservice");
    for (int i = 0; i < 2; ++i) complaint(nord, "2026-06-29", "", std::nullopt, "borgerservice");
    // Coaching Syd: two judged complaints, 1 upheld.
    complaint(syd, "2026-03-10", "upheld", 7, "borgerservice");
    complaint(syd, "2026-03-11", "not_upheld", 7, "borgerservice");
    // No offer: one complaint about a unit.
    complaint(std::nullopt, "2026-04-01", "", std::nullopt, "formalitet");
    // The half-year before: Praktik Nord 5 upheld (3 + 2 partly) of 45 judged, 2
    // rejected, 3 undecided. Outside both: 2026-07-01.
    for (int i = 0; i < 3; ++i) complaint(nord, "2025-09-01", "upheld", 10, "realitet");
    for (int i = 0; i < 2; ++i) complaint(nord, "2025-09-01", "partly_upheld", 10, "realitet");
    for (int i = 0; i < 40; ++i) complaint(nord, "2025-09-01", "not_upheld", 10, "realitet");
    for (int i = 0; i < 2; ++i) complaint(nord, "2025-09-01", "rejected", 10, "realitet");
    for (int i = 0; i < 3; ++i) complaint(nord, "2025-12-30", "", std::nullopt, "realitet");
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
  CHECK(nord.cells[1].value == 16);
  CHECK(nord.cells[2].value == Approx(64.0));  // 16 / 250 * 1000
  CHECK(syd.cells[2].kind == reports::CellKind::kMissing);  // citizens not reported
  // Upheld 6 of 11 judged (partly counts, rejected and undecided do not):
  // statsmodels.stats.proportion.proportion_confint(6, 11, alpha=0.05, method='wilson')
  //   = (0.280091537409322, 0.7872872837754024)
  CHECK(nord.cells[3].kind == reports::CellKind::kPercent);
  CHECK(nord.cells[3].value == Approx(55.0));  // 54.5 % half up
  CHECK(*nord.cells[3].low == Approx(28.0091537409322).epsilon(1e-9));
  CHECK(*nord.cells[3].high == Approx(78.72872837754024).epsilon(1e-9));
  // 2025H2 5/45 → 2026H1 6/11: expected counts below 5, so Fisher's exact test;
  // scipy.stats.fisher_exact([[5, 40], [6, 5]]).pvalue = 0.004137059363701361 < 0.05:
  // up, and more upheld is bad.
  REQUIRE(nord.cells[3].indicator);
  CHECK(nord.cells[3].indicator->direction == "up");
  CHECK(nord.cells[3].indicator->tone == "bad");
  // Handling days 10, 20, 30, 40, 14, 5, 12, 16, 25, 8, 9, 11, 3:
  // numpy.median = 12.0; within 28 days: 11 of 13.
  CHECK(nord.cells[4].value == Approx(12.0));
  // Stored as printed: one half-up rounding for every format (issue 13).
  CHECK(nord.cells[5].value == tilfreds::stats::round_half_up(100.0 * 11 / 13, nord.cells[5].decimals));
  // Coaching Syd: 2 complaints, too few to show anything but that there were few.
  CHECK(syd.cells[1].kind == reports::CellKind::kHidden);
  CHECK(syd.cells[3].kind == reports::CellKind::kHidden);
  CHECK_FALSE(syd.cells[3].indicator);
  CHECK(syd.cells[4].kind == reports::CellKind::kHidden);
}

TEST_CASE("outcome and category tables hide small counts and never carry personal data") {
  Fixture f;
  auto doc = complaint_statistics(f.database, *parse_period("2026H1"), f.renderer, "da");
  const auto& outcomes = table(doc, "outcomes_per_offer");
  REQUIRE(outcomes.columns.size() == 6);  // five outcomes and "not decided"
  const auto& nord = outcomes.rows[1];
  // upheld 4, partly 2, not upheld 5, rejected 2, withdrawn 0, undecided 3: every
  // count under 5 is hidden, the zero too (none withdrawn, of few, says what
  // happened to each); not upheld 5 is published, and the hidden rest of the row
  // (2 + 0 + 3 = 5 beside it) leaves each of them anything from 0 to 5.
  for (int j : {0, 1, 3, 4, 5}) CHECK(nord.cells[j].kind == reports::CellKind::kHidden);
  CHECK(nord.cells[2].kind == reports::CellKind::kCount);
  CHECK(nord.cells[2].value == 5);
  // Coaching Syd's 2 complaints and the no-offer row: hidden whole.
  for (const auto& c : outcomes.rows[0].cells) CHECK(c.kind == reports::CellKind::kHidden);
  for (const auto& c : outcomes.rows[2].cells) CHECK(c.kind == reports::CellKind::kHidden);
  const auto& categories = table(doc, "categories_per_offer");
  // Praktik Nord: realitet 5 (published), formalitet 2 (hidden), borgerservice 9.
  CHECK(categories.rows[1].cells[0].kind == reports::CellKind::kCount);
  CHECK(categories.rows[1].cells[0].value == 5);
  CHECK(categories.rows[1].cells[1].kind == reports::CellKind::kHidden);
  CHECK(categories.rows[1].cells[2].value == 9);
  for (const auto& c : categories.rows[0].cells) CHECK(c.kind == reports::CellKind::kHidden);
  for (const auto& s : doc.sections) {
    for (const auto& b : s.blocks) {
      for (const auto& row : b.table->rows) {
        for (const auto& c : row.cells) CHECK(c.text.find("Hidden Name") == std::string::npos);
      }
    }
  }
  CHECK(!doc.method.empty());
}

// Issue 10 §4: an offer's or provider's name is typed by an admin and reaches the
// CSV; a spreadsheet must show it, not run it.
TEST_CASE("the statistics CSV and the quality overview CSV neutralise formula-like names") {
  Fixture f;
  const std::vector<std::string> hostile{"=HYPERLINK(\"http://x\";\"klik\")", "+1+1", "-2+3", "@SUM(A1)",
                                         "\tTAB", "\rCR"};
  f.database.write([&](db::Connection& c) {
    for (std::size_t i = 0; i < hostile.size(); ++i) {
      auto offer = db::create_offer(c, hostile[i], db::put_provider(c, hostile[(i + 1) % hostile.size()], false), "");
      db::set_offer_citizens(c, *offer, "2026H1", 10);
    }
  });
  for (bool quality : {false, true}) {
    INFO((quality ? "quality overview" : "complaint statistics"));
    auto doc = quality ? quality_overview(f.database, *parse_period("2026H1"), std::nullopt, f.renderer, "da")
                       : complaint_statistics(f.database, *parse_period("2026H1"), f.renderer, "da");
    auto csv = reports::render(doc, reports::Format::kCsv, f.renderer, {}).bytes;
    auto parsed = tilfreds::intake::parse_csv(csv.substr(3));  // past the BOM
    int seen = 0;
    for (const auto& row : parsed.rows) {
      for (const auto& cell : row.fields) {
        INFO(cell);
        CHECK((cell.empty() || std::string("=+@\t\r").find(cell[0]) == std::string::npos));
        if (cell[0] == '-') CHECK(cell.find_first_not_of("-0123456789,.") == std::string::npos);  // a number
        for (const auto& h : hostile) seen += cell == "'" + h;
      }
    }
    CHECK(seen >= static_cast<int>(hostile.size()));
  }
}
