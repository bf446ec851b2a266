// The real server on an ephemeral loopback port over a fresh database with the
// shipped questionnaire, one wave and a few invitees whose letters (links and codes)
// the test can use; and a tiny cookie-keeping client that does not follow redirects.
// The database is a SQLite file, or with TILFREDS_TEST_DB=postgresql://… a PostgreSQL
// database of the server's own (test_database.h), created here and dropped after.
#pragma once

#include <httplib.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "db/database.h"
#include "intake/complaints/public_form.h"
#include "intake/site.h"
#include "intake/survey/fieldwork.h"
#include "intake/staff/access.h"
#include "intake/web/render.h"
#include "intake/web/server.h"
#include "tests/support/test_database.h"

namespace tilfreds::testing {

struct WaveDates {
  std::optional<std::string> opens;
  std::optional<std::string> closes;
};

// Staff options for tests: cheap argon2id (the production cost is tested apart)
// and a clock the test can move (TestServer::advance_clock).
intake::staff::StaffOptions test_staff_options();

// The whole Site (intake/site.h) — every route `tilfreds serve` has — over that database.
class TestServer {
 public:
  // Routes of a feature not yet in the Site, attached before the server starts; they
  // get the server's StaffAccess through TestServer::staff(). Move them into the Site.
  using Attach = std::function<void(TestServer&, httplib::Server&)>;

  explicit TestServer(int invitees = 5, WaveDates dates = {}, intake::web::ServerOptions options = {},
                      intake::staff::StaffOptions staff = test_staff_options(), Attach attach = {});
  // A second server on `first`'s database, as two `tilfreds serve` behind one proxy:
  // its own process state (pools, writer, Site), the same database, key file, wave
  // and letters. The database goes when the last of the servers does.
  struct SameDatabaseAs {
    TestServer& first;
  };
  explicit TestServer(SameDatabaseAs shared, intake::web::ServerOptions options = {},
                      intake::staff::StaffOptions staff = test_staff_options());
  ~TestServer();

  int port() const { return port_; }
  db::Database& db() { return *db_; }
  // True when the run is on PostgreSQL (TILFREDS_TEST_DB).
  bool postgresql() const { return database_->postgresql(); }
  // The database's token key (its key file lies in the test's folder, test.db.key).
  const intake::survey::TokenKey& key() const { return *key_; }
  // Its file: what --key-file is given (a PostgreSQL database has no folder to hold it).
  const std::string& key_path() const { return key_path_; }
  const db::WaveRow& wave() const { return wave_; }
  const std::vector<intake::survey::Letter>& letters() const { return letters_; }
  intake::web::Server& server() { return site_->server(); }
  intake::Site& site() { return *site_; }
  // The path part of letter i's URL: /s/TOKEN.
  std::string link_path(size_t i) const;
  // The stamp signer of the public complaint form (a fixed key, so tests can sign
  // a form fetched in the past); its minimum fill time is 5 seconds.
  static intake::complaints::FormStamp complaint_stamp();
  intake::staff::StaffAccess& staff() { return site_->staff(); }
  const intake::web::Renderer& renderer() const { return site_->renderer(); }
  // Moves the staff clock forward (session expiry, lockout), when the staff
  // options came from test_staff_options().
  void advance_clock(std::int64_t seconds);
  // Stops the staff clock at this second (advance_clock still moves it): for a test
  // whose outcome must not depend on how many seconds its requests take (a
  // sanitizer build is many times slower).
  void freeze_clock();

 private:
  void start(intake::web::ServerOptions options, intake::staff::StaffOptions staff, const Attach& attach);

  std::shared_ptr<TestDatabase> database_;
  std::string key_path_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<intake::survey::TokenKey> key_;
  db::WaveRow wave_;
  std::vector<intake::survey::Letter> letters_;
  std::unique_ptr<intake::Site> site_;
  std::thread thread_;
  int port_ = 0;
};

// A browser-like client: keeps cookies, sends forms, never follows redirects.
class Browser {
 public:
  explicit Browser(int port) : client_("127.0.0.1", port) { client_.set_read_timeout(10, 0); }

  httplib::Result get(const std::string& path);
  // Posts fields urlencoded, in order (names may repeat).
  httplib::Result post(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields);
  // Posts fields as multipart/form-data, as the complaint forms do.
  httplib::Result post_multipart(const std::string& path,
                                 const std::vector<std::pair<std::string, std::string>>& fields);
  // Posts fields and files (name, file name, content) as multipart/form-data, as
  // an upload form does.
  struct File {
    std::string name, filename, content;
  };
  httplib::Result post_files(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields,
                             const std::vector<File>& files);
  httplib::Result post_raw(const std::string& path, const std::string& body, const std::string& content_type,
                           httplib::Headers extra = {});
  // The CSRF token in the last page fetched.
  std::string csrf() const { return csrf_; }
  std::optional<std::string> cookie(const std::string& name) const;
  // Plants a cookie, as another site or an earlier visitor might have.
  void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  httplib::Client& client() { return client_; }

 private:
  httplib::Headers headers() const;
  void remember(const httplib::Result& r);

  httplib::Client client_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

// URL-encodes one form value.
std::string form_encode(const std::string& s);

}  // namespace tilfreds::testing
