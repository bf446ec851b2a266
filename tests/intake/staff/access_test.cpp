// Staff login, sessions and CSRF against the real server on a loopback port.
#include <catch2/catch.hpp>

#include <algorithm>
#include <thread>

#include "db/audit_store.h"
#include "db/table_contents.h"
#include "intake/staff/users.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::create_user;
using tilfreds::testing::login;
using tilfreds::testing::TestServer;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";

std::string set_cookie_named(const httplib::Result& r, const std::string& name) {
  auto range = r->headers.equal_range("Set-Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second.rfind(name + "=", 0) == 0) return it->second;
  }
  return "";
}

// A GET with exactly this Cookie header, as a forger or an old browser would send.
httplib::Result get_with_cookie(int port, const std::string& path, const std::string& cookie) {
  httplib::Client c("127.0.0.1", port);
  return c.Get(path.c_str(), {{"Cookie", cookie}});
}

httplib::Result post_with_cookie(int port, const std::string& path, const std::string& cookie,
                                 const std::string& body) {
  httplib::Client c("127.0.0.1", port);
  return c.Post(path.c_str(), {{"Cookie", cookie}}, body, "application/x-www-form-urlencoded");
}

tilfreds::intake::staff::StaffOptions options_with(void (*change)(tilfreds::intake::staff::StaffOptions&)) {
  auto o = tilfreds::testing::test_staff_options();
  change(o);
  return o;
}

std::vector<tilfreds::db::AuditRow> audit(TestServer& s, const std::string& action) {
  tilfreds::db::AuditFilter f;
  f.action = action;
  return s.db().read([&](tilfreds::db::Connection& c) { return tilfreds::db::find_audit(c, f); });
}

// Posts the login form as `login` does, returning the response.
httplib::Result try_login(Browser& b, const std::string& name, const std::string& password) {
  b.get("/login");
  return b.post("/login", {{"csrf", b.csrf()}, {"navn", name}, {"adgangskode", password}});
}
}  // namespace

TEST_CASE("a staff page without a session sends a GET to /login with the way back") {
  TestServer s(0);
  Browser b(s.port());
  auto r = b.get("/personale");
  REQUIRE(r);
  CHECK(r->status == 303);
  // Sent as next=%2Fpersonale; httplib 0.11.4's client percent-decodes header values.
  CHECK(r->get_header_value("Location") == "/login?next=/personale");
}

TEST_CASE("login sets an HttpOnly SameSite=Strict session cookie and returns to the page asked for") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kAdmin, kPassword);
  Browser b(s.port());
  auto form = b.get("/login?next=/admin/brugere");
  REQUIRE(form->status == 200);
  CHECK(form->body.find("name=\"next\" value=\"/admin/brugere\"") != std::string::npos);
  auto r = b.post("/login", {{"csrf", b.csrf()}, {"navn", "anne"}, {"adgangskode", kPassword},
                             {"next", "/admin/brugere"}});
  REQUIRE(r);
  CHECK(r->status == 303);
  CHECK(r->get_header_value("Location") == "/admin/brugere");
  std::string cookie = set_cookie_named(r, "tf_staff");
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);  // plain http in tests
  auto home = b.get("/personale");
  REQUIRE(home->status == 200);
  CHECK(home->body.find("anne") != std::string::npos);
  CHECK(home->body.find("action=\"/logout\"") != std::string::npos);
  CHECK(audit(s, "login").size() == 1);
}

TEST_CASE("over https the cookies are __Host- prefixed and Secure, and HSTS is sent") {
  tilfreds::intake::web::ServerOptions https;
  https.base_url = "https://tilfreds.example.dk";
  TestServer s(0, {}, https, options_with([](auto& o) { o.secure_cookies = true; }));
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  Browser b(s.port());
  auto form = b.get("/login");
  CHECK(set_cookie_named(form, "__Host-tf_login").find("; Secure") != std::string::npos);
  CHECK(form->get_header_value("Strict-Transport-Security") == "max-age=31536000");
  auto r = b.post("/login", {{"csrf", b.csrf()}, {"navn", "anne"}, {"adgangskode", kPassword}});
  REQUIRE(r->status == 303);
  std::string cookie = set_cookie_named(r, "__Host-tf_staff");
  CHECK(cookie.find("; Secure") != std::string::npos);
  CHECK(cookie.find("Path=/;") != std::string::npos);
  CHECK(cookie.find("Domain") == std::string::npos);
  CHECK(set_cookie_named(r, "tf_staff").empty());
  CHECK(b.get("/personale")->status == 200);
  // An unprefixed cookie (planted by a subdomain, say) is no session.
  CHECK(get_with_cookie(s.port(), "/personale", "tf_staff=" + *b.cookie("__Host-tf_staff"))->status == 303);
}

TEST_CASE("plain http sends no HSTS") {
  TestServer s(0);
  Browser b(s.port());
  CHECK_FALSE(b.get("/login")->has_header("Strict-Transport-Security"));
}

TEST_CASE("at most five sessions per user: the sixth login ends the oldest") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  std::vector<std::unique_ptr<Browser>> browsers;
  for (int i = 0; i < 6; ++i) {
    browsers.push_back(std::make_unique<Browser>(s.port()));
    REQUIRE(login(*browsers.back(), "anne", kPassword));
    s.advance_clock(1);  // the absolute ends differ, so "oldest" is the first
  }
  CHECK(browsers[0]->get("/personale")->status == 303);
  for (int i = 1; i < 6; ++i) CHECK(browsers[i]->get("/personale")->status == 200);
  auto tables = s.db().read([](tilfreds::db::Connection& c) { return tilfreds::db::table_contents(c); });
  CHECK(tables["staff_session"].size() == 5);
}

TEST_CASE("a return path to another site is ignored") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  for (std::string next : {"//evil.example/x", "https://evil.example/", "/\\evil.example"}) {
    Browser b(s.port());
    b.get("/login");
    auto r = b.post("/login", {{"csrf", b.csrf()}, {"navn", "anne"}, {"adgangskode", kPassword}, {"next", next}});
    REQUIRE(r->status == 303);
    CHECK(r->get_header_value("Location") == "/personale");
  }
}

TEST_CASE("a wrong password and an unknown user get the same refusal") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  Browser b1(s.port()), b2(s.port());
  auto wrong = try_login(b1, "anne", "forkert forkert forkert");
  auto unknown = try_login(b2, "bent", "forkert forkert forkert");
  REQUIRE(wrong);
  REQUIRE(unknown);
  CHECK(wrong->status == 422);
  CHECK(unknown->status == wrong->status);
  CHECK(!b1.cookie("tf_staff"));
  CHECK(!b2.cookie("tf_staff"));
  // The pages differ only in the name typed (and the form's token).
  auto normalise = [](std::string body, const std::string& name, const std::string& csrf) {
    for (auto p = body.find(csrf); p != std::string::npos; p = body.find(csrf)) body.replace(p, csrf.size(), "T");
    auto p = body.find("value=\"" + name + "\"");
    if (p != std::string::npos) body.replace(p, name.size() + 8, "value=\"N\"");
    return body;
  };
  CHECK(normalise(wrong->body, "anne", b1.csrf()) == normalise(unknown->body, "bent", b2.csrf()));
  CHECK(wrong->body.find("error-summary") != std::string::npos);
  CHECK(wrong->body.find("value=\"anne\"") != std::string::npos);  // what was typed comes back
}

TEST_CASE("wrong passwords from one address wait ever longer, and the right one then logs in") {
  TestServer s(0);
  // The waits are seconds long: on a busy machine the real clock would end one before
  // the early try that must meet it (303 where 429 was due). The test moves time itself.
  s.freeze_clock();
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  Browser b(s.port());
  // Three free tries, then 1 s, 2 s, 4 s, 8 s between tries (ASVS 2.2.1); no account lock.
  for (int i = 0; i < 4; ++i) CHECK(try_login(b, "anne", "forkert forkert forkert")->status == 422);
  for (std::int64_t wait : {1, 2, 4, 8}) {
    auto early = try_login(b, "anne", kPassword);
    REQUIRE(early);
    CHECK(early->status == 429);
    CHECK(early->get_header_value("Retry-After") == std::to_string(wait));
    CHECK(!b.cookie("tf_staff"));
    s.advance_clock(wait);
    if (wait < 8) CHECK(try_login(b, "anne", "forkert forkert forkert")->status == 422);
  }
  CHECK(login(b, "anne", kPassword));
  CHECK(audit(s, "lock").empty());
}

namespace {
// A login through a reverse proxy on loopback that says the client is `address`.
httplib::Result login_from(Browser& b, const std::string& address, const std::string& name,
                           const std::string& password) {
  b.get("/login");
  std::string body = "csrf=" + tilfreds::testing::form_encode(b.csrf()) + "&navn=" +
                     tilfreds::testing::form_encode(name) + "&adgangskode=" +
                     tilfreds::testing::form_encode(password);
  return b.post_raw("/login", body, "application/x-www-form-urlencoded", {{"X-Forwarded-For", address}});
}
}  // namespace

TEST_CASE("a guesser who knows a user name cannot keep the user out of their own address") {
  TestServer s(0, {}, {}, options_with([](auto& o) { o.trust_forwarded_for = true; }));
  create_user(s.db(), "admin", Role::kAdmin, kPassword);
  {
    Browser desk(s.port());
    REQUIRE(login_from(desk, "198.51.100.7", "admin", kPassword)->status == 303);
  }
  // 40 addresses × 4 wrong tries: more than the 100 an hour the account takes from
  // addresses it never logged in from.
  int refused = 0, tried = 0;
  for (int a = 0; a < 40; ++a) {
    Browser guesser(s.port());
    for (int i = 0; i < 4; ++i) {
      int status = login_from(guesser, "203.0.113." + std::to_string(a), "admin", "gaet gaet gaet " + std::to_string(i))->status;
      CHECK((status == 422 || status == 429));
      (status == 429 ? refused : tried) += 1;
    }
  }
  CHECK(tried == 100);
  CHECK(refused == 60);
  // The account is closed to new addresses for the hour …
  Browser elsewhere(s.port());
  CHECK(login_from(elsewhere, "192.0.2.44", "admin", kPassword)->status == 429);
  // … but the user's own desk logs in at once, with the right password only.
  Browser desk(s.port());
  CHECK(login_from(desk, "198.51.100.7", "admin", "gaet gaet gaet")->status == 422);
  auto r = login_from(desk, "198.51.100.7", "admin", kPassword);
  REQUIRE(r);
  CHECK(r->status == 303);
  s.advance_clock(60 * 60);
  Browser later(s.port());
  CHECK(login_from(later, "192.0.2.44", "admin", kPassword)->status == 303);
}

namespace {
// 40 wrong logins at once, the i-th as user `name(i)`: their statuses.
std::vector<int> parallel_wrong_logins(TestServer& s, std::string (*name)(int)) {
  std::vector<int> statuses(40);
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&s, &statuses, name, i] {
      Browser b(s.port());
      auto r = try_login(b, name(i), "forkert forkert forkert");
      statuses[i] = r ? r->status : 0;
    });
  }
  for (auto& t : threads) t.join();
  return statuses;
}
}  // namespace

TEST_CASE("40 parallel wrong logins are counted before any is checked: 429, and then the right one waits too") {
  TestServer s(0);
  // The delays are seconds long: on a stopped clock none runs out while a slow
  // (sanitizer) build is still sending the burst or the right login after it.
  s.freeze_clock();
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  SECTION("one user name") {
    auto statuses = parallel_wrong_logins(s, [](int) { return std::string("anne"); });
    // The three free tries and the first delayed one got through; the rest waited.
    // Before the count was atomic, all 40 did.
    auto through = std::count(statuses.begin(), statuses.end(), 422);
    CHECK(through == 4);
    CHECK(std::count(statuses.begin(), statuses.end(), 429) == 40 - through);
  }
  SECTION("forty user names from one address") {
    auto statuses = parallel_wrong_logins(s, [](int i) { return "bruger" + std::to_string(i); });
    CHECK(std::count(statuses.begin(), statuses.end(), 422) == 20);
    CHECK(std::count(statuses.begin(), statuses.end(), 429) == 20);
  }
  Browser b(s.port());
  CHECK(try_login(b, "anne", kPassword)->status == 429);
}

TEST_CASE("an unknown user, a wrong password and a disabled account cost one verification and no write") {
  TestServer s(0);
  create_user(s.db(), "root", Role::kAdmin, kPassword);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  auto bent = create_user(s.db(), "bent", Role::kStaff, kPassword);
  REQUIRE(tilfreds::intake::staff::set_active(s.db(), {std::nullopt, "test"}, bent, false).empty());
  auto& hasher = s.staff().hasher();
  auto tables = [&] {
    auto all = s.db().read([](tilfreds::db::Connection& c) { return tilfreds::db::table_contents(c); });
    // On PostgreSQL the login limits are counted in the database (every attempt the
    // same rows, whoever it names), so that all servers see them: not a write about the user.
    for (const char* counts : {"limit_event", "limit_key", "login_pair"}) all.erase(counts);
    return all;
  };
  for (const char* name : {"ukendt", "anne", "bent"}) {
    INFO(name);
    Browser b(s.port());
    b.get("/login");
    auto before = tables();
    long hashes = hasher.hashes(), verifications = hasher.verifications();
    auto r = b.post("/login", {{"csrf", b.csrf()}, {"navn", name}, {"adgangskode", "forkert forkert forkert"}});
    CHECK(r->status == 422);
    CHECK(hasher.verifications() == verifications + 1);
    CHECK(hasher.hashes() == hashes);
    CHECK(tables() == before);
  }
}

TEST_CASE("too many failed logins from one address are refused with 429") {
  TestServer s(0, {}, {}, options_with([](auto& o) { o.login.per_address = 3; }));
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  Browser b(s.port());
  for (int i = 0; i < 3; ++i) CHECK(try_login(b, "bent" + std::to_string(i), "forkert forkert")->status == 422);
  auto r = try_login(b, "anne", kPassword);
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(r->has_header("Retry-After"));
  CHECK(!b.cookie("tf_staff"));
}

TEST_CASE("the login form is refused without its CSRF cookie and token") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  Browser b(s.port());
  auto r = b.post("/login", {{"csrf", "gaet"}, {"navn", "anne"}, {"adgangskode", kPassword}});
  CHECK(r->status == 403);
  b.get("/login");
  auto forged = b.post("/login", {{"csrf", "gaet"}, {"navn", "anne"}, {"adgangskode", kPassword}});
  CHECK(forged->status == 403);
  CHECK(!b.cookie("tf_staff"));
}

TEST_CASE("a session ends after 30 idle minutes, lives on while used, and ends after 8 hours") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  SECTION("idle") {
    Browser b(s.port());
    REQUIRE(login(b, "anne", kPassword));
    s.advance_clock(29 * 60);
    CHECK(b.get("/personale")->status == 200);
    s.advance_clock(29 * 60);  // 58 minutes after login, 29 after the last use
    CHECK(b.get("/personale")->status == 200);
    s.advance_clock(31 * 60);
    auto r = b.get("/personale");
    CHECK(r->status == 303);
    CHECK(r->get_header_value("Location").rfind("/login", 0) == 0);
  }
  SECTION("absolute") {
    Browser b(s.port());
    REQUIRE(login(b, "anne", kPassword));
    for (int i = 0; i < 19; ++i) {  // 19 × 25 min = 7 h 55 min, never idle
      s.advance_clock(25 * 60);
      REQUIRE(b.get("/personale")->status == 200);
    }
    s.advance_clock(6 * 60);
    CHECK(b.get("/personale")->status == 303);
  }
}

TEST_CASE("each login gives a new session id, whatever cookie the browser had") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  Browser b(s.port());
  // Session fixation: a value planted before login must not become the session.
  const std::string planted = "plantetAfEnAndenSideplantetAfEnAndenSide123";
  b.set_cookie("tf_staff", planted);
  REQUIRE(login(b, "anne", kPassword));
  std::string first = *b.cookie("tf_staff");
  CHECK(first != planted);
  CHECK(get_with_cookie(s.port(), "/personale", "tf_staff=" + planted)->status == 303);
  REQUIRE(b.get("/personale")->status == 200);
  REQUIRE(b.post("/logout", {{"csrf", b.csrf()}})->status == 303);
  REQUIRE(login(b, "anne", kPassword));
  std::string second = *b.cookie("tf_staff");
  CHECK(first != second);
  CHECK(get_with_cookie(s.port(), "/personale", "tf_staff=" + first)->status == 303);
  CHECK(get_with_cookie(s.port(), "/personale", "tf_staff=" + second)->status == 200);
}

TEST_CASE("a logged-in user who opens /login goes straight on") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  Browser b(s.port());
  REQUIRE(login(b, "anne", kPassword));
  auto r = b.get("/login?next=/personale");
  CHECK(r->status == 303);
  CHECK(r->get_header_value("Location") == "/personale");
}

TEST_CASE("a forged session cookie is sent to /login on GET and refused with 401 on POST") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  std::string forged = "tf_staff=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  auto g = get_with_cookie(s.port(), "/personale", forged);
  CHECK(g->status == 303);
  CHECK(g->get_header_value("Location") == "/login?next=/personale");
  auto p = post_with_cookie(s.port(), "/logout", forged, "csrf=x");
  CHECK(p->status == 401);
  CHECK(p->body.find("href=\"/login\"") != std::string::npos);
}

TEST_CASE("logout needs the session's CSRF token and ends the session") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kStaff, kPassword);
  Browser b(s.port());
  REQUIRE(login(b, "anne", kPassword));
  REQUIRE(b.get("/personale")->status == 200);
  std::string session = *b.cookie("tf_staff");
  CHECK(b.post("/logout", {})->status == 403);
  CHECK(b.post("/logout", {{"csrf", "forfalsket"}})->status == 403);
  CHECK(b.post("/logout", {{"csrf", b.csrf()}, {"csrf", "forfalsket"}})->status == 403);
  CHECK(b.get("/personale")->status == 200);
  auto r = b.post("/logout", {{"csrf", b.csrf()}});
  CHECK(r->status == 303);
  CHECK(r->get_header_value("Location") == "/login");
  CHECK(set_cookie_named(r, "tf_staff").find("Max-Age=0") != std::string::npos);
  CHECK(get_with_cookie(s.port(), "/personale", "tf_staff=" + session)->status == 303);
}

TEST_CASE("a disabled user cannot log in and their open session ends") {
  TestServer s(0);
  create_user(s.db(), "root", Role::kAdmin, kPassword);
  auto id = create_user(s.db(), "anne", Role::kStaff, kPassword);
  Browser b(s.port());
  REQUIRE(login(b, "anne", kPassword));
  auto problems = tilfreds::intake::staff::set_active(s.db(), {std::nullopt, "test"}, id, false);
  REQUIRE(problems.empty());
  CHECK(b.get("/personale")->status == 303);
  Browser again(s.port());
  CHECK(try_login(again, "anne", kPassword)->status == 422);
}

TEST_CASE("the landing page lists what the role may do") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kAdmin, kPassword);
  create_user(s.db(), "sofie", Role::kSecretary, kPassword);
  Browser admin(s.port()), secretary(s.port());
  REQUIRE(login(admin, "anne", kPassword));
  REQUIRE(login(secretary, "sofie", kPassword));
  auto a = admin.get("/personale");
  auto sec = secretary.get("/personale");
  CHECK(a->body.find("href=\"/admin/brugere\"") != std::string::npos);
  CHECK(a->body.find("href=\"/admin/revision\"") != std::string::npos);
  CHECK(sec->status == 200);
  CHECK(sec->body.find("href=\"/admin/brugere\"") == std::string::npos);
  CHECK(sec->body.find("lang=\"da\"") != std::string::npos);
}
