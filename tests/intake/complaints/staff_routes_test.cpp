// The staff complaint pages on the real server: each role can do what it should
// and gets 403 for what it should not; no or a forged session or CSRF token is
// refused; every change and every reading of personal data is audited.
#include "intake/complaints/staff_routes.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <regex>

#include "db/audit_store.h"
#include "db/complaint_store.h"
#include "db/offer_store.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
namespace db = tilfreds::db;
using Fields = std::vector<std::pair<std::string, std::string>>;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";

struct Site {
  TestServer server{0};  // the whole Site: the complaint staff routes among the others
  std::int64_t offer = 0;

  Site() {
    server.db().write([&](db::Connection& c) {
      offer = *db::create_offer(c, "Praktik Nord", db::put_provider(c, "Jobværkstedet", false), "");
    });
  }

  Browser as(const std::string& name, Role role) {
    tilfreds::testing::create_user(server.db(), name, role, kPassword);
    Browser b(server.port());
    REQUIRE(tilfreds::testing::login(b, name, kPassword));
    return b;
  }

  std::vector<db::AuditRow> audit(const std::string& action) {
    db::AuditFilter f;
    f.action = action;
    f.entity = "complaint";
    return server.db().read([&](db::Connection& c) { return db::find_audit(c, f); });
  }

  std::int64_t versions(std::int64_t id) {
    return server.db().read([&](db::Connection& c) {
      return static_cast<std::int64_t>(db::complaint_versions(c, id).size());
    });
  }
};

Fields registration(Browser& b, const Site& s) {
  return {{"csrf", b.csrf()}, {"modtaget", "2026-01-05"}, {"kanal", "phone"}, {"tilbud", std::to_string(s.offer)},
          {"enhed", ""}, {"ydelse", "dagpenge"}, {"tekst", "Min sag blev ikke behandlet."},
          {"navn", "Bo Borger"}, {"kontakt", "12345678"}};
}

// Registers a complaint through the staff form; returns its id.
std::int64_t register_one(Site& s, Browser& b) {
  b.get("/klager/ny");
  auto r = b.post_multipart("/klager/ny", registration(b, s));
  REQUIRE(r);
  REQUIRE(r->status == 303);
  return std::stoll(r->get_header_value("Location").substr(8));
}

Fields edit_form(Browser& b, const std::string& version) {
  return {{"csrf", b.csrf()}, {"version", version}, {"modtaget", "2026-01-05"}, {"kanal", "phone"},
          {"tilbud", ""}, {"enhed", "Ydelseskontoret"}, {"ydelse", "dagpenge"},
          {"tekst", "Min sag blev ikke behandlet."}, {"navn", "Bo Borger"}, {"kontakt", "12345678"},
          {"kategori", "formalitet"}, {"kategori", "borgerservice"}, {"status", "decided"},
          {"udfald", "partly_upheld"}, {"afgjort", "2026-01-20"}, {"videresendt", "ankestyrelsen"},
          {"videresendt_dato", "2026-01-21"}, {"resultat", ""}};
}
}  // namespace

TEST_CASE("staff register a complaint: a new version 1, audited with the actor and the receipt as subject") {
  Site s;
  Browser b = s.as("sagsbehandler", Role::kStaff);
  std::int64_t id = register_one(s, b);
  auto row = s.server.db().read([&](db::Connection& c) { return db::find_complaint(c, id); });
  REQUIRE(row);
  CHECK(row->state.deadline == "2026-02-02");
  CHECK(row->state.channel == "phone");
  auto created = s.audit("create");
  REQUIRE(created.size() == 1);
  CHECK(created[0].actor_name == "sagsbehandler");
  CHECK(created[0].subject == "klage:" + row->receipt);
  CHECK(created[0].detail.find("Bo Borger") == std::string::npos);
  CHECK(created[0].detail.find("ikke behandlet") == std::string::npos);
}

TEST_CASE("a staff registration with a future date or an unknown offer gets 422, its messages and the form kept") {
  Site s;
  Browser b = s.as("sagsbehandler", Role::kStaff);
  b.get("/klager/ny");
  Fields f = registration(b, s);
  f[1].second = "2999-01-01";
  f[3].second = "424242";
  auto r = b.post_multipart("/klager/ny", f);
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(r->body.find("Datoen kan ikke ligge i fremtiden.") != std::string::npos);
  CHECK(r->body.find("Tilbuddet findes ikke") != std::string::npos);
  CHECK(r->body.find("href=\"#f-modtaget\"") != std::string::npos);
  CHECK(r->body.find("value=\"Bo Borger\"") != std::string::npos);
  CHECK(r->body.find(">Min sag blev ikke behandlet.</textarea>") != std::string::npos);
  CHECK(s.audit("create").empty());
}

TEST_CASE("reading a complaint is audited, and classify, decide and forward save a new audited version") {
  Site s;
  Browser b = s.as("sagsbehandler", Role::kStaff);
  std::int64_t id = register_one(s, b);
  auto page = b.get("/klager/" + std::to_string(id));
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("Bo Borger") != std::string::npos);
  auto reads = s.audit("read");
  REQUIRE(reads.size() == 1);
  CHECK(reads[0].actor_name == "sagsbehandler");
  CHECK(reads[0].subject.rfind("klage:K-", 0) == 0);

  auto r = b.post_multipart("/klager/" + std::to_string(id), edit_form(b, "1"));
  REQUIRE(r);
  CHECK(r->status == 303);
  CHECK(s.versions(id) == 2);
  auto row = s.server.db().read([&](db::Connection& c) { return db::find_complaint(c, id); });
  CHECK(row->state.categories == "formalitet,borgerservice");
  CHECK(row->state.outcome == "partly_upheld");
  CHECK(row->state.forwarded_to == "ankestyrelsen");
  auto updates = s.audit("update");
  REQUIRE(updates.size() == 1);
  for (const char* field : {"categories", "status", "outcome", "decided_on", "forwarded_to", "offer_id", "unit"}) {
    CHECK(updates[0].detail.find(field) != std::string::npos);
  }
  CHECK(updates[0].detail.find("Bo Borger") == std::string::npos);

  // A form based on version 1 after version 2 was saved is a conflict: nothing written.
  b.get("/klager/" + std::to_string(id));
  Fields stale = edit_form(b, "1");
  stale[5].second = "Et andet kontor";
  auto conflict = b.post_multipart("/klager/" + std::to_string(id), stale);
  REQUIRE(conflict);
  CHECK(conflict->status == 409);
  CHECK(s.versions(id) == 2);

  auto note = b.post_multipart("/klager/" + std::to_string(id) + "/note", {{"csrf", b.csrf()}, {"note", "Ringet op."}});
  REQUIRE(note);
  CHECK(note->status == 303);
  CHECK(s.audit("note").size() == 1);
}

TEST_CASE("a secretary gets 403 on every complaint page with personal data, but reads the statistics") {
  Site s;
  Browser staff = s.as("sagsbehandler", Role::kStaff);
  std::int64_t id = register_one(s, staff);
  Browser sec = s.as("sekretaer", Role::kSecretary);
  std::string path = "/klager/" + std::to_string(id);
  for (const std::string& p : {std::string("/klager"), std::string("/klager/ny"), path, std::string("/admin/tilbud")}) {
    auto r = sec.get(p);
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(r->body.find("Bo Borger") == std::string::npos);
  }
  sec.get("/statistik/klager");
  auto post = sec.post_multipart(path, edit_form(sec, "1"));
  REQUIRE(post);
  CHECK(post->status == 403);
  CHECK(s.versions(id) == 1);
  CHECK(s.audit("read").empty());
  auto stats = sec.get("/statistik/klager?periode=2026H1");
  REQUIRE(stats);
  CHECK(stats->status == 200);
  CHECK(stats->body.find("Praktik Nord") != std::string::npos);
  CHECK(stats->body.find("Bo Borger") == std::string::npos);
  auto csv = sec.get("/statistik/klager?periode=2026H1&format=csv");
  REQUIRE(csv);
  CHECK(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
  auto quality = sec.get("/statistik/kvalitet?periode=2026H1&format=xlsx");
  REQUIRE(quality);
  CHECK(quality->status == 200);
  // Both overviews as the PDF a secretary attaches (headless Chromium, as every report).
  for (const std::string path : {"/statistik/klager", "/statistik/kvalitet"}) {
    auto pdf = sec.get(path + "?periode=2026H1&format=pdf");
    REQUIRE(pdf);
    CHECK(pdf->status == 200);
    CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
    CHECK(pdf->body.rfind("%PDF-", 0) == 0);
    CHECK(pdf->get_header_value("Content-Disposition").find(".pdf\"") != std::string::npos);
  }
  CHECK(sec.get("/statistik/klager?periode=2026H3")->status == 422);
}

TEST_CASE("staff may not manage offers; an admin may") {
  Site s;
  Browser staff = s.as("sagsbehandler", Role::kStaff);
  CHECK(staff.get("/admin/tilbud")->status == 403);
  Browser admin = s.as("chef", Role::kAdmin);
  auto page = admin.get("/admin/tilbud");
  REQUIRE(page);
  CHECK(page->status == 200);
  auto r = admin.post_multipart("/admin/tilbud", {{"csrf", admin.csrf()}, {"navn", "Coaching Syd"},
                                                  {"leverandoer", "Coach ApS"}, {"ekstern", "1"}, {"maalgrupper", ""}});
  REQUIRE(r);
  CHECK(r->status == 303);
  auto offer = s.server.db().read([](db::Connection& c) { return db::find_offer_by_name(c, "Coaching Syd"); });
  REQUIRE(offer);
  CHECK(offer->provider_external);
  auto dup = admin.post_multipart("/admin/tilbud", {{"csrf", admin.csrf()}, {"navn", "Coaching Syd"},
                                                    {"leverandoer", "Coach ApS"}});
  CHECK(dup->status == 422);
}

TEST_CASE("no session, a forged session or a missing or forged CSRF token writes nothing") {
  Site s;
  Browser staff = s.as("sagsbehandler", Role::kStaff);
  std::int64_t id = register_one(s, staff);
  std::string path = "/klager/" + std::to_string(id);

  Browser anonymous(s.server.port());
  auto get = anonymous.get(path);
  REQUIRE(get);
  CHECK(get->status == 303);
  CHECK(get->get_header_value("Location").rfind("/login", 0) == 0);
  CHECK(anonymous.post_multipart(path, edit_form(anonymous, "1"))->status == 401);

  Browser forged(s.server.port());
  forged.set_cookie("tf_staff", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  CHECK(forged.get(path)->status == 303);
  CHECK(forged.post_multipart(path, edit_form(forged, "1"))->status == 401);

  staff.get(path);
  Fields bad = edit_form(staff, "1");
  bad[0].second = "forfalsket";
  CHECK(staff.post_multipart(path, bad)->status == 403);
  bad.erase(bad.begin());
  CHECK(staff.post_multipart(path, bad)->status == 403);
  CHECK(staff.post_multipart(path + "/note", {{"note", "x"}})->status == 403);
  CHECK(staff.post_multipart("/klager/ny", {{"tekst", "x"}})->status == 403);
  CHECK(s.versions(id) == 1);
  CHECK(s.audit("update").empty());
  CHECK(s.audit("note").empty());
  CHECK(s.audit("create").size() == 1);
}

// ---- issue 12: nothing typed is lost, saving is confirmed, the list pages, the statistics form.

namespace {
std::string between(const std::string& s, const std::string& from, const std::string& to) {
  auto a = s.find(from);
  if (a == std::string::npos) return "";
  a += from.size();
  return s.substr(a, s.find(to, a) - a);
}
}  // namespace

TEST_CASE("saving a case is confirmed; a note added from the case form keeps the unsaved edits on the page") {
  Site s;
  Browser b = s.as("sagsbehandler", Role::kStaff);
  std::int64_t id = register_one(s, b);
  const std::string path = "/klager/" + std::to_string(id);
  auto page = b.get(path + "?gemt=1");
  CHECK(page->body.find("Ændringerne er gemt.") != std::string::npos);
  CHECK(page->body.find("formaction=\"" + path + "/note\"") != std::string::npos);

  Fields edited = edit_form(b, "1");
  edited.push_back({"note", "Ringet til borgeren."});
  auto note = b.post_multipart(path + "/note", edited);
  REQUIRE(note);
  CHECK(note->status == 200);
  CHECK(note->body.find("Noten er gemt.") != std::string::npos);
  CHECK(note->body.find("dine ændringer af sagen er ikke gemt endnu") != std::string::npos);
  CHECK(note->body.find("value=\"Ydelseskontoret\"") != std::string::npos);  // the edit, still in the form
  CHECK(note->body.find(">Ringet til borgeren.</textarea>") == std::string::npos);  // the note is stored, not repeated
  CHECK(s.audit("note").size() == 1);
  CHECK(s.versions(id) == 1);

  // "Gem" with a note typed saves both and says so.
  Fields both = edit_form(b, "1");
  both.push_back({"note", "Afgjort efter samtale."});
  auto saved = b.post_multipart(path, both);
  REQUIRE(saved->status == 303);
  CHECK(saved->get_header_value("Location") == path + "?gemt=begge");
  CHECK(s.versions(id) == 2);
  CHECK(s.audit("note").size() == 2);
  CHECK(b.get(path + "?gemt=begge")->body.find("Ændringerne og noten er gemt.") != std::string::npos);
}

TEST_CASE("staff complaint form errors are tied to their fields") {
  Site s;
  Browser b = s.as("sagsbehandler", Role::kStaff);
  std::int64_t id = register_one(s, b);
  b.get("/klager/" + std::to_string(id));
  Fields f = edit_form(b, "1");
  for (auto& [k, v] : f) {
    if (k == "udfald") v = "hemmeligt";
  }
  auto r = b.post_multipart("/klager/" + std::to_string(id), f);
  REQUIRE(r->status == 422);
  CHECK(r->body.find("id=\"f-udfald-fejl\"") != std::string::npos);
  CHECK(r->body.find("<select id=\"f-udfald\" name=\"udfald\" aria-invalid=\"true\" aria-describedby=\"f-udfald-fejl\">") !=
        std::string::npos);
}

TEST_CASE("a form sent after the staff session ended is kept through a new login") {
  Site s;
  Browser b = s.as("sagsbehandler", Role::kStaff);
  std::int64_t id = register_one(s, b);
  const std::string path = "/klager/" + std::to_string(id);
  b.get(path);
  Fields f = edit_form(b, "1");
  f.push_back({"note", "Skrevet lige før sessionen udløb."});
  s.server.advance_clock(9 * 60 * 60);  // past the 8-hour absolute session end
  auto lost = b.post_multipart(path, f);
  REQUIRE(lost->status == 401);
  CHECK(lost->body.find("er ikke gemt endnu") != std::string::npos);
  std::string link = between(lost->body, "href=\"/login?next=", "\"");
  REQUIRE(!link.empty());
  CHECK(s.versions(id) == 1);
  REQUIRE(tilfreds::testing::login(b, "sagsbehandler", kPassword));
  // next= is the case with the kept form: %2Fklager%2FID%3Fgendan%3DKEY
  std::string back = std::regex_replace(std::regex_replace(std::regex_replace(link, std::regex("%2F"), "/"),
                                                           std::regex("%3F"), "?"), std::regex("%3D"), "=");
  REQUIRE(back.rfind(path + "?gendan=", 0) == 0);
  auto restored = b.get(back);
  REQUIRE(restored->status == 200);
  CHECK(restored->body.find("value=\"Ydelseskontoret\"") != std::string::npos);
  CHECK(restored->body.find(">Skrevet lige før sessionen udløb.</textarea>") != std::string::npos);
  CHECK(restored->body.find("Det står her igen") != std::string::npos);
  // Once only, and never for a made-up key.
  CHECK(b.get(back)->body.find("Skrevet lige før") == std::string::npos);
  CHECK(b.get(path + "?gendan=AAAAAAAAAAAAAAAAAAAAAA")->status == 200);
}

TEST_CASE("the complaint list uses the width, pages 50 at a time with the count, filters kept in the links") {
  Site s;
  Browser b = s.as("sagsbehandler", Role::kStaff);
  for (int i = 0; i < 51; ++i) register_one(s, b);
  auto first = b.get("/klager?status=received&q=behandlet");
  REQUIRE(first->status == 200);
  CHECK(first->body.find("<main id=\"indhold\" tabindex=\"-1\" class=\"wide\">") != std::string::npos);
  CHECK(first->body.find("filteret: 51. Viser 1–50.") != std::string::npos);
  CHECK(first->body.find("href=\"/klager?status=received&amp;q=behandlet&amp;side=2\"") != std::string::npos);
  auto second = b.get("/klager?status=received&q=behandlet&side=2");
  CHECK(second->body.find("Viser 51–51.") != std::string::npos);
  CHECK(std::count(second->body.begin(), second->body.end(), '\n') > 0);
  CHECK(b.get("/klager?side=999999999")->status == 200);
}

TEST_CASE("the statistics pages have the staff frame and a form; waves by label; the report's own language") {
  Site s;
  Browser sec = s.as("sekretaer", Role::kSecretary);
  auto form = sec.get("/statistik/kvalitet");
  REQUIRE(form->status == 200);
  CHECK(form->body.find("class=\"staff-nav\"") != std::string::npos);
  CHECK(form->body.find("name=\"periode\"") != std::string::npos);
  CHECK(form->body.find("<option value=\"" + s.server.wave().label + "\">") != std::string::npos);
  CHECK(form->body.find("name=\"sprog\"") != std::string::npos);
  CHECK(sec.get("/statistik/klager")->body.find("name=\"format\"") != std::string::npos);
  auto by_label = sec.get("/statistik/kvalitet?periode=2026H1&boelge=" + s.server.wave().label + "&format=csv");
  CHECK(by_label->status == 200);
  CHECK(sec.get("/statistik/kvalitet?periode=2026H1&boelge=1999&format=csv")->status == 422);  // an unknown wave, as the route says
  auto english = sec.get("/statistik/klager?periode=2026H1&sprog=en");
  REQUIRE(english->status == 200);
  CHECK(english->body.find("lang=\"en\"") != std::string::npos);
  CHECK(!english->has_header("Set-Cookie"));
  CHECK(sec.get("/personale")->body.find("<html lang=\"da\">") != std::string::npos);  // the interface stays Danish
}
