// The whole server — the Site exactly as `tilfreds serve` builds it: security
// headers, request limits, cookies, the citizen path, the public complaint form,
// staff login, the complaint pages, statistics, reports and the admin pages — fed
// raw request bytes. Every reply must carry the security headers and none may be a
// 500 (a bug: bad input gets a 4xx).
//
// In the input these placeholders get the fuzzer past the doors:
//   $SESSION $CSRF $TOKEN $CODE   a live citizen session, its CSRF token, a letter
//                                 token and a code;
//   $STAFF_SESSION $STAFF_CSRF, $SECRETARY_SESSION $SECRETARY_CSRF,
//   $ADMIN_SESSION $ADMIN_CSRF    a logged-in member of staff of each role and the
//                                 session's CSRF token (tf_staff cookie);
//   $LEN                          the length of the body after substitution.
// A session the input ends (logout, an admin disabling or demoting the user) is
// replaced by a fresh login of a fresh user.
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "db/database.h"
#include "fuzz/fuzz_input.h"
#include "fuzz/in_memory_http.h"
#include "intake/complaints/demo_complaints.h"
#include "intake/secret_shapes.h"
#include "intake/site.h"
#include "intake/staff/users.h"
#include "intake/survey/demo_data.h"
#include "intake/survey/fieldwork.h"
#include "intake/survey/key_file.h"
#include "intake/web/server.h"

namespace {
using namespace tilfreds;
using tilfreds::fuzz::expect;
using intake::staff::Role;

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

std::string set_cookie(const testing::RawResponse& r, const std::string& name) {
  auto range = r.headers.equal_range("Set-Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second.rfind(name + "=", 0) == 0) return after(it->second, name + "=", ';');
  }
  return "";
}

struct StaffLogin {
  Role role;
  const char* placeholder;  // e.g. "$STAFF" for $STAFF_SESSION and $STAFF_CSRF
  std::string session, csrf;
};

struct World {
  std::unique_ptr<db::Database> db;
  std::vector<intake::survey::Letter> letters;
  std::unique_ptr<intake::Site> site;
  intake::web::Server* server = nullptr;
  std::unique_ptr<intake::survey::TokenKey> key;
  size_t letter = 0;
  std::string session, csrf;
  std::array<StaffLogin, 3> staff{{{Role::kStaff, "$STAFF", "", ""},
                                   {Role::kSecretary, "$SECRETARY", "", ""},
                                   {Role::kAdmin, "$ADMIN", "", ""}}};
  int users = 0;

  World() {
    // PDF (reports, letters) is a Chromium child process, not our parsing: every
    // request that would print answers "no PDF engine" (503) instead, so an input
    // never starts a browser (or a letters job holding one) per iteration.
    setenv("TILFREDS_CHROMIUM", "/nonexistent/chromium", 1);
    // tmpfs when there is one: every page post is a durable commit.
    auto dir = std::filesystem::exists("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                   : std::filesystem::temp_directory_path();
    auto file = dir / ("tilfreds-fuzz-" + std::to_string(getpid()) + ".db");
    for (const char* suffix : {"", "-wal", "-shm", ".key"}) std::filesystem::remove(file.string() + suffix);
    db = std::make_unique<db::Database>(file.string());
    key = std::make_unique<intake::survey::TokenKey>(
        intake::survey::open_key_file(*db, intake::survey::default_key_path(file.string())));
    intake::survey::import_survey(*db, intake::survey::shipped_survey("jobcenter.json"));
    auto wave = *intake::survey::create_wave(*db, "jobcenter", "2024", std::nullopt, std::nullopt).value;
    std::string frame = "reference;group;tilbud\n";
    for (int i = 0; i < kInvitees; ++i) frame += "r" + std::to_string(i) + ";dagpenge;praktik\n";
    letters = intake::survey::import_frame(*db, *key, wave, frame, "http://x", false).letters;
    intake::complaints::ensure_demo_complaints(*db);  // complaints and offers to open and edit

    intake::SiteOptions options;  // the whole Site, as `tilfreds serve` builds it
    options.server.port = 0;
    // Cheap argon2id, and no lockout or rate limit that fuzzed logins from one
    // address would trip for the fuzzer's own logins.
    options.staff.password_cost = intake::staff::PasswordCost::kMinimum;
    options.staff.login.free_failures = 1 << 30;
    options.staff.login.per_address = 1 << 30;
    options.staff.login.per_account = 1 << 30;
    site = std::make_unique<intake::Site>(*db, *key, std::move(options));
    server = &site->server();
    server->http().set_logger([](const httplib::Request&, const httplib::Response&) {});
    new_session();
    for (auto& s : staff) log_in(s);
  }

  testing::RawResponse get(const std::string& path, const std::string& cookie) {
    return fuzz::exchange(server->http(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n");
  }

  std::string token(size_t i) const { return letters[i].url.substr(letters[i].url.find("/s/") + 3); }

  // A fresh citizen session with the next invitee who can still answer.
  void new_session() {
    for (size_t tries = 0; tries < letters.size(); ++tries) {
      letter = (letter + 1) % letters.size();
      auto r = fuzz::exchange(server->http(), "GET /s/" + token(letter) + " HTTP/1.1\r\nHost: x\r\n\r\n");
      std::string cookie = set_cookie(r, "tf_borger");
      if (cookie.empty()) continue;
      session = cookie;
      csrf = after(get("/svar", "tf_borger=" + session).body, "name=\"csrf\" value=\"", '"');
      return;
    }
  }

  // A new user of the role, logged in through the real /login form.
  void log_in(StaffLogin& s) {
    std::string name = "fuzz-" + std::to_string(++users);
    intake::staff::PasswordHasher hasher(intake::staff::PasswordCost::kMinimum);
    // A random password now and then trips libpwquality (four equal characters, a
    // run like "abcde"): draw another rather than call the server broken. A refusal
    // five times over is real and ends the run with its reasons.
    std::string password;
    intake::Result<std::int64_t> added;
    for (int tries = 0; tries < 5 && !added.ok(); ++tries) {
      password = intake::new_secret();
      added = intake::staff::add_user(*db, hasher, intake::staff::Actor::cli(), name, s.role, password);
    }
    if (!added.ok()) {
      for (const auto& p : added.problems) std::fprintf(stderr, "%s: %s\n", p.where.c_str(), p.message.c_str());
      expect(false, "the fuzzer's staff user is refused");
    }
    auto form = fuzz::exchange(server->http(), "GET /login HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string login_cookie = set_cookie(form, "tf_login");
    std::string body = "csrf=" + after(form.body, "name=\"csrf\" value=\"", '"') + "&navn=" + name +
                       "&adgangskode=" + password;
    auto r = fuzz::exchange(server->http(),
                            "POST /login HTTP/1.1\r\nHost: x\r\nCookie: tf_login=" + login_cookie +
                                "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body);
    s.session = set_cookie(r, "tf_staff");
    expect(!s.session.empty(), "the fuzzer's staff login failed");
    s.csrf = after(get("/personale", "tf_staff=" + s.session).body, "name=\"csrf\" value=\"", '"');
  }

  // After an input that may have ended a staff session: log in again where it did.
  void keep_staff_logged_in() {
    for (auto& s : staff) {
      if (get("/personale", "tf_staff=" + s.session).status != 200) log_in(s);
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
  for (const auto& s : w.staff) {
    replace_all(request, std::string(s.placeholder) + "_SESSION", s.session);
    replace_all(request, std::string(s.placeholder) + "_CSRF", s.csrf);
  }
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
  if (trace) std::fprintf(stderr, "status %d for %.70s\n", r.status, request.c_str());
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
  if (request.find("/logout") != std::string::npos || request.find("/admin/brugere") != std::string::npos) {
    w.keep_staff_logged_in();
  }
  return 0;
}
