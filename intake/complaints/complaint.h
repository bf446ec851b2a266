// A complaint as the intake layer parses it: the closed vocabularies (channel,
// category, status, outcome, where it was forwarded, benefit group), the form
// fields of a new complaint and of a staff edit parsed once into a
// db::ComplaintState, and the receipt number.
//
// Benefit groups are the fixed list of the shipped questionnaire's groups
// (surveys/jobcenter.json, DOMAIN.md) plus "ukendt", so complaints and survey
// answers break down by the same groups.
//
// Problems carry the form field name as `where` and a UI text key
// (templates/text/*.json) as `message`, so pages show them in the reader's language.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/complaint_store.h"
#include "db/offer_store.h"
#include "intake/problem.h"

namespace tilfreds::intake::complaints {

using Fields = std::multimap<std::string, std::string>;

// The words stored and posted; UI labels are the texts "complaint_<word>".
extern const std::vector<std::string> kChannels;      // letter, email, phone, in_person, digital_form, advisor
extern const std::vector<std::string> kCategories;    // realitet, formalitet, borgerservice
extern const std::vector<std::string> kStatuses;      // received, in_progress, decided, closed
extern const std::vector<std::string> kOutcomes;      // upheld, partly_upheld, not_upheld, rejected, withdrawn
extern const std::vector<std::string> kForwardBodies; // ankestyrelsen, borgerraadgiver
extern const std::vector<std::string> kBenefitGroups;

inline constexpr std::size_t kMaxTextChars = 10000;  // code points; ~4 pages of prose
inline constexpr std::size_t kMaxShortChars = 200;   // name, contact, unit
inline constexpr int kDefaultHandlingDays = 28;      // reassess and forward within four weeks

// A database id typed in a form or URL (1–12 digits), or nullopt.
std::optional<std::int64_t> parse_id(const std::string& s);

// `iso_date` plus `days`, as YYYY-MM-DD. Precondition: is_iso_date(iso_date).
std::string add_days(const std::string& iso_date, int days);

// Days from `from` to `to` (negative if `to` is earlier). Preconditions: ISO dates.
int days_between(const std::string& from, const std::string& to);

// The number of Unicode code points in valid UTF-8 `s`.
std::size_t code_points(const std::string& s);

struct IntakeRules {
  std::string today;  // ISO date; the received date may not be after it
  int handling_days = kDefaultHandlingDays;
  bool staff = false;  // staff give received date and channel; the public form is "digital_form" today
};

// A new complaint from form fields modtaget, kanal (staff only), tilbud (an active
// offer's id or ""), enhed, ydelse, tekst, navn, kontakt. The text is required;
// name and contact are optional. Status "received", deadline received + handling days.
// Problems: a missing/invalid/future date, an unknown channel, offer or benefit
// group, a missing text, a text or short field over its cap.
Result<db::ComplaintState> parse_new_complaint(const Fields& fields,
                                               const std::vector<db::OfferRow>& offers,
                                               const IntakeRules& rules);

// The next version of `current` from the staff edit form: the fields above plus
// kategori (repeated), status, sagsbehandler (a staff user id or ""), udfald,
// afgjort (date), videresendt, videresendt_dato, resultat. A changed received
// date moves the deadline. `staff_ids` are the assignable users.
Result<db::ComplaintState> parse_edit(const Fields& fields, const db::ComplaintState& current,
                                      const std::vector<db::OfferRow>& offers,
                                      const std::vector<std::int64_t>& staff_ids,
                                      const IntakeRules& rules);

// A new random receipt number, "K-" and 16 characters from an alphabet without
// look-alikes (80 bits): unguessable, and it opens nothing by itself.
std::string new_receipt();

// The names of the state's fields that differ, personal ones included but only
// by name (an audit detail must not copy personal data anonymisation clears).
std::vector<std::string> changed_fields(const db::ComplaintState& before,
                                        const db::ComplaintState& after);

}  // namespace tilfreds::intake::complaints
