// The public complaint form over HTTP: a citizen files a complaint without logging
// in and gets a receipt; every kind of bad or abusive post gets a 4xx with its
// message and the form back with what was entered.
#include <catch2/catch.hpp>
#include <ctime>
#include <regex>

#include "db/complaint_store.h"
#include "db/offer_store.h"
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
  auto r = b.post_multipart("/klage", complaint(std::to_string(offer), "Jeg blev ikke hørt."));
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
  auto r = b.post_multipart("/klage", complaint("", text));
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(stored_complaints(s) == 1);
}

TEST_CASE("the receipt opens nothing: there is no public lookup of a complaint") {
  TestServer s(0);
  Browser b(s.port());
  auto r = b.post_multipart("/klage", complaint("", "Klage"));
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
       "Vent et øjeblik"},
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
    auto ok = b.post_multipart("/klage", complaint("", "Klage nummer " + std::to_string(i)));
    REQUIRE(ok);
    CHECK(ok->status == 200);
  }
  auto r = b.post_multipart("/klage", complaint("", "Den sjette klage"));
  REQUIRE(r);
  CHECK(r->status == 429);
  CHECK(r->body.find(">Den sjette klage</textarea>") != std::string::npos);
  CHECK(stored_complaints(s) == 5);
}
