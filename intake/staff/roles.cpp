#include "intake/staff/roles.h"

#include <array>

namespace tilfreds::intake::staff {

namespace {
constexpr std::array<const char*, 4> kRoleNames = {"admin", "staff", "secretary", "reviewer"};
}

const char* role_name(Role role) { return kRoleNames[static_cast<size_t>(role)]; }

std::optional<Role> parse_role(const std::string& name) {
  for (size_t i = 0; i < kRoleNames.size(); ++i) {
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  }
  return std::nullopt;
}

}  // namespace tilfreds::intake::staff
