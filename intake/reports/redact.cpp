#include "intake/reports/redact.h"

#include <utf8proc.h>

#include <cstdlib>
#include <optional>
#include <vector>

namespace tilfreds::intake::reports {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_local_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool is_domain_char(char c) { return is_alpha(c) || is_digit(c) || c == '.' || c == '-'; }
// Between the digits of a phone number: "12 34 56 78", "1234-5678" (dots: dotted_phone_at).
bool is_separator(char c) { return c == ' ' || c == '-'; }

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past
  const char* mask = "";
};

// The length of an at-sign at `pos`: "@", or the spelled-out "(at)" / "[at]" /
// "{at}" in any case, with one space either side allowed ("jens (at) example.dk");
// 0 if there is none. `begin` gets where the sign starts (before a space).
std::size_t at_sign(std::string_view s, std::size_t pos) {
  if (s[pos] == '@') return 1;
  std::size_t i = pos;
  if (s[i] == ' ') ++i;
  if (i + 4 > s.size()) return 0;
  const char open = s[i], close = s[i + 3];
  bool bracket = (open == '(' && close == ')') || (open == '[' && close == ']') ||
                 (open == '{' && close == '}');
  if (!bracket || (s[i + 1] | 0x20) != 'a' || (s[i + 2] | 0x20) != 't') return 0;
  i += 4;
  if (i < s.size() && s[i] == ' ') ++i;
  return i - pos;
}

// E-mail addresses: the longest local part and domain around each at-sign, the
// domain ending in a dot and at least two letters.
std::vector<Span> email_spans(std::string_view s) {
  std::vector<Span> out;
  for (std::size_t at = 0; at < s.size(); ++at) {
    if (s[at] != '@' && s[at] != ' ' && s[at] != '(' && s[at] != '[' && s[at] != '{') continue;
    std::size_t sign = at_sign(s, at);
    if (sign == 0) continue;
    std::size_t b = at;
    while (b > 0 && is_local_char(s[b - 1])) --b;
    std::size_t domain_begin = at + sign;
    std::size_t e = domain_begin;
    while (e < s.size() && is_domain_char(s[e])) ++e;
    while (e > domain_begin && (s[e - 1] == '.' || s[e - 1] == '-')) --e;  // sentence punctuation
    std::string_view domain = s.substr(domain_begin, e - domain_begin);
    std::size_t dot = domain.rfind('.');
    if (b == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) continue;
    bool tld_letters = true;
    for (char c : domain.substr(dot + 1)) tld_letters = tld_letters && is_alpha(c);
    if (!tld_letters) continue;
    if (!out.empty() && b < out.back().end) continue;
    out.push_back({b, e, "[e-mail]"});
    at = e;
  }
  return out;
}

// Reads exactly `count` digits from `pos`, allowing one ' ' or '-' between two
// digits when `spaced`; returns the end, or nullopt. The number must end there:
// no further digit, directly or after one separator.
std::optional<std::size_t> read_digits(std::string_view s, std::size_t pos, int count, bool spaced) {
  int seen = 0;
  std::size_t i = pos;
  while (seen < count) {
    if (i < s.size() && is_digit(s[i])) {
      ++seen;
      ++i;
    } else if (spaced && seen > 0 && i + 1 < s.size() && is_separator(s[i]) && is_digit(s[i + 1])) {
      ++i;
    } else {
      return std::nullopt;
    }
  }
  if (i < s.size() && is_digit(s[i])) return std::nullopt;
  if (i + 1 < s.size() && is_separator(s[i]) && is_digit(s[i + 1])) return std::nullopt;
  return i;
}

int two_digits(std::string_view s, std::size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); }

// CPR: DDMMYY-NNNN, DDMMYY NNNN, DDMMYY/NNNN or DDMMYYNNNN, the date also written
// DD.MM.YY, with a day and month that can be a birth date (so that an arbitrary
// ten-digit number is left alone).
std::optional<std::size_t> cpr_at(std::string_view s, std::size_t pos) {
  std::size_t i = pos;
  int date[3] = {0, 0, 0};
  for (int part = 0; part < 3; ++part) {
    if (i + 2 > s.size() || !is_digit(s[i]) || !is_digit(s[i + 1])) return std::nullopt;
    date[part] = two_digits(s, i);
    i += 2;
    if (part < 2 && i < s.size() && s[i] == '.') ++i;
  }
  int day = date[0], month = date[1];
  if (day < 1 || day > 31 || month < 1 || month > 12) return std::nullopt;
  if (i < s.size() && (s[i] == '-' || s[i] == ' ' || s[i] == '/')) ++i;
  return read_digits(s, i, 4, false);
}

// "12.34.56.78": dots only in pairs, so that a date (12.03.2024) or an amount
// (1.234.567) is no phone number.
std::optional<std::size_t> dotted_phone_at(std::string_view s, std::size_t pos) {
  std::size_t i = pos;
  for (int pair = 0; pair < 4; ++pair) {
    if (pair > 0) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
    if (i + 2 > s.size() || !is_digit(s[i]) || !is_digit(s[i + 1])) return std::nullopt;
    i += 2;
  }
  if (i < s.size() && is_digit(s[i])) return std::nullopt;
  if (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) return std::nullopt;
  return i;
}

// The "+45", "0045" or "(+45)" before a Danish number, with an optional space.
std::size_t after_country_code(std::string_view s, std::size_t pos) {
  for (std::string_view prefix : {"(+45)", "+45", "0045"}) {
    if (s.substr(pos, prefix.size()) == prefix) {
      std::size_t i = pos + prefix.size();
      if (i < s.size() && s[i] == ' ') ++i;
      return i;
    }
  }
  return pos;
}

}  // namespace

std::string nfkc(std::string_view text) {
  // utf8proc reads up to a NUL; a NUL inside the text would cut it short, and bytes
  // that are not UTF-8 make it refuse: in both cases the text is masked as it came.
  if (text.find('\0') != std::string_view::npos) return std::string(text);
  std::string z(text);
  auto* folded = utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(z.c_str()));
  if (!folded) return z;
  std::string out(reinterpret_cast<const char*>(folded));
  std::free(folded);
  return out;
}

std::string mask_personal_data(std::string_view raw) {
  // Full-width digits, a full-width @, superscript digits … become the ASCII the
  // patterns below know (Unicode NFKC, UAX #15).
  const std::string normalised = nfkc(raw);
  const std::string_view text = normalised;
  std::vector<Span> emails = email_spans(text);
  std::string out;
  out.reserve(text.size());
  std::size_t next_email = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (next_email < emails.size() && i == emails[next_email].begin) {
      out += emails[next_email].mask;
      i = emails[next_email++].end;
      continue;
    }
    bool number_start = (is_digit(text[i]) || text[i] == '+' || text[i] == '(') &&
                        (i == 0 || !(is_digit(text[i - 1]) || is_alpha(text[i - 1])));
    if (number_start) {
      if (auto end = cpr_at(text, i)) {
        out += "[CPR]";
        i = *end;
        continue;
      }
      std::size_t digits = after_country_code(text, i);
      auto end = read_digits(text, digits, 8, true);
      if (!end) end = dotted_phone_at(text, digits);
      if (end) {
        out += "[telefon]";
        i = *end;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace tilfreds::intake::reports
