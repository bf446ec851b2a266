// The committee reports in the browser: only secretaries and admins get them,
// bad choices come back as the form with what was wrong, and the bytes are the
// ones `tilfreds report` writes (same parser, builder and renderers).
#include "intake/reports/report_routes.h"

#include <catch2/catch.hpp>

#include "db/audit_store.h"
#include "db/survey_store.h"
#include "intake/survey/counts_import.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
namespace db = tilfreds::db;
namespace survey = tilfreds::intake::survey;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";

struct Site {
  TestServer server{0};  // the whole Site: the report routes among the others

  // Two earlier years whose "tilfreds alt i alt" rounds to DOMAIN.md's rows:
  // 2022 49/27/15/8 % of 99 (summing to 99), 2023 53/28/12/7 % of 100.
  Site() {
    import("2022", "49", "27", "15", "8", 99);
    import("2023", "53", "28", "12", "7", 100);
  }
  void import(const std::string& label, const char* a, const char* b, const char* c, const char* d, int n) {
    survey::CountsImportRequest r;
    r.survey_id = "jobcenter";
    r.label = label;
    r.counts_csv = std::string("question;answer;count\n") + "tilfreds_alt_i_alt;I høj grad;" + a +
                   "\ntilfreds_alt_i_alt;I nogen grad;" + b + "\ntilfreds_alt_i_alt;I mindre grad;" + c +
                   "\ntilfreds_alt_i_alt;Slet ikke;" + d + "\n";
    r.totals = db::ImportedDisposition{"", 400, 0, 0, n};
    REQUIRE(survey::import_counts(server.db(), r).ok());
  }
  Browser as(const std::string& name, Role role) {
    tilfreds::testing::create_user(server.db(), name, role, kPassword);
    Browser b(server.port());
    REQUIRE(tilfreds::testing::login(b, name, kPassword));
    return b;
  }
};

const std::string kComparison = "/rapporter/hent?kind=comparison&survey=jobcenter&waves=2022&waves=2023&lang=da";
}  // namespace

TEST_CASE("a secretary gets the report form with every year offered and the years of the survey chosen") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto r = b.get("/rapporter");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body.find("name=\"waves\" value=\"2022\" checked") != std::string::npos);
  CHECK(r->body.find("name=\"waves\" value=\"2023\" checked") != std::string::npos);
  CHECK(r->body.find("<legend>") != std::string::npos);
}

TEST_CASE("the comparison comes back in the chosen format with DOMAIN.md's percentages") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto csv = b.get(kComparison + "&format=csv");
  REQUIRE(csv);
  CHECK(csv->status == 200);
  CHECK(csv->get_header_value("Content-Disposition") == "attachment; filename=\"comparison.csv\"");
  CHECK(csv->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
  // The year rows as a Danish spreadsheet reads them: label, then whole percents,
  // each followed by its (here empty) mark column.
  CHECK(csv->body.find("2022;49;;27;;15;;8;") != std::string::npos);
  CHECK(csv->body.find("2023;53;;28;;12;;7;") != std::string::npos);

  auto html = b.get(kComparison + "&format=html");
  REQUIRE(html);
  CHECK(html->status == 200);
  CHECK(html->get_header_value("Content-Disposition").rfind("inline", 0) == 0);
  // The web's CSP forbids inline style: the page links the stylesheet instead.
  CHECK(html->body.find("/static/report.css") != std::string::npos);
  CHECK(html->body.find("<style") == std::string::npos);
  CHECK(html->body.find("style=") == std::string::npos);

  auto xlsx = b.get(kComparison + "&format=xlsx");
  REQUIRE(xlsx);
  CHECK(xlsx->status == 200);
  CHECK(xlsx->body.substr(0, 2) == "PK");  // a zip container
}

TEST_CASE("a caseworker is refused the reports and a visitor is sent to the login") {
  Site site;
  Browser staff = site.as("sagsbehandler", Role::kStaff);
  auto r = staff.get(kComparison + "&format=csv");
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(r->body.find("49") == std::string::npos);

  Browser visitor(site.server.port());
  r = visitor.get("/rapporter");
  REQUIRE(r);
  CHECK(r->status == 303);
  CHECK(r->get_header_value("Location").rfind("/login?next=", 0) == 0);
}

TEST_CASE("an unknown year or a group report without a group comes back as the form, choices kept") {
  Site site;
  Browser b = site.as("admin", Role::kAdmin);
  auto r = b.get("/rapporter/hent?kind=comparison&survey=jobcenter&waves=2022&waves=1999&format=csv");
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(r->body.find("href=\"#rapport-waves\"") != std::string::npos);
  CHECK(r->body.find("value=\"csv\" checked") != std::string::npos);
  CHECK(r->body.find("name=\"waves\" value=\"2022\" checked") != std::string::npos);

  r = b.get("/rapporter/hent?kind=group&survey=jobcenter&waves=2022&format=html");
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(r->body.find("href=\"#rapport-group\"") != std::string::npos);
}

TEST_CASE("a repeated single choice is refused as a bad request") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto r = b.get(kComparison + "&format=csv&format=json");
  REQUIRE(r);
  CHECK(r->status == 400);
}

TEST_CASE("an open wave is offered but not chosen by default; PDF and the committee text come back") {
  Site site;
  site.server.db().write([](db::Connection& c) {
    db::WaveRow w;
    w.survey_id = "jobcenter";
    w.survey_version = db::all_waves(c).front().survey_version;
    w.label = "2026";
    w.opens = "2000-01-01";
    w.closes = "2999-12-31";
    return db::create_wave(c, w);
  });
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto form = b.get("/rapporter");
  REQUIRE(form);
  CHECK(form->body.find("name=\"waves\" value=\"2026\"") != std::string::npos);
  CHECK(form->body.find("name=\"waves\" value=\"2026\" checked") == std::string::npos);
  CHECK(form->body.find("åben – foreløbige tal") != std::string::npos);
  CHECK(form->body.find("value=\"committee\"") != std::string::npos);
  CHECK(form->body.find("value=\"pdf\"") != std::string::npos);

  auto pdf = b.get(kComparison + "&format=pdf");
  REQUIRE(pdf);
  CHECK(pdf->status == 200);
  CHECK(pdf->get_header_value("Content-Type") == "application/pdf");
  CHECK(pdf->get_header_value("Content-Disposition") == "attachment; filename=\"comparison.pdf\"");
  CHECK(pdf->body.rfind("%PDF-", 0) == 0);

  auto txt = b.get("/rapporter/hent?kind=committee&survey=jobcenter&waves=2022&waves=2023&format=txt&lang=da");
  REQUIRE(txt);
  CHECK(txt->status == 200);
  CHECK(txt->get_header_value("Content-Type").rfind("text/plain", 0) == 0);
  CHECK(txt->body.find("Hovedresultater") != std::string::npos);
  CHECK(txt->body.find("er i nogen eller høj grad tilfredse alt i alt med jobcentret") != std::string::npos);

  // Plain text is the committee draft only: a table report asked as txt is the form again.
  auto bad = b.get(kComparison + "&format=txt");
  REQUIRE(bad);
  CHECK(bad->status == 422);
}
