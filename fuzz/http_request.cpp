// The whole citizen-facing server — security headers, request limits, cookies, the
// code form, the questionnaire pages, submission — fed raw request bytes. Every
// reply must carry the security headers and none may be a 500 (a bug: bad input
// gets a 4xx). In the input, $SESSION, $CSRF, $TOKEN and $CODE stand for a live
// session cookie, its CSRF token, a letter token and a code, so the fuzzer gets
// past the door; $LEN for the length of the body after substitution.
#include <unistd.h>

#include <filesystem>

#include "db/database.h"
#include "fuzz/fuzz_input.h"
#include "fuzz/in_memory_http.h"
#include "intake/site.h"
#include "intake/survey/demo_data.h"
#include "intake/survey/fieldwork.h"
#include "intake/web/server.h"

namespace {
using namespace tilfreds;
using tilfreds::fuzz::expect;

constexpr int kInvitees = 500;

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

std::string after(const std::string& s, const std::string& marker, char end) {
  size_t p = s.find(marker);
  if (p == std::string::npos) return "";
  p += marker.size();
  return s.substr(p, s.find(end, p) - p);
}

struct World {
  std::unique_ptr<db::Database> db;
  std::vector<intake::survey::Letter> letters;
  std::unique_ptr<intake::Site> site;
  intake::web::Server* server = nullptr;
  size_t letter = 0;
  std::string session, csrf;

  World() {
    // tmpfs when there is one: every page post is a durable commit.
    auto dir = std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                   : std::filesystem::temp_directory_path();
    auto file = dir / ("tilfreds-fuzz-" + std::to_string(getpid()) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
    db = std::make_unique<db::Database>(file.string());
    intake::survey::import_survey(*db, intake::survey::shipped_survey("jobcenter.json"));
    auto wave = *intake::survey::create_wave(*db, "jobcenter", "2024", std::nullopt, std::nullopt).value;
    std::string frame = "reference;group;tilbud\n";
    for (int i = 0; i < kInvitees; ++i) frame += "r" + std::to_string(i) + ";dagpenge;praktik\n";
    letters = intake::survey::import_frame(*db, wave, frame, "http://x", false).letters;
    intake::SiteOptions options;  // the whole Site, as `tilfreds serve` builds it
    options.server.port = 0;
    site = std::make_unique<intake::Site>(*db, std::move(options));
    server = &site->server();
    server->http().set_logger([](const httplib::Request&, const httplib::Response&) {});
    new_session();
  }

  std::string token(size_t i) const { return letters[i].url.substr(letters[i].url.find("/s/") + 3); }

  // A fresh session with the next invitee who can still answer.
  void new_session() {
    for (size_t tries = 0; tries < letters.size(); ++tries) {
      letter = (letter + 1) % letters.size();
      auto r = fuzz::exchange(server->http(), "GET /s/" + token(letter) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      std::string cookie = after(r.headers.count("Set-Cookie") ? r.headers.find("Set-Cookie")->second : "",
                                 "tf_borger=", ';');
      if (cookie.empty()) continue;
      session = cookie;
      auto page = fuzz::exchange(server->http(),
                                 "GET /svar HTTP/1.1\r\nHost: x\r\nCookie: tf_borger=" + session + "\r\n\r\n");
      csrf = after(page.body, "name=\"csrf\" value=\"", '"');
      return;
    }
  }
};

std::string& database_file() {
  static std::string file;
  return file;
}

World& world() {
  static World* w = [] {
    auto* created = new World;
    database_file() = created->db->path();
    // The database lives only as long as the run.
    std::atexit([] {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(database_file() + suffix);
    });
    return created;
  }();
  return *w;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  World& w = world();
  std::string request = fuzz::as_string(data, size);
  replace_all(request, "$SESSION", w.session);
  replace_all(request, "$CSRF", w.csrf);
  replace_all(request, "$TOKEN", w.token(w.letter));
  replace_all(request, "$CODE", w.letters[w.letter].code);
  size_t head_end = request.find("\r\n\r\n");
  if (head_end != std::string::npos) {
    replace_all(request, "$LEN", std::to_string(request.size() - head_end - 4));
  }
  auto r = fuzz::exchange(w.server->http(), request);
  // To see what the seeds reach (e.g. past the session check): TILFREDS_FUZZ_TRACE=1.
  static const bool trace = std::getenv("TILFREDS_FUZZ_TRACE") != nullptr;
  if (trace) std::fprintf(stderr, "status %d for %.60s\n", r.status, request.c_str());
  if (r.status == 0) return 0;  // the library dropped a request it could not parse
  expect(r.status != 500, "a 500 for bad input");
  expect(r.headers.count("Content-Security-Policy") == 1, "no Content-Security-Policy");
  expect(r.headers.count("X-Content-Type-Options") == 1, "no X-Content-Type-Options");
  expect(r.headers.count("Referrer-Policy") == 1, "no Referrer-Policy");
  // Submitted (the cookie is cleared): carry on with another invitee.
  auto cleared = r.headers.equal_range("Set-Cookie");
  for (auto it = cleared.first; it != cleared.second; ++it) {
    if (it->second.rfind("tf_borger=;", 0) == 0) w.new_session();
  }
  return 0;
}
