#include "intake/survey/demo_data.h"

#include <chrono>
#include <random>
#include <span>

#include "db/invitee_store.h"
#include "db/response_store.h"
#include "embedded_file.h"
#include "intake/dates.h"
#include "intake/survey/answers.h"
#include "intake/survey/submission.h"
#include "intake/survey/tokens.h"

namespace tilfreds::embedded {
std::span<const EmbeddedFile> surveys();
}

namespace tilfreds::intake::survey {

namespace {
// Shares of the four grades per demo year, near the committee table in DOMAIN.md.
const double kGrades[3][4] = {{0.49, 0.27, 0.15, 0.09}, {0.53, 0.28, 0.12, 0.07}, {0.52, 0.28, 0.12, 0.08}};
// Rough shares of the benefit groups among the invited (sick pay and UI benefit dominate).
const double kGroupWeights[] = {0.36, 0.23, 0.12, 0.06, 0.05, 0.05, 0.05, 0.02, 0.03, 0.03};

std::string iso_days_from_today(int days) {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day d{today + std::chrono::days(days)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

// Comments as citizens write them: praise, criticism, one with a phone number
// (masked before a secretary reads it), some to leave without a theme.
// demo_comments.cpp codes most of them in the closed waves.
const char* const kDemoComments[] = {
    "Min sagsbehandler lyttede og var venlig.",
    "Det tog tre uger at få svar på en mail.",
    "God og venlig behandling.",
    "Jeg blev ringet op til tiden, tak.",
    "Kurset var spild af tid for mig.",
    "Praktikken gav mig et job. Tusind tak!",
    "Svært at komme igennem på telefonen, ring gerne til mig på 12 34 56 78.",
    "Skiftende sagsbehandlere, jeg skal forklare alt forfra hver gang.",
    "Brevene er svære at forstå.",
    "Fint nok.",
};

std::string pick_option(const Question& q, const double* weights, std::mt19937& rng) {
  if (q.options.size() == 4) {
    std::discrete_distribution<size_t> d(weights, weights + 4);
    return q.options[d(rng)].value;
  }
  std::uniform_int_distribution<size_t> d(0, q.options.size() - 1);
  return q.options[d(rng)].value;
}

Answers random_answers(const Questionnaire& q, const double* grades, std::mt19937& rng) {
  Answers a;
  for (const auto& theme : q.themes) {
    for (const auto& question : theme.questions) {
      if (!is_visible(question, a)) continue;
      if (question.type == QuestionType::kText) {
        // One draw as before (so every other answer of the demo stays the same);
        // its higher digits pick which of the demo comments it is.
        const auto draw = rng();
        if (draw % 10 == 0) a[question.id] = kDemoComments[(draw / 10) % std::size(kDemoComments)];
        continue;
      }
      a[question.id] = pick_option(question, grades, rng);
    }
  }
  return a;
}

constexpr const char* kDemoOffers[] = {"Virksomhedspraktik", "Jobsøgningskursus", "Mentorforløb"};

// Imports `invited` demo invitees into `wave` and submits answers for `answered` of them.
void populate_wave(db::Database& db, const TokenKey& key, const db::WaveRow& wave, const Questionnaire& q, int invited,
                   int answered, const double* grades, std::mt19937& rng, const std::string& base_url) {
  std::string frame = "reference;group\n";
  std::discrete_distribution<size_t> group(std::begin(kGroupWeights), std::end(kGroupWeights));
  for (int i = 0; i < invited; ++i) {
    frame += "demo-" + wave.label + "-" + std::to_string(i + 1) + ";" + q.groups[group(rng)].id + "\n";
  }
  import_frame(db, key, wave, frame, base_url, false);
  std::string day = today_iso();
  // Through the queue where rows carry their writer (submission.h), as a citizen's
  // would, so a demo database shows what a real one holds.
  const MixPolicy policy = mix_policy_for(db);
  db.write([&](db::Connection& c) {
    for (int i = 0; i < answered; ++i) {
      auto invitee = db::find_invitee_by_reference(c, wave.id, "demo-" + wave.label + "-" + std::to_string(i + 1));
      if (!invitee) continue;
      // The frame column `tilbud` names a demo offer (demo_complaints.cpp), so the
      // quality overview has satisfaction per offer; no draw from rng, so the
      // answers stay those of earlier demos.
      const std::string offer = kDemoOffers[static_cast<std::size_t>(i) % std::size(kDemoOffers)];
      auto response = build_response(q, wave.id, invitee->group, {{"tilbud", offer}}, random_answers(q, grades, rng));
      submit_in(c, key, policy, invitee->id, response, day);
    }
    // Some of the invited were not eligible (DOMAIN.md: UI-benefit recipients
    // unemployed under three months had had no conversation yet), a few letters
    // came back: both matter for the response rate.
    std::vector<std::string> ineligible, undeliverable;
    for (int i = answered; i < invited; ++i) {
      std::string ref = "demo-" + wave.label + "-" + std::to_string(i + 1);
      if (i % 12 == 0) ineligible.push_back(ref);
      if (i % 50 == 1) undeliverable.push_back(ref);
    }
    db::mark_invitees(c, wave.id, ineligible, db::InviteeStatus::kIneligible);
    db::mark_invitees(c, wave.id, undeliverable, db::InviteeStatus::kUndeliverable);
  });
  mix_waiting(db, key, policy, wave.id, true);
}
}  // namespace

db::NewResponse random_response(const Questionnaire& q, std::int64_t wave_id, int year_index,
                                std::mt19937& rng) {
  std::discrete_distribution<size_t> group(std::begin(kGroupWeights), std::end(kGroupWeights));
  const std::string& g = q.groups[group(rng) % q.groups.size()].id;
  return build_response(q, wave_id, g, {}, random_answers(q, kGrades[year_index % 3], rng));
}

const std::string& shipped_survey(const std::string& file_name) {
  static const std::map<std::string, std::string> files = [] {
    std::map<std::string, std::string> m;
    for (const auto& f : embedded::surveys()) m[std::string(f.path)] = std::string(f.bytes);
    return m;
  }();
  auto it = files.find(file_name);
  if (it == files.end()) throw std::runtime_error("no shipped questionnaire " + file_name);
  return it->second;
}

std::string ensure_demo(db::Database& db, const TokenKey& key, const std::string& base_url) {
  int year = std::stoi(today_iso().substr(0, 4));
  std::string open_label = std::to_string(year);
  if (find_wave(db, open_label, std::string("jobcenter")).ok()) return open_label;

  auto imported = import_survey(db, shipped_survey("jobcenter.json"));
  if (!imported.ok()) throw std::runtime_error("the shipped questionnaire does not validate");
  std::mt19937 rng(20240901);
  for (int k = 0; k < 3; ++k) {
    std::string label = std::to_string(year - 2 + k);
    bool open = k == 2;
    auto wave = create_wave(db, "jobcenter", label,
                            open ? iso_days_from_today(-7) : label + "-09-01",
                            open ? iso_days_from_today(28) : label + "-09-30");
    if (!wave.ok()) throw std::runtime_error("demo wave " + label + " could not be created");
    Questionnaire q = questionnaire_for(db, *wave.value);
    populate_wave(db, key, *wave.value, q, open ? 400 : 2415, open ? 60 : (k == 0 ? 495 : 531),
                  kGrades[k], rng, base_url);
  }
  return open_label;
}

Letter new_demo_invitee(db::Database& db, const TokenKey& key, const std::string& base_url) {
  std::string label = ensure_demo(db, key, base_url);
  auto wave = find_wave(db, label, std::string("jobcenter"));
  std::string reference = "demo-try-" + new_secret().substr(0, 8);
  auto result = import_frame(db, key, *wave.value, "reference;group\n" + reference + ";sygedagpenge\n", base_url, false);
  if (result.letters.empty()) throw std::runtime_error("could not create a demo invitee");
  return result.letters.front();
}

}  // namespace tilfreds::intake::survey
