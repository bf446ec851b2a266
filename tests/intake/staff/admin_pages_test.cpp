// The admin's user pages and audit viewer on the real server: who may use them,
// what bad input gets back, and that every change lands in the audit log.
#include <catch2/catch.hpp>

#include "db/audit_store.h"
#include "db/staff_store.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::create_user;
using tilfreds::testing::login;
using tilfreds::testing::TestServer;
namespace db = tilfreds::db;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";

std::vector<db::AuditRow> audit_of(TestServer& s, const std::string& action) {
  db::AuditFilter f;
  f.action = action;
  f.entity = "user";
  return s.db().read([&](db::Connection& c) { return db::find_audit(c, f); });
}

std::optional<db::StaffUserRow> user_named(TestServer& s, const std::string& name) {
  return s.db().read([&](db::Connection& c) { return db::find_staff_user_by_name(c, name); });
}

size_t count_of(const std::string& body, const std::string& needle) {
  size_t n = 0;
  for (auto p = body.find(needle); p != std::string::npos; p = body.find(needle, p + 1)) ++n;
  return n;
}

// A browser logged in as `name`, with a staff page fetched so csrf() is the session's.
std::unique_ptr<Browser> as(TestServer& s, const std::string& name) {
  auto b = std::make_unique<Browser>(s.port());
  REQUIRE(login(*b, name, kPassword));
  REQUIRE(b->get("/personale")->status == 200);
  return b;
}

struct Staffed {
  TestServer s{0};
  std::int64_t admin = create_user(s.db(), "anne", Role::kAdmin, kPassword);
  std::int64_t staff = create_user(s.db(), "bent", Role::kStaff, kPassword);
  std::int64_t secretary = create_user(s.db(), "sofie", Role::kSecretary, kPassword);
};
}  // namespace

TEST_CASE("only the admin reaches the user pages and the audit log, staff and secretary get 403") {
  Staffed f;
  const std::string user_page = "/admin/brugere/" + std::to_string(f.staff);
  auto admin = as(f.s, "anne");
  for (const auto& path : {std::string("/admin/brugere"), user_page, std::string("/admin/revision")}) {
    CHECK(admin->get(path)->status == 200);
  }
  for (const char* name : {"bent", "sofie"}) {
    auto b = as(f.s, name);
    for (const auto& path : {std::string("/admin/brugere"), user_page, std::string("/admin/revision")}) {
      INFO(name << " " << path);
      CHECK(b->get(path)->status == 403);
    }
    auto create = b->post("/admin/brugere", {{"csrf", b->csrf()}, {"navn", std::string("x") + name},
                                             {"rolle", "admin"}, {"adgangskode", kPassword}});
    CHECK(create->status == 403);
    CHECK(b->post(user_page + "/rolle", {{"csrf", b->csrf()}, {"rolle", "admin"}})->status == 403);
    CHECK(b->post(user_page + "/status", {{"csrf", b->csrf()}, {"aktiv", "0"}})->status == 403);
    CHECK(b->post(user_page + "/adgangskode", {{"csrf", b->csrf()}, {"adgangskode", kPassword}})->status == 403);
  }
  CHECK(!user_named(f.s, "xbent"));
  CHECK(!user_named(f.s, "xsofie"));
  CHECK(user_named(f.s, "bent")->role == "staff");
  CHECK(user_named(f.s, "bent")->active);
}

TEST_CASE("admin pages without a session: GET goes to /login, POST gets 401") {
  Staffed f;
  Browser b(f.s.port());
  auto g = b.get("/admin/revision");
  CHECK(g->status == 303);
  CHECK(g->get_header_value("Location") == "/login?next=/admin/revision");
  CHECK(b.post("/admin/brugere", {{"navn", "ny"}, {"rolle", "admin"}, {"adgangskode", kPassword}})->status == 401);
  CHECK(!user_named(f.s, "ny"));
}

TEST_CASE("an admin creates a user in the browser, the user can log in and the audit log says who did it") {
  Staffed f;
  auto admin = as(f.s, "anne");
  auto r = admin->post("/admin/brugere", {{"csrf", admin->csrf()}, {"navn", "karen"}, {"rolle", "secretary"},
                                          {"adgangskode", "et langt kodeord"}});
  REQUIRE(r->status == 303);
  auto karen = user_named(f.s, "karen");
  REQUIRE(karen);
  CHECK(karen->role == "secretary");
  CHECK(karen->password_hash.rfind("$argon2id$", 0) == 0);
  CHECK(r->get_header_value("Location") == "/admin/brugere/" + std::to_string(karen->id) + "?oprettet=1");
  Browser b(f.s.port());
  CHECK(login(b, "karen", "et langt kodeord"));
  auto created = audit_of(f.s, "create");
  REQUIRE(created.size() == 4);  // three by the fixture, one by anne
  CHECK(created[0].actor_name == "anne");
  CHECK(created[0].actor_id == f.admin);
  CHECK(created[0].entity_id == std::to_string(karen->id));
  CHECK(created[0].detail.find("\"secretary\"") != std::string::npos);
  CHECK(admin->get("/admin/brugere")->body.find(">karen</a>") != std::string::npos);
}

TEST_CASE("weak passwords for a new admin are refused with the reason in Danish") {
  Staffed f;
  auto admin = as(f.s, "anne");
  const std::vector<std::pair<std::string, std::string>> weak{
      {"aaaaaaaaaaaa", "gentager de samme tegn"},
      {"            ", "gentager de samme tegn"},
      {"password1234", "almindeligt ord eller en kendt adgangskode"}};
  for (const auto& [password, reason] : weak) {
    INFO(password);
    auto r = admin->post("/admin/brugere", {{"csrf", admin->csrf()}, {"navn", "mallory"}, {"rolle", "admin"},
                                            {"adgangskode", password}});
    REQUIRE(r->status == 422);
    CHECK(r->body.find(reason) != std::string::npos);
    CHECK(r->body.find("href=\"#bruger-kode\"") != std::string::npos);
    CHECK(!user_named(f.s, "mallory"));
  }
}

TEST_CASE("bad input to the new-user form: 422, a message per field, what was typed kept, nothing created") {
  Staffed f;
  auto admin = as(f.s, "anne");
  auto r = admin->post("/admin/brugere", {{"csrf", admin->csrf()}, {"navn", "to ord"}, {"adgangskode", "kort"}});
  REQUIRE(r->status == 422);
  CHECK(r->body.find("href=\"#bruger-navn\"") != std::string::npos);
  CHECK(r->body.find("href=\"#bruger-rolle-0\"") != std::string::npos);
  CHECK(r->body.find("href=\"#bruger-kode\"") != std::string::npos);
  CHECK(r->body.find("value=\"to ord\"") != std::string::npos);
  CHECK(r->body.find("kort") == std::string::npos);  // a password is never sent back
  CHECK(!user_named(f.s, "to ord"));

  auto taken = admin->post("/admin/brugere", {{"csrf", admin->csrf()}, {"navn", "bent"}, {"rolle", "admin"},
                                              {"adgangskode", kPassword}});
  CHECK(taken->status == 422);
  CHECK(taken->body.find("checked") != std::string::npos);  // the role chosen stays chosen
  CHECK(user_named(f.s, "bent")->role == "staff");
  CHECK(audit_of(f.s, "create").size() == 3);
}

TEST_CASE("role change, disable, enable and password reset take effect and are audited with before and after") {
  Staffed f;
  auto admin = as(f.s, "anne");
  auto bent = as(f.s, "bent");
  const std::string page = "/admin/brugere/" + std::to_string(f.staff);

  auto role = admin->post(page + "/rolle", {{"csrf", admin->csrf()}, {"rolle", "secretary"}});
  CHECK(role->status == 303);
  CHECK(role->get_header_value("Location") == page + "?gemt=1");
  CHECK(user_named(f.s, "bent")->role == "secretary");
  CHECK(bent->get("/personale")->status == 303);  // the role change ended bent's session
  auto roles = audit_of(f.s, "role");
  REQUIRE(roles.size() == 1);
  CHECK(roles[0].detail == R"({"after":"secretary","before":"staff"})");

  CHECK(admin->post(page + "/status", {{"csrf", admin->csrf()}, {"aktiv", "0"}})->status == 303);
  Browser tries(f.s.port());
  CHECK(!login(tries, "bent", kPassword));
  CHECK(admin->post(page + "/status", {{"csrf", admin->csrf()}, {"aktiv", "1"}})->status == 303);
  CHECK(login(tries, "bent", kPassword));
  CHECK(audit_of(f.s, "disable").size() == 1);
  CHECK(audit_of(f.s, "enable").size() == 1);

  auto weak = admin->post(page + "/adgangskode", {{"csrf", admin->csrf()}, {"adgangskode", "for kort"}});
  CHECK(weak->status == 422);
  CHECK(weak->body.find("bruger-kode-fejl") != std::string::npos);
  CHECK(admin->post(page + "/adgangskode", {{"csrf", admin->csrf()}, {"adgangskode", "en helt ny kode"}})->status == 303);
  CHECK(tries.get("/personale")->status == 303);  // a reset ends sessions too
  Browser old(f.s.port()), fresh(f.s.port());
  CHECK(!login(old, "bent", kPassword));
  CHECK(login(fresh, "bent", "en helt ny kode"));
  auto resets = audit_of(f.s, "password");
  REQUIRE(resets.size() == 1);
  CHECK(resets[0].detail == "{}");  // no hash in the log
  CHECK(resets[0].actor_name == "anne");
}

TEST_CASE("the last active admin cannot be demoted or disabled") {
  Staffed f;
  auto admin = as(f.s, "anne");
  const std::string page = "/admin/brugere/" + std::to_string(f.admin);
  auto demote = admin->post(page + "/rolle", {{"csrf", admin->csrf()}, {"rolle", "staff"}});
  CHECK(demote->status == 422);
  CHECK(demote->body.find("bruger-rolle-fejl") != std::string::npos);
  CHECK(admin->post(page + "/status", {{"csrf", admin->csrf()}, {"aktiv", "0"}})->status == 422);
  CHECK(user_named(f.s, "anne")->role == "admin");
  CHECK(user_named(f.s, "anne")->active);
  CHECK(audit_of(f.s, "role").empty());
}

TEST_CASE("admin forms with a missing or forged CSRF token are refused with 403 and change nothing") {
  Staffed f;
  auto admin = as(f.s, "anne");
  const std::string page = "/admin/brugere/" + std::to_string(f.staff);
  for (const std::string token : {"", "forfalsket"}) {
    std::vector<std::pair<std::string, std::string>> csrf;
    if (!token.empty()) csrf.push_back({"csrf", token});
    auto with = [&](std::vector<std::pair<std::string, std::string>> fields) {
      fields.insert(fields.end(), csrf.begin(), csrf.end());
      return fields;
    };
    CHECK(admin->post("/admin/brugere", with({{"navn", "ny"}, {"rolle", "admin"}, {"adgangskode", kPassword}}))->status == 403);
    CHECK(admin->post(page + "/rolle", with({{"rolle", "admin"}}))->status == 403);
    CHECK(admin->post(page + "/status", with({{"aktiv", "0"}}))->status == 403);
    CHECK(admin->post(page + "/adgangskode", with({{"adgangskode", "en helt ny kode"}}))->status == 403);
  }
  CHECK(!user_named(f.s, "ny"));
  CHECK(user_named(f.s, "bent")->role == "staff");
  CHECK(user_named(f.s, "bent")->active);
  CHECK(audit_of(f.s, "password").empty());
}

TEST_CASE("an unknown user id is 404, a bad status value 400") {
  Staffed f;
  auto admin = as(f.s, "anne");
  CHECK(admin->get("/admin/brugere/99999")->status == 404);
  CHECK(admin->post("/admin/brugere/99999/rolle", {{"csrf", admin->csrf()}, {"rolle", "staff"}})->status == 404);
  const std::string page = "/admin/brugere/" + std::to_string(f.staff);
  CHECK(admin->post(page + "/status", {{"csrf", admin->csrf()}, {"aktiv", "måske"}})->status == 400);
}

TEST_CASE("the audit viewer finds a citizen's events and pages through them") {
  Staffed f;
  f.s.db().write([&](db::Connection& c) {
    for (int i = 0; i < 60; ++i) {
      db::record_audit(c, {f.staff, "bent", "view", "complaint", "K-" + std::to_string(i), "Jens Hansen", "{}"});
    }
    db::record_audit(c, {f.staff, "bent", "view", "complaint", "K-99", "Maja Jensen", "{}"});
  });
  auto admin = as(f.s, "anne");
  auto first = admin->get("/admin/revision?borger=hansen");
  REQUIRE(first->status == 200);
  CHECK(count_of(first->body, "<td>Jens Hansen</td>") == 50);
  CHECK(first->body.find("Maja Jensen") == std::string::npos);
  CHECK(first->body.find("href=\"/admin/revision?borger=hansen&amp;side=2\"") != std::string::npos);
  auto second = admin->get("/admin/revision?borger=hansen&side=2");
  CHECK(count_of(second->body, "<td>Jens Hansen</td>") == 10);
  CHECK(second->body.find("side=1") != std::string::npos);
  CHECK(second->body.find("side=3") == std::string::npos);

  auto by_case = admin->get("/admin/revision?type=complaint&nr=K-99&medarbejder=bent");
  CHECK(count_of(by_case->body, "<td>Maja Jensen</td>") == 1);
  auto none = admin->get("/admin/revision?til=2000-01-01");
  CHECK(none->status == 200);
  CHECK(none->body.find("<tbody>") == std::string::npos);
  auto bad = admin->get("/admin/revision?fra=igår&borger=hansen");
  CHECK(bad->status == 422);
  CHECK(bad->body.find("href=\"#revision-fra\"") != std::string::npos);
  CHECK(bad->body.find("value=\"hansen\"") != std::string::npos);
}
