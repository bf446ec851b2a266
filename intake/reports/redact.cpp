#include "intake/reports/redact.h"

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

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past
  const char* mask = "";
};

// E-mail addresses: the longest local part and domain around each '@', the domain
// ending in a dot and at least two letters.
std::vector<Span> email_spans(std::string_view s) {
  std::vector<Span> out;
  for (std::size_t at = s.find('@'); at != std::string_view::npos; at = s.find('@', at + 1)) {
    std::size_t b = at;
    while (b > 0 && is_local_char(s[b - 1])) --b;
    std::size_t e = at + 1;
    while (e < s.size() && is_domain_char(s[e])) ++e;
    while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;  // sentence punctuation
    std::string_view domain = s.substr(at + 1, e - at - 1);
    std::size_t dot = domain.rfind('.');
    if (b == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) continue;
    bool tld_letters = true;
    for (char c : domain.substr(dot + 1)) tld_letters = tld_letters && is_alpha(c);
    if (!tld_letters) continue;
    if (!out.empty() && b < out.back().end) continue;
    out.push_back({b, e, "[e-mail]"});
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
    } else if (spaced && seen > 0 && i + 1 < s.size() && (s[i] == ' ' || s[i] == '-') &&
               is_digit(s[i + 1])) {
      ++i;
    } else {
      return std::nullopt;
    }
  }
  if (i < s.size() && is_digit(s[i])) return std::nullopt;
  if (i + 1 < s.size() && (s[i] == ' ' || s[i] == '-') && is_digit(s[i + 1])) return std::nullopt;
  return i;
}

int two_digits(std::string_view s, std::size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); }

// CPR: DDMMYY-NNNN, DDMMYY NNNN or DDMMYYNNNN with a day and month that can be a
// birth date (so that an arbitrary ten-digit number is left alone).
std::optional<std::size_t> cpr_at(std::string_view s, std::size_t pos) {
  if (pos + 10 > s.size()) return std::nullopt;
  for (int k = 0; k < 6; ++k) {
    if (!is_digit(s[pos + k])) return std::nullopt;
  }
  int day = two_digits(s, pos);
  int month = two_digits(s, pos + 2);
  if (day < 1 || day > 31 || month < 1 || month > 12) return std::nullopt;
  std::size_t rest = pos + 6;
  if (s[rest] == '-' || s[rest] == ' ') ++rest;
  return read_digits(s, rest, 4, false);
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

std::string mask_personal_data(std::string_view text) {
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
      if (auto end = read_digits(text, digits, 8, true)) {
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
