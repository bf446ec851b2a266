#include "tests/support/test_server.h"

#include <atomic>
#include <chrono>
#include <ctime>
#include <regex>
#include <stdexcept>

#include "intake/survey/demo_data.h"
#include "intake/survey/key_file.h"
#include "intake/web/url.h"

namespace tilfreds::testing {

namespace {
// Seconds added to the system clock by advance_clock(); shared, as tests run one at a time.
std::atomic<std::int64_t> clock_offset{0};
// The second freeze_clock() stopped the clock at; 0 while it runs.
std::atomic<std::int64_t> clock_frozen_at{0};
// Fixed, so a test can sign a complaint form as if fetched in the past.
const std::string kComplaintStampKey(32, 'k');
}  // namespace

intake::staff::StaffOptions test_staff_options() {
  intake::staff::StaffOptions o;
  o.password_cost = intake::staff::PasswordCost::kMinimum;
  o.clock = [] {
    const std::int64_t frozen = clock_frozen_at.load();
    return (frozen ? frozen : static_cast<std::int64_t>(std::time(nullptr))) + clock_offset.load();
  };
  return o;
}

void TestServer::advance_clock(std::int64_t seconds) { clock_offset += seconds; }

void TestServer::freeze_clock() { clock_frozen_at = static_cast<std::int64_t>(std::time(nullptr)); }

TestServer::TestServer(int invitees, WaveDates dates, intake::web::ServerOptions options,
                       intake::staff::StaffOptions staff, Attach attach) {
  clock_offset = 0;
  clock_frozen_at = 0;
  database_ = std::make_shared<TestDatabase>("test.db");
  key_path_ = database_->file("test.db.key");
  db_ = std::make_unique<db::Database>(database_->target());
  key_ = std::make_unique<intake::survey::TokenKey>(intake::survey::open_key_file(*db_, key_path_));
  if (!intake::survey::import_survey(*db_, intake::survey::shipped_survey("jobcenter.json")).ok()) {
    throw std::runtime_error("shipped questionnaire does not import");
  }
  auto wave = intake::survey::create_wave(*db_, "jobcenter", "2024", dates.opens, dates.closes);
  if (!wave.ok()) throw std::runtime_error("wave");
  wave_ = *wave.value;
  std::string frame = "reference;group;tilbud\n";
  for (int i = 0; i < invitees; ++i) {
    frame += "ref-" + std::to_string(i) + ";" + (i % 2 ? "dagpenge" : "sygedagpenge") + ";praktik\n";
  }
  letters_ = intake::survey::import_frame(*db_, *key_, wave_, frame, "http://127.0.0.1", false).letters;
  start(std::move(options), std::move(staff), attach);
}

TestServer::TestServer(SameDatabaseAs shared, intake::web::ServerOptions options, intake::staff::StaffOptions staff)
    : database_(shared.first.database_),
      key_path_(shared.first.key_path_),
      wave_(shared.first.wave_),
      letters_(shared.first.letters_) {
  db_ = std::make_unique<db::Database>(database_->target());
  key_ = std::make_unique<intake::survey::TokenKey>(intake::survey::open_key_file(*db_, key_path_));
  start(std::move(options), std::move(staff), {});
}

void TestServer::start(intake::web::ServerOptions options, intake::staff::StaffOptions staff, const Attach& attach) {
  intake::SiteOptions site;
  site.server = std::move(options);
  site.server.port = 0;
  site.staff = std::move(staff);
  site.complaint_stamp_key = kComplaintStampKey;
  // A submission is a response at once (its own mixing transaction on PostgreSQL), so
  // a test reads what it submitted; the batching itself is tested in submission_test.
  site.citizen.mix_batch = 0;
  site_ = std::make_unique<intake::Site>(*db_, *key_, std::move(site));
  if (attach) attach(*this, server().http());
  port_ = server().bind();
  if (port_ <= 0) throw std::runtime_error("could not bind a loopback port");
  thread_ = std::thread([this] { server().run(); });
  for (int i = 0; i < 500 && !server().is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

TestServer::~TestServer() {
  server().stop();
  thread_.join();
}

intake::complaints::FormStamp TestServer::complaint_stamp() {
  return intake::complaints::FormStamp(kComplaintStampKey);
}

std::string TestServer::link_path(size_t i) const {
  const std::string& url = letters_.at(i).url;
  return url.substr(url.find("/s/"));
}

httplib::Headers Browser::headers() const {
  httplib::Headers h;
  std::string c;
  for (const auto& [k, v] : cookies_) c += (c.empty() ? "" : "; ") + k + "=" + v;
  if (!c.empty()) h.emplace("Cookie", c);
  return h;
}

void Browser::remember(const httplib::Result& r) {
  if (!r) return;
  auto range = r->headers.equal_range("Set-Cookie");
  for (auto it = range.first; it != range.second; ++it) {
    const std::string& v = it->second;
    auto eq = v.find('='), semi = v.find(';');
    std::string name = v.substr(0, eq), value = v.substr(eq + 1, semi - eq - 1);
    if (value.empty() || v.find("Max-Age=0") != std::string::npos) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
  static const std::regex kCsrf("name=\"csrf\" value=\"([^\"]+)\"");
  std::smatch m;
  if (std::regex_search(r->body, m, kCsrf)) csrf_ = m[1];
}

httplib::Result Browser::get(const std::string& path) {
  auto r = client_.Get(path.c_str(), headers());
  remember(r);
  return r;
}

std::string form_encode(const std::string& s) { return intake::web::url_encode(s); }

httplib::Result Browser::post(const std::string& path,
                              const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + form_encode(k) + "=" + form_encode(v);
  return post_raw(path, body, "application/x-www-form-urlencoded");
}

httplib::Result Browser::post_raw(const std::string& path, const std::string& body,
                                  const std::string& content_type, httplib::Headers extra) {
  auto h = headers();
  for (auto& e : extra) h.insert(e);
  auto r = client_.Post(path.c_str(), h, body, content_type.c_str());
  remember(r);
  return r;
}

httplib::Result Browser::post_multipart(const std::string& path,
                                        const std::vector<std::pair<std::string, std::string>>& fields) {
  httplib::MultipartFormDataItems items;
  for (const auto& [k, v] : fields) items.push_back({k, v, "", ""});
  auto r = client_.Post(path.c_str(), headers(), items);
  remember(r);
  return r;
}

httplib::Result Browser::post_files(const std::string& path,
                                    const std::vector<std::pair<std::string, std::string>>& fields,
                                    const std::vector<File>& files) {
  httplib::MultipartFormDataItems items;
  for (const auto& [k, v] : fields) items.push_back({k, v, "", ""});
  for (const auto& f : files) items.push_back({f.name, f.content, f.filename, "text/csv"});
  auto r = client_.Post(path.c_str(), headers(), items);
  remember(r);
  return r;
}

std::optional<std::string> Browser::cookie(const std::string& name) const {
  auto it = cookies_.find(name);
  if (it == cookies_.end()) return std::nullopt;
  return it->second;
}

}  // namespace tilfreds::testing
