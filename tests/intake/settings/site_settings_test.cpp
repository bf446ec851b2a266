// The municipality's site settings (issue 12): each validation rule, the admin page
// on the real server (roles, CSRF, audit, errors tied to fields), and the frame every
// page then shows — or leaves out when a setting is missing.
#include <catch2/catch.hpp>

#include "db/audit_store.h"
#include "db/settings_store.h"
#include "intake/settings/site_frame.h"
#include "intake/settings/site_settings.h"
#include "intake/web/long_date.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::create_user;
using tilfreds::testing::login;
using tilfreds::testing::TestServer;
namespace settings = tilfreds::intake::settings;
namespace db = tilfreds::db;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";

std::string problem_of(const std::string& key, const std::string& value) {
  auto r = settings::parse_setting(key, value);
  return r.ok() ? "" : r.problems.at(0).message;
}

std::vector<std::pair<std::string, std::string>> settings_form(Browser& b, std::map<std::string, std::string> v) {
  std::vector<std::pair<std::string, std::string>> f{{"csrf", b.csrf()}};
  for (const auto& k : settings::known_keys()) f.push_back({k.field, v.count(k.key) ? v[k.key] : ""});
  return f;
}

std::vector<db::AuditRow> setting_audit(TestServer& s) {
  db::AuditFilter f;
  f.entity = "setting";
  return s.db().read([&](db::Connection& c) { return db::find_audit(c, f); });
}
}  // namespace

TEST_CASE("settings: unknown keys, malformed URLs, phone numbers and e-mail addresses are refused") {
  CHECK(problem_of("organisation.navn", "Lejre") == "settings_error_unknown_key");
  CHECK(problem_of("", "x") == "settings_error_unknown_key");
  CHECK(problem_of("organisation.name", "Lejre Kommune").empty());
  CHECK(problem_of("organisation.name", "Lejre\nKommune") == "settings_error_name");
  CHECK(problem_of("organisation.name", std::string(121, 'a')) == "settings_error_name");
  for (const char* ok : {"46 46 46 46", "+45 46 46 46 46", "46464646", "+45 4646-4646"}) {
    INFO(ok);
    CHECK(problem_of("contact.phone", ok).empty());
  }
  for (const char* bad : {"4646 464", "ring til os", "46 46 46 46 ext 2", "46+464646", "1234567890123456"}) {
    INFO(bad);
    CHECK(problem_of("contact.phone", bad) == "settings_error_phone");
  }
  for (const char* ok : {"jobcenter@lejre.dk", "a.b+c@sub.kommune.dk"}) {
    INFO(ok);
    CHECK(problem_of("contact.email", ok).empty());
  }
  for (const char* bad : {"jobcenter", "@lejre.dk", "a@b", "a@@b.dk", "a b@lejre.dk", "a@lejre..dk", "a@.lejre.dk",
                          "\"a\"@lejre.dk"}) {
    INFO(bad);
    CHECK(problem_of("contact.email", bad) == "settings_error_email");
  }
  for (const char* ok : {"https://www.was.digst.dk/lejre-dk", "http://localhost:8080/x", "https://lejre.dk/?a=1#b"}) {
    INFO(ok);
    CHECK(problem_of("accessibility.url", ok).empty());
    CHECK(problem_of("contact.url", ok).empty());
  }
  for (const char* bad : {"javascript:alert(1)", "www.lejre.dk", "/privatliv", "https://", "https://lejre", "ftp://lejre.dk",
                          "https://lejre.dk/a b", "https://lejre.dk/\"onmouseover=x", "https://user@evil.example",
                          "https://lejre.dk/<script>"}) {
    INFO(bad);
    CHECK(problem_of("accessibility.url", bad) == "settings_error_url");
  }
  CHECK(problem_of("privacy.survey", "Første afsnit.\n\nAndet afsnit.").empty());
  CHECK(problem_of("privacy.survey", std::string(4001, 'a')) == "settings_error_long_text");
  CHECK(problem_of("contact.hours", "man.\ttors") == "settings_error_text");
  CHECK(problem_of("contact.phone", "").empty());  // empty unsets
  CHECK(*settings::parse_setting("contact.phone", "  46 46 46 46 ").value == "46 46 46 46");
  CHECK(settings::phone_href("46 46 46 46") == "tel:+4546464646");
  CHECK(settings::phone_href("+45 70 12 34 56") == "tel:+4570123456");
}

TEST_CASE("settings: nothing is stored when one value is refused; each change is audited once") {
  TestServer s(0);
  auto problems = settings::save(s.db(), {{"organisation.name", "Lejre Kommune"}, {"contact.phone", "x"}},
                                 std::nullopt, "cli");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].where == "contact.phone");
  CHECK(settings::load(s.db()).empty());
  CHECK(settings::save(s.db(), {{"organisation.name", "Lejre Kommune"}}, std::nullopt, "cli").empty());
  CHECK(settings::save(s.db(), {{"organisation.name", "Lejre Kommune"}}, std::nullopt, "cli").empty());
  auto audit = setting_audit(s);
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].entity_id == "organisation.name");
  CHECK(audit[0].actor_name == "cli");
  CHECK(audit[0].detail.find("\"after\":\"Lejre Kommune\"") != std::string::npos);
  CHECK(settings::save(s.db(), {{"organisation.name", ""}}, std::nullopt, "cli").empty());
  CHECK(settings::load(s.db()).empty());
  auto missing = settings::missing_for_public_site({{"organisation.name", "Lejre Kommune"}});
  CHECK(std::find(missing.begin(), missing.end(), "contact.phone") != missing.end());
  CHECK(std::find(missing.begin(), missing.end(), "organisation.name") == missing.end());
  CHECK(std::find(missing.begin(), missing.end(), "contact.email") == missing.end());  // optional
}

TEST_CASE("/admin/indstillinger: the admin saves, staff and secretary get 403, a forged token 403") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kAdmin, kPassword);
  create_user(s.db(), "bent", Role::kStaff, kPassword);
  create_user(s.db(), "sofie", Role::kSecretary, kPassword);
  Browser anonymous(s.port());
  CHECK(anonymous.get("/admin/indstillinger")->status == 303);
  for (const char* name : {"bent", "sofie"}) {
    Browser b(s.port());
    REQUIRE(login(b, name, kPassword));
    b.get("/personale");
    CHECK(b.get("/admin/indstillinger")->status == 403);
    CHECK(b.post("/admin/indstillinger", settings_form(b, {{"organisation.name", "Ond Kommune"}}))->status == 403);
  }
  Browser admin(s.port());
  REQUIRE(login(admin, "anne", kPassword));
  auto page = admin.get("/admin/indstillinger");
  REQUIRE(page->status == 200);
  CHECK(page->body.find("<label for=\"f-contact-phone\">") != std::string::npos);
  CHECK(page->body.find("skal udfyldes før siderne er offentlige") != std::string::npos);
  auto forged = settings_form(admin, {{"organisation.name", "Ond Kommune"}});
  forged[0].second = "forged";
  CHECK(admin.post("/admin/indstillinger", forged)->status == 403);
  CHECK(settings::load(s.db()).empty());

  auto saved = admin.post("/admin/indstillinger",
                          settings_form(admin, {{"organisation.name", "Lejre Kommune"},
                                                {"organisation.unit", "Jobcenter Lejre"},
                                                {"contact.phone", "46 46 46 46"},
                                                {"contact.hours", "hverdage 9–15"},
                                                {"accessibility.url", "https://www.was.digst.dk/lejre-dk"}}));
  REQUIRE(saved->status == 303);
  CHECK(saved->get_header_value("Location") == "/admin/indstillinger?gemt=1");
  CHECK(admin.get("/admin/indstillinger?gemt=1")->body.find("Indstillingerne er gemt") != std::string::npos);
  CHECK(setting_audit(s).size() == 5);
  CHECK(setting_audit(s)[0].actor_name == "anne");
  // At once on every page, without a restart.
  auto code = anonymous.get("/kode");
  CHECK(code->body.find("<span class=\"org\">Lejre Kommune</span>") != std::string::npos);
  CHECK(code->body.find("<title>Svar med koden fra dit brev – Lejre Kommune</title>") != std::string::npos);
  CHECK(code->body.find("<a href=\"tel:+4546464646\">46 46 46 46</a>") != std::string::npos);
  CHECK(code->body.find("(hverdage 9–15)") != std::string::npos);
  CHECK(code->body.find("<a href=\"https://www.was.digst.dk/lejre-dk\">Tilgængelighedserklæring</a>") != std::string::npos);
}

TEST_CASE("/admin/indstillinger: a refused value comes back beside its field with everything typed kept") {
  TestServer s(0);
  create_user(s.db(), "anne", Role::kAdmin, kPassword);
  Browser admin(s.port());
  REQUIRE(login(admin, "anne", kPassword));
  admin.get("/admin/indstillinger");
  auto r = admin.post("/admin/indstillinger", settings_form(admin, {{"organisation.name", "Lejre Kommune"},
                                                                     {"contact.phone", "ring til os"},
                                                                     {"contact.email", "jobcenter"},
                                                                     {"accessibility.url", "javascript:alert(1)"}}));
  REQUIRE(r->status == 422);
  CHECK(r->body.find("<title>Fejl:") != std::string::npos);
  CHECK(r->body.find("href=\"#f-contact-phone\"") != std::string::npos);
  CHECK(r->body.find("id=\"f-contact-phone-fejl\"") != std::string::npos);
  CHECK(r->body.find("aria-describedby=\"f-contact-phone-hint f-contact-phone-fejl\"") != std::string::npos);
  CHECK(r->body.find("Skriv et telefonnummer") != std::string::npos);
  CHECK(r->body.find("Skriv en e-mailadresse") != std::string::npos);
  CHECK(r->body.find("starter med https://") != std::string::npos);
  CHECK(r->body.find("value=\"Lejre Kommune\"") != std::string::npos);
  CHECK(r->body.find("value=\"ring til os\"") != std::string::npos);
  CHECK(r->body.find("href=\"javascript:") == std::string::npos);
  CHECK(settings::load(s.db()).empty());
  CHECK(setting_audit(s).empty());
  CHECK(admin.post("/admin/indstillinger", {{"csrf", admin.csrf()}, {"contact-phone", "46464646"},
                                            {"contact-phone", "12345678"}})->status == 400);
}

TEST_CASE("every page carries the frame; with no settings it shows nothing broken") {
  TestServer s(2);
  Browser b(s.port());
  for (const char* path : {"/kode", "/klage", "/login", "/privatliv/undersoegelse", "/privatliv/klager", "/svar",
                           "/s/AAAAAAAAAAAAAAAAAAAAAA", "/klage/kvittering"}) {
    INFO(path);
    auto r = b.get(path);
    REQUIRE(r);
    CHECK(r->body.find("<footer class=\"bottom\">") != std::string::npos);
    CHECK(r->body.find("Jobcentrets brugerundersøgelse") != std::string::npos);  // the product's name stands in
    CHECK(r->body.find("tel:") == std::string::npos);
    CHECK(r->body.find("href=\"\"") == std::string::npos);
    CHECK(r->body.find("Tilgængelighedserklæring") == std::string::npos);
    CHECK(r->body.find("href=\"/privatliv/") != std::string::npos);
    CHECK(r->body.find("lang=\"en\"") != std::string::npos);  // the language switch on every page
  }
  settings::save(s.db(), {{"organisation.name", "Lejre Kommune"}, {"contact.phone", "46 46 46 46"}}, std::nullopt, "test");
  settings::publish(s.db(), s.renderer());
  auto unknown = b.get("/s/AAAAAAAAAAAAAAAAAAAAAA");
  CHECK(unknown->status == 404);
  CHECK(unknown->body.find("kan du ringe til Lejre Kommune på 46 46 46 46") != std::string::npos);
  auto expired = b.get("/svar");
  CHECK(expired->body.find("46 46 46 46") != std::string::npos);
  auto wrong = b.post("/kode", {{"kode", "AAAA-AAAA"}});
  CHECK(wrong->status == 422);
  CHECK(wrong->body.find("Passer koden stadig ikke?") != std::string::npos);
  CHECK(wrong->body.find("href=\"?lang=en\"") != std::string::npos);
}

TEST_CASE("the privacy notices say who is responsible, what is stored, how long, and the truth about drafts") {
  TestServer s(0);
  settings::save(s.db(), {{"privacy.survey", "Lejre Kommune er dataansvarlig.\n\nKontakt dpo@lejre.dk."}}, std::nullopt, "test");
  settings::publish(s.db(), s.renderer());
  Browser b(s.port());
  auto survey = b.get("/privatliv/undersoegelse");
  REQUIRE(survey->status == 200);
  CHECK(survey->body.find("<p>Lejre Kommune er dataansvarlig.</p><p>Kontakt dpo@lejre.dk.</p>") != std::string::npos);
  CHECK(survey->body.find("Kan svarene spores tilbage til dig?") != std::string::npos);
  CHECK(survey->body.find("ikke anonyme endnu") != std::string::npos);
  CHECK(survey->body.find("Hvor længe gemmer vi?") != std::string::npos);
  auto complaints = b.get("/privatliv/klager");
  REQUIRE(complaints->status == 200);
  CHECK(complaints->body.find("dataansvarlig") != std::string::npos);  // the default when not set
  CHECK(complaints->body.find("Kun de medarbejdere, der behandler klager") != std::string::npos);
  CHECK(b.get("/privatliv/klager?lang=en")->body.find("How we handle your complaint") != std::string::npos);
}

TEST_CASE("stored UTC times are shown in Danish time with the zone") {
  using tilfreds::intake::web::copenhagen_time;
  CHECK(copenhagen_time("2026-01-15T12:00:00.000Z") == "2026-01-15 13:00:00 CET");
  CHECK(copenhagen_time("2026-07-01 22:30:00") == "2026-07-02 00:30:00 CEST");
  // Summer time starts 2026-03-29 01:00 UTC and ends 2026-10-25 01:00 UTC.
  CHECK(copenhagen_time("2026-03-29T00:59:59Z") == "2026-03-29 01:59:59 CET");
  CHECK(copenhagen_time("2026-03-29T01:00:00Z") == "2026-03-29 03:00:00 CEST");
  CHECK(copenhagen_time("2026-10-25T00:59:59Z") == "2026-10-25 02:59:59 CEST");
  CHECK(copenhagen_time("2026-10-25T01:00:00Z") == "2026-10-25 02:00:00 CET");
  CHECK(copenhagen_time("2026-12-31T23:30:00Z") == "2027-01-01 00:30:00 CET");
  CHECK(copenhagen_time("ikke en tid") == "ikke en tid");
}
