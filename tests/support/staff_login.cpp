#include "tests/support/staff_login.h"

#include <regex>
#include <stdexcept>

#include "intake/staff/password.h"
#include "intake/staff/users.h"

namespace tilfreds::testing {

std::int64_t create_user(db::Database& db, const std::string& name, intake::staff::Role role,
                         const std::string& password) {
  intake::staff::PasswordHasher hasher(intake::staff::PasswordCost::kMinimum);
  auto result = intake::staff::add_user(db, hasher, {std::nullopt, "test"}, name, role, password);
  if (!result.ok()) {
    throw std::runtime_error("create_user " + name + ": " + result.problems.front().message);
  }
  return *result.value;
}

bool login(Browser& browser, const std::string& name, const std::string& password) {
  auto form = browser.get("/login");
  if (!form || form->status != 200) return false;
  auto r = browser.post("/login", {{"csrf", browser.csrf()}, {"navn", name}, {"adgangskode", password}});
  return r && r->status == 303 && browser.cookie("tf_staff").has_value();
}

std::string return_path(const std::string& lost_body) {
  std::smatch m;
  if (!std::regex_search(lost_body, m, std::regex("href=\"/login\\?next=([^\"]+)\""))) return "";
  const std::string s = m[1];
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace tilfreds::testing
