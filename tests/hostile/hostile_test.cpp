// The hostile-input table (cases.tsv) against the real server on a loopback port:
// every row gets its documented status — never a 500 —, the security headers, and
// leaves the database exactly as it was; and no token, code or secret reaches the
// log. The file format is described at the top of cases.tsv.
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "db/connection.h"
#include "db/table_contents.h"
#include "tests/support/log_capture.h"
#include "tests/support/raw_http.h"
#include "tests/support/staff_login.h"
#include "tests/support/test_server.h"
#include "tests/support/write_lock.h"

using tilfreds::testing::Browser;
using tilfreds::testing::TestServer;

namespace {

struct Case {
  int line = 0;
  std::string name, setup, method, target, headers, body;
  int status = 0;
  std::string contains, absent;
};

// \r \n \t \0 \\ \| and \xHH; an escaped | survives splitting as \x01.
std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    if (c == 'r') out += '\r';
    else if (c == 'n') out += '\n';
    else if (c == 't') out += '\t';
    else if (c == '0') out += '\0';
    else if (c == '|') out += '\x01';
    else if (c == 'x' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else out += c;
  }
  return out;
}

// Splits on '|' and turns an escaped \| back into '|'; "-" is the empty list.
std::vector<std::string> items(const std::string& field) {
  std::vector<std::string> out;
  if (field == "-" || field.empty()) return out;
  std::string cur;
  for (char c : field + "|") {
    if (c == '|') {
      for (auto& ch : cur) ch = ch == '\x01' ? '|' : ch;
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

std::vector<Case> read_cases() {
  const char* root = std::getenv("TILFREDS_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/tests/hostile/cases.tsv");
  REQUIRE(in);
  std::vector<Case> cases;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) f.push_back(col);
    INFO("cases.tsv line " << n << ": " << line);
    REQUIRE(f.size() == 9);
    auto dash = [](const std::string& s) { return s == "-" ? std::string() : s; };
    cases.push_back({n, f[0], f[1], f[2], dash(f[3]), f[4], dash(f[5]), std::stoi(f[6]), f[7], f[8]});
  }
  return cases;
}

// What the setup keywords left behind for the placeholders.
struct Secrets {
  std::string session, csrf;
};

constexpr const char* kStaffPassword = "korrekt hest batteri";

std::string expand(std::string s, const TestServer& server, const Secrets& secrets) {
  auto token = [&](size_t i) { return server.link_path(i).substr(3); };
  const std::vector<std::pair<std::string, std::string>> fixed{
      {"{TOKEN}", token(0)},          {"{TOKEN1}", token(1)},     {"{CODE}", server.letters().at(0).code},
      {"{SESSION}", secrets.session}, {"{CSRF}", secrets.csrf}};
  for (const auto& [from, to] : fixed) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
      s.replace(p, from.size(), to);
    }
  }
  // {REPEAT:N:text} → text N times: long values without long lines in the table.
  for (size_t p = s.find("{REPEAT:"); p != std::string::npos; p = s.find("{REPEAT:")) {
    size_t colon = s.find(':', p + 8), close = s.find('}', colon);
    size_t count = std::stoul(s.substr(p + 8, colon - p - 8));
    std::string unit = s.substr(colon + 1, close - colon - 1), repeated;
    for (size_t i = 0; i < count; ++i) repeated += unit;
    s.replace(p, close - p + 1, repeated);
  }
  return s;
}

bool has_header(const std::vector<std::string>& headers, const std::string& name) {
  for (const auto& h : headers) {
    if (h.size() > name.size() && strncasecmp(h.c_str(), name.c_str(), name.size()) == 0 &&
        h[name.size()] == ':') {
      return true;
    }
  }
  return false;
}

std::string request_bytes(const Case& c, const TestServer& server, const Secrets& secrets) {
  std::string body = unescape(expand(c.body, server, secrets));
  if (c.method == "RAW") return body;
  std::vector<std::string> headers;
  for (const auto& h : items(unescape(expand(c.headers, server, secrets)))) headers.push_back(h);
  if (!has_header(headers, "Host")) headers.insert(headers.begin(), "Host: 127.0.0.1");
  headers.push_back("Connection: close");
  if (!body.empty() && !has_header(headers, "Content-Length") && !has_header(headers, "Transfer-Encoding")) {
    headers.push_back("Content-Length: " + std::to_string(body.size()));
  }
  if (!body.empty() && !has_header(headers, "Content-Type")) {
    headers.push_back("Content-Type: application/x-www-form-urlencoded");
  }
  std::string out = c.method + " " + unescape(expand(c.target, server, secrets)) + " HTTP/1.1\r\n";
  for (const auto& h : headers) out += h + "\r\n";
  return out + "\r\n" + body;
}

Secrets run_setup(const std::string& setup, TestServer& s) {
  Secrets secrets;
  for (const auto& step : items(setup)) {
    if (step == "none" || step == "db_locked") continue;
    if (step == "citizen_session") {
      // The citizen opened the letter and pressed start: on page 1 with a draft.
      Browser b(s.port());
      REQUIRE(b.get(s.link_path(0))->status == 303);
      REQUIRE(b.get("/svar")->status == 200);
      REQUIRE(b.post("/svar", {{"csrf", b.csrf()}, {"side", "0"}, {"handling", "start"}})->status == 303);
      secrets = {*b.cookie("tf_borger"), b.csrf()};
    } else if (step.rfind("staff_login:", 0) == 0) {
      // A logged-in member of staff with that role, on the staff landing page.
      std::string role_name = step.substr(std::string("staff_login:").size());
      auto role = tilfreds::intake::staff::parse_role(role_name);
      REQUIRE(role);
      tilfreds::testing::create_user(s.db(), "hostile-" + role_name, *role, kStaffPassword);
      Browser b(s.port());
      REQUIRE(tilfreds::testing::login(b, "hostile-" + role_name, kStaffPassword));
      REQUIRE(b.get("/personale")->status == 200);
      secrets = {*b.cookie("tf_staff"), b.csrf()};
    } else if (step == "code_guesses") {
      Browser guesser(s.port());
      for (int i = 0; i < 10; ++i) REQUIRE(guesser.post("/kode", {{"kode", "AAAA-AAAA"}})->status == 422);
    } else {
      FAIL("unknown setup keyword '" << step
                                       << "' (known: none, citizen_session, staff_login:ROLE, code_guesses, db_locked)");
    }
  }
  return secrets;
}

std::map<std::string, std::vector<std::string>> snapshot(TestServer& s) {
  return s.db().read([](tilfreds::db::Connection& c) { return tilfreds::db::table_contents(c); });
}

void check_security_headers(const tilfreds::testing::RawResponse& r) {
  auto csp = r.headers.find("Content-Security-Policy");
  CHECK(csp != r.headers.end());
  if (csp == r.headers.end()) return;
  CHECK(csp->second.find("frame-ancestors 'none'") != std::string::npos);
  CHECK(csp->second.find("default-src 'none'") != std::string::npos);
  CHECK(csp->second.find("script-src") == std::string::npos);
  CHECK(csp->second.find("unsafe-inline") == std::string::npos);
  auto value = [&](const char* name) {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? std::string("(missing)") : it->second;
  };
  CHECK(value("X-Content-Type-Options") == "nosniff");
  CHECK(value("Referrer-Policy") == "no-referrer");
}

}  // namespace

TEST_CASE("every hostile request gets its 4xx, the security headers, and changes nothing", "[http][hostile]") {
  auto cases = read_cases();
  REQUIRE(cases.size() >= 40);
  // The headers are checked on every status a citizen can meet; keep rows for each.
  std::set<int> statuses;
  for (const auto& c : cases) statuses.insert(c.status);
  for (int status : {200, 400, 401, 403, 404, 405, 411, 413, 414, 415, 422, 429, 503}) {
    INFO("no row expects status " << status);
    CHECK(statuses.count(status) == 1);
  }
  tilfreds::testing::LogCapture log;
  std::vector<std::string> secrets_seen;
  for (const auto& c : cases) {
    INFO("cases.tsv line " << c.line << ": " << c.name);
    TestServer s(5);  // the whole Site, as `tilfreds serve` builds it
    Secrets secrets = run_setup(c.setup, s);
    for (const auto& l : s.letters()) {
      secrets_seen.push_back(l.url.substr(l.url.find("/s/") + 3));
      secrets_seen.push_back(l.code);
      secrets_seen.push_back(l.code.substr(0, 4) + l.code.substr(5));
    }
    if (!secrets.session.empty()) secrets_seen.insert(secrets_seen.end(), {secrets.session, secrets.csrf});
    auto before = snapshot(s);
    std::string request = request_bytes(c, s, secrets);
    tilfreds::testing::RawResponse r;
    if (c.setup.find("db_locked") != std::string::npos) {
      // Another process (a backup, an admin's sqlite3 shell) holds the write lock.
      tilfreds::testing::HeldWriteLock other(s.db().path(), tilfreds::testing::HeldWriteLock::Sqlite::kExclusive);
      r = tilfreds::testing::raw_exchange(s.port(), request);
    } else {
      r = tilfreds::testing::raw_exchange(s.port(), request);
    }
    INFO("response: " << r.raw.substr(0, 600));
    CHECK(r.status == c.status);
    CHECK(r.status != 500);
    check_security_headers(r);
    for (const auto& want : items(unescape(c.contains))) CHECK(r.raw.find(want) != std::string::npos);
    for (const auto& bad : items(unescape(c.absent))) CHECK(r.raw.find(bad) == std::string::npos);
    auto after = snapshot(s);
    for (const auto& [table, rows] : before) {
      // A staff request slides its session's idle expiry forward: the one write a
      // refused staff request may make.
      if (table == "staff_session" && c.setup.find("staff_login") != std::string::npos) continue;
      INFO("table " << table);
      CHECK(after[table] == rows);
    }
  }
  std::string logged = log.text();
  CHECK(logged.find("access ") != std::string::npos);  // the log was captured at all
  // A decoded %0d%0a in a path must not start a line of its own.
  std::istringstream lines(logged);
  for (std::string line; std::getline(lines, line);) {
    INFO("log line: " << line);
    CHECK(line.rfind("access INJECTED-LINE", 0) != 0);
    CHECK(line.find('\r') == std::string::npos);
  }
  for (const auto& secret : secrets_seen) {
    INFO("a token, code or secret in the log: " << secret);
    CHECK(logged.find(secret) == std::string::npos);
  }
}

namespace {
// The GET routes and their query parameters, as the hostile table names them: the
// table is the one list (the Site's test that every route has a row makes it whole).
// Digit path segments (/klager/1) are parameters too, written "#".
std::map<std::string, std::set<std::string>> get_routes(const std::vector<Case>& cases) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& c : cases) {
    if (c.method != "GET" || c.target.find('{') != std::string::npos || c.target.rfind("/s/", 0) == 0) continue;
    std::string path = c.target.substr(0, c.target.find('?'));
    if (path.find('%') != std::string::npos || path.find("..") != std::string::npos || path.find('\\') != std::string::npos) {
      continue;  // the traversal rows: no route
    }
    std::string shape;
    size_t start = 1;
    while (start <= path.size()) {
      size_t end = std::min(path.find('/', start), path.size());
      std::string segment = path.substr(start, end - start);
      bool digits = !segment.empty() && segment.find_first_not_of("0123456789") == std::string::npos;
      shape += "/" + (digits ? std::string("#") : segment);
      start = end + 1;
    }
    auto& params = out[shape];
    size_t q = c.target.find('?');
    if (q == std::string::npos) continue;
    std::stringstream query(c.target.substr(q + 1));
    for (std::string pair; std::getline(query, pair, '&');) {
      std::string name = pair.substr(0, pair.find('='));
      if (!name.empty() && name.find('%') == std::string::npos) params.insert(name);
    }
  }
  return out;
}

std::string with_path_value(const std::string& shape, const std::string& id) {
  std::string out = shape;
  for (size_t p = out.find('#'); p != std::string::npos; p = out.find('#')) out.replace(p, 1, id);
  return out;
}
}  // namespace

// Issue 10 §2: each GET route of each role with hostile values in each parameter,
// on the real server: never a 500, never a dead server.
TEST_CASE("every GET route and parameter of every role survives hostile values", "[http][hostile]") {
  auto routes = get_routes(read_cases());
  REQUIRE(routes.size() >= 12);
  for (const char* must :
       {"/statistik/klager", "/statistik/kvalitet", "/admin/revision", "/klager", "/rapporter/hent", "/tilsyn/sag/#"}) {
    INFO(must);
    CHECK(routes.count(must) == 1);
  }
  const std::vector<std::string> values{
      "0000", "0999", "9999", "-1", "0", "99999999999999999999999", "0000H1", "0999H2", "9999H2", "-001H1",
      "2026H3", "0000-01-01", "0999-12-31", "9999-12-31", "2026-02-30", "-2026-01-01", "1e9", "0x10",
      "%FF%FE%C0", "%00", "%27%20OR%201%3D1--", "%7B%7B%3D%3C%25%20%25%3E%3D%7D%7D", "", std::string(3000, '9'),
      "a%3Db", "tilbud%3D", "%3D"};
  const std::vector<std::string> ids{"0", "1", "999999999999", "9223372036854775808", std::string(200, '9')};
  tilfreds::testing::LogCapture log;  // keeps thousands of access lines out of the test output
  int sent = 0;
  for (const char* setup :
       {"none", "staff_login:staff", "staff_login:secretary", "staff_login:admin", "staff_login:reviewer"}) {
    INFO(setup);
    TestServer s(5);  // the whole Site, as `tilfreds serve` builds it
    Secrets secrets = run_setup(setup, s);
    std::string cookie = secrets.session.empty() ? "" : "Cookie: tf_staff=" + secrets.session + "\r\n";
    auto get = [&](const std::string& target) {
      auto r = tilfreds::testing::raw_exchange(
          s.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + cookie + "Connection: close\r\n\r\n");
      ++sent;
      INFO("GET " << target.substr(0, 200));
      CHECK(r.status != 0);
      CHECK(r.status < 500);
    };
    for (const auto& [shape, params] : routes) {
      for (const auto& id : shape.find('#') == std::string::npos ? std::vector<std::string>{"1"} : ids) {
        const std::string path = with_path_value(shape, id);
        get(path);
        for (const auto& value : values) {
          std::string all;
          for (const auto& p : params) {
            get(path + "?" + p + "=" + value);
            all += (all.empty() ? "" : "&") + p + "=" + value;
          }
          if (params.size() > 1) get(path + "?" + all);
        }
        for (const auto& p : params) get(path + "?" + p + "=1&" + p + "=2");  // repeated
      }
    }
    CHECK(tilfreds::testing::raw_exchange(s.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .status == 200);
  }
  INFO("requests sent: " << sent);
  CHECK(sent > 1000);
}

// A route the Site serves without a row above escapes the hostile table; the Site
// records every registration (web::Router), so a new route object's routes must
// come with rows before this passes.
TEST_CASE("every route the Site attaches has a row in the hostile table", "[hostile][site]") {
  auto cases = read_cases();
  TestServer s(5);
  const auto& routes = s.site().routes();
  REQUIRE(routes.size() >= 20);
  for (const auto& route : routes) {
    const std::regex pattern(route.pattern);
    bool covered = false;
    for (const auto& c : cases) {
      if (c.method != route.method && !(c.method == "HEAD" && route.method == "GET")) continue;
      std::string target = expand(c.target, s, {});
      std::string path = target.substr(0, target.find('?'));
      if (std::regex_match(path, pattern) || std::regex_match(httplib::detail::decode_url(path, false), pattern)) {
        covered = true;
        break;
      }
    }
    INFO("no row in tests/hostile/cases.tsv for " << route.method << " " << route.pattern);
    CHECK(covered);
  }
}
