// The municipality's own site settings (issue 12): who runs the site, how to call,
// where the accessibility statement is, and the data controller's privacy texts.
// Set once from `tilfreds settings set` or /admin/indstillinger; stored by
// db/settings_store.h; shown in every page's header and footer (site_frame.h).
//
// Values are parsed here, at the edge, before they are stored: an unknown key, a
// URL that is not http(s), a phone number or e-mail address that cannot be one is
// refused with a Problem whose message is a UI text key (templates/text/site.*.json).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "intake/problem.h"

namespace tilfreds::intake::settings {

using Settings = std::map<std::string, std::string>;

// kLetterText: the editable text of the survey letters (letter.invitation,
// letter.reminder): paragraphs as kLongText, with only the placeholders of
// letter_placeholders() in braces.
enum class Kind { kName, kPhone, kText, kEmail, kUrl, kLongText, kLetterText };

struct KeyInfo {
  const char* key;            // e.g. "contact.phone"
  Kind kind;
  bool public_site_needs;     // `settings list` warns while it is not set
  const char* field;          // its form field on /admin/indstillinger, e.g. "contact-phone"
};

// Every key, in the order pages and `settings list` show them.
const std::vector<KeyInfo>& known_keys();

// The key's description, or nullptr for an unknown key.
const KeyInfo* find_key(const std::string& key);

// The stored form of `value` for `key` (trimmed; a phone number's spacing kept as
// typed), or the problem: unknown key, malformed URL / phone / e-mail, text too
// long or with control characters. An empty value is valid: it unsets the key.
Result<std::string> parse_setting(const std::string& key, const std::string& value);

// The stored settings. Throws db::Error on a fault.
Settings load(db::Database& db);

// Validates and stores every pair in `changes` in one transaction, each changed
// value audited ("setting", action "set", before and after) by `actor_name`
// (`actor_id` nullopt for the command line). Nothing is stored if any pair has a
// problem; the problems name the key in `where`.
Problems save(db::Database& db, const Settings& changes, std::optional<std::int64_t> actor_id,
              const std::string& actor_name);

// The placeholders a letter text may use, with their braces: "{lukkedato}" (the
// wave's close date in words) and "{jobcenter}" (organisation.unit, else .name).
const std::vector<std::string>& letter_placeholders();

// The keys a public site needs that `s` does not set, in known_keys() order.
std::vector<std::string> missing_for_public_site(const Settings& s);

// "tel:+4546464900" for a phone number as stored ("46 46 49 00", "+45 4646 4900").
std::string phone_href(const std::string& phone);

}  // namespace tilfreds::intake::settings
