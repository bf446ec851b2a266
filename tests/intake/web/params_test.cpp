// Query parameters parsed once into typed values with their ranges checked (issue 10 §2).
#include "intake/web/params.h"

#include <catch2/catch.hpp>

#include "intake/complaints/figures.h"

using tilfreds::intake::web::QueryParams;

namespace {
httplib::Request with(std::initializer_list<std::pair<std::string, std::string>> params) {
  httplib::Request req;
  for (const auto& [k, v] : params) req.params.emplace(k, v);
  return req;
}
}  // namespace

TEST_CASE("a half-year is YYYYH1/H2 with a year from 1900 to 2999") {
  for (const char* bad : {"0999H2", "0000H1", "1899H2", "3000H1", "-001H1", "2026H3", "2026h1", "20261",
                          "99999999999H1", "2026H1 OR 1=1"}) {
    INFO(bad);
    auto req = with({{"periode", bad}});
    QueryParams p(req);
    CHECK_FALSE(p.half_year("periode"));
    REQUIRE(p.problems().size() == 1);
    CHECK(p.problems()[0].where == "periode");
    CHECK(p.problems()[0].message == "param_error_half_year");
  }
  auto req = with({{"periode", "2026H2"}});
  QueryParams p(req);
  auto h = p.half_year("periode");
  REQUIRE(h);
  CHECK(h->label() == "2026H2");
  CHECK(h->first_day() == "2026-07-01");
  CHECK(p.ok());
}

TEST_CASE("absent and empty parameters are no value and no problem; repeated and unreadable ones are problems") {
  auto req = with({{"tom", ""}, {"to", "1"}, {"to", "2"}, {"bytes", "\xff\xfe"}});
  QueryParams p(req);
  CHECK_FALSE(p.number("mangler", 1, 10));
  CHECK_FALSE(p.date("tom"));
  CHECK(p.ok());
  CHECK_FALSE(p.number("to", 1, 10));
  CHECK_FALSE(p.text("bytes"));
  REQUIRE(p.problems().size() == 2);
  CHECK(p.problems()[0].message == "param_error_repeated");
  CHECK(p.problems()[1].message == "param_error_not_utf8");
}

TEST_CASE("numbers are decimal digits within their range, never overflowing") {
  for (const char* bad : {"-1", "0", "100001", "99999999999999999999999", "1e3", "0x10", " ", "+5", "1.5"}) {
    INFO(bad);
    auto req = with({{"side", bad}});
    QueryParams p(req);
    CHECK_FALSE(p.number("side", 1, 100000));
    CHECK_FALSE(p.ok() == (std::string(bad) != " "));  // a blank value is an absent one
  }
  auto req = with({{"side", "100000"}, {"delta", "-3"}});
  QueryParams p(req);
  CHECK(p.number("side", 1, 100000) == 100000);
  CHECK(p.number("delta", -10, 10) == -3);
}

TEST_CASE("dates are real calendar days from 1900 to 2999") {
  for (const char* bad : {"0000-01-01", "0999-12-31", "2026-02-30", "2026-13-01", "9999-01-01", "2026-1-1",
                          "2026-01-01T00:00"}) {
    INFO(bad);
    auto req = with({{"fra", bad}});
    QueryParams p(req);
    CHECK_FALSE(p.date("fra"));
    REQUIRE(p.problems().size() == 1);
    CHECK(p.problems()[0].message == "param_error_date");
  }
  auto req = with({{"fra", "2024-02-29"}});
  QueryParams p(req);
  CHECK(p.date("fra") == "2024-02-29");
}

TEST_CASE("the half-year before one is computed on numbers, for any year") {
  using tilfreds::intake::complaints::previous_period;
  using tilfreds::intake::complaints::to_period;
  // Writing 999 back as text and parsing it again once dereferenced an empty optional.
  CHECK(previous_period(to_period({999, 2})).label == "0999H1");
  CHECK(previous_period(to_period({1000, 1})).label == "0999H2");
  CHECK(previous_period(to_period({1, 1})).label == "0000H2");
  CHECK(previous_period(to_period({2026, 1})).to == "2025-12-31");
}
