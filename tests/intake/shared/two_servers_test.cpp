// Issue 17: any request can go to any server. Two servers on one PostgreSQL database
// (TestServer::SameDatabaseAs: each its own pools, writer and Site, as two `tilfreds
// serve` behind one proxy) share the login limits, the code-guessing limit, the kept
// staff forms and the citizen's session: what one server counted or kept, the other
// sees. Registered only as postgresql:* (a SQLite file has one server; it keeps these
// in memory, which the single-server tests cover).
#include <catch2/catch.hpp>
#include <regex>

#include "db/table_contents.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";
using Fields = std::vector<std::pair<std::string, std::string>>;

httplib::Result try_login(Browser& b, const std::string& name, const std::string& password) {
  b.get("/login");
  return b.post("/login", {{"csrf", b.csrf()}, {"navn", name}, {"adgangskode", password}, {"next", "/personale"}});
}

bool has(const httplib::Result& r, const std::string& part) { return r && r->body.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("two servers, one database: a name and address throttled on one are throttled on the other") {
  TestServer a(0);
  a.freeze_clock();  // the delays are seconds: they must not run out while the test runs
  TestServer b(TestServer::SameDatabaseAs{a});
  REQUIRE(a.postgresql());
  tilfreds::testing::create_user(a.db(), "anne", Role::kStaff, kPassword);
  Browser on_a(a.port()), on_b(b.port());
  // Three free failures on the first server…
  for (int i = 0; i < 3; ++i) CHECK(try_login(on_a, "anne", "forkert forkert")->status == 422);
  // …the fourth counts and sets a delay of 1 s; the next try, on the other server, waits.
  CHECK(try_login(on_a, "anne", "forkert forkert")->status == 422);
  auto waiting = try_login(on_b, "anne", kPassword);
  REQUIRE(waiting);
  CHECK(waiting->status == 429);
  CHECK(waiting->get_header_value("Retry-After") == "1");
  CHECK(!on_b.cookie("tf_staff"));
  // After the delay the right password works on either, and clears the count for both.
  a.advance_clock(2);
  auto in = try_login(on_b, "anne", kPassword);
  REQUIRE(in);
  CHECK(in->status == 303);
  CHECK(on_b.cookie("tf_staff"));
  for (int i = 0; i < 3; ++i) CHECK(try_login(on_a, "anne", "forkert forkert")->status == 422);
}

TEST_CASE("two servers, one database: the per-address login limit counts the tries made on both") {
  auto options = tilfreds::testing::test_staff_options();
  options.login.per_address = 4;
  TestServer a(0, {}, {}, options);
  TestServer b(TestServer::SameDatabaseAs{a}, {}, options);
  Browser on_a(a.port()), on_b(b.port());
  // Different names, so no pair's delay applies: only the address limit (4) counts.
  CHECK(try_login(on_a, "bent0", "forkert forkert")->status == 422);
  CHECK(try_login(on_b, "bent1", "forkert forkert")->status == 422);
  CHECK(try_login(on_a, "bent2", "forkert forkert")->status == 422);
  CHECK(try_login(on_b, "bent3", "forkert forkert")->status == 422);
  auto refused_a = try_login(on_a, "bent4", "forkert forkert");
  auto refused_b = try_login(on_b, "bent5", "forkert forkert");
  CHECK(refused_a->status == 429);
  CHECK(refused_b->status == 429);
}

TEST_CASE("two servers, one database: codes guessed on one count on the other") {
  TestServer a;
  TestServer b(TestServer::SameDatabaseAs{a});
  Browser guesser_a(a.port()), guesser_b(b.port());
  // The limit is 10 failed codes per address in 15 minutes, over both servers.
  for (int i = 0; i < 5; ++i) CHECK(guesser_a.post("/kode", {{"kode", "AAAA-AAAA"}})->status == 422);
  for (int i = 0; i < 5; ++i) CHECK(guesser_b.post("/kode", {{"kode", "AAAA-AAAA"}})->status == 422);
  auto limited = guesser_a.post("/kode", {{"kode", a.letters().at(2).code}});
  CHECK(limited->status == 429);
  CHECK(has(limited, "for mange koder"));
  CHECK(guesser_b.post("/kode", {{"kode", a.letters().at(2).code}})->status == 429);
}

TEST_CASE("two servers, one database: a citizen who starts on one resumes on the other") {
  TestServer a;
  TestServer b(TestServer::SameDatabaseAs{a});
  Browser on_a(a.port());
  REQUIRE(on_a.get(a.link_path(0))->status == 303);
  REQUIRE(on_a.get("/svar")->status == 200);
  REQUIRE(on_a.post("/svar", {{"csrf", on_a.csrf()}, {"side", "0"}, {"handling", "start"}})->status == 303);
  REQUIRE(on_a.post("/svar", {{"csrf", on_a.csrf()},
                              {"side", "1"},
                              {"handling", "naeste"},
                              {"q_tro_paa_arbejde", "i_hoej_grad"},
                              {"q_samarbejde", "i_nogen_grad"}})
              ->status == 303);
  // The proxy sends the next request to the other server, with the same cookies.
  Browser on_b(b.port());
  REQUIRE(on_a.cookie("tf_borger"));
  on_b.set_cookie("tf_borger", *on_a.cookie("tf_borger"));
  auto page = on_b.get("/svar");
  REQUIRE(page->status == 200);
  CHECK(has(page, "q_samtaletype"));  // page 2, where the citizen left off
  // Back to page 1 on the other server: the answers given on the first are there.
  auto back = on_b.post("/svar", {{"csrf", on_b.csrf()}, {"side", "2"}, {"handling", "tilbage"}});
  REQUIRE(back->status == 303);
  auto first = on_b.get("/svar");
  CHECK(has(first, "value=\"i_hoej_grad\" checked"));
  CHECK(has(first, "value=\"i_nogen_grad\" checked"));
}

TEST_CASE("two servers, one database: a staff form kept by one is handed back by the other, once") {
  TestServer a(0);
  TestServer b(TestServer::SameDatabaseAs{a});
  tilfreds::testing::create_user(a.db(), "anne", Role::kAdmin, kPassword);
  Browser on_a(a.port());
  REQUIRE(tilfreds::testing::login(on_a, "anne", kPassword));
  REQUIRE(on_a.get("/admin/indstillinger")->status == 200);
  const std::string csrf = on_a.csrf();
  a.advance_clock(9 * 60 * 60);  // past the session's 8-hour end
  auto lost = on_a.post("/admin/indstillinger", {{"csrf", csrf}, {"organisation-name", "Hvalsø Kommune"}});
  REQUIRE(lost->status == 401);
  const std::string back = tilfreds::testing::return_path(lost->body);
  REQUIRE(back.rfind("/personale/gendan/", 0) == 0);
  // The same browser (its cookies) logs in again on the other server.
  Browser on_b(b.port());
  REQUIRE(on_a.cookie("tf_kept"));
  on_b.set_cookie("tf_kept", *on_a.cookie("tf_kept"));
  REQUIRE(tilfreds::testing::login(on_b, "anne", kPassword));
  auto page = on_b.get(back);
  REQUIRE(page->status == 200);
  CHECK(has(page, "Hvalsø Kommune"));
  // Handed out once, whichever server is asked next.
  REQUIRE(on_b.cookie("tf_staff"));
  on_a.set_cookie("tf_staff", *on_b.cookie("tf_staff"));
  CHECK(on_a.get(back)->status == 404);
}

TEST_CASE("two servers, one database: what the limits count is stored as keyed hashes, never in clear") {
  TestServer a;
  TestServer b(TestServer::SameDatabaseAs{a});
  Browser on_a(a.port()), on_b(b.port());
  // A password typed into the name field, a wrong code and a successful login: none of
  // the name, the code or the client's address may sit in any table.
  CHECK(try_login(on_a, "Hemmelig-Kode-4711", "forkert forkert")->status == 422);
  CHECK(on_b.post("/kode", {{"kode", "AAAA-AAAA"}})->status == 422);
  tilfreds::testing::create_user(a.db(), "anne", Role::kStaff, kPassword);
  CHECK(try_login(on_b, "anne", kPassword)->status == 303);
  const auto tables = a.db().read([](tilfreds::db::Connection& c) { return tilfreds::db::table_contents(c); });
  std::size_t limit_rows = 0;
  for (const auto& [table, rows] : tables) {
    for (const auto& row : rows) {
      INFO(table << ": " << row);
      CHECK(row.find("Hemmelig-Kode-4711") == std::string::npos);
      // The audit log records where a member of staff logged in from, by design.
      if (table != "audit_event") CHECK(row.find("127.0.0.1") == std::string::npos);
      if (table == "limit_event" || table == "login_address") ++limit_rows;
    }
  }
  CHECK(limit_rows >= 2);  // the wrong code's event and anne's known address
  // Yet both servers still count the same hashed keys: ten wrong codes over the two
  // are the limit (the code-guessing test above), so the hash is the key's, not the server's.
  for (int i = 0; i < 9; ++i) on_a.post("/kode", {{"kode", "AAAA-AAAA"}});
  CHECK(on_b.post("/kode", {{"kode", a.letters().at(2).code}})->status == 429);
}
