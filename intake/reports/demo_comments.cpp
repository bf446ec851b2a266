#include "intake/reports/demo_comments.h"

#include <set>

#include "intake/dates.h"
#include "intake/reports/comment_coding.h"
#include "intake/survey/fieldwork.h"

namespace tilfreds::intake::reports {

namespace {
struct DemoCode {
  const char* text;   // a comment of intake/survey/demo_data.cpp (masked, as the page sees it)
  const char* theme;  // "" : left without a theme
  const char* tone;
  const char* quote;  // "" : not quoted; else the quote's wording (the text itself, or an edit)
};

const DemoCode kCodes[] = {
    {"Min sagsbehandler lyttede og var venlig.", "Sagsbehandleren", "ros", "Min sagsbehandler lyttede og var venlig."},
    {"Det tog tre uger at få svar på en mail.", "Kontakt og ventetid", "ris", "Det tog tre uger at få svar på en mail."},
    {"God og venlig behandling.", "Sagsbehandleren", "ros", ""},
    {"Jeg blev ringet op til tiden, tak.", "Kontakt og ventetid", "ros", ""},
    {"Kurset var spild af tid for mig.", "Tilbud og aktivering", "ris", ""},
    {"Praktikken gav mig et job. Tusind tak!", "Tilbud og aktivering", "ros", "Praktikken gav mig et job. Tusind tak!"},
    {"Svært at komme igennem på telefonen, ring gerne til mig på [telefon].", "Kontakt og ventetid", "ris",
     "Svært at komme igennem på telefonen."},
    {"Skiftende sagsbehandlere, jeg skal forklare alt forfra hver gang.", "Sagsbehandleren", "ris", ""},
};
}  // namespace

void ensure_demo_comments(db::Database& db) {
  const std::string today = today_iso();
  const staff::Actor demo{std::nullopt, "demo"};
  for (const auto& w : db.read([](db::Connection& c) { return db::all_waves(c); })) {
    if (w.survey_id != "jobcenter" || w.imported || survey::wave_state(w, today) != survey::WaveState::kClosed) continue;
    WaveComments wc = wave_comments(db, w);
    if (!wc.themes.empty() || wc.comments.empty()) continue;
    for (const char* theme : {"Kontakt og ventetid", "Sagsbehandleren", "Tilbud og aktivering"}) add_theme(db, demo, w, theme);
    std::set<std::string> quoted;
    for (const auto& c : wc.comments) {
      for (const auto& k : kCodes) {
        if (c.text != k.text) continue;
        CodingInput in{c.id, k.theme, k.tone, false, ""};
        // One quote of each chosen comment, the first of its text.
        if (*k.quote && quoted.insert(k.text).second) {
          in.quote = true;
          in.wording = k.quote;
        }
        code_comment(db, demo, w, in);
      }
    }
  }
}

}  // namespace tilfreds::intake::reports
