#include "intake/fieldwork/letters.h"

#include <nlohmann/json.hpp>

#include "db/audit_store.h"
#include "db/fieldwork_store.h"

namespace tilfreds::intake::fieldwork {

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
  if (out.letters.empty()) return out;
  db.write([&](db::Connection& c) {
    if (reminder) db::record_reminder_round(c, wave.id, today, static_cast<std::int64_t>(out.letters.size()));
    db::record_audit(c, {actor.id, actor.name, reminder ? "reminders" : "letters", "wave", std::to_string(wave.id), "",
                         nlohmann::json{{"label", wave.label}, {"letters", out.letters.size()}}.dump()});
  });
  return out;
}

}  // namespace tilfreds::intake::fieldwork
