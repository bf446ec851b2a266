// Issue 12 §4: a staff form sent after the session ended is kept through a new
// login, on every staff form, by one mechanism in StaffAccess: the 401 page sends
// the user to the login, and afterwards /personale/gendan/ID shows what they typed
// and sends it again when they confirm. Only in the browser that posted it, once,
// never the CSRF token or a password, and never for a cross-site post. (The
// complaint forms come back filled in on their own page: complaints/staff_routes_test.)
#include <catch2/catch.hpp>
#include <regex>
#include <cstring>

#include "intake/staff/form_stash.h"

#include "intake/review/setup.h"
#include "intake/settings/site_settings.h"
#include "db/audit_store.h"
#include "db/review_store.h"
#include "tests/support/source_file.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
namespace db = tilfreds::db;
namespace review = tilfreds::intake::review;
namespace settings = tilfreds::intake::settings;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";
using Form = std::vector<std::pair<std::string, std::string>>;

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }


std::string html_unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&quot;", "\""}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + 1)) s.replace(pos, std::strlen(from), to);
  }
  return s;
}

// The page after the login that the 401 page's link leads to.
std::string return_path(const std::string& lost_body) {
  const std::string back = tilfreds::testing::return_path(lost_body);
  REQUIRE_FALSE(back.empty());
  return back;
}

// The confirmation page's form as the browser would send it: its action and fields.
std::pair<std::string, Form> kept_form(const std::string& page) {
  std::smatch m;
  REQUIRE(std::regex_search(page, m, std::regex("<form method=\"post\" action=\"([^\"]+)\">")));
  std::string action = html_unescape(m[1]);
  Form f;
  std::regex input("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
  const std::string form = page.substr(m.position(0));
  for (auto it = std::sregex_iterator(form.begin(), form.end(), input); it != std::sregex_iterator(); ++it) {
    f.push_back({html_unescape((*it)[1]), html_unescape((*it)[2])});
  }
  return {action, f};
}

struct Site {
  TestServer server{0};
  Browser as(const std::string& name, Role role) {
    tilfreds::testing::create_user(server.db(), name, role, kPassword);
    Browser b(server.port());
    REQUIRE(tilfreds::testing::login(b, name, kPassword));
    b.get("/personale");
    return b;
  }
  // Ends every session: past the 8-hour absolute end.
  void end_sessions() { server.advance_clock(9 * 60 * 60); }
};
}  // namespace

TEST_CASE("settings form: kept through a new login, shown, and saved only when sent again") {
  Site s;
  Browser admin = s.as("anne", Role::kAdmin);
  REQUIRE(admin.get("/admin/indstillinger")->status == 200);
  const std::string old_csrf = admin.csrf();
  Form f{{"csrf", old_csrf}};
  for (const auto& k : settings::known_keys()) {
    f.push_back({k.field, std::string(k.key) == "organisation.name" ? "Hvalsø & Omegn \"Kommune\"" : ""});
  }
  s.end_sessions();
  auto lost = admin.post("/admin/indstillinger", f);
  REQUIRE(lost->status == 401);
  CHECK(has(lost->body, "er ikke gemt endnu"));
  CHECK(admin.cookie("tf_kept"));
  CHECK(settings::load(s.server.db()).empty());
  const std::string back = return_path(lost->body);
  REQUIRE(back.rfind("/personale/gendan/", 0) == 0);

  REQUIRE(tilfreds::testing::login(admin, "anne", kPassword));
  auto page = admin.get(back);
  REQUIRE(page->status == 200);
  // Under the label the settings page gives the field, not its form name.
  CHECK(has(page->body, "<dt>Kommunens navn</dt><dd>Hvalsø &amp; Omegn &quot;Kommune&quot;</dd>"));
  CHECK_FALSE(has(page->body, "<dt>organisation-name</dt>"));
  // Handing back what was typed is a read like opening a case: audited with where it
  // goes and the fields' names, never their values.
  auto restored = s.server.db().read([](tilfreds::db::Connection& c) {
    tilfreds::db::AuditFilter filter;
    filter.entity = "kept_form";
    return tilfreds::db::find_audit(c, filter);
  });
  REQUIRE(restored.size() == 1);
  CHECK(restored[0].action == "restore");
  CHECK(restored[0].actor_name == "anne");
  CHECK(restored[0].entity_id == back.substr(std::strlen("/personale/gendan/")));
  CHECK(has(restored[0].detail, "\"path\":\"/admin/indstillinger\""));
  CHECK(has(restored[0].detail, "\"organisation-name\""));
  CHECK_FALSE(has(restored[0].detail, "Hvals"));
  CHECK(has(page->body, "<button type=\"submit\">Send igen</button>"));
  CHECK_FALSE(has(page->body, old_csrf));  // the ended session's token is not kept
  CHECK(settings::load(s.server.db()).empty());  // nothing is done before the user confirms
  auto [action, again] = kept_form(page->body);
  CHECK(action == "/admin/indstillinger");
  CHECK(again[0] == std::pair<std::string, std::string>{"csrf", admin.csrf()});
  auto sent = admin.post(action, again);
  CHECK(sent->status == 303);
  CHECK(settings::load(s.server.db()).at("organisation.name") == "Hvalsø & Omegn \"Kommune\"");
  // Once only.
  CHECK(admin.get(back)->status == 404);
}

TEST_CASE("review form: a case's answers kept through a new login come back to step 2") {
  Site s;
  const tilfreds::intake::staff::Actor a{std::nullopt, "test"};
  REQUIRE(review::add_area(s.server.db(), a, {"jobcenter", "Jobcenter", "tilsyn", "quarterly", 2, 95, 75}).empty());
  REQUIRE(review::import_scheme(s.server.db(), a, tilfreds::testing::source_file("tests/data/review/scheme_v1.json")).ok());
  Browser b = s.as("kvalitet", Role::kReviewer);
  b.get("/tilsyn");
  REQUIRE(b.post_multipart("/tilsyn/udtraek", {{"csrf", b.csrf()}, {"area", "jobcenter"}, {"period", "2024Q3"},
                                               {"group", "dagpenge"}, {"list", "A-1\nA-2\nA-3\n"}})
              ->status == 303);
  auto found = s.server.db().read([](db::Connection& c) { return db::find_review(c, "jobcenter", "2024Q3"); });
  REQUIRE(found);
  auto cases = s.server.db().read([&](db::Connection& c) { return db::review_cases(c, found->id); });
  const std::string first = "/tilsyn/sag/" + std::to_string(cases.at(0).id);
  b.get(first);
  s.end_sessions();
  auto lost = b.post(first, {{"csrf", b.csrf()}, {"step", "1"}, {"r_cv", "fejl"}, {"r_journal", "ok"}});
  REQUIRE(lost->status == 401);
  const std::string back = return_path(lost->body);
  REQUIRE(tilfreds::testing::login(b, "kvalitet", kPassword));
  auto page = b.get(back);
  REQUIRE(page->status == 200);
  CHECK(has(page->body, "<dt>r_cv</dt><dd>fejl</dd>"));
  auto [action, again] = kept_form(page->body);
  CHECK(action == first);
  auto step2 = b.post(action, again);
  REQUIRE(step2->status == 200);
  CHECK(has(step2->body, "name=\"d_cv\""));
  CHECK(has(step2->body, "name=\"r_cv\" value=\"fejl\""));
}

TEST_CASE("fieldwork form: a new wave kept through a new login is created when sent again") {
  Site s;
  Browser b = s.as("sekretaer", Role::kSecretary);
  b.get("/undersoegelser");
  s.end_sessions();
  auto lost = b.post_files("/undersoegelser/runder", {{"csrf", b.csrf()}, {"skema", "jobcenter:1"}, {"etiket", "2099"},
                                                      {"aabner", "2099-09-01"}, {"lukker", "2099-09-30"}}, {});
  REQUIRE(lost->status == 401);
  const std::string back = return_path(lost->body);
  // Another member of staff, in another browser, cannot take it.
  Browser other = s.as("sofie", Role::kSecretary);
  auto stolen = other.get(back);
  CHECK(stolen->status == 404);
  CHECK_FALSE(has(stolen->body, "2099-09-30"));

  REQUIRE(tilfreds::testing::login(b, "sekretaer", kPassword));
  auto page = b.get(back);
  REQUIRE(page->status == 200);
  CHECK(has(page->body, "<dd>2099-09-30</dd>"));
  CHECK_FALSE(has(page->body, "Den fil, du valgte, er ikke gemt"));
  auto [action, again] = kept_form(page->body);
  CHECK(action == "/undersoegelser/runder");
  auto made = b.post_files(action, again, {});
  REQUIRE(made->status == 303);
  CHECK(has(b.get(made->get_header_value("Location"))->body, "2099-09-30"));
}

TEST_CASE("never kept: passwords, the CSRF token, a cross-site post, a made-up id") {
  Site s;
  Browser admin = s.as("anne", Role::kAdmin);
  admin.get("/admin/brugere");
  const std::string old_csrf = admin.csrf();
  s.end_sessions();
  auto lost = admin.post("/admin/brugere", {{"csrf", old_csrf}, {"navn", "ny.bruger"}, {"rolle", "staff"},
                                            {"adgangskode", "hemmelig adgangskode 123"}});
  REQUIRE(lost->status == 401);
  REQUIRE(tilfreds::testing::login(admin, "anne", kPassword));
  auto page = admin.get(return_path(lost->body));
  REQUIRE(page->status == 200);
  CHECK(has(page->body, "ny.bruger"));
  CHECK_FALSE(has(page->body, "hemmelig adgangskode"));
  CHECK_FALSE(has(page->body, "name=\"adgangskode\""));
  CHECK_FALSE(has(page->body, old_csrf));

  // A post from another site is refused before anything is kept.
  s.end_sessions();
  auto forged = admin.client().Post("/admin/indstillinger", {{"Origin", "https://evil.example"}},
                                    "organisation-name=Ond", "application/x-www-form-urlencoded");
  REQUIRE(forged);
  CHECK(forged->status == 403);
  CHECK_FALSE(has(forged->body, "/personale/gendan/"));
  CHECK_FALSE(forged->has_header("Set-Cookie"));

  // A form with a file: the file is not kept, and the page says so.
  auto wave = s.server.wave();
  admin.get("/undersoegelser");
  s.end_sessions();
  auto upload = admin.post_files("/undersoegelser/runder/" + std::to_string(wave.id) + "/ramme",
                                 {{"csrf", admin.csrf()}, {"kolonne", "tilbud"}},
                                 {{"fil", "ramme.csv", "reference;group\nX-1;dagpenge\n"}});
  REQUIRE(upload->status == 401);
  REQUIRE(tilfreds::testing::login(admin, "anne", kPassword));
  auto with_file = admin.get(return_path(upload->body));
  REQUIRE(with_file->status == 200);
  CHECK(has(with_file->body, "Den fil, du valgte, er ikke gemt"));
  CHECK_FALSE(has(with_file->body, "X-1;dagpenge"));

  // A made-up id finds nothing.
  CHECK(admin.get("/personale/gendan/AAAAAAAAAAAAAAAAAAAAAA")->status == 404);
}

TEST_CASE("the stash: once, for its browser and path, an hour, bounded in entries and bytes") {
  using tilfreds::intake::staff::FormStash;
  const auto t0 = FormStash::Clock::time_point{} + std::chrono::hours(100);
  FormStash stash(std::chrono::minutes(60), 3, 100);
  std::string id = stash.put("/a", {{"x", "1"}}, "browser", t0);
  CHECK_FALSE(stash.take(id, "another browser", std::nullopt, t0));
  CHECK_FALSE(stash.take(id, "browser", std::string("/b"), t0));
  CHECK(stash.take(id, "browser", std::string("/a"), t0 + std::chrono::minutes(59))->fields.count("x") == 1);
  CHECK_FALSE(stash.take(id, "browser", std::nullopt, t0));  // once
  id = stash.put("/a", {{"x", "1"}}, "browser", t0);
  CHECK_FALSE(stash.take(id, "browser", std::nullopt, t0 + std::chrono::minutes(61)));
  // Entries: the oldest makes room.
  std::string first = stash.put("/a", {}, "b", t0);
  for (int i = 1; i <= 3; ++i) stash.put("/a", {}, "b", t0 + std::chrono::seconds(i));
  CHECK_FALSE(stash.take(first, "b", std::nullopt, t0 + std::chrono::seconds(5)));
  // Bytes: one big entry pushes the others out.
  std::string small = stash.put("/a", {{"x", std::string(40, 'x')}}, "b", t0 + std::chrono::seconds(6));
  std::string big = stash.put("/a", {{"x", std::string(80, 'x')}}, "b", t0 + std::chrono::seconds(7));
  CHECK_FALSE(stash.take(small, "b", std::nullopt, t0 + std::chrono::seconds(8)));
  CHECK(stash.take(big, "b", std::nullopt, t0 + std::chrono::seconds(8)));
}
