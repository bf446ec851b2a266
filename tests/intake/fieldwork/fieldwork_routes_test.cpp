// The survey administration pages on the real server (issue 14): who may do
// what, every upload checked completely before anything is stored, the frame
// imported as a job with its progress page and letters, marking, the preview that
// stores nothing, and the progress page giving `wave status` figures.
#include "intake/fieldwork/fieldwork_routes.h"

#include <catch2/catch.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "db/audit_store.h"
#include "db/connection.h"
#include "db/fieldwork_store.h"
#include "db/invitee_store.h"
#include "db/response_store.h"
#include "intake/dates.h"
#include "db/table_contents.h"
#include "intake/cli/context.h"
#include "intake/cli/fieldwork_commands.h"
#include "intake/fieldwork/letters.h"
#include "intake/settings/site_settings.h"
#include "intake/web/long_date.h"
#include "intake/zip_archive.h"
#include "intake/survey/demo_data.h"
#include "tests/support/raw_http.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
namespace db = tilfreds::db;
namespace fieldwork = tilfreds::intake::fieldwork;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";

struct Site {
  TestServer server{5};  // the whole Site: the survey administration among the others

  Browser as(const std::string& name, Role role) {
    tilfreds::testing::create_user(server.db(), name, role, kPassword);
    Browser b(server.port());
    REQUIRE(tilfreds::testing::login(b, name, kPassword));
    REQUIRE(b.get("/undersoegelser")->status == 200);  // the CSRF token of the session
    return b;
  }
  std::string wave_path() const { return "/undersoegelser/runder/" + std::to_string(server.wave().id); }
  std::int64_t invitees() {
    return server.db().read([&](db::Connection& c) {
      std::int64_t n = 0;
      for (const auto& [s, k] : db::status_counts(c, server.wave().id)) n += k;
      return n;
    });
  }
  // The invitee with this reference submits (as the citizen path stores it).
  void complete(const std::string& reference) {
    auto q = tilfreds::intake::survey::questionnaire_for(server.db(), server.wave());
    std::mt19937 rng(7);
    auto response = tilfreds::intake::survey::random_response(q, server.wave().id, 0, rng);
    server.db().write([&](db::Connection& c) {
      auto inv = db::find_invitee_by_reference(c, server.wave().id, reference);
      REQUIRE(inv);
      response.group = inv->group;
      db::submit_response(c, inv->id, response, tilfreds::intake::today_iso());
    });
  }
  std::map<std::string, std::vector<std::string>> tables() {
    return server.db().read([](db::Connection& c) { return db::table_contents(c); });
  }
  std::vector<db::AuditRow> audit(const std::string& action) {
    return server.db().read([&](db::Connection& c) {
      db::AuditFilter f;
      f.action = action;
      f.limit = 1000;
      return db::find_audit(c, f);
    });
  }
};

bool has(const httplib::Result& r, const std::string& text) {
  return r && r->body.find(text) != std::string::npos;
}

// Follows a job page until the import has finished; returns the last page.
httplib::Result wait_for_job(Browser& b, const std::string& job) {
  for (int i = 0; i < 500; ++i) {
    auto r = b.get(job);
    if (!r || r->status != 200 || r->body.find("http-equiv=\"refresh\"") == std::string::npos) return r;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL("the import did not finish");
  return b.get(job);
}

std::string run_cli(TestServer& server, std::vector<std::string> args) {
  tilfreds::intake::cli::Context ctx;
  std::ostringstream out, err;
  ctx.db_path = server.db().path();
  ctx.key_file = server.key_path();
  ctx.out = &out;
  ctx.err = &err;
  CLI::App app;
  tilfreds::intake::cli::add_fieldwork_commands(app, ctx);
  std::vector<const char*> argv{"tilfreds"};
  for (const auto& a : args) argv.push_back(a.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
  INFO(err.str());
  REQUIRE(ctx.exit_code == 0);
  return out.str();
}

const std::string kFrameHeader = "reference;group;tilbud\r\n";
}  // namespace

TEST_CASE("the surveys page is on the staff home page; staff see progress only, strangers are sent to log in") {
  Site site;
  Browser stranger(site.server.port());
  auto r = stranger.get("/undersoegelser");
  CHECK(r->status == 303);
  CHECK(r->get_header_value("Location").rfind("/login", 0) == 0);

  Browser staff = site.as("medarbejder", Role::kStaff);
  Browser secretary = site.as("sekretaer", Role::kSecretary);
  CHECK(has(staff.get("/personale"), "href=\"/undersoegelser\""));
  r = staff.get("/undersoegelser");
  CHECK(r->status == 200);
  CHECK(has(r, "2024"));
  CHECK_FALSE(has(r, "action=\"/undersoegelser/skemaer\""));
  CHECK(staff.get(site.wave_path() + "/fremdrift")->status == 200);
  CHECK(staff.get(site.wave_path())->status == 403);
  CHECK(staff.get("/undersoegelser/skemaer/jobcenter/1/vis")->status == 403);
  CHECK(staff.get("/undersoegelser/tidligere")->status == 403);
  auto before = site.tables();
  CHECK(staff.post_files(site.wave_path() + "/marker", {{"csrf", staff.csrf()}, {"status", "ineligible"},
                                                        {"reference", "ref-0"}}, {})->status == 403);
  CHECK(site.tables() == before);

  CHECK(has(secretary.get("/undersoegelser"), "action=\"/undersoegelser/skemaer\""));
  CHECK(secretary.get(site.wave_path())->status == 200);
  // Without the session's CSRF token nothing changes.
  CHECK(secretary.post_files(site.wave_path() + "/marker", {{"csrf", "forkert"}, {"status", "ineligible"},
                                                            {"reference", "ref-0"}}, {})->status == 403);
  CHECK(site.tables() == before);
}

TEST_CASE("a questionnaire upload lists every problem with its JSON path and stores nothing; a good one is audited") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto before = site.tables();
  auto r = b.post_files("/undersoegelser/skemaer", {{"csrf", b.csrf()}}, {{"fil", "skema.json", "dette er ikke JSON"}});
  CHECK(r->status == 422);
  CHECK(has(r, "Spørgeskemaet blev ikke lagt ind"));
  r = b.post_files("/undersoegelser/skemaer", {{"csrf", b.csrf()}},
                   {{"fil", "skema.json",
                     R"({"id":"x","version":1,"title":{"da":"t"},"intro":{"da":"i"},"themes":[{"id":"a","title":{"da":"A"},"questions":[{"id":"q","type":"scale4","scale":"mangler","text":{}}]}]})"}});
  CHECK(r->status == 422);
  CHECK(has(r, "/themes/0/questions/0/scale"));
  CHECK(has(r, "/themes/0/questions/0/text/da"));
  CHECK(b.post_files("/undersoegelser/skemaer", {{"csrf", b.csrf()}}, {})->status == 422);
  CHECK(site.tables() == before);

  std::string v2 = tilfreds::intake::survey::shipped_survey("jobcenter.json");
  v2 = std::regex_replace(v2, std::regex("\"version\": *1"), "\"version\": 2", std::regex_constants::format_first_only);
  r = b.post_files("/undersoegelser/skemaer", {{"csrf", b.csrf()}}, {{"fil", "jobcenter.json", v2}});
  REQUIRE(r->status == 303);
  auto page = b.get("/undersoegelser");
  CHECK(has(page, "/undersoegelser/skemaer/jobcenter/2/vis?lang=da"));
  auto audit = site.audit("import");
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].entity == "questionnaire");
  CHECK(audit[0].actor_name == "sekretaer");
  // The same file again is no new version: nothing more is stored or audited.
  CHECK(b.post_files("/undersoegelser/skemaer", {{"csrf", b.csrf()}}, {{"fil", "jobcenter.json", v2}})->status == 303);
  CHECK(site.audit("import").size() == 1);
}

TEST_CASE("the preview shows a version page by page as a citizen sees it, in Danish and English, storing nothing") {
  Site site;
  Browser b = site.as("admin", Role::kAdmin);
  auto before = site.tables();
  const std::string base = "/undersoegelser/skemaer/jobcenter/1/vis";
  auto r = b.get(base + "?lang=da");
  CHECK(r->status == 200);
  CHECK(has(r, "Intet bliver gemt"));
  CHECK(has(r, "method=\"get\" action=\"" + base + "\""));
  r = b.get(base + "?side=0&handling=start");
  CHECK(r->status == 200);
  CHECK(has(r, "<h1>Værdighed</h1>"));
  // Leaving a required question unanswered gives the citizen's error, not a new page.
  r = b.get(base + "?side=1&handling=naeste");
  CHECK(r->status == 422);
  CHECK(has(r, "error-summary"));
  r = b.get(base + "?side=1&handling=tilbage");
  CHECK(r->status == 200);
  CHECK_FALSE(has(r, "<h1>Værdighed</h1>"));
  r = b.get(base + "?lang=en&side=0&handling=start");
  CHECK(has(r, "<h1>Dignity</h1>"));
  CHECK(b.get("/undersoegelser/skemaer/jobcenter/9/vis")->status == 404);
  CHECK(site.tables() == before);
}

TEST_CASE("waves: created with a chosen version, dates changed before opening, closed early, every refusal keeps the form") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto r = b.post_files("/undersoegelser/runder", {{"csrf", b.csrf()}, {"skema", "jobcenter:1"}, {"etiket", "2099"},
                                                   {"aabner", "2099-09-01"}, {"lukker", "2099-08-01"}}, {});
  CHECK(r->status == 422);
  CHECK(has(r, "value=\"2099\""));
  CHECK(has(r, "is before"));
  r = b.post_files("/undersoegelser/runder", {{"csrf", b.csrf()}, {"skema", "jobcenter:1"}, {"etiket", "2024"}}, {});
  CHECK(r->status == 422);
  CHECK(has(r, "already has a wave"));
  r = b.post_files("/undersoegelser/runder", {{"csrf", b.csrf()}, {"skema", "jobcenter:7"}, {"etiket", "2098"}}, {});
  CHECK(r->status == 422);
  r = b.post_files("/undersoegelser/runder", {{"csrf", b.csrf()}, {"skema", "jobcenter:1"}, {"etiket", "2099"},
                                              {"aabner", "2099-09-01"}, {"lukker", "2099-09-30"}}, {});
  REQUIRE(r->status == 303);
  std::string wave = r->get_header_value("Location");
  auto page = b.get(wave);
  CHECK(has(page, "Ikke åbnet endnu"));
  CHECK(b.post_files(wave + "/datoer", {{"csrf", b.csrf()}, {"aabner", "2099-09-02"}, {"lukker", "2099-10-31"}}, {})
            ->status == 303);
  CHECK(has(b.get(wave), "2099-10-31"));
  CHECK(site.audit("dates").size() == 1);

  // The test server's wave 2024 is open (no dates): its dates are fixed, it can close early.
  r = b.post_files(site.wave_path() + "/datoer", {{"csrf", b.csrf()}, {"aabner", "2099-01-01"}}, {});
  CHECK(r->status == 422);
  CHECK(has(r, "only close it early"));
  CHECK(b.post_files(site.wave_path() + "/luk", {{"csrf", b.csrf()}}, {})->status == 303);
  CHECK(has(b.get(site.wave_path()), "Lukket"));
  CHECK(b.post_files(site.wave_path() + "/luk", {{"csrf", b.csrf()}}, {})->status == 422);
  // A citizen's link now meets a closed wave.
  Browser citizen(site.server.port());
  citizen.get(site.server.link_path(0));
  CHECK(citizen.get("/svar")->status != 200);
}

TEST_CASE("a frame with bad lines lists every one with its line number and imports nothing") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto before = site.tables();
  std::string bad = "\xEF\xBB\xBF" + kFrameHeader + "N-1;dagpenge;praktik\r\nN-2;ukendt;\r\n;dagpenge;\r\nN-1;dagpenge;\r\n";
  auto r = b.post_files(site.wave_path() + "/ramme", {{"csrf", b.csrf()}, {"noegle", "k1"}}, {{"fil", "ramme.csv", bad}});
  CHECK(r->status == 422);
  CHECK(has(r, "line 3: unknown group &apos;ukendt&apos;"));
  CHECK(has(r, "line 4: the reference is empty"));
  CHECK(has(r, "line 5: reference &apos;N-1&apos; appears twice"));
  r = b.post_files(site.wave_path() + "/ramme", {{"csrf", b.csrf()}}, {{"fil", "ramme.csv", "reference\tgroup\nN-1\tdagpenge\n"}});
  CHECK(r->status == 422);
  CHECK(has(r, "has one column only"));
  r = b.post_files(site.wave_path() + "/ramme", {{"csrf", b.csrf()}}, {{"fil", "ramme.csv", "reference;tilbud\nN-1;x\n"}});
  CHECK(r->status == 422);
  CHECK(has(r, "needs a column named &apos;group&apos;"));
  // A reference invited already (the test server's ref-0) is refused too.
  r = b.post_files(site.wave_path() + "/ramme", {{"csrf", b.csrf()}, {"noegle", "k2"}},
                   {{"fil", "ramme.csv", kFrameHeader + "N-9;dagpenge;\r\nref-0;dagpenge;\r\n"}});
  REQUIRE(r->status == 303);
  auto done = wait_for_job(b, r->get_header_value("Location"));
  CHECK(has(done, "this reference is already invited"));
  CHECK_FALSE(has(done, "breve.csv"));
  CHECK(site.tables() == before);
}

TEST_CASE("a good frame imports as a job with progress, its letters download once, and a repeated form imports nothing more") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  std::string frame = kFrameHeader;
  for (int i = 0; i < 2500; ++i) {
    // The group by id or by its Danish label in any case.
    const char* group = i % 3 == 0 ? "Kontanthjælp" : i % 3 == 1 ? "KONTANTHJÆLP" : "dagpenge";
    frame += "N-" + std::to_string(i) + ";" + group + ";praktik\r\n";
  }
  std::vector<std::pair<std::string, std::string>> fields{{"csrf", b.csrf()}, {"noegle", "samme-noegle"}};
  auto r = b.post_files(site.wave_path() + "/ramme", fields, {{"fil", "ramme.csv", "\xEF\xBB\xBF" + frame}});
  REQUIRE(r->status == 303);
  std::string job = r->get_header_value("Location");
  CHECK(std::regex_match(job, std::regex("/undersoegelser/import/[A-Za-z0-9_-]{16}")));
  // A double click: the same key is the same job.
  auto again = b.post_files(site.wave_path() + "/ramme", fields, {{"fil", "ramme.csv", frame}});
  CHECK(again->get_header_value("Location") == job);
  auto done = wait_for_job(b, job);
  CHECK(has(done, "Inviterede indlæst: 2500"));
  CHECK(site.invitees() == 2505);
  auto counts = site.server.db().read([&](db::Connection& c) { return db::status_counts_by_group(c, site.server.wave().id); });
  CHECK(counts["kontanthjaelp"][db::InviteeStatus::kInvited] == 1667);

  auto letters = b.get(job + "/breve.csv");
  REQUIRE(letters->status == 200);
  CHECK(letters->get_header_value("Content-Disposition").find("attachment") != std::string::npos);
  CHECK(letters->body.rfind("\xEF\xBB\xBFreference;url;code\r\n", 0) == 0);
  std::smatch m;
  REQUIRE(std::regex_search(letters->body, m, std::regex("N-7;http://127\\.0\\.0\\.1:8080(/s/[A-Za-z0-9_-]{22});")));
  CHECK(b.get(job + "/breve.csv")->status == 410);
  // Another user cannot see the job.
  Browser other = site.as("anden", Role::kAdmin);
  CHECK(other.get(job)->status == 404);

  // The letter's link works for the citizen.
  Browser citizen(site.server.port());
  CHECK(citizen.get(m[1])->status == 303);
  CHECK(citizen.get("/svar")->status == 200);

  // One audit row for the import and one for the letters; no token in any.
  CHECK(site.audit("import_frame").size() == 1);
  CHECK(site.audit("letters").size() == 1);
  for (const auto& a : site.audit("")) CHECK(a.detail.find(std::string(m[1]).substr(3)) == std::string::npos);
  // Re-posting a fresh form with the same file imports nothing: the references are in the wave.
  r = b.post_files(site.wave_path() + "/ramme", {{"csrf", b.csrf()}, {"noegle", "ny"}}, {{"fil", "ramme.csv", frame}});
  REQUIRE(r->status == 303);
  CHECK(has(wait_for_job(b, r->get_header_value("Location")), "already invited"));
  CHECK(site.invitees() == 2505);
}

TEST_CASE("an upload over the named limit is refused before it is read; other forms keep the small limit") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  std::string request = "POST " + site.wave_path() + "/ramme HTTP/1.1\r\nHost: x\r\nCookie: tf_staff=" +
                        *b.cookie("tf_staff") +
                        "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 52428800\r\n"
                        "Connection: close\r\n\r\n";
  auto r = tilfreds::testing::raw_exchange(site.server.port(), request);
  CHECK(r.status == 413);
  CHECK(r.body.find("20 MB") != std::string::npos);
  // A 1 MB frame is fine on the upload route …
  std::string frame = kFrameHeader;
  while (frame.size() < 1024 * 1024) frame += "R-" + std::to_string(frame.size()) + ";dagpenge;" + std::string(40, 'x') + "\r\n";
  auto ok = b.post_files(site.wave_path() + "/ramme", {{"csrf", b.csrf()}}, {{"fil", "ramme.csv", frame}});
  CHECK(ok->status == 303);
  wait_for_job(b, ok->get_header_value("Location"));
  // … but not on a form that is not an upload (announced only: the client would
  // meet a closed socket while still writing).
  std::string dates = "POST " + site.wave_path() + "/datoer HTTP/1.1\r\nHost: x\r\nCookie: tf_staff=" +
                      *b.cookie("tf_staff") +
                      "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 1048576\r\n"
                      "Connection: close\r\n\r\n";
  auto refused = tilfreds::testing::raw_exchange(site.server.port(), dates);
  CHECK(refused.status == 413);
  CHECK(refused.body.find("20 MB") == std::string::npos);
}

TEST_CASE("marking: one reference or a CSV, every unknown one listed, completed ones left alone, each audited") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto r = b.post_files(site.wave_path() + "/marker", {{"csrf", b.csrf()}, {"status", "undeliverable"},
                                                       {"reference", "ref-1"}}, {});
  CHECK(r->status == 200);
  CHECK(has(r, "Markeret: 1"));
  r = b.post_files(site.wave_path() + "/marker", {{"csrf", b.csrf()}, {"status", "ineligible"}},
                   {{"fil", "marker.csv", "reference\nref-2\nNOPE-1\nref-3\nNOPE-2\n"}});
  CHECK(r->status == 422);
  CHECK(has(r, "<li>NOPE-1</li>"));
  CHECK(has(r, "<li>NOPE-2</li>"));
  CHECK(has(r, "Markeret: 2"));
  r = b.post_files(site.wave_path() + "/marker", {{"csrf", b.csrf()}, {"status", "completed"}, {"reference", "ref-4"}}, {});
  CHECK(r->status == 422);
  r = b.post_files(site.wave_path() + "/marker", {{"csrf", b.csrf()}, {"status", "ineligible"}},
                   {{"fil", "marker.csv", "navn\nx\n"}});
  CHECK(r->status == 422);
  CHECK(has(r, "needs a column named"));
  auto counts = site.server.db().read([&](db::Connection& c) { return db::status_counts(c, site.server.wave().id); });
  CHECK(counts[db::InviteeStatus::kUndeliverable] == 1);
  CHECK(counts[db::InviteeStatus::kIneligible] == 2);
  auto audit = site.audit("mark");
  CHECK(audit.size() == 3);
  for (const auto& a : audit) CHECK(a.subject.rfind("ref-", 0) == 0);
}

TEST_CASE("the progress page and `wave status --json` give the same figures") {
  Site site;
  Browser b = site.as("medarbejder", Role::kStaff);
  // One citizen answers everything, one is undeliverable.
  site.complete("ref-0");
  Browser admin = site.as("sekretaer", Role::kSecretary);
  admin.post_files(site.wave_path() + "/marker", {{"csrf", admin.csrf()}, {"status", "undeliverable"}, {"reference", "ref-1"}}, {});
  auto page = b.get(site.wave_path() + "/fremdrift");
  REQUIRE(page->status == 200);
  CHECK(has(page, "<svg class=\"day-chart\""));
  CHECK(has(page, "RR1"));
  auto web = nlohmann::json::parse(b.get(site.wave_path() + "/fremdrift?format=json")->body);
  // The CLI over the same database file.
  auto cli = nlohmann::json::parse(run_cli(site.server, {"wave", "status", "--wave", "2024", "--by-group", "--json"}));
  CHECK(web == cli);
  CHECK(web["completed"] == 1);
  CHECK(web["undeliverable"] == 1);
  CHECK(web["in_frame"] == 5);
  // RR1 = completed / (in frame - ineligible) = 1 / 5.
  CHECK(web["rr1"].get<double>() == Approx(0.2));
  CHECK(web["per_day"].size() == 1);
}

TEST_CASE("earlier years: the web twin of wave import-counts with the same checks") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  CHECK(b.get("/undersoegelser/tidligere")->status == 200);
  auto before = site.tables();
  auto r = b.post_files("/undersoegelser/tidligere", {{"csrf", b.csrf()}, {"skema", "jobcenter"}, {"etiket", "2021"},
                                                      {"inviterede", "10"}, {"besvarede", "5"}},
                        {{"fil", "antal.csv", "question;answer;count\nukendt;Ja;1\ntilfreds_alt_i_alt;Måske;2\n"}});
  CHECK(r->status == 422);
  CHECK(has(r, "counts line 2: unknown question id"));
  CHECK(has(r, "counts line 3: &apos;Måske&apos; is not an answer"));
  CHECK(has(r, "value=\"2021\""));
  r = b.post_files("/undersoegelser/tidligere", {{"csrf", b.csrf()}, {"skema", "jobcenter"}, {"etiket", "2021"},
                                                 {"inviterede", "10"}}, {{"fil", "antal.csv", "question;answer;count\n"}});
  CHECK(r->status == 422);
  CHECK(site.tables() == before);
  r = b.post_files("/undersoegelser/tidligere", {{"csrf", b.csrf()}, {"skema", "jobcenter"}, {"etiket", "2021"},
                                                 {"inviterede", "200"}, {"besvarede", "60"}},
                   {{"fil", "antal.csv", "question;answer;count\ntilfreds_alt_i_alt;I høj grad;30\n"}});
  CHECK(r->status == 303);
  CHECK(has(b.get("/undersoegelser"), "Indlæst fra tidligere år"));
  CHECK(site.audit("import_counts").size() == 1);
}

TEST_CASE("letters and reminders are made again from the sealed links; reminders go only to those still to answer") {
  Site site;
  auto& store = site.server.db();
  const auto& wave = site.server.wave();
  site.complete("ref-0");
  Browser b = site.as("sekretaer", Role::kSecretary);
  b.post_files(site.wave_path() + "/marker", {{"csrf", b.csrf()}, {"status", "undeliverable"}, {"reference", "ref-1"}}, {});
  b.post_files(site.wave_path() + "/marker", {{"csrf", b.csrf()}, {"status", "ineligible"}, {"reference", "ref-2"}}, {});
  // ref-3 opened its letter: still to answer, so reminded.
  Browser citizen(site.server.port());
  REQUIRE(citizen.get(site.server.link_path(3))->status == 303);

  // The pages open the links and codes the import sealed under the key file: the
  // very ones the import printed (under the server's own address).
  auto path_and_code = [&](std::size_t i) {
    return site.server.link_path(i) + ";" + site.server.letters().at(i).code;
  };
  auto r = b.get(site.wave_path() + "/breve?format=csv");
  REQUIRE(r->status == 200);
  CHECK(r->get_header_value("Cache-Control") == "no-store");
  for (std::size_t i = 0; i < 5; ++i) CHECK(has(r, path_and_code(i)));
  r = b.post_files(site.wave_path() + "/paamindelser", {{"csrf", b.csrf()}, {"format", "csv"}}, {});
  REQUIRE(r->status == 200);
  CHECK(has(r, path_and_code(3)));
  CHECK(has(r, path_and_code(4)));
  for (std::size_t i : {0, 1, 2}) CHECK_FALSE(has(r, path_and_code(i)));

  // The shared function, with an opener of the test's own, picks and records.
  fieldwork::SecretOpener open = [](std::int64_t, const std::string& ref) {
    return std::optional(tilfreds::intake::survey::Letter{ref, "http://x/s/" + ref, "ABCD-EFGH"});
  };
  auto admin = tilfreds::intake::staff::Actor::cli();
  auto all = fieldwork::make_letters(store, admin, wave, false, open, "2024-09-15");
  CHECK(all.letters.size() == 5);
  auto set = fieldwork::make_letters(store, admin, wave, true, open, "2024-09-15");
  REQUIRE(set.letters.size() == 2);
  CHECK(set.letters[0].reference == "ref-3");
  CHECK(set.letters[1].reference == "ref-4");
  fieldwork::make_letters(store, admin, wave, true, open, "2024-09-15");
  auto rounds = store.read([&](db::Connection& c) { return db::reminder_rounds(c, wave.id); });
  REQUIRE(rounds.size() == 2);  // 2024-09-15 and today's from the page
  CHECK(rounds[0].sent_on == "2024-09-15");
  CHECK(rounds[0].letters == 2);
  auto json = nlohmann::json::parse(b.get(site.wave_path() + "/fremdrift?format=json")->body);
  CHECK(json["reminders"][0]["sent_on"] == "2024-09-15");
  CHECK(json["reminders"][0]["letters"] == 2);
  CHECK(has(b.get(site.wave_path() + "/fremdrift"), "2024-09-15: 2"));
  CHECK(site.audit("reminders").size() == 3);

  // An invitee whose link was never sealed (imported before migration 005): the
  // page says how many cannot be made and hands out none, rather than a partial set.
  store.write([&](db::Connection& c) {
    db::insert_invitee(c, wave.id, db::NewInvitee{"gammel", "dagpenge", "{}", std::string(32, 'h'),
                                                  std::string(32, 'c'), {}, {}});
  });
  auto before = site.tables();
  r = b.get(site.wave_path() + "/breve?format=csv");
  CHECK(r->status == 409);
  CHECK(has(r, "kan ikke laves igen"));
  for (const auto& [table, rows] : site.tables()) {
    INFO(table);
    CHECK(rows == before[table]);
  }
}

TEST_CASE("PDF and zip letters are made by a job once per form, handed out once; refusals say what to do") {
  Site site;
  auto& store = site.server.db();
  const auto& wave = site.server.wave();
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto rounds = [&] { return store.read([&](db::Connection& c) { return db::reminder_rounds(c, wave.id); }).size(); };

  auto r = b.post_files(site.wave_path() + "/breve", {{"csrf", b.csrf()}, {"format", "pdf"}, {"noegle", "k1"}}, {});
  REQUIRE(r->status == 303);
  std::string job = r->get_header_value("Location");
  CHECK(std::regex_match(job, std::regex("/undersoegelser/breve/[A-Za-z0-9_-]{16}")));
  CHECK(b.post_files(site.wave_path() + "/breve", {{"csrf", b.csrf()}, {"format", "pdf"}, {"noegle", "k1"}}, {})
            ->get_header_value("Location") == job);
  auto done = wait_for_job(b, job);
  CHECK(has(done, "Breve lavet: 5"));
  CHECK(has(done, job + "/fil"));
  auto pdf = b.get(job + "/fil");
  REQUIRE(pdf->status == 200);
  CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
  CHECK(pdf->get_header_value("Content-Disposition") == "attachment; filename=\"breve.pdf\"");
  CHECK(pdf->get_header_value("Cache-Control") == "no-store");
  CHECK(pdf->body.rfind("%PDF-", 0) == 0);
  CHECK(b.get(job + "/fil")->status == 410);
  // Not another user's, and not under the import's path.
  CHECK(site.as("anden", Role::kAdmin).get(job)->status == 404);
  CHECK(b.get("/undersoegelser/import/" + job.substr(job.rfind('/') + 1))->status == 404);

  // Reminders as a zip, one PDF per invitee still to answer, named by reference;
  // the same form twice is one reminder round.
  site.complete("ref-0");
  r = b.post_files(site.wave_path() + "/paamindelser", {{"csrf", b.csrf()}, {"format", "zip"}, {"noegle", "k2"}}, {});
  REQUIRE(r->status == 303);
  job = r->get_header_value("Location");
  b.post_files(site.wave_path() + "/paamindelser", {{"csrf", b.csrf()}, {"format", "zip"}, {"noegle", "k2"}}, {});
  CHECK(has(wait_for_job(b, job), "Breve lavet: 4"));
  auto zip = b.get(job + "/fil");
  REQUIRE(zip->status == 200);
  CHECK(zip->get_header_value("Content-Disposition") == "attachment; filename=\"paamindelser.zip\"");
  std::vector<std::string> names;
  for (const auto& e : tilfreds::intake::read_zip(zip->body)) {
    names.push_back(e.name);
    CHECK(e.bytes.rfind("%PDF-", 0) == 0);
  }
  CHECK(names == std::vector<std::string>{"ref-1.pdf", "ref-2.pdf", "ref-3.pdf", "ref-4.pdf"});
  CHECK(rounds() == 1);

  // An unknown format keeps the page with its message; no Chromium is a 503 that
  // records nothing; staff see progress only.
  r = b.post_files(site.wave_path() + "/breve", {{"csrf", b.csrf()}, {"format", "docx"}}, {});
  CHECK(r->status == 422);
  CHECK(has(r, "Vælg PDF, zip eller CSV."));
  const char* old = std::getenv("TILFREDS_CHROMIUM");
  setenv("TILFREDS_CHROMIUM", "/nonexistent/chromium", 1);
  r = b.post_files(site.wave_path() + "/paamindelser", {{"csrf", b.csrf()}, {"format", "pdf"}, {"noegle", "k3"}}, {});
  if (old) {
    setenv("TILFREDS_CHROMIUM", old, 1);
  } else {
    unsetenv("TILFREDS_CHROMIUM");
  }
  CHECK(r->status == 503);
  CHECK(rounds() == 1);
  Browser staff = site.as("medarbejder", Role::kStaff);
  CHECK(staff.post_files(site.wave_path() + "/breve", {{"csrf", staff.csrf()}, {"format", "pdf"}}, {})->status == 403);
}

TEST_CASE("the letter text: previewed as the letter prints it storing nothing, refused with its message, saved audited") {
  Site site;
  auto& store = site.server.db();
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto page = b.get("/undersoegelser/brevtekst");
  REQUIRE(page->status == 200);
  CHECK(has(page, "Vi vil gerne vide, hvad du synes om den hjælp"));  // the standard text, to edit
  const std::string own = "Hej fra {jobcenter}.\r\n\r\nSvar inden {lukkedato}, tak.";
  auto r = b.post_files("/undersoegelser/brevtekst",
                        {{"csrf", b.csrf()}, {"handling", "vis"}, {"invitation", own}, {"paamindelse", ""}}, {});
  REQUIRE(r->status == 200);
  const std::string closes = tilfreds::intake::web::long_date(site.server.renderer(), "da", tilfreds::intake::today_iso());
  CHECK(has(r, "<p>Svar inden " + closes + ", tak.</p>"));
  CHECK(has(r, "<p>Hej fra "));
  CHECK(tilfreds::intake::settings::load(store).count("letter.invitation") == 0);

  r = b.post_files("/undersoegelser/brevtekst",
                   {{"csrf", b.csrf()}, {"handling", "gem"}, {"invitation", "Svar inden {slutdato}"}, {"paamindelse", ""}}, {});
  CHECK(r->status == 422);
  CHECK(has(r, "krøllede parenteser må kun bruges til {lukkedato} og {jobcenter}"));
  CHECK(has(r, ">Svar inden {slutdato}</textarea>"));  // what was typed is kept
  CHECK(tilfreds::intake::settings::load(store).count("letter.invitation") == 0);

  r = b.post_files("/undersoegelser/brevtekst",
                   {{"csrf", b.csrf()}, {"handling", "gem"}, {"invitation", own}, {"paamindelse", ""}}, {});
  REQUIRE(r->status == 303);
  CHECK(r->get_header_value("Location") == "/undersoegelser/brevtekst?gemt=1");
  CHECK(tilfreds::intake::settings::load(store).at("letter.invitation") == "Hej fra {jobcenter}.\n\nSvar inden {lukkedato}, tak.");
  bool audited = false;
  for (const auto& a : site.audit("set")) audited = audited || a.entity_id == "letter.invitation";
  CHECK(audited);
  CHECK(has(b.get("/undersoegelser/brevtekst?gemt=1"), "Brevteksten er gemt"));
  Browser staff = site.as("medarbejder", Role::kStaff);
  CHECK(staff.get("/undersoegelser/brevtekst")->status == 403);
}
