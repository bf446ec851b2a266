// The comment coding page on the real server (issue 13 §4): secretaries and admins
// code, others are refused, every refusal says why and keeps the form, the page
// never shows an unmasked CPR number, phone or e-mail, and the comments report
// fetched from /rapporter comes out coded in every format.
#include "intake/reports/comment_coding_routes.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "db/audit_store.h"
#include "db/comment_coding_store.h"
#include "db/response_store.h"
#include "intake/reports/comment_coding.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"

using tilfreds::intake::staff::Role;
using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
namespace db = tilfreds::db;

namespace {
constexpr const char* kPassword = "korrekt hest batteri";
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

struct Site {
  TestServer server{0};
  std::string page;  // /rapporter/kommentarer/ID of the server's wave

  // Seven comments: one with a CPR number, a phone and an e-mail address.
  Site() {
    server.db().write([&](db::Connection& c) {
      std::vector<db::NewResponse> batch;
      for (const char* t : {"Ring 12 34 56 78 eller skriv til jens@example.dk, CPR 010203-1234", "God service",
                            "God service", "Lang ventetid", "Lang ventetid", "Venlig", "Venlig"}) {
        batch.push_back({server.wave().id, "dagpenge", "{}", nlohmann::json{{"kommentar", t}}.dump(), {}, {}});
      }
      db::store_responses(c, batch);
    });
    page = "/rapporter/kommentarer/" + std::to_string(server.wave().id);
  }
  Browser as(const std::string& name, Role role) {
    tilfreds::testing::create_user(server.db(), name, role, kPassword);
    Browser b(server.port());
    REQUIRE(tilfreds::testing::login(b, name, kPassword));
    return b;
  }
  // The id the page gives the comment whose masked text is `text` (the first such).
  std::string comment_id(const std::string& html, const std::string& text) {
    const auto at = html.find("<blockquote>" + text + "</blockquote>");
    REQUIRE(at != std::string::npos);
    const std::string key = "name=\"comment\" value=\"";
    const auto v = html.find(key, at) + key.size();
    return html.substr(v, html.find('"', v) - v);
  }
  std::size_t audit_count(const std::string& entity, const std::string& action) {
    return server.db()
        .read([&](db::Connection& c) {
          db::AuditFilter f;
          f.entity = entity;
          f.action = action;
          f.limit = 1000;
          return db::find_audit(c, f);
        })
        .size();
  }
};

std::string report_url(const Site& s, const std::string& format) {
  return "/rapporter/hent?kind=comments&survey=" + s.server.wave().survey_id + "&waves=" + s.server.wave().label +
         "&format=" + format + "&lang=da";
}
}  // namespace

TEST_CASE("a secretary finds the wave, reads its comments masked, and the read is audited") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto list = b.get("/rapporter/kommentarer");
  REQUIRE(list);
  CHECK(list->status == 200);
  CHECK(has(list->body, "href=\"" + site.page + "\""));
  CHECK(has(list->body, "0 / 7"));
  auto r = b.get(site.page);
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(has(r->body, "[telefon]"));
  CHECK(has(r->body, "[e-mail]"));
  CHECK(has(r->body, "[CPR]"));
  CHECK_FALSE(has(r->body, "12 34 56 78"));
  CHECK_FALSE(has(r->body, "jens@example.dk"));
  CHECK_FALSE(has(r->body, "010203-1234"));
  CHECK_FALSE(has(r->body, "<script"));
  // Every control has a label; one form per comment, no script needed.
  CHECK(has(r->body, "<label for=\"k1-theme\">"));
  CHECK(has(r->body, "<legend>"));
  CHECK(site.audit_count("comments", "read") == 1);
  // The report form links to the page.
  auto form = b.get("/rapporter");
  REQUIRE(form);
  CHECK(has(form->body, "href=\"/rapporter/kommentarer\""));
}

TEST_CASE("a secretary adds a theme and codes a comment; the report comes out coded in every format") {
  Site site;
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto page = b.get(site.page);
  REQUIRE(page);
  auto r = b.post(site.page + "/tema", {{"csrf", b.csrf()}, {"name", "Ventetid"}});
  REQUIRE(r);
  CHECK(r->status == 303);
  page = b.get(site.page);
  REQUIRE(page);
  CHECK(has(page->body, "<li>Ventetid</li>"));
  CHECK(has(page->body, "<option value=\"Ventetid\">Ventetid</option>"));
  const std::string masked = "Ring [telefon] eller skriv til [e-mail], CPR [CPR]";
  const std::string id = site.comment_id(page->body, masked);
  r = b.post(site.page + "/kode", {{"csrf", b.csrf()}, {"comment", id}, {"theme", "Ventetid"}, {"tone", "ris"},
                                   {"quote", "ja"}, {"wording", "Svært at komme igennem"}});
  REQUIRE(r);
  CHECK(r->status == 303);
  CHECK(r->get_header_value("Location").rfind(site.page + "?side=1&gemt=1#k", 0) == 0);
  for (const auto& other : {"Lang ventetid", "God service"}) {
    page = b.get(site.page);
    REQUIRE(page);
    r = b.post(site.page + "/kode", {{"csrf", b.csrf()}, {"comment", site.comment_id(page->body, other)},
                                     {"theme", "Ventetid"}, {"tone", "ingen"}, {"wording", ""}});
    REQUIRE(r);
    CHECK(r->status == 303);
  }
  page = b.get(site.page + "?gemt=1");
  REQUIRE(page);
  CHECK(has(page->body, "role=\"status\""));
  CHECK(has(page->body, "Svært at komme igennem"));
  CHECK(has(page->body, "3 / 7"));
  CHECK(site.audit_count("comment", "code") == 3);
  CHECK(site.audit_count("comment_theme", "create") == 1);

  auto csv = b.get(report_url(site, "csv"));
  REQUIRE(csv);
  CHECK(csv->status == 200);
  // Three with a theme is under 5, and 7 comments minus the 4 listed without one
  // would give it away beside a "–": no theme is counted. The quote is listed
  // under "other themes" without its tone (ris 1 is hidden), so it does not tell
  // that the theme or the tone has at least one.
  CHECK_FALSE(has(csv->body, "Ventetid;"));
  CHECK(has(csv->body, "Færre end 5 kommentarer har fået et tema"));
  CHECK(has(csv->body, "Øvrige temaer;Svært at komme igennem;"));
  CHECK_FALSE(has(csv->body, "Øvrige temaer;Svært at komme igennem;Ris"));
  CHECK(has(csv->body, "Kommentarer uden tema"));
  CHECK_FALSE(has(csv->body, "12 34 56 78"));
  auto html = b.get(report_url(site, "html"));
  REQUIRE(html);
  CHECK(html->status == 200);
  CHECK(has(html->body, "id=\"quotes_" + site.server.wave().label + "\""));
  CHECK(has(html->body, "Svært at komme igennem"));
  auto json = b.get(report_url(site, "json"));
  REQUIRE(json);
  CHECK(json->status == 200);
  auto j = nlohmann::json::parse(json->body);
  bool quote = false;
  for (const auto& s : j["sections"]) {
    for (const auto& bl : s["blocks"]) {
      if (bl.contains("table") && !bl["table"].is_null() && bl["table"]["id"] == "quotes_" + site.server.wave().label) {
        quote = bl["table"]["rows"][0]["cells"][0]["text"] == "Svært at komme igennem";
      }
    }
  }
  CHECK(quote);
  auto xlsx = b.get(report_url(site, "xlsx"));
  REQUIRE(xlsx);
  CHECK(xlsx->status == 200);
  CHECK(xlsx->body.substr(0, 2) == "PK");
  auto pdf = b.get(report_url(site, "pdf"));
  REQUIRE(pdf);
  CHECK(pdf->status == 200);
  CHECK(pdf->body.substr(0, 5) == "%PDF-");
}

TEST_CASE("a long wave is coded 25 comments a page, opening where the secretary left off") {
  Site site;  // 7 comments, and 60 more: 67, so pages of 25, 25 and 17
  site.server.db().write([&](db::Connection& c) {
    std::vector<db::NewResponse> batch;
    for (int i = 1; i <= 60; ++i) {
      const std::string t = "Kommentar " + std::string(i < 10 ? "0" : "") + std::to_string(i);
      batch.push_back({site.server.wave().id, "dagpenge", "{}", nlohmann::json{{"kommentar", t}}.dump(), {}, {}});
    }
    db::store_responses(c, batch);
  });
  Browser b = site.as("sekretaer", Role::kSecretary);
  auto r = b.get(site.page);
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(has(r->body, "Side 1 af 3"));
  CHECK(has(r->body, "id=\"k25\""));
  CHECK_FALSE(has(r->body, "id=\"k26\""));
  CHECK(has(r->body, "href=\"" + site.page + "?side=2#kommentarer\""));
  CHECK(has(r->body, "0 / 67"));  // progress counts the whole wave
  r = b.get(site.page + "?side=3");
  REQUIRE(r);
  CHECK(has(r->body, "Side 3 af 3"));
  CHECK(has(r->body, "id=\"k51\""));
  CHECK(has(r->body, "id=\"k67\""));
  CHECK_FALSE(has(r->body, "id=\"k50\""));
  CHECK(has(r->body, "href=\"" + site.page + "?side=2#kommentarer\""));
  CHECK_FALSE(has(r->body, "?side=4"));
  // Past the end shows the last page; what is no page number is refused, saying why.
  r = b.get(site.page + "?side=9");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(has(r->body, "Side 3 af 3"));
  for (const char* bad : {"0", "abc", "99999999999999999999"}) {
    r = b.get(site.page + "?side=" + bad);
    REQUIRE(r);
    CHECK(r->status == 422);
    CHECK(has(r->body, "Skriv et helt tal fra"));
  }
  // The first 30 coded: without ?side the page of the 31st opens.
  REQUIRE(b.post(site.page + "/tema", {{"csrf", b.csrf()}, {"name", "Ventetid"}})->status == 303);
  const auto wc = tilfreds::intake::reports::wave_comments(site.server.db(), site.server.wave());
  REQUIRE(wc.comments.size() == 67);
  for (std::size_t i = 0; i < 30; ++i) {
    REQUIRE(tilfreds::intake::reports::code_comment(site.server.db(), {std::nullopt, "sekretaer"}, site.server.wave(),
                                                    {wc.comments[i].id, "Ventetid", "", false, ""})
                .empty());
  }
  r = b.get(site.page);
  REQUIRE(r);
  CHECK(has(r->body, "Side 2 af 3"));
  CHECK(has(r->body, "30 / 67"));
  // A save on page 3 comes back to page 3, at the comment.
  r = b.post(site.page + "/kode", {{"csrf", b.csrf()}, {"comment", wc.comments[60].id}, {"theme", "Ventetid"},
                                   {"tone", "ros"}, {"wording", ""}});
  REQUIRE(r);
  CHECK(r->status == 303);
  CHECK(r->get_header_value("Location") == site.page + "?side=3&gemt=1#k61");
  // A refused save shows the page of the comment posted, its input kept.
  r = b.post(site.page + "/kode", {{"csrf", b.csrf()}, {"comment", wc.comments[60].id}, {"theme", "Findes ikke"},
                                   {"tone", "ros"}, {"wording", "Behold mig"}});
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(has(r->body, "Side 3 af 3"));
  CHECK(has(r->body, "Behold mig"));
}

TEST_CASE("bad input comes back as the page with the message beside the field and the input kept") {
  Site site;
  Browser b = site.as("admin", Role::kAdmin);
  auto page = b.get(site.page);
  REQUIRE(page);
  const std::string id = site.comment_id(page->body, "Venlig");
  auto r = b.post(site.page + "/kode", {{"csrf", b.csrf()}, {"comment", id}, {"theme", "Findes ikke"},
                                        {"tone", "ros"}, {"quote", "ja"}, {"wording", "Min <b>ordlyd</b>"}});
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(has(r->body, "Vælg et af rundens temaer."));
  CHECK(has(r->body, "class=\"error-summary\""));
  CHECK(has(r->body, "Min &lt;b&gt;ordlyd&lt;/b&gt;"));  // kept, escaped
  CHECK(has(r->body, "value=\"ros\" checked"));
  CHECK(has(r->body, "aria-invalid=\"true\""));
  CHECK(site.audit_count("comment", "code") == 0);

  r = b.post(site.page + "/kode", {{"csrf", b.csrf()}, {"comment", id}, {"tone", "meh"}});
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(has(r->body, "Vælg ris, ros eller ingen af dem."));

  r = b.post(site.page + "/kode", {{"csrf", b.csrf()}, {"comment", "999999999.kommentar"}, {"tone", "ris"}});
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(has(r->body, "Kommentaren findes ikke i denne runde."));

  r = b.post(site.page + "/tema", {{"csrf", b.csrf()}, {"name", "   "}});
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(has(r->body, "Skriv temaets navn."));
  const std::string long_name(81, 'x');
  r = b.post(site.page + "/tema", {{"csrf", b.csrf()}, {"name", long_name}});
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(has(r->body, "value=\"" + long_name + "\""));
  REQUIRE(b.post(site.page + "/tema", {{"csrf", b.csrf()}, {"name", "Ventetid"}})->status == 303);
  r = b.post(site.page + "/tema", {{"csrf", b.csrf()}, {"name", "Ventetid"}});
  REQUIRE(r);
  CHECK(r->status == 422);
  CHECK(has(r->body, "Runden har allerede et tema med det navn."));

  auto missing = b.get("/rapporter/kommentarer/999999");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  r = b.post("/rapporter/kommentarer/999999/kode", {{"csrf", b.csrf()}, {"comment", id}});
  REQUIRE(r);
  CHECK(r->status == 404);
}

TEST_CASE("other roles, visitors, forged tokens and cross-site posts are refused and change nothing") {
  Site site;
  for (auto [name, role] : {std::pair{"sagsbehandler", Role::kStaff}, std::pair{"tilsyn", Role::kReviewer}}) {
    Browser b = site.as(name, role);
    auto r = b.get(site.page);
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK_FALSE(has(r->body, "[telefon]"));
    REQUIRE(b.get("/personale"));
    r = b.post(site.page + "/tema", {{"csrf", b.csrf()}, {"name", "X"}});
    REQUIRE(r);
    CHECK(r->status == 403);
    r = b.get("/rapporter/kommentarer");
    REQUIRE(r);
    CHECK(r->status == 403);
  }
  Browser visitor(site.server.port());
  auto r = visitor.get(site.page);
  REQUIRE(r);
  CHECK(r->status == 303);
  CHECK(r->get_header_value("Location").rfind("/login?next=", 0) == 0);
  r = visitor.post(site.page + "/tema", {{"name", "X"}});
  REQUIRE(r);
  CHECK(r->status == 401);

  Browser b = site.as("sekretaer", Role::kSecretary);
  REQUIRE(b.get(site.page));
  r = b.post(site.page + "/tema", {{"csrf", "forged"}, {"name", "X"}});
  REQUIRE(r);
  CHECK(r->status == 403);
  r = b.post_raw(site.page + "/tema", "csrf=" + b.csrf() + "&name=X", "application/x-www-form-urlencoded",
                 {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}});
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(has(r->body, "Formularen kom fra en anden side"));
  CHECK(site.audit_count("comment_theme", "create") == 0);
  CHECK(site.server.db().read([&](db::Connection& c) {
    return db::comment_themes(c, site.server.wave().id);
  }).empty());
}
