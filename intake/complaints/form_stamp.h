// A signed time stamp in a public form, against bots without a captcha service:
// the form carries "<unix seconds>.<HMAC>" (crypto_auth, HMAC-SHA-512-256, with a
// key only the server knows), so a post shows when its form was fetched and a bot
// cannot forge an older time to skip the minimum fill time.
#pragma once

#include <cstdint>
#include <string>

namespace tilfreds::intake::complaints {

enum class StampCheck {
  kOk,
  kInvalid,   // missing, malformed or not signed by this server (or a restart changed the key)
  kTooFast,   // younger than the minimum fill time: a person cannot write a complaint that fast
  kTooOld,    // older than the maximum age: fetch the form again
};

class FormStamp {
 public:
  // A random key: stamps issued before a restart become kInvalid.
  FormStamp();
  // A fixed key (tests), at least 32 bytes; throws std::invalid_argument otherwise.
  explicit FormStamp(std::string key);

  // The stamp for a form fetched at `now` (unix seconds).
  std::string issue(std::int64_t now) const;

  StampCheck check(const std::string& stamp, std::int64_t now, std::int64_t min_seconds,
                   std::int64_t max_seconds) const;

 private:
  std::string mac(const std::string& message) const;
  std::string key_;
};

}  // namespace tilfreds::intake::complaints
