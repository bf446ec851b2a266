// References: tests/data/stats/reference_values.py (AAPOR 2023 formulas
// evaluated in Python from the dispositions).
#include "stats/response_rate.h"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <vector>

namespace ts = tilfreds::stats;

TEST_CASE("AAPOR RR1-RR4 and the plain rate", "[response_rate]") {
  const ts::Disposition d{2415, 180, 60, 25, 531};
  CHECK(ts::eligible_nonrespondents(d) == 2415 - 180 - 60 - 25 - 531);
  const auto r = ts::response_rates(d);
  // invited=2415 ineligible=180 unknown=60 partial=25 completed=531:
  CHECK(*r.rr1 == Approx(0.23758389261744967).epsilon(1e-12));    // I/(I+P+R+NC+O+U)
  CHECK(*r.rr2 == Approx(0.24876957494407159).epsilon(1e-12));    // (I+P)/(I+P+R+NC+O+U)
  CHECK(*r.rr3 == Approx(0.23807239237524094).epsilon(1e-12));    // I/(I+P+R+NC+O+e U)
  CHECK(*r.rr4 == Approx(0.24928107374883984).epsilon(1e-12));    // (I+P)/(I+P+R+NC+O+e U)
  CHECK(*r.plain == Approx(0.21987577639751552).epsilon(1e-12));  // I/invited: "22 %"
  // The administration's point: ineligible cases pull the plain rate down.
  CHECK(*r.rr1 > *r.plain);
}

TEST_CASE("zero denominators are not computable", "[response_rate]") {
  const auto none = ts::response_rates(ts::Disposition{});
  CHECK_FALSE(none.rr1.has_value());
  CHECK_FALSE(none.rr3.has_value());
  CHECK_FALSE(none.plain.has_value());
  // invited=40 ineligible=40: plain = 0, AAPOR rates have no eligible base.
  const auto all_ineligible = ts::response_rates(ts::Disposition{40, 40, 0, 0, 0});
  CHECK_FALSE(all_ineligible.rr1.has_value());
  CHECK_FALSE(all_ineligible.rr2.has_value());
  REQUIRE(all_ineligible.plain.has_value());
  CHECK(*all_ineligible.plain == 0.0);
  // invited=100, nobody answered: every rate 0
  const auto silent = ts::response_rates(ts::Disposition{100, 0, 0, 0, 0});
  CHECK(*silent.rr1 == 0.0);
  CHECK(*silent.rr4 == 0.0);
}

TEST_CASE("invalid dispositions throw, naming the field or group", "[response_rate]") {
  CHECK_THROWS_WITH(ts::response_rates(ts::Disposition{10, -1, 0, 0, 0}),
                    Catch::Contains("ineligible must not be negative"));
  CHECK_THROWS_WITH(ts::response_rates(ts::Disposition{10, 2, 2, 2, 5}),
                    Catch::Contains("exceeds invited"));
  const std::vector<ts::GroupDisposition> groups{{"dagpenge", {10, 2, 2, 2, 5}}};
  CHECK_THROWS_WITH(ts::response_rate_table(groups), Catch::Contains("dagpenge"));
}

TEST_CASE("per group and total: the total is the rate of the sums", "[response_rate]") {
  const std::vector<ts::GroupDisposition> groups{
      {"sygedagpenge", {1000, 50, 20, 10, 300}},
      {"dagpenge", {1415, 130, 40, 15, 231}},
  };
  const auto t = ts::response_rate_table(groups);
  REQUIRE(t.groups.size() == 2);
  CHECK(t.groups[0].group == "sygedagpenge");
  CHECK(*t.groups[0].rates.rr1 == Approx(300.0 / 950.0).epsilon(1e-12));
  CHECK(t.total.group == "total");
  CHECK(t.total.disposition.invited == 2415);
  CHECK(t.total.disposition.completed == 531);
  // Same totals as the single disposition above.
  CHECK(*t.total.rates.rr1 == Approx(0.23758389261744967).epsilon(1e-12));
  CHECK(*t.total.rates.plain == Approx(0.21987577639751552).epsilon(1e-12));
  const auto empty = ts::response_rate_table({});
  CHECK(empty.groups.empty());
  CHECK_FALSE(empty.total.rates.rr1.has_value());
}
