#include "intake/fieldwork/letters.h"

#include <nlohmann/json.hpp>

#include "db/audit_store.h"
#include "db/fieldwork_store.h"

namespace tilfreds::intake::fieldwork {

SecretOpener sealed_secret_opener(db::Database& db, const survey::TokenKey& key, std::string base_url) {
  return [&db, &key, base_url = std::move(base_url)](std::int64_t invitee_id,
                                                   const std::string& reference) -> std::optional<survey::Letter> {
    auto plain = survey::unseal_invitee_secrets(db, key, invitee_id);
    if (!plain) return std::nullopt;
    return survey::Letter{reference, survey::letter_url(base_url, plain->token), plain->code};
  };
}

LetterSet make_letters(db::Database& db, const staff::Actor& actor, const db::WaveRow& wave, bool reminder,
                       const SecretOpener& open, const std::string& today) {
  auto recipients = db.read([&](db::Connection& c) { return db::letter_recipients(c, wave.id, reminder); });
  LetterSet out;
  for (const auto& r : recipients) {
    auto letter = open ? open(r.invitee_id, r.reference) : std::nullopt;
    if (letter) {
      out.letters.push_back(std::move(*letter));
    } else {
      out.unopened.push_back(r.reference);
    }
  }
  // A partial set is handed out nowhere, so it is not recorded either.
  if (out.letters.empty() || !out.unopened.empty()) return out;
  db.write([&](db::Connection& c) {
    if (reminder) db::record_reminder_round(c, wave.id, today, static_cast<std::int64_t>(out.letters.size()));
    db::record_audit(c, {actor.id, actor.name, reminder ? "reminders" : "letters", "wave", std::to_string(wave.id), "",
                         nlohmann::json{{"label", wave.label}, {"letters", out.letters.size()}}.dump()});
  });
  return out;
}

}  // namespace tilfreds::intake::fieldwork
