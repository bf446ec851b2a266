// The staff complaint pages on the real server: each role can do what it should
// and gets 403 for what it should not; no or a forged session or CSRF token is
// refused; every change and every reading of personal data is audited.
#include "intake/complaints/staff_routes.h"

#include <catch2/catch.hpp>
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
  CHECK(sec.get("/statistik/klager?periode=2026H3")->status == 400);
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
