// The letters of a wave as files (issue 14), one code path for the command line
// (`invite letters|reminders --format csv|pdf|zip`) and the wave's page:
//   csv  the mail-merge file (reference;url;code), as the import writes it;
//   pdf  one A4 page per invitee, for printing: the municipality's name, the
//        purpose in plain Danish, the close date, the personal link, its QR code,
//        the short code to type at /kode, the number to call and the privacy
//        sentence (templates/letters.mustache);
//   zip  one such PDF per invitee named REFERENCE.pdf, for Digital Post batch
//        systems; printed one after another by one browser (reports::PdfPrinter).
// The body text is the setting letter.invitation / letter.reminder (editable on
// /undersoegelser/brevtekst), else the standard text; the link, QR code, code,
// phone number and privacy sentence are always added, so no edit can drop them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "intake/settings/site_settings.h"
#include "intake/survey/fieldwork.h"
#include "intake/web/render.h"

namespace tilfreds::intake::fieldwork {

enum class LetterFormat { kCsv, kPdf, kZip };

// "csv", "pdf" or "zip"; nullopt for anything else.
std::optional<LetterFormat> parse_letter_format(const std::string& name);

struct LetterContext {
  bool reminder = false;
  std::string closes;    // the wave's close date, YYYY-MM-DD
  std::string today;     // the letter's date, YYYY-MM-DD
  std::string base_url;  // the public address: /kode and /privatliv/undersoegelse under it
};

// The body text in use for the kind of letter: the setting, else the standard text.
std::string letter_text(const settings::Settings& s, const web::Renderer& renderer, bool reminder);

// `text`'s paragraphs (split at blank lines) with {lukkedato} and {jobcenter}
// filled in: what the letter prints and the text page previews.
std::vector<std::string> letter_paragraphs(const std::string& text, const settings::Settings& s,
                                           const web::Renderer& renderer, const LetterContext& context);

// The printable HTML of `letters`, one A4 page each (the renderer's site frame
// gives the municipality's name and the number to call).
std::string letters_html(const std::vector<survey::Letter>& letters, const settings::Settings& s,
                         const web::Renderer& renderer, const LetterContext& context);

struct LetterFile {
  std::string bytes;
  std::string content_type;
  std::string filename;  // breve.csv, paamindelser.pdf, …
};

// The file of `letters` in `format`. `progress` (done, total) is called after each
// letter of a zip. PDF and zip throw reports::PdfEngineMissing without Chromium.
LetterFile letters_file(const std::vector<survey::Letter>& letters, LetterFormat format,
                        const settings::Settings& s, const web::Renderer& renderer, const LetterContext& context,
                        const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace tilfreds::intake::fieldwork
