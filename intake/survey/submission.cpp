#include "intake/survey/submission.h"

#include <sodium.h>

#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "db/dialect.h"
#include "db/survey_store.h"
#include "intake/survey/fieldwork.h"
#include "intake/web/http.h"

namespace tilfreds::intake::survey {

namespace {
// What the queue keeps of a response, before sealing: everything store_mixed needs.
std::string payload_of(const db::NewResponse& r) {
  nlohmann::json counts = nlohmann::json::array();
  for (const auto& c : r.answer_counts) counts.push_back({c.dim, c.dim_value, c.question_id, c.answer});
  nlohmann::json dims = nlohmann::json::array();
  for (const auto& d : r.respondent_dims) dims.push_back({d.dim, d.dim_value});
  return nlohmann::json{{"group", r.group}, {"background", r.background}, {"answers", r.answers},
                        {"counts", counts}, {"dims", dims}}
      .dump();
}

db::NewResponse response_of(std::int64_t wave_id, const std::string& payload) {
  auto j = nlohmann::json::parse(payload);
  db::NewResponse r;
  r.wave_id = wave_id;
  r.group = j.at("group").get<std::string>();
  r.background = j.at("background").get<std::string>();
  r.answers = j.at("answers").get<std::string>();
  for (const auto& c : j.at("counts")) {
    r.answer_counts.push_back({c.at(0).get<std::string>(), c.at(1).get<std::string>(),
                               c.at(2).get<std::string>(), c.at(3).get<std::string>()});
  }
  for (const auto& d : j.at("dims")) r.respondent_dims.push_back({d.at(0).get<std::string>(), d.at(1).get<std::string>()});
  return r;
}

// Fisher–Yates with the OS's random source: the order of a mix is the order the
// rows are written in (and PostgreSQL keeps them in), so it must not be guessable.
template <class T>
void shuffle(std::vector<T>& v) {
  for (std::size_t i = v.size(); i > 1; --i) {
    std::swap(v[i - 1], v[randombytes_uniform(static_cast<std::uint32_t>(i))]);
  }
}

std::int64_t waiting_in(db::Database& db, std::int64_t wave_id) {
  for (const auto& [wave, n] : db.read([](db::Connection& c) { return db::waiting_per_wave(c); })) {
    if (wave == wave_id) return n;
  }
  return 0;
}

// How many of `waiting` an open wave mixes now (see submission.h).
std::int64_t to_mix(const MixPolicy& policy, std::int64_t waiting, bool whole) {
  if (whole || policy.batch == 0) return waiting;
  return waiting >= 2 * policy.batch ? waiting - policy.batch : 0;
}
}  // namespace

std::string seal_draft(const TokenKey& key, const Answers& answers) {
  const std::string sealed = key.seal(answers_json(answers));
  std::string out(sodium_base64_ENCODED_LEN(sealed.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(sealed.data()), sealed.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Answers open_draft(const TokenKey& key, const std::string& stored) {
  if (!stored.empty() && stored.front() == '{') return parse_answers(stored);  // before sealing
  std::string sealed(stored.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(sealed.data()), sealed.size(), stored.data(), stored.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  sealed.resize(length);
  auto plain = key.unseal(sealed);
  return plain ? parse_answers(*plain) : Answers{};
}

MixPolicy mix_policy_for(const db::Database& db, std::int64_t batch) {
  return {db::engine_of(db.path()) == db::Engine::kPostgresql, batch};
}

db::SubmitOutcome submit_in(db::Connection& conn, const TokenKey& key, const MixPolicy& policy,
                            std::int64_t invitee_id, const db::NewResponse& response,
                            const std::string& completed_day) {
  if (!policy.queued) return db::submit_response(conn, invitee_id, response, completed_day);
  return db::queue_submission(conn, invitee_id, response.wave_id, key.seal(payload_of(response)), completed_day);
}

db::SubmitOutcome submit(db::Database& db, const TokenKey& key, const MixPolicy& policy, std::int64_t invitee_id,
                         const db::NewResponse& response, const std::string& completed_day) {
  db::SubmitOutcome outcome{};
  db.write([&](db::Connection& c) { outcome = submit_in(c, key, policy, invitee_id, response, completed_day); });
  if (!policy.queued || outcome != db::SubmitOutcome::kStored) return outcome;
  try {
    if (to_mix(policy, waiting_in(db, response.wave_id), false) > 0) {
      mix_waiting(db, key, policy, response.wave_id, false);
    }
  } catch (const std::exception& e) {
    web::log_line(std::string("mixing the waiting submissions of wave ") + std::to_string(response.wave_id) +
                  " failed (left for the next mix): " + e.what());
  }
  return outcome;
}

std::int64_t mix_waiting(db::Database& db, const TokenKey& key, const MixPolicy& policy, std::int64_t wave_id,
                         bool whole) {
  std::int64_t mixed = 0;
  db.write_alone([&](db::Connection& c) {
    auto waiting = db::lock_waiting_submissions(c, wave_id);
    auto n = to_mix(policy, static_cast<std::int64_t>(waiting.size()), whole);
    if (n == 0) return;
    shuffle(waiting);
    waiting.resize(static_cast<std::size_t>(n));
    std::vector<db::NewResponse> responses;
    std::vector<std::int64_t> taken;
    for (const auto& w : waiting) {
      auto payload = key.unseal(w.sealed);
      if (!payload) throw db::Error("a waiting submission of wave " + std::to_string(wave_id) +
                                        " does not open with this key file",
                                    0);
      responses.push_back(response_of(wave_id, *payload));
      taken.push_back(w.id);
    }
    db::store_mixed(c, wave_id, responses, taken);
    mixed = n;
  });
  return mixed;
}

std::int64_t mix_all_waiting(db::Database& db, const TokenKey& key, const MixPolicy& policy,
                             const std::string& today) {
  std::int64_t mixed = 0;
  for (const auto& [waiting_wave, n] : db.read([](db::Connection& c) { return db::waiting_per_wave(c); })) {
    const std::int64_t wave_id = waiting_wave;  // a lambda may not capture a structured binding (C++20, clang)
    auto wave = db.read([&](db::Connection& c) { return db::find_wave(c, wave_id); });
    bool closed = wave && wave_state(*wave, today) == WaveState::kClosed;
    if (to_mix(policy, n, closed) > 0) mixed += mix_waiting(db, key, policy, wave_id, closed);
  }
  return mixed;
}

}  // namespace tilfreds::intake::survey
