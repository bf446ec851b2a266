// The quality figures of an offer as they come in: a supervision rating typed in
// the browser (/tilbud/tilsyn) or a CSV row, and CSV files of effect counts and age
// bands. Parsed once here into stored rows; every problem is a value whose
// message is a UI text key (templates/text/offers.*.json), so the form shows it in
// the user's language and the command line in English.
//
// Refused: an unknown offer; a rating for an inactive offer; a period that is not
// YYYYH1/YYYYH2 or has not begun; a smiley outside glad|neutral|sur; a visit date
// that is not a date or lies ahead; counts that are not whole numbers or do not add
// up (in work + in education > ended; age bands that differ from the citizens
// given); the same offer and period twice in one file. A file with any problem
// stores nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/offer_quality_store.h"
#include "db/offer_store.h"
#include "intake/problem.h"

namespace tilfreds::intake::offers {

inline const std::vector<std::string> kSmileys{"glad", "neutral", "sur"};

// Who enters the figures, for the audit log and the rating's history.
struct Editor {
  std::optional<std::int64_t> id;  // staff user; nullopt for the command line
  std::string name;                // their name, or "cli"
};

// A rating as typed: field names are the form's (tilbud is the offer's id in the
// form, its name in a CSV file).
struct RatingFields {
  std::string period;      // periode
  std::string smiley;      // smiley
  std::string visited_on;  // besoeg
  std::string supervisor;  // tilsynsfoerende
  std::string summary;     // resume
};

// The rating for `offer` (nullopt: not found), checked against `today` (ISO).
// Problems name the form fields: "tilbud", "periode", "smiley", "besoeg",
// "tilsynsfoerende", "resume".
Result<db::RatingRow> parse_rating(const RatingFields& fields, const std::optional<db::OfferRow>& offer,
                                   const std::string& today);

// Stores the rating as a new version, audited in the same transaction; returns
// the version.
std::int64_t save_rating(db::Database& db, db::RatingRow rating, const Editor& editor);

// Whether `label` is a half-year that has begun by `today`; the message key if not.
std::optional<std::string> period_problem(const std::string& label, const std::string& today);

// The files. Headers (any order, case-insensitive, ';' or ','):
//   ratings: offer;period;smiley;visited;supervisor[;summary]
//   effects: offer;period;ended;in_work;in_education
//   ages:    offer;period;under_30;age_30_49;age_50_plus[;citizens]
// Offers are named as in the register. Problems are "line N" with a message key
// and the column it concerns. Returns the rows stored (0 and problems when
// refused). Throws db::Error on a database fault.
struct ImportResult {
  std::size_t stored = 0;
  Problems problems;  // where: "line N (column)", message: a text key
};
ImportResult import_ratings(db::Database& db, const std::string& csv, const Editor& editor,
                            const std::string& today);
ImportResult import_effects(db::Database& db, const std::string& csv, const Editor& editor,
                            const std::string& today);
ImportResult import_ages(db::Database& db, const std::string& csv, const Editor& editor,
                         const std::string& today);

}  // namespace tilfreds::intake::offers
