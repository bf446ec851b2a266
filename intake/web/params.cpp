#include "intake/web/params.h"

#include <algorithm>

#include "intake/text.h"
#include "intake/web/http.h"

namespace tilfreds::intake::web {

namespace {
constexpr const char* kRepeated = "param_error_repeated";
constexpr const char* kTooLong = "param_error_too_long";
constexpr const char* kNotText = "param_error_not_utf8";
constexpr const char* kNumber = "param_error_number";
constexpr const char* kDate = "param_error_date";
constexpr const char* kHalfYear = "param_error_half_year";
constexpr const char* kChoice = "param_error_choice";
// Numbers carry their range after this separator in Problem::message (the text key before it).
constexpr char kRangeSeparator = ' ';
}  // namespace

std::optional<std::string> QueryParams::raw(const std::string& name, std::size_t max_bytes) {
  std::size_t n = req_.get_param_value_count(name);
  if (n == 0) return std::nullopt;
  if (n > 1) {
    problems_.push_back({name, kRepeated});
    return std::nullopt;
  }
  std::string v = trim(req_.get_param_value(name));
  if (!is_valid_utf8(v)) {
    problems_.push_back({name, kNotText});
    return std::nullopt;
  }
  if (v.size() > max_bytes) {
    problems_.push_back({name, kTooLong});
    return std::nullopt;
  }
  if (v.empty()) return std::nullopt;
  return v;
}

std::optional<std::string> QueryParams::text(const std::string& name, std::size_t max_bytes) {
  return raw(name, max_bytes);
}

std::optional<std::string> QueryParams::choice(const std::string& name,
                                               std::initializer_list<const char*> allowed) {
  auto v = raw(name, 64);
  if (!v) return std::nullopt;
  if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return *v == a; })) {
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    problems_.push_back({name, std::string(kChoice) + kRangeSeparator + list});
    return std::nullopt;
  }
  return v;
}

std::optional<std::int64_t> QueryParams::number(const std::string& name, std::int64_t min, std::int64_t max) {
  std::size_t before = problems_.size();
  auto v = raw(name, 20);
  bool too_long = problems_.size() > before && problems_.back().message == kTooLong;
  if (too_long) {
    problems_.pop_back();  // said below with the range, like any other wrong number
  } else if (!v) {
    return std::nullopt;
  }
  if (v) {
    const std::string& s = *v;
    bool negative = s[0] == '-' && min < 0;
    std::string digits = negative ? s.substr(1) : s;
    // At most 18 digits: std::stoll cannot overflow.
    if (!digits.empty() && digits.size() <= 18 && digits.find_first_not_of("0123456789") == std::string::npos) {
      std::int64_t n = std::stoll(digits) * (negative ? -1 : 1);
      if (n >= min && n <= max) return n;
    }
  }
  problems_.push_back({name, std::string(kNumber) + kRangeSeparator + std::to_string(min) + "–" +
                                 std::to_string(max)});
  return std::nullopt;
}

std::optional<std::string> QueryParams::shaped(const std::string& name, std::size_t max_bytes,
                                               const char* shape_key) {
  std::size_t before = problems_.size();
  auto v = raw(name, max_bytes);
  // Too long for its kind: say what the kind looks like, not only "too long".
  if (problems_.size() > before && problems_.back().message == kTooLong) problems_.back().message = shape_key;
  return v;
}

std::optional<std::string> QueryParams::date(const std::string& name) {
  auto v = shaped(name, 10, kDate);
  if (!v || is_plausible_date(*v)) return v;
  problems_.push_back({name, kDate});
  return std::nullopt;
}

std::optional<HalfYear> QueryParams::half_year(const std::string& name) {
  auto v = shaped(name, 6, kHalfYear);
  if (!v) return std::nullopt;
  if (auto h = parse_half_year(*v)) return h;
  problems_.push_back({name, kHalfYear});
  return std::nullopt;
}

std::string problem_text(const Problem& p, const Renderer& renderer, const std::string& lang) {
  auto cut = p.message.find(kRangeSeparator);
  std::string key = p.message.substr(0, cut);
  std::string text = renderer.text(lang, key);
  if (cut != std::string::npos) text += " " + p.message.substr(cut + 1) + ".";
  return text;
}

void QueryParams::refuse(httplib::Response& res, const Renderer& renderer, const std::string& lang) const {
  const Problem& first = problems_.front();
  message_page(res, renderer, lang, 422, "param_invalid",
               {{"detail", first.where + ": " + problem_text(first, renderer, lang)}});
}

}  // namespace tilfreds::intake::web
