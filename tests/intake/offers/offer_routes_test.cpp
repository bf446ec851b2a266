// The offer pages on the real server (issue 16): the guide and an offer's details
// for the roles that choose offers, the supervision form for admin and the
// supervisor permission only, refusals with the form kept; and the provider's
// report, which in every format holds that provider's offers and nobody else's.
#include "intake/offers/offer_routes.h"

#include <catch2/catch.hpp>

#include "db/audit_store.h"
#include "db/invitee_store.h"
#include "db/response_store.h"
#include "db/offer_quality_store.h"
#include "db/offer_store.h"
#include "db/staff_permission_store.h"
#include "db/staff_store.h"
#include "db/table_contents.h"
#include "intake/dates.h"
#include "intake/offers/overview_columns.h"
#include "intake/offers/provider_report.h"
#include "intake/offers/quality_input.h"
#include "intake/zip_archive.h"
#include "intake/reports/render.h"
#include "intake/survey/fieldwork.h"
#include "intake/survey/tokens.h"
#include "intake/complaints/statistics.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
namespace db = tilfreds::db;
namespace offers = tilfreds::intake::offers;
namespace reports = tilfreds::intake::reports;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";
const offers::Editor kTest{std::nullopt, "test"};

struct Site {
  TestServer server{10};  // the whole Site: the offer routes among the others
  std::int64_t praktik = 0, mentor = 0, old = 0;
  std::string period = tilfreds::intake::complaints::previous_period(
                           tilfreds::intake::complaints::period_of(tilfreds::intake::today_iso()))
                           .label;

  Site() {
    server.db().write([&](db::Connection& c) {
      praktik = *db::create_offer(c, "Praktik Nord", db::put_provider(c, "Jobværkstedet", false), "dagpenge");
      mentor = *db::create_offer(c, "Mentor Syd", db::put_provider(c, "Mentorhuset ApS", true), "kontanthjaelp");
      old = *db::create_offer(c, "Gammelt Kursus", db::put_provider(c, "Jobværkstedet", false), "");
      db::set_offer_active(c, old, false);
    });
    const std::string today = tilfreds::intake::today_iso();
    REQUIRE(offers::import_effects(server.db(),
                                   "offer;period;ended;in_work;in_education\nPraktik Nord;" + period +
                                       ";60;40;5\nMentor Syd;" + period + ";30;9;3\n",
                                   kTest, today)
                .problems.empty());
    REQUIRE(offers::import_ages(server.db(),
                                "offer;period;under_30;age_30_49;age_50_plus\nPraktik Nord;" + period +
                                    ";20;30;10\nMentor Syd;" + period + ";10;10;10\n",
                                kTest, today)
                .problems.empty());
    REQUIRE(offers::import_ratings(server.db(),
                                   "offer;period;smiley;visited;supervisor;summary\nPraktik Nord;" + period +
                                       ";glad;" + tilfreds::intake::complaints::parse_period(period)->from +
                                       ";Tilsynet;Praktikopfølgning i orden\nMentor Syd;" + period + ";sur;" +
                                       tilfreds::intake::complaints::parse_period(period)->from +
                                       ";Tilsynet;Mentorhusets møder aflyst\n",
                                   kTest, today)
                .problems.empty());
  }

  Browser as(const std::string& name, Role role, bool supervisor = false) {
    auto id = tilfreds::testing::create_user(server.db(), name, role, kPassword);
    if (supervisor) server.db().write([&](db::Connection& c) { db::grant_permission(c, id, "supervisor"); });
    Browser b(server.port());
    REQUIRE(tilfreds::testing::login(b, name, kPassword));
    return b;
  }

  std::size_t versions(std::int64_t offer) {
    return server.db().read([&](db::Connection& c) { return db::rating_history(c, offer).size(); });
  }
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}
}  // namespace

TEST_CASE("the offer guide lists the active offers of a group with each figure's basis and link", "[http]") {
  Site s;
  auto staff = s.as("sagsbehandler", Role::kStaff);
  auto all = staff.get("/tilbud");
  REQUIRE(all->status == 200);
  CHECK(contains(all->body, "Praktik Nord"));
  CHECK(contains(all->body, "Mentor Syd"));
  CHECK(!contains(all->body, "Gammelt Kursus"));  // inactive
  CHECK(contains(all->body, "<th scope=\"col\">"));
  // 45 of 60 in work or education, Wilson (63–84):
  // statsmodels.stats.proportion.proportion_confint(45, 60, method='wilson') = (0.6277, 0.8422)
  CHECK(contains(all->body, "75 % (63–84)"));
  CHECK(contains(all->body, "60 afsluttede"));
  CHECK(contains(all->body, "href=\"/tilbud/" + std::to_string(s.praktik) + "#effekt\""));
  CHECK(contains(all->body, "Glad"));
  CHECK(contains(all->body, "60 borgere"));
  // Few: no number that could point at a person, not even in the basis.
  REQUIRE(offers::import_effects(s.server.db(),
                                 "offer;period;ended;in_work;in_education\nMentor Syd;" + s.period + ";3;1;1\n", kTest,
                                 tilfreds::intake::today_iso())
              .problems.empty());
  auto few = staff.get("/tilbud?ydelse=kontanthjaelp");
  CHECK(contains(few->body, "færre end 5 afsluttede"));
  CHECK(!contains(few->body, "3 afsluttede"));
  auto group = staff.get("/tilbud?ydelse=dagpenge");
  REQUIRE(group->status == 200);
  CHECK(contains(group->body, "Praktik Nord"));
  CHECK(!contains(group->body, "Mentor Syd"));
  CHECK(staff.get("/tilbud?ydelse=%3Cscript%3E")->status == 400);

  auto details = staff.get("/tilbud/" + std::to_string(s.mentor));
  REQUIRE(details->status == 200);
  CHECK(contains(details->body, "Mentorhusets møder aflyst"));
  CHECK(contains(details->body, "☹"));
  CHECK(staff.get("/tilbud/999999")->status == 404);

  Browser anonymous(s.server.port());
  CHECK(anonymous.get("/tilbud")->status == 303);
}

TEST_CASE("only an admin or a supervisor records a rating; a bad one comes back 422 with the form kept", "[http]") {
  Site s;
  auto staff = s.as("sagsbehandler", Role::kStaff);
  CHECK(staff.get("/tilbud/tilsyn")->status == 403);
  REQUIRE(staff.get("/tilbud")->status == 200);
  auto refused = staff.post("/tilbud/tilsyn", {{"csrf", staff.csrf()}, {"tilbud", std::to_string(s.praktik)},
                                        {"periode", s.period}, {"smiley", "glad"}, {"besoeg", "2025-01-01"},
                                        {"tilsynsfoerende", "X"}});
  CHECK(refused->status == 403);
  CHECK(s.versions(s.praktik) == 1);

  auto supervisor = s.as("tilsyn", Role::kSecretary, true);
  REQUIRE(supervisor.get("/tilbud/tilsyn")->status == 200);
  const std::string visit = tilfreds::intake::complaints::parse_period(s.period)->to;
  auto bad = supervisor.post("/tilbud/tilsyn", {{"csrf", supervisor.csrf()}, {"tilbud", std::to_string(s.praktik)},
                                         {"periode", s.period}, {"smiley", "meget glad"}, {"besoeg", visit},
                                         {"tilsynsfoerende", "Tilsynet Øst"}, {"resume", "Mit resumé"}});
  CHECK(bad->status == 422);
  CHECK(contains(bad->body, "Vælg glad, neutral eller sur."));
  CHECK(contains(bad->body, "value=\"Tilsynet Øst\""));
  CHECK(contains(bad->body, "Mit resumé"));
  auto inactive = supervisor.post("/tilbud/tilsyn", {{"csrf", supervisor.csrf()}, {"tilbud", std::to_string(s.old)},
                                              {"periode", s.period}, {"smiley", "glad"}, {"besoeg", visit},
                                              {"tilsynsfoerende", "Tilsynet"}});
  CHECK(inactive->status == 422);
  CHECK(contains(inactive->body, "ikke aktivt"));
  auto future = supervisor.post("/tilbud/tilsyn", {{"csrf", supervisor.csrf()}, {"tilbud", std::to_string(s.praktik)},
                                            {"periode", "2999H1"}, {"smiley", "glad"}, {"besoeg", visit},
                                            {"tilsynsfoerende", "Tilsynet"}});
  CHECK(future->status == 422);
  CHECK(contains(future->body, "ikke begyndt"));
  CHECK(s.versions(s.praktik) == 1);
  CHECK(s.versions(s.old) == 0);

  auto good = supervisor.post("/tilbud/tilsyn", {{"csrf", supervisor.csrf()}, {"tilbud", std::to_string(s.praktik)},
                                          {"periode", s.period}, {"smiley", "neutral"}, {"besoeg", visit},
                                          {"tilsynsfoerende", "Tilsynet Øst"}, {"resume", "Genbesøg"}});
  REQUIRE(good->status == 303);
  CHECK(good->get_header_value("Location") == "/tilbud/" + std::to_string(s.praktik) + "#tilsyn");
  CHECK(s.versions(s.praktik) == 2);
  db::AuditFilter f;
  f.entity = "offer_rating";
  f.action = "rate";
  auto audit = s.server.db().read([&](db::Connection& c) { return db::find_audit(c, f); });
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].actor_name == "tilsyn");

  // A forged CSRF token changes nothing.
  auto forged = supervisor.post("/tilbud/tilsyn", {{"csrf", "forged"}, {"tilbud", std::to_string(s.praktik)},
                                            {"periode", s.period}, {"smiley", "sur"}, {"besoeg", visit},
                                            {"tilsynsfoerende", "X"}});
  CHECK(forged->status == 403);
  CHECK(s.versions(s.praktik) == 2);

  auto admin = s.as("admin", Role::kAdmin);
  CHECK(admin.get("/tilbud/tilsyn?periode=" + s.period)->status == 200);
  CHECK(admin.get("/tilbud/tilsyn?periode=2999H1")->status == 400);

  // The admin gives the caseworker the permission in the browser, then takes it away.
  auto staff_id = s.server.db().read([](db::Connection& c) { return db::find_staff_user_by_name(c, "sagsbehandler")->id; });
  REQUIRE(admin.get("/tilbud/tilsyn")->status == 200);
  CHECK(admin.post("/tilbud/tilsyn/tilladelse", {{"csrf", admin.csrf()}, {"bruger", std::to_string(staff_id)},
                                          {"handling", "tildel"}})->status == 303);
  CHECK(staff.get("/tilbud/tilsyn")->status == 200);
  CHECK(admin.post("/tilbud/tilsyn/tilladelse", {{"csrf", admin.csrf()}, {"bruger", std::to_string(staff_id)},
                                          {"handling", "fratag"}})->status == 303);
  CHECK(staff.get("/tilbud/tilsyn")->status == 403);
  CHECK(admin.post("/tilbud/tilsyn/tilladelse", {{"csrf", admin.csrf()}, {"bruger", "999999"}, {"handling", "tildel"}})
            ->status == 422);
  // A supervisor who is not an admin cannot hand the permission on.
  CHECK(supervisor.post("/tilbud/tilsyn/tilladelse", {{"csrf", supervisor.csrf()}, {"bruger", std::to_string(staff_id)},
                                               {"handling", "tildel"}})->status == 403);
  db::AuditFilter grants;
  grants.entity = "user";
  grants.entity_id = std::to_string(staff_id);
  auto events = s.server.db().read([&](db::Connection& c) { return db::find_audit(c, grants); });
  int permission_events = 0;
  for (const auto& e : events) permission_events += e.action == "grant" || e.action == "revoke";
  CHECK(permission_events == 2);
}

TEST_CASE("the quality overview in the browser has the new columns", "[http]") {
  Site s;
  auto secretary = s.as("sekretaer", Role::kSecretary);
  auto html = secretary.get("/statistik/kvalitet?periode=" + s.period);
  REQUIRE(html->status == 200);
  CHECK(contains(html->body, "I job eller uddannelse"));
  CHECK(contains(html->body, "Tilsyn (smiley)"));
  CHECK(contains(html->body, "☺ Glad"));
  auto json = secretary.get("/statistik/kvalitet?periode=" + s.period + "&format=json");
  REQUIRE(json->status == 200);
  CHECK(contains(json->body, "supervision_per_offer"));
  // The provider's version from the browser: its own offers only.
  std::int64_t mentorhuset = s.server.db().read([&](db::Connection& c) { return db::find_offer(c, s.mentor)->provider_id; });
  auto own = secretary.get("/statistik/kvalitet?periode=" + s.period + "&leverandoer=" + std::to_string(mentorhuset) +
                           "&format=csv");
  REQUIRE(own->status == 200);
  CHECK(contains(own->body, "Mentor Syd"));
  CHECK(!contains(own->body, "Praktik Nord"));
  CHECK(secretary.get("/statistik/kvalitet?leverandoer=999999")->status == 400);
}

TEST_CASE("a provider's report holds its own offers only, in every format and in the zip", "[http]") {
  Site s;
  auto& dbase = s.server.db();
  auto period = *tilfreds::intake::complaints::parse_period(s.period);
  auto providers = dbase.read([](db::Connection& c) { return db::list_providers(c); });
  std::optional<db::ProviderRow> mentorhuset;
  for (const auto& p : providers) {
    if (p.name == "Mentorhuset ApS") mentorhuset = p;
  }
  REQUIRE(mentorhuset);
  // Everything a format can hold, unpacked: an XLSX is itself a zip.
  auto text_of = [](const reports::Rendered& r, reports::Format f) {
    if (f != reports::Format::kXlsx) return r.bytes;
    std::string all;
    for (const auto& e : tilfreds::intake::read_zip(r.bytes)) all += e.bytes;
    return all;
  };
  for (auto format : {reports::Format::kHtml, reports::Format::kCsv, reports::Format::kXlsx, reports::Format::kJson}) {
    INFO(reports::format_name(format));
    auto doc = offers::offer_report(dbase, period, std::nullopt, mentorhuset, s.server.renderer(), "da");
    std::string text = text_of(reports::render(doc, format, s.server.renderer()), format);
    CHECK(contains(text, "Mentor Syd"));
    CHECK(contains(text, "Mentorhusets møder aflyst"));
    CHECK(!contains(text, "Praktik Nord"));
    CHECK(!contains(text, "Gammelt Kursus"));
    CHECK(!contains(text, "Praktikopfølgning"));
    CHECK(!contains(text, "Jobværkstedet"));
  }
  // The zip: one file per provider, each with only its own offers.
  offers::OfferReportRequest q;
  q.period = period;
  q.zip = true;
  q.format = reports::Format::kCsv;
  auto entries = tilfreds::intake::read_zip(offers::offer_report_file(dbase, q, s.server.renderer()));
  REQUIRE(entries.size() == 2);
  for (const auto& e : entries) {
    INFO(e.name);
    bool mentor_file = contains(e.name, "mentorhuset-aps");
    CHECK((mentor_file || contains(e.name, "jobvaerkstedet")));
    CHECK(contains(e.bytes, "Mentor Syd") == mentor_file);
    CHECK(contains(e.bytes, "Praktik Nord") == !mentor_file);
    CHECK(contains(e.bytes, "Gammelt Kursus") == !mentor_file);
  }
}

TEST_CASE("satisfaction gets its arrow against the previous wave whose frame names the offers", "[http]") {
  Site s;
  namespace survey = tilfreds::intake::survey;
  auto submit = [&](std::int64_t wave, const db::InviteeRow& invitee, const char* answer) {
    s.server.db().write([&](db::Connection& c) {
      db::NewResponse r;
      r.wave_id = wave;
      r.group = invitee.group;
      r.background = R"({"tilbud":"Praktik Nord"})";
      r.answers = "{}";
      r.answer_counts = {{"tilbud", "Praktik Nord", "tilfreds_alt_i_alt", answer}};
      r.respondent_dims = {{"tilbud", "Praktik Nord"}};
      db::submit_response(c, invitee.id, r, "2026-02-01");
    });
  };
  // The earlier wave (the test server's, no opening date): 3 of 10 satisfied.
  for (std::size_t i = 0; i < 10; ++i) {
    std::string token = s.server.link_path(i).substr(3);
    auto invitee = s.server.db().read(
        [&](db::Connection& c) { return db::find_invitee_by_token(c, survey::lookup_hash(s.server.key(), token)); });
    submit(s.server.wave().id, *invitee, i < 3 ? "i_hoej_grad" : "slet_ikke");
  }
  // The later wave: 20 of 25 (15 high, 5 some, 3 less, 2 not at all: the hidden
  // 3 and 2 sum to 5, so the survey's report for the offer, and this page, print it).
  auto later = survey::create_wave(s.server.db(), "jobcenter", "senere", std::string("2026-01-01"),
                                   std::string("2026-01-31"));
  REQUIRE(later.ok());
  std::string frame = "reference;group\n";
  for (int i = 0; i < 25; ++i) frame += "n" + std::to_string(i) + ";dagpenge\n";
  REQUIRE(survey::import_frame(s.server.db(), s.server.key(), *later.value, frame, "http://x", false).problems.empty());
  for (int i = 0; i < 25; ++i) {
    auto invitee = s.server.db().read([&](db::Connection& c) {
      return db::find_invitee_by_reference(c, later.value->id, "n" + std::to_string(i));
    });
    submit(later.value->id, *invitee,
           i < 15 ? "i_hoej_grad" : i < 20 ? "i_nogen_grad" : i < 23 ? "i_mindre_grad" : "slet_ikke");
  }
  CHECK(offers::latest_offer_wave(s.server.db()) == later.value->id);
  CHECK(offers::previous_offer_wave(s.server.db(), later.value->id) == s.server.wave().id);
  auto doc = tilfreds::intake::complaints::quality_overview(
      s.server.db(), *tilfreds::intake::complaints::parse_period(s.period), later.value->id, s.server.renderer(), "da");
  const reports::Row* praktik = nullptr;
  for (const auto& r : doc.sections[0].blocks[0].table->rows) praktik = r.header == "Praktik Nord" ? &r : praktik;
  REQUIRE(praktik);
  const auto& sat = praktik->cells[1];
  // statsmodels.stats.proportion.proportion_confint(20, 25, method='wilson') = (0.6086904963045966, 0.9113941531319744)
  REQUIRE(sat.kind == reports::CellKind::kPercent);
  CHECK(*sat.low == Approx(60.86904963045966).epsilon(1e-9));
  // 3/10 → 20/25 with expected counts below 5, so Fisher's exact test:
  // scipy.stats.fisher_exact([[3, 7], [20, 5]]).pvalue = 0.014582567860720055 < 0.05: up, good.
  CHECK(sat.indicator->light == "green");
  CHECK(sat.indicator->direction == "up");
  CHECK(sat.indicator->tone == "good");
  // The first wave has nothing before it: no arrow.
  auto first = tilfreds::intake::complaints::quality_overview(
      s.server.db(), *tilfreds::intake::complaints::parse_period(s.period), s.server.wave().id, s.server.renderer(), "da");
  for (const auto& r : first.sections[0].blocks[0].table->rows) {
    // (3 of 10, with 7 not satisfied: a top of 3 is hidden, so there is no mark at all.)
    if (r.header == "Praktik Nord") CHECK((!r.cells[1].indicator || r.cells[1].indicator->direction.empty()));
  }
}
