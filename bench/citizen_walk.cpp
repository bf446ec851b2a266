#include "bench/citizen_walk.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "intake/survey/answers.h"

namespace tilfreds::bench {

namespace {
std::size_t bucket_of(std::uint64_t us) {
  if (us < 10000) return us;
  if (us < 1000000) return 10000 + (us - 10000) / 100;
  return std::min<std::size_t>(19900 + (us - 1000000) / 10000, 10000 + 9900 + 5900 - 1);
}

double micros_of(std::size_t bucket) {
  if (bucket < 10000) return static_cast<double>(bucket);
  if (bucket < 19900) return 10000.0 + static_cast<double>(bucket - 10000) * 100.0;
  return 1e6 + static_cast<double>(bucket - 19900) * 10000.0;
}

double quantile_of(const std::vector<std::uint64_t>& counts, double q) {
  std::uint64_t total = 0;
  for (auto c : counts) total += c;
  if (total == 0) return 0.0;
  const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(total - 1)) + 1;
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    seen += counts[i];
    if (seen >= rank) return micros_of(i);
  }
  return micros_of(counts.size() - 1);
}

std::set<std::string> split_commas(const std::string& s) {
  std::set<std::string> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    auto end = std::min(s.find(',', pos), s.size());
    if (end > pos) out.insert(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// A cookie jar for one citizen: the session cookie and whatever else is set.
class Jar {
 public:
  void take(const httplib::Response& r) {
    auto range = r.headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) {
      const std::string& v = it->second;
      auto eq = v.find('='), semi = v.find(';');
      if (eq == std::string::npos) continue;
      std::string value = v.substr(eq + 1, semi == std::string::npos ? semi : semi - eq - 1);
      if (value.empty()) {
        cookies_.erase(v.substr(0, eq));
      } else {
        cookies_[v.substr(0, eq)] = value;
      }
    }
  }
  httplib::Headers headers() const {
    std::string c;
    for (const auto& [k, v] : cookies_) c += (c.empty() ? "" : "; ") + k + "=" + v;
    return c.empty() ? httplib::Headers{} : httplib::Headers{{"Cookie", c}};
  }

 private:
  std::map<std::string, std::string> cookies_;
};

std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string body;
  for (const auto& [k, v] : fields) {
    body += body.empty() ? "" : "&";
    body += k + "=" + httplib::detail::encode_query_param(v);
  }
  return body;
}
}  // namespace

std::string hidden_value(const std::string& html, const std::string& name) {
  const std::string marker = "name=\"" + name + "\" value=\"";
  auto at = html.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  return html.substr(at, html.find('"', at) - at);
}

void Histogram::record(std::uint64_t micros) {
  buckets_[bucket_of(micros)].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t Histogram::count() const {
  std::uint64_t n = 0;
  for (const auto& b : buckets_) n += b.load(std::memory_order_relaxed);
  return n;
}

std::vector<std::uint64_t> Histogram::snapshot() const {
  std::vector<std::uint64_t> out(kBuckets);
  for (std::size_t i = 0; i < kBuckets; ++i) out[i] = buckets_[i].load(std::memory_order_relaxed);
  return out;
}

double Histogram::quantile(double q) const { return quantile_of(snapshot(), q); }

double Histogram::quantile_between(const std::vector<std::uint64_t>& before,
                                   const std::vector<std::uint64_t>& after, double q) {
  std::vector<std::uint64_t> delta(after.size());
  for (std::size_t i = 0; i < after.size(); ++i) delta[i] = after[i] - before[i];
  return quantile_of(delta, q);
}

WalkOutcome walk_citizen(httplib::Client& client, const std::string& link_path,
                         const intake::survey::Questionnaire& questionnaire, std::mt19937& rng,
                         WalkStats& stats, const std::function<void()>& pace) {
  using intake::survey::QuestionType;
  Jar jar;
  // One timed request; false (and an error counted) unless the status is `expect`
  // or `also` and, for redirects, the location is `location`.
  auto timed = [&](Histogram& h, bool post, const std::string& path, const std::string& body,
                   httplib::Result& out) {
    auto start = std::chrono::steady_clock::now();
    out = post ? client.Post(path.c_str(), jar.headers(), body, "application/x-www-form-urlencoded")
               : client.Get(path.c_str(), jar.headers());
    h.record(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                            std::chrono::steady_clock::now() - start)
                                            .count()));
    if (out) jar.take(*out);
    if (pace) pace();
  };
  auto fail = [&] {
    stats.errors.fetch_add(1, std::memory_order_relaxed);
    return WalkOutcome::kFailed;
  };
  auto is = [](const httplib::Result& r, int status, const char* location = nullptr) {
    return r && r->status == status && (!location || r->get_header_value("Location") == location);
  };

  httplib::Result r{nullptr, httplib::Error::Unknown, {}};
  timed(stats.views, false, link_path, "", r);
  if (!is(r, 303, "/svar")) return fail();
  timed(stats.views, false, "/svar", "", r);
  if (!is(r, 200)) return fail();
  const std::string csrf = hidden_value(r->body, "csrf");
  timed(stats.saves, true, "/svar", form_body({{"csrf", csrf}, {"side", "0"}, {"handling", "start"}}), r);
  if (!is(r, 303, "/svar")) return fail();

  intake::survey::Answers answers;
  const std::size_t pages = questionnaire.themes.size();
  for (std::size_t page = 1; page <= pages; ++page) {
    timed(stats.views, false, "/svar", "", r);
    if (!is(r, 200)) return fail();
    std::string shown = hidden_value(r->body, "vist");
    const bool last = page == pages;
    // A page may come back once more when an answer reveals a follow-up question.
    for (int round = 0; round < 2; ++round) {
      std::vector<std::pair<std::string, std::string>> fields{
          {"csrf", csrf}, {"side", std::to_string(page)}, {"vist", shown}};
      const auto visible = split_commas(shown);
      for (const auto& q : questionnaire.themes[page - 1].questions) {
        if (!visible.count(q.id)) continue;
        std::string value;
        if (q.type == QuestionType::kText) {
          if (rng() % 10 == 0) value = "Belastningstest: god og venlig behandling, tak.";
        } else {
          value = q.options[rng() % q.options.size()].value;
        }
        if (!value.empty()) {
          answers[q.id] = value;
          fields.emplace_back(intake::survey::field_name(q.id), value);
        }
      }
      fields.emplace_back("handling", last ? "send" : "naeste");
      timed(last ? stats.submissions : stats.saves, true, "/svar", form_body(fields), r);
      if (is(r, 200) && round == 0) {
        shown = hidden_value(r->body, "vist");  // the follow-up question is now shown
        continue;
      }
      break;
    }
    if (!is(r, 303, last ? "/tak" : "/svar")) return fail();
  }
  stats.acknowledged.fetch_add(1, std::memory_order_relaxed);
  timed(stats.views, false, "/tak", "", r);
  if (!is(r, 200)) return fail();
  return WalkOutcome::kSubmitted;
}

long resident_kib(int pid) {
  std::ifstream status(pid == 0 ? "/proc/self/status" : "/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace tilfreds::bench
