// The public complaint form over HTTP: a citizen files a complaint without logging
// in and gets a receipt; every kind of bad or abusive post gets a 4xx with its
// message and the form back with what was entered.
#include <catch2/catch.hpp>
#include <algorithm>
#include <ctime>
#include <regex>

#include "db/complaint_store.h"
#include "db/offer_store.h"
#include "intake/settings/site_frame.h"
#include "tests/support/test_server.h"

using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
using Fields = std::vector<std::pair<std::string, std::string>>;

namespace {
std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// A form fetched a minute ago, as a person would send it.
std::string old_stamp() { return TestServer::complaint_stamp().issue(now() - 60); }

std::int64_t add_offer(TestServer& s, const std::string& name) {
  std::int64_t id = 0;
  s.db().write([&](tilfreds::db::Connection& c) {
    auto provider = tilfreds::db::put_provider(c, "Jobværkstedet", false);
    id = *tilfreds::db::create_offer(c, name, provider, "dagpenge");
  });
  return id;
}

Fields complaint(const std::string& offer_id, const std::string& text) {
  return {{"stempel", old_stamp()}, {"tilbud", offer_id}, {"enhed", ""},
          {"ydelse", "dagpenge"},   {"tekst", text},      {"navn", "Anne Jensen"},
          {"kontakt", "anne@example.dk"}, {"hjemmeside", ""}};
}

void set(Fields& f, const std::string& name, const std::string& value) {
  for (auto& [k, v] : f) {
    if (k == name) v = value;
  }
}

// Posts the form and, as a browser does, follows the 303 to the receipt page.
httplib::Result file(Browser& b, const Fields& f) {
  auto r = b.post_multipart("/klage", f);
  if (!r || r->status != 303) return r;
  REQUIRE(r->get_header_value("Location") == "/klage/kvittering");
  return b.get("/klage/kvittering");
}

std::int64_t stored_complaints(TestServer& s) {
  return s.db().read([](tilfreds::db::Connection& c) {
    return static_cast<std::int64_t>(tilfreds::db::list_complaints(c, {}).size());
  });
}
}  // namespace

TEST_CASE("the public complaint form needs no login and posts multipart with a stamp and a hidden honeypot") {
  TestServer s(0);
  add_offer(s, "Praktikforløb Nord");
  Browser b(s.port());
  auto r = b.get("/klage");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body.find("enctype=\"multipart/form-data\"") != std::string::npos);
  CHECK(r->body.find("name=\"stempel\"") != std::string::npos);
  CHECK(r->body.find("class=\"complaint-hp\"") != std::string::npos);
  CHECK(r->body.find("Praktikforløb Nord") != std::string::npos);
  CHECK(r->body.find("style=") == std::string::npos);
  CHECK(r->body.find("<label for=\"f-tekst\">") != std::string::npos);
  auto en = b.get("/klage?lang=en");
  CHECK(en->body.find("Complain about the jobcentre") != std::string::npos);
}

TEST_CASE("a filed complaint shows a receipt and the handling time and is stored with its text") {
  TestServer s(0);
  std::int64_t offer = add_offer(s, "Praktikforløb Nord");
  Browser b(s.port());
  auto r = file(b, complaint(std::to_string(offer), "Jeg blev ikke hørt."));
  REQUIRE(r);
  CHECK(r->status == 200);
  std::smatch m;
  REQUIRE(std::regex_search(r->body, m, std::regex("K-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")));
  CHECK(r->body.find("28 dage") != std::string::npos);
  auto stored = s.db().read([](tilfreds::db::Connection& c) { return tilfreds::db::list_complaints(c, {}); });
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].receipt == m.str());
  CHECK(stored[0].state.text == "Jeg blev ikke hørt.");
  CHECK(stored[0].state.channel == "digital_form");
  CHECK(stored[0].state.offer_id == offer);
  CHECK(stored[0].state.citizen_name == "Anne Jensen");
  CHECK(stored[0].state.status == "received");
  CHECK(!stored[0].changed_by.has_value());
}

TEST_CASE("a complaint text longer than 8 KiB goes through as multipart") {
  TestServer s(0);
  Browser b(s.port());
  std::string text(9000, 'a');
  auto r = file(b, complaint("", text));
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(stored_complaints(s) == 1);
}

TEST_CASE("the receipt opens nothing: there is no public lookup of a complaint") {
  TestServer s(0);
  Browser b(s.port());
  auto r = file(b, complaint("", "Klage"));
  std::smatch m;
  REQUIRE(std::regex_search(r->body, m, std::regex("K-[A-Z0-9-]{19}")));
  for (std::string path : {"/klage/" + m.str(), "/klage?kvittering=" + m.str()}) {
    auto look = b.get(path);
    REQUIRE(look);
    CHECK(look->body.find("Klage</") == std::string::npos);
    CHECK(look->body.find("Anne Jensen") == std::string::npos);
  }
}

TEST_CASE("bad public posts get a 4xx with their message and the form with what was entered") {
  TestServer s(0);
  std::int64_t offer = add_offer(s, "Praktikforløb Nord");
  Browser b(s.port());
  struct Case {
    const char* name;
    std::function<void(Fields&)> spoil;
    int status;
    const char* message;
  };
  std::vector<Case> cases{
      {"unknown offer", [](Fields& f) { set(f, "tilbud", "99999"); }, 422, "Tilbuddet findes ikke"},
      {"missing text", [](Fields& f) { set(f, "tekst", "  "); }, 422, "Skriv din klage."},
      {"oversize text", [](Fields& f) { set(f, "tekst", std::string(10001, 'x')); }, 422, "Klagen er for lang"},
      {"unknown group", [](Fields& f) { set(f, "ydelse", "pension"); }, 422, "Vælg en ydelse"},
      {"honeypot filled", [](Fields& f) { set(f, "hjemmeside", "http://spam.example"); }, 422,
       "Lad det skjulte felt"},
      {"sent too fast", [](Fields& f) { set(f, "stempel", TestServer::complaint_stamp().issue(now())); }, 422,
       "sendt meget kort tid efter"},
      {"forged stamp", [](Fields& f) { set(f, "stempel", std::to_string(now() - 60) + ".00ff"); }, 422,
       "Formularen var for gammel"},
      {"missing stamp", [](Fields& f) { set(f, "stempel", ""); }, 422, "Formularen var for gammel"},
      {"invalid UTF-8", [](Fields& f) { set(f, "navn", "Anne \xC3\x28"); }, 400, "tegn, vi ikke kan læse"},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      Fields f = complaint(std::to_string(offer), "Min klage over forløbet");
      set(f, "kontakt", "kept@example.dk");
      c.spoil(f);
      auto r = b.post_multipart("/klage", f);
      REQUIRE(r);
      CHECK(r->status == c.status);
      CHECK(r->body.find(c.message) != std::string::npos);
      CHECK(r->body.find("class=\"error-summary\"") != std::string::npos);
      CHECK(r->body.find("value=\"kept@example.dk\"") != std::string::npos);
      if (std::string(c.name) != "missing text" && std::string(c.name) != "oversize text") {
        CHECK(r->body.find(">Min klage over forløbet</textarea>") != std::string::npos);
      }
      CHECK(stored_complaints(s) == 0);
    }
  }
}

TEST_CASE("one address can file at most five complaints an hour, the sixth is refused with 429 and kept") {
  TestServer s(0);
  Browser b(s.port());
  for (int i = 0; i < 5; ++i) {
    auto ok = file(b, complaint("", "Klage nummer " + std::to_string(i)));
    REQUIRE(ok);
    CHECK(ok->status == 200);
  }
  auto r = b.post_multipart("/klage", complaint("", "Den sjette klage"));
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(r->body.find(">Den sjette klage</textarea>") != std::string::npos);
  CHECK(stored_complaints(s) == 5);
}

// ---- issue 12: a form is stored once, an optional choice stays "not given", limits count
// stored complaints, real errors first, and a receipt that says what happens next.

namespace {
std::string form_key_of(const std::string& page) {
  std::smatch m;
  REQUIRE(std::regex_search(page, m, std::regex("name=\"noegle\" value=\"([A-Za-z0-9_-]+)\"")));
  return m[1];
}
}  // namespace

TEST_CASE("a form posted twice (reload, double click, back and resend) stores one complaint") {
  TestServer s(0);
  Browser b(s.port());
  auto form = b.get("/klage");
  Fields f = complaint("", "Jeg fik aldrig svar.");
  f.push_back({"noegle", form_key_of(form->body)});
  auto first = b.post_multipart("/klage", f);
  REQUIRE(first);
  CHECK(first->status == 303);
  CHECK(first->get_header_value("Location") == "/klage/kvittering");
  auto receipt = b.get("/klage/kvittering");
  auto reload = b.get("/klage/kvittering");
  CHECK(reload->body == receipt->body);
  auto again = b.post_multipart("/klage", f);  // back and resend, or the second click
  CHECK(again->status == 303);
  Browser other(s.port());  // the same form sent from another tab or after the cookie went
  CHECK(other.post_multipart("/klage", f)->status == 303);
  CHECK(stored_complaints(s) == 1);
  std::smatch m1, m2;
  auto second_receipt = b.get("/klage/kvittering");
  REQUIRE(std::regex_search(receipt->body, m1, std::regex("K-[A-Z0-9-]{19}")));
  REQUIRE(std::regex_search(second_receipt->body, m2, std::regex("K-[A-Z0-9-]{19}")));
  CHECK(m1.str() == m2.str());
  // Each fetch of the form has a key of its own: a second complaint is a new form.
  CHECK(form_key_of(b.get("/klage")->body) != form_key_of(form->body));
}

TEST_CASE("the receipt page without the browser's receipt cookie shows nothing and says what to do") {
  TestServer s(0);
  Browser b(s.port());
  auto r = b.get("/klage/kvittering");
  CHECK(r->status == 404);
  CHECK(r->body.find("Kvitteringen kan ikke vises") != std::string::npos);
  b.set_cookie("tf_kvittering", "AAAAAAAAAAAAAAAAAAAAAA");
  CHECK(b.get("/klage/kvittering")->status == 404);
}

TEST_CASE("the optional benefit starts as not given and an untouched choice is stored as not given") {
  TestServer s(0);
  Browser b(s.port());
  auto form = b.get("/klage");
  CHECK(std::regex_search(form->body, std::regex("<select id=\"f-ydelse\"[^>]*>\\s*<option value=\"ukendt\" selected>")));
  CHECK(form->body.find("value=\"sygedagpenge\" selected") == std::string::npos);
  Fields f = complaint("", "Uden ydelse");
  f.erase(std::remove_if(f.begin(), f.end(), [](const auto& p) { return p.first == "ydelse"; }), f.end());
  REQUIRE(file(b, f)->status == 200);
  auto stored = s.db().read([](tilfreds::db::Connection& c) { return tilfreds::db::list_complaints(c, {}); });
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].state.benefit_group == "ukendt");
}

TEST_CASE("refused attempts do not use up the five complaints an hour; they have their own larger limit") {
  TestServer s(0);
  Browser b(s.port());
  Fields empty = complaint("", "");
  for (int i = 0; i < 6; ++i) CHECK(b.post_multipart("/klage", empty)->status == 422);
  CHECK(file(b, complaint("", "Nu med tekst"))->status == 200);
  CHECK(stored_complaints(s) == 1);
  // PublicFormOptions::refusals_per_window (30): 6 above, 24 more, then 429.
  for (int i = 0; i < 24; ++i) CHECK(b.post_multipart("/klage", empty)->status == 422);
  auto limited = b.post_multipart("/klage", complaint("", "Kept text"));
  CHECK(limited->status == 429);
  CHECK(limited->body.find(">Kept text</textarea>") != std::string::npos);
  CHECK(limited->body.find("46 46") == std::string::npos);  // no phone set in this test: no number made up
}

TEST_CASE("an empty form sent at once shows its real errors, a valid one sent too fast its own plain message") {
  TestServer s(0);
  Browser b(s.port());
  Fields at_once = complaint("", "");
  set(at_once, "stempel", TestServer::complaint_stamp().issue(now()));
  auto r = b.post_multipart("/klage", at_once);
  CHECK(r->status == 422);
  CHECK(r->body.find("Skriv din klage.") != std::string::npos);
  CHECK(r->body.find("meget kort tid") == std::string::npos);
  Fields fast = complaint("", "Hurtigt skrevet");
  set(fast, "stempel", TestServer::complaint_stamp().issue(now()));
  auto f = b.post_multipart("/klage", fast);
  CHECK(f->status == 422);
  CHECK(f->body.find("Klagen er ikke sendt endnu") != std::string::npos);
  CHECK(f->body.find("f-tekst-fejl") == std::string::npos);  // not an error of the text
  CHECK(f->body.find(">Hurtigt skrevet</textarea>") != std::string::npos);
  CHECK(f->body.find("value=\"Anne Jensen\"") != std::string::npos);
  CHECK(stored_complaints(s) == 0);
}

TEST_CASE("the receipt gives the date in Danish, what happens next, the handling time and the phone") {
  TestServer s(0);
  tilfreds::intake::settings::save(s.db(), {{"contact.phone", "46 46 46 46"}, {"organisation.unit", "Jobcenter Lejre"}},
                                   std::nullopt, "test");
  tilfreds::intake::settings::publish(s.db(), s.renderer());
  Browser b(s.port());
  auto r = file(b, complaint("", "Klage"));
  REQUIRE(r->status == 200);
  static const char* months[] = {"januar", "februar", "marts", "april", "maj", "juni", "juli",
                                 "august", "september", "oktober", "november", "december"};
  std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  std::string today = std::to_string(local.tm_mday) + ". " + months[local.tm_mon] + " " + std::to_string(1900 + local.tm_year);
  CHECK(r->body.find("Modtaget: " + today) != std::string::npos);
  CHECK(r->body.find("Hvad sker der nu?") != std::string::npos);
  CHECK(r->body.find("28 dage") != std::string::npos);
  CHECK(r->body.find("ringe til Jobcenter Lejre på 46 46 46 46") != std::string::npos);
  CHECK(r->body.find("href=\"tel:+4546464646\"") != std::string::npos);
  CHECK(r->body.find("href=\"/privatliv/klager\"") != std::string::npos);
}

TEST_CASE("the language button keeps what was typed and stores nothing") {
  TestServer s(0);
  Browser b(s.port());
  auto form = b.get("/klage");
  CHECK(form->body.find("form=\"klageformular\" name=\"sprog\" value=\"en\"") != std::string::npos);
  Fields f = complaint("", "Halvt skrevet");
  f.push_back({"sprog", "en"});
  auto r = b.post_multipart("/klage", f);
  CHECK(r->status == 200);
  CHECK(r->body.find("<html lang=\"en\">") != std::string::npos);
  CHECK(r->body.find(">Halvt skrevet</textarea>") != std::string::npos);
  CHECK(r->body.find("class=\"error-summary\"") == std::string::npos);
  CHECK(b.cookie("sprog") == "en");
  CHECK(stored_complaints(s) == 0);
}
