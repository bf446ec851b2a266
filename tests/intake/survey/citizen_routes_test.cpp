// The citizen's path over real HTTP: the server on a loopback port, a client that
// keeps cookies, the database checked afterwards.
#include "intake/survey/citizen_routes.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "db/connection.h"
#include "intake/web/http.h"
#include "tests/support/test_server.h"
#include "tests/support/write_lock.h"

using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;
using Fields = std::vector<std::pair<std::string, std::string>>;

namespace {

Fields page_fields(const std::string& csrf, int side, const std::string& action, Fields answers,
                   const std::string& shown = "") {
  Fields f{{"csrf", csrf}, {"side", std::to_string(side)}, {"handling", action}};
  if (!shown.empty()) f.push_back({"vist", shown});
  for (auto& a : answers) f.push_back(a);
  return f;
}

std::int64_t scalar(TestServer& s, const std::string& sql) {
  return s.db().read([&](tilfreds::db::Connection& c) {
    auto st = c.prepare(sql);
    st.step();
    return st.int64(0);
  });
}

std::string invitee_status(TestServer& s, const std::string& reference) {
  return s.db().read([&](tilfreds::db::Connection& c) {
    auto st = c.prepare("SELECT status FROM invitee WHERE reference = ?");
    st.bind_all(reference);
    st.step();
    return st.text(0);
  });
}

// Opens the letter link and starts the questionnaire: the browser is on page 1.
void open_and_start(Browser& b, TestServer& s, size_t letter = 0) {
  auto r = b.get(s.link_path(letter));
  REQUIRE(r->status == 303);
  REQUIRE(r->get_header_value("Location") == "/svar");
  REQUIRE(b.get("/svar")->status == 200);
  REQUIRE(b.post("/svar", page_fields(b.csrf(), 0, "start", {}))->status == 303);
}

const Fields kPage1{{"q_tro_paa_arbejde", "i_hoej_grad"}, {"q_samarbejde", "i_nogen_grad"}};
const Fields kPage2{{"q_samtaletype", "telefon"},
                    {"q_samtale_mening", "i_hoej_grad"},
                    {"q_samtale_hjulpet", "slet_ikke"},
                    {"q_opfoelgning", "i_mindre_grad"}};
const Fields kPage3{{"q_plan_forstaaet", "i_hoej_grad"}, {"q_plan_inddraget", "i_hoej_grad"}};

}  // namespace

TEST_CASE("a citizen answers page by page, submits, and the answer is stored anonymously", "[http]") {
  TestServer s;
  Browser b(s.port());
  open_and_start(b, s);
  CHECK(invitee_status(s, "ref-0") == "opened");

  auto page1 = b.get("/svar");
  CHECK(page1->body.find("Værdighed") != std::string::npos);
  CHECK(page1->body.find("Side 1 af 5") != std::string::npos);

  // A required answer missing: the page comes back with the error, nothing lost.
  auto missing = b.post("/svar", page_fields(b.csrf(), 1, "naeste", {{"q_tro_paa_arbejde", "i_hoej_grad"}}));
  CHECK(missing->status == 422);
  CHECK(missing->body.find("Vælg et svar.") != std::string::npos);
  CHECK(missing->body.find("value=\"i_hoej_grad\" checked") != std::string::npos);

  REQUIRE(b.post("/svar", page_fields(b.csrf(), 1, "naeste", kPage1))->status == 303);
  CHECK(invitee_status(s, "ref-0") == "partial");
  REQUIRE(b.post("/svar", page_fields(b.csrf(), 2, "naeste", kPage2))->status == 303);
  REQUIRE(b.post("/svar", page_fields(b.csrf(), 3, "naeste", kPage3))->status == 303);

  // "Ja" reveals the follow-up question on the same page instead of moving on.
  auto revealed = b.post("/svar", page_fields(b.csrf(), 4, "naeste", {{"q_indsats_deltaget", "ja"}},
                                              "indsats_deltaget"));
  CHECK(revealed->status == 200);
  CHECK(revealed->body.find("name=\"q_indsats_meningsfuld\"") != std::string::npos);
  REQUIRE(b.post("/svar", page_fields(b.csrf(), 4, "naeste",
                                      {{"q_indsats_deltaget", "ja"}, {"q_indsats_meningsfuld", "i_nogen_grad"}},
                                      "indsats_deltaget,indsats_meningsfuld"))
              ->status == 303);
  auto last = b.get("/svar");
  CHECK(last->body.find("Send svar") != std::string::npos);
  auto sent = b.post("/svar", page_fields(b.csrf(), 5, "send",
                                          {{"q_tilfreds_alt_i_alt", "i_hoej_grad"}, {"q_kommentar", "Fin service"}}));
  REQUIRE(sent->status == 303);
  CHECK(sent->get_header_value("Location") == "/tak");
  CHECK(b.get("/tak")->body.find("Tak for dine svar") != std::string::npos);

  CHECK(invitee_status(s, "ref-0") == "completed");
  CHECK(scalar(s, "SELECT count(*) FROM response") == 1);
  CHECK(scalar(s, "SELECT count(*) FROM draft") == 0);
  CHECK(scalar(s, "SELECT count(*) FROM citizen_session") == 0);
  CHECK(scalar(s, "SELECT n FROM answer_count WHERE dim = 'all' AND question_id = 'tilfreds_alt_i_alt'"
                  " AND answer = 'i_hoej_grad'") == 1);
  CHECK(scalar(s, "SELECT n FROM answer_count WHERE dim = 'group' AND dim_value = 'sygedagpenge'"
                  " AND question_id = 'indsats_meningsfuld' AND answer = 'i_nogen_grad'") == 1);
  CHECK(scalar(s, "SELECT n FROM answer_count WHERE dim = 'tilbud' AND dim_value = 'praktik'"
                  " AND question_id = 'samtale_hjulpet' AND answer = 'slet_ikke'") == 1);
  // Free text is kept in the response for the edited comments, never counted.
  CHECK(scalar(s, "SELECT count(*) FROM answer_count WHERE question_id = 'kommentar'") == 0);
  CHECK(scalar(s, "SELECT n FROM respondent_count WHERE dim = 'all'") == 1);

  // The link afterwards: "already answered", and no second response.
  Browser again(s.port());
  auto revisit = again.get(s.link_path(0));
  CHECK(revisit->status == 200);
  CHECK(revisit->body.find("Du har allerede svaret") != std::string::npos);
  CHECK(scalar(s, "SELECT count(*) FROM response") == 1);
}

TEST_CASE("the same link resumes on another device where the citizen left off", "[http]") {
  TestServer s;
  Browser phone(s.port());
  open_and_start(phone, s);
  REQUIRE(phone.post("/svar", page_fields(phone.csrf(), 1, "naeste", kPage1))->status == 303);
  // The draft is kept sealed (submission.h, seal_draft): no answer in clear beside the invitee id.
  auto stored = s.db().read([](tilfreds::db::Connection& c) {
    auto st = c.prepare("SELECT answers FROM draft");
    REQUIRE(st.step());
    return st.text(0);
  });
  CHECK(stored.find("i_hoej_grad") == std::string::npos);
  CHECK(stored.find("i_nogen_grad") == std::string::npos);

  Browser laptop(s.port());
  REQUIRE(laptop.get(s.link_path(0))->status == 303);
  auto resumed = laptop.get("/svar");
  CHECK(resumed->body.find("Side 2 af 5") != std::string::npos);
  // Back to page 1: the answers given on the phone are there.
  REQUIRE(laptop.post("/svar", page_fields(laptop.csrf(), 2, "tilbage", {}))->status == 303);
  auto page1 = laptop.get("/svar");
  CHECK(page1->body.find("value=\"i_hoej_grad\" checked") != std::string::npos);
  CHECK(page1->body.find("value=\"i_nogen_grad\" checked") != std::string::npos);
}

TEST_CASE("bad answers get a clear message and lose nothing", "[http]") {
  TestServer s;
  Browser b(s.port());
  open_and_start(b, s);
  REQUIRE(b.post("/svar", page_fields(b.csrf(), 1, "naeste", kPage1))->status == 303);
  auto drafts_before = scalar(s, "SELECT length(answers) FROM draft");

  SECTION("an answer outside the scale") {
    auto r = b.post("/svar", page_fields(b.csrf(), 2, "naeste",
                                         {{"q_samtaletype", "telefon"}, {"q_samtale_mening", "maaske"}}));
    CHECK(r->status == 422);
    CHECK(r->body.find("Svaret findes ikke på listen") != std::string::npos);
    CHECK(r->body.find("value=\"telefon\" checked") != std::string::npos);
  }
  SECTION("a forged question id") {
    auto r = b.post("/svar", page_fields(b.csrf(), 2, "naeste", {{"q_hacked", "1"}}));
    CHECK(r->status == 400);
    CHECK(r->body.find("hører til spørgeskemaet") != std::string::npos);
  }
  SECTION("a question of another page") {
    auto r = b.post("/svar", page_fields(b.csrf(), 2, "naeste", {{"q_tilfreds_alt_i_alt", "slet_ikke"}}));
    CHECK(r->status == 400);
  }
  SECTION("a duplicated field") {
    auto r = b.post("/svar", page_fields(b.csrf(), 2, "naeste",
                                         {{"q_samtaletype", "telefon"}, {"q_samtaletype", "begge"}}));
    CHECK(r->status == 400);
    CHECK(r->body.find("sendt to gange") != std::string::npos);
  }
  SECTION("a missing CSRF token") {
    auto r = b.post("/svar", {{"side", "2"}, {"handling", "naeste"}, {"q_samtaletype", "telefon"}});
    CHECK(r->status == 403);
    CHECK(r->body.find("Dine tidligere svar er gemt") != std::string::npos);
  }
  SECTION("a wrong CSRF token") {
    auto r = b.post("/svar", page_fields("forged", 2, "naeste", {{"q_samtaletype", "telefon"}}));
    CHECK(r->status == 403);
  }
  SECTION("a page number out of range or an unknown action") {
    CHECK(b.post("/svar", page_fields(b.csrf(), 99, "naeste", {}))->status == 400);
    CHECK(b.post("/svar", page_fields(b.csrf(), 2, "slet", {}))->status == 400);
  }
  SECTION("a body that is not UTF-8") {
    auto r = b.post_raw("/svar", "csrf=" + b.csrf() + "&side=2&handling=naeste&q_samtaletype=%FF%FE",
                        "application/x-www-form-urlencoded");
    CHECK(r->status == 400);
  }
  SECTION("an oversize body") {
    auto r = b.post_raw("/svar", "csrf=" + b.csrf() + "&x=" + std::string(300 * 1024, 'a'),
                        "application/x-www-form-urlencoded");
    CHECK(r->status == 413);
  }
  SECTION("a compressed or chunked body is refused before it is read") {
    auto gz = b.post_raw("/svar", "x", "application/x-www-form-urlencoded", {{"Content-Encoding", "gzip"}});
    CHECK(gz->status == 415);
  }
  SECTION("no session cookie") {
    Browser stranger(s.port());
    auto r = stranger.post("/svar", page_fields(b.csrf(), 2, "naeste", kPage2));
    CHECK(r->status == 401);
  }
  // In every case the answers saved before are still there, unchanged.
  CHECK(scalar(s, "SELECT length(answers) FROM draft") == drafts_before);
  CHECK(scalar(s, "SELECT count(*) FROM response") == 0);
  CHECK(b.get("/svar")->body.find("Side 2 af 5") != std::string::npos);
}

TEST_CASE("unknown and malformed tokens get the same 404 page", "[http]") {
  TestServer s;
  Browser b(s.port());
  auto malformed = b.get("/s/nonsense");
  auto unknown = b.get("/s/AAAAAAAAAAAAAAAAAAAAAA");
  CHECK(malformed->status == 404);
  CHECK(unknown->status == 404);
  CHECK(malformed->body == unknown->body);
  CHECK(unknown->body.find("Siden findes ikke") != std::string::npos);
}

TEST_CASE("a code from a paper letter opens the questionnaire and guessing is rate-limited", "[http]") {
  TestServer s;
  Browser b(s.port());
  CHECK(b.get("/kode")->status == 200);
  std::string code = s.letters().at(1).code;
  std::string typed = code.substr(0, 4) + " " + code.substr(5);  // typed with a space, lower case
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ok = b.post("/kode", {{"kode", typed}});
  CHECK(ok->status == 303);
  CHECK(b.get("/svar")->status == 200);
  CHECK(invitee_status(s, "ref-1") == "opened");

  Browser guesser(s.port());
  for (int i = 0; i < 10; ++i) CHECK(guesser.post("/kode", {{"kode", "AAAA-AAAA"}})->status == 422);
  auto limited = guesser.post("/kode", {{"kode", s.letters().at(2).code}});
  CHECK(limited->status == 429);
  CHECK(limited->body.find("for mange koder") != std::string::npos);
}

TEST_CASE("a closed or not yet open wave shows a clear page", "[http]") {
  SECTION("closed") {
    TestServer s(1, {std::string("2020-09-01"), std::string("2020-09-30")});
    Browser b(s.port());
    auto r = b.get(s.link_path(0));
    CHECK(r->status == 410);
    CHECK(r->body.find("Undersøgelsen er lukket") != std::string::npos);
  }
  SECTION("not yet open") {
    TestServer s(1, {std::string("2999-09-01"), std::nullopt});
    Browser b(s.port());
    auto r = b.get(s.link_path(0));
    CHECK(r->status == 403);
    CHECK(r->body.find("2999-09-01") != std::string::npos);
  }
}

TEST_CASE("English is available where the questionnaire has English texts", "[http]") {
  TestServer s;
  Browser b(s.port());
  open_and_start(b, s);
  auto en = b.get("/svar?lang=en");
  CHECK(en->body.find("<html lang=\"en\">") != std::string::npos);
  CHECK(en->body.find("Dignity") != std::string::npos);
  CHECK(en->body.find("To a high degree") != std::string::npos);
  // Remembered for the next page.
  CHECK(b.get("/svar")->body.find("Dignity") != std::string::npos);
  CHECK(b.get("/svar?lang=da")->body.find("Værdighed") != std::string::npos);
}

TEST_CASE("a forwarded address counts only when the server is told a proxy sets it", "[http]") {
  httplib::Request req;
  req.remote_addr = "127.0.0.1";
  req.headers.emplace("X-Forwarded-For", "203.0.113.7");
  CHECK(tilfreds::intake::web::client_address(req, false) == "127.0.0.1");
  CHECK(tilfreds::intake::web::client_address(req, true) == "203.0.113.7");
  req.remote_addr = "198.51.100.2";  // not our proxy: the header is the client's own claim
  CHECK(tilfreds::intake::web::client_address(req, true) == "198.51.100.2");
}

TEST_CASE("a locked database gives 'try again shortly' with the answers kept, then works", "[http]") {
  TestServer s;
  Browser b(s.port());
  open_and_start(b, s);
  {
    // Another process (a backup tool, an admin's sqlite3 shell) holds the write lock
    // longer than the busy timeout (PostgreSQL: the lock timeout).
    tilfreds::testing::HeldWriteLock other(s.db().path(), tilfreds::testing::HeldWriteLock::Sqlite::kExclusive);
    auto r = b.post("/svar", page_fields(b.csrf(), 1, "naeste", kPage1));
    CHECK(r->status == 503);
    CHECK(r->get_header_value("Retry-After") == "5");
    CHECK(r->body.find("Prøv igen om lidt") != std::string::npos);
    // What the citizen entered comes back checked, ready to send again.
    CHECK(r->body.find("value=\"i_hoej_grad\" checked") != std::string::npos);
    CHECK(r->body.find("value=\"i_nogen_grad\" checked") != std::string::npos);
  }
  auto again = b.post("/svar", page_fields(b.csrf(), 1, "naeste", kPage1));
  CHECK(again->status == 303);
  CHECK(invitee_status(s, "ref-0") == "partial");
}

TEST_CASE("the final page sent twice at once from two sessions of one link stores one response", "[http]") {
  TestServer s(5);
  for (size_t letter = 0; letter < 5; ++letter) {
    INFO("letter " << letter);
    // Two devices opened the same letter; both are on the last page.
    Browser first(s.port()), second(s.port());
    open_and_start(first, s, letter);
    REQUIRE(first.post("/svar", page_fields(first.csrf(), 1, "naeste", kPage1))->status == 303);
    REQUIRE(first.post("/svar", page_fields(first.csrf(), 2, "naeste", kPage2))->status == 303);
    REQUIRE(first.post("/svar", page_fields(first.csrf(), 3, "naeste", kPage3))->status == 303);
    REQUIRE(first.post("/svar", page_fields(first.csrf(), 4, "naeste", {{"q_indsats_deltaget", "nej"}},
                                            "indsats_deltaget"))
                ->status == 303);
    REQUIRE(second.get(s.link_path(letter))->status == 303);
    REQUIRE(second.get("/svar")->body.find("Send svar") != std::string::npos);
    REQUIRE(first.get("/svar")->status == 200);
    const Fields last{{"q_tilfreds_alt_i_alt", "i_hoej_grad"}};

    // The write lock held elsewhere keeps both submissions waiting in the writer's queue
    // after both have read the invitee as not yet completed: the race, every time.
    tilfreds::testing::HeldWriteLock other(s.db().path());
    std::optional<httplib::Result> ra, rb;
    std::thread ta([&] { ra.emplace(first.post("/svar", page_fields(first.csrf(), 5, "send", last))); });
    std::thread tb([&] { rb.emplace(second.post("/svar", page_fields(second.csrf(), 5, "send", last))); });
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // under the 3 s busy timeout
    other.release();
    ta.join();
    tb.join();
    REQUIRE((ra && *ra && rb && *rb));
    auto& a = *ra;
    auto& b = *rb;
    bool a_stored = a->status == 303 && a->get_header_value("Location") == "/tak";
    bool b_stored = b->status == 303 && b->get_header_value("Location") == "/tak";
    CHECK(a_stored != b_stored);
    const auto& loser = a_stored ? b : a;
    CHECK(loser->status == 200);
    CHECK(loser->body.find("Du har allerede svaret") != std::string::npos);
    CHECK(scalar(s, "SELECT count(*) FROM response") == static_cast<std::int64_t>(letter + 1));
    CHECK(scalar(s, "SELECT n FROM respondent_count WHERE dim = 'all'") ==
          static_cast<std::int64_t>(letter + 1));
  }
}

// ---- issue 12: the language switch keeps what was entered; the revealing "Ja" is kept;
// the back button after sending says "sent".

namespace {
// Letter 0 opened, started, and pages 1-3 answered: the browser is on page 4 (Tilbud).
void open_to_page4(Browser& b, TestServer& s) {
  open_and_start(b, s);
  for (auto [side, answers] : {std::pair{1, kPage1}, std::pair{2, kPage2}, std::pair{3, kPage3}}) {
    REQUIRE(b.post("/svar", page_fields(b.csrf(), side, "naeste", answers))->status == 303);
  }
}
}  // namespace

TEST_CASE("the language button saves the page's answers unchecked, stays on the page and is remembered",
          "[http]") {
  TestServer s;
  Browser b(s.port());
  open_and_start(b, s);
  auto page = b.get("/svar");
  CHECK(page->body.find("form=\"svar\" name=\"handling\" value=\"sprog-en\"") != std::string::npos);
  // One of two required answers: no error, the answer kept, the page in English.
  auto r = b.post("/svar", page_fields(b.csrf(), 1, "sprog-en", {{"q_tro_paa_arbejde", "i_hoej_grad"}}));
  REQUIRE(r->status == 303);
  CHECK(b.cookie("sprog") == "en");
  auto en = b.get("/svar");
  CHECK(en->body.find("<html lang=\"en\">") != std::string::npos);
  CHECK(en->body.find("Page 1 of 5") != std::string::npos);
  CHECK(en->body.find("value=\"i_hoej_grad\" checked") != std::string::npos);
  CHECK(b.post("/svar", page_fields(b.csrf(), 1, "sprog-xx", {}))->status == 400);
}

TEST_CASE("the answer that reveals a follow-up question is saved at once", "[http]") {
  TestServer s;
  Browser b(s.port());
  open_to_page4(b, s);
  REQUIRE(b.post("/svar", page_fields(b.csrf(), 4, "naeste", {{"q_indsats_deltaget", "ja"}}, "indsats_deltaget"))
              ->status == 200);
  Browser later(s.port());  // another day, from the letter's link
  REQUIRE(later.get(s.link_path(0))->status == 303);
  auto back = later.get("/svar");
  CHECK(back->body.find("Side 4 af 5") != std::string::npos);
  CHECK(back->body.find("value=\"ja\" checked") != std::string::npos);
  CHECK(back->body.find("name=\"q_indsats_meningsfuld\"") != std::string::npos);
}

TEST_CASE("after sending, the back button shows \"sent\", not a session that expired", "[http]") {
  TestServer s;
  Browser b(s.port());
  open_to_page4(b, s);
  REQUIRE(b.post("/svar", page_fields(b.csrf(), 4, "naeste", {{"q_indsats_deltaget", "nej"}}, "indsats_deltaget"))
              ->status == 303);
  REQUIRE(b.post("/svar", page_fields(b.csrf(), 5, "send", {{"q_tilfreds_alt_i_alt", "i_hoej_grad"}}))->status == 303);
  auto back = b.get("/svar");
  CHECK(back->status == 200);
  CHECK(back->body.find("Tak, dine svar er sendt") != std::string::npos);
  CHECK(back->body.find("udløbet") == std::string::npos);
  Browser stranger(s.port());
  CHECK(stranger.get("/svar")->body.find("udløbet") != std::string::npos);
}
