#include "intake/settings/site_settings.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <nlohmann/json.hpp>

#include "db/audit_store.h"
#include "db/settings_store.h"
#include "intake/text.h"

namespace tilfreds::intake::settings {

namespace {
constexpr std::size_t kMaxName = 120;
constexpr std::size_t kMaxText = 200;
constexpr std::size_t kMaxLongText = 4000;
constexpr std::size_t kMaxUrl = 500;

bool has_control(const std::string& s, bool newlines_allowed) {
  return std::any_of(s.begin(), s.end(), [&](char c) {
    auto u = static_cast<unsigned char>(c);
    if (newlines_allowed && (c == '\n' || c == '\r')) return false;
    return u < 0x20 || u == 0x7f;
  });
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Digits with spaces, hyphens or parentheses between them and an optional leading
// "+": 8 digits (a Danish number) up to 15 (E.164's maximum).
bool is_phone(const std::string& s) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+') {
      if (i != 0) return false;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 8 && digits <= 15;
}

// A deliberately plain check (no quoted local parts, no IP literals): something
// before one "@", a domain of letters, digits, hyphens and dots with a dot in it.
bool is_email(const std::string& s) {
  if (s.size() > 254) return false;
  auto at = s.find('@');
  if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
  const std::string local = s.substr(0, at), domain = s.substr(at + 1);
  auto local_ok = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("._%+-").find(c) != std::string_view::npos;
  };
  auto domain_ok = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; };
  if (!std::all_of(local.begin(), local.end(), local_ok)) return false;
  if (!std::all_of(domain.begin(), domain.end(), domain_ok)) return false;
  auto dot = domain.rfind('.');
  return dot != std::string::npos && dot > 0 && dot + 1 < domain.size() &&
         domain.find("..") == std::string::npos && domain.front() != '.';
}

// An absolute http(s) URL with a host, in printable ASCII without spaces, quotes or
// angle brackets: it goes into an href, and "javascript:" or a relative path there
// would be a link the municipality did not mean.
bool is_url(const std::string& s) {
  if (s.size() > kMaxUrl) return false;
  std::string rest;
  if (s.rfind("https://", 0) == 0) {
    rest = s.substr(8);
  } else if (s.rfind("http://", 0) == 0) {
    rest = s.substr(7);
  } else {
    return false;
  }
  bool printable = std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f && c != '"' && c != '\'' && c != '<' && c != '>' && c != '\\' && c != '`';
  });
  if (!printable) return false;
  std::string host = rest.substr(0, rest.find_first_of("/?#"));
  if (auto colon = host.find(':'); colon != std::string::npos) host = host.substr(0, colon);
  if (host.empty() || host.find('@') != std::string::npos) return false;
  bool host_chars = std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
  return host_chars && (host.find('.') != std::string::npos || host == "localhost");
}

// Every "{" opens one of letter_placeholders(), and no "}" stands alone: a typo
// such as "{lukkedat}" would otherwise be printed on 10,000 letters.
bool only_letter_placeholders(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '}') return false;
    if (s[i] != '{') continue;
    const auto& known = letter_placeholders();
    auto match = std::find_if(known.begin(), known.end(), [&](const std::string& p) { return s.compare(i, p.size(), p) == 0; });
    if (match == known.end()) return false;
    i += match->size() - 1;
  }
  return true;
}

const char* problem_for(Kind kind) {
  switch (kind) {
    case Kind::kPhone: return "settings_error_phone";
    case Kind::kEmail: return "settings_error_email";
    case Kind::kUrl: return "settings_error_url";
    case Kind::kName: return "settings_error_name";
    case Kind::kText: return "settings_error_text";
    case Kind::kLongText: return "settings_error_long_text";
    case Kind::kLetterText: return "settings_error_letter_text";
  }
  return "settings_error_text";
}
}  // namespace

const std::vector<KeyInfo>& known_keys() {
  static const std::vector<KeyInfo> kKeys = {
      {"organisation.name", Kind::kName, true, "organisation-name"},
      {"organisation.unit", Kind::kName, true, "organisation-unit"},
      {"contact.phone", Kind::kPhone, true, "contact-phone"},
      {"contact.hours", Kind::kText, true, "contact-hours"},
      {"contact.email", Kind::kEmail, false, "contact-email"},
      {"contact.url", Kind::kUrl, false, "contact-url"},
      {"accessibility.url", Kind::kUrl, true, "accessibility-url"},
      {"privacy.survey", Kind::kLongText, true, "privacy-survey"},
      {"privacy.complaints", Kind::kLongText, true, "privacy-complaints"},
      {"letter.invitation", Kind::kLetterText, false, "letter-invitation"},
      {"letter.reminder", Kind::kLetterText, false, "letter-reminder"},
  };
  return kKeys;
}

const std::vector<std::string>& letter_placeholders() {
  static const std::vector<std::string> kPlaceholders = {"{lukkedato}", "{jobcenter}"};
  return kPlaceholders;
}

const KeyInfo* find_key(const std::string& key) {
  for (const auto& k : known_keys()) {
    if (key == k.key) return &k;
  }
  return nullptr;
}

Result<std::string> parse_setting(const std::string& key, const std::string& raw) {
  const KeyInfo* info = find_key(key);
  if (!info) return Result<std::string>::failure(key, "settings_error_unknown_key");
  if (!is_valid_utf8(raw)) return Result<std::string>::failure(key, problem_for(info->kind));
  std::string value = trim(raw);
  if (value.empty()) return Result<std::string>{value, {}};
  bool ok = false;
  switch (info->kind) {
    case Kind::kName: ok = code_points(value) <= kMaxName && !has_control(value, false); break;
    case Kind::kText: ok = code_points(value) <= kMaxText && !has_control(value, false); break;
    case Kind::kLongText: ok = code_points(value) <= kMaxLongText && !has_control(value, true); break;
    case Kind::kLetterText:
      ok = code_points(value) <= kMaxLongText && !has_control(value, true) && only_letter_placeholders(value);
      break;
    case Kind::kPhone: ok = is_phone(value); break;
    case Kind::kEmail: ok = is_email(value); break;
    case Kind::kUrl: ok = is_url(value); break;
  }
  if (!ok) return Result<std::string>::failure(key, problem_for(info->kind));
  return Result<std::string>{value, {}};
}

Settings load(db::Database& db) {
  return db.read([](db::Connection& c) { return db::list_settings(c); });
}

Problems save(db::Database& db, const Settings& changes, std::optional<std::int64_t> actor_id,
              const std::string& actor_name) {
  Problems problems;
  Settings parsed;
  for (const auto& [key, value] : changes) {
    auto r = parse_setting(key, value);
    if (!r.ok()) {
      problems.insert(problems.end(), r.problems.begin(), r.problems.end());
    } else {
      parsed[key] = *r.value;
    }
  }
  if (!problems.empty()) return problems;
  db.write([&](db::Connection& c) {
    for (const auto& [key, value] : parsed) {
      std::string before = db::put_setting(c, key, value);
      if (before == value) continue;
      nlohmann::json detail{{"before", before}, {"after", value}};
      db::record_audit(c, {actor_id, actor_name, "set", "setting", key, "", detail.dump()});
    }
  });
  return {};
}

std::vector<std::string> missing_for_public_site(const Settings& s) {
  std::vector<std::string> out;
  for (const auto& k : known_keys()) {
    auto it = s.find(k.key);
    if (k.public_site_needs && (it == s.end() || it->second.empty())) out.emplace_back(k.key);
  }
  return out;
}

std::string phone_href(const std::string& phone) {
  std::string digits;
  for (char c : phone) {
    if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) digits += c;
  }
  // A Danish number written without its country code.
  if (!digits.empty() && digits[0] != '+' && digits.size() == 8) digits = "+45" + digits;
  return "tel:" + digits;
}

}  // namespace tilfreds::intake::settings
