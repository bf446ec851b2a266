// The three staff roles (issue 5): admin manages users, offers and questionnaires;
// staff registers and handles complaints; secretary reads reports only. A route
// names every role it admits: admin is not a superuser by default.
#pragma once

#include <optional>
#include <string>

namespace tilfreds::intake::staff {

enum class Role { kAdmin, kStaff, kSecretary };

// "admin", "staff", "secretary": as stored and as the CLI takes them.
const char* role_name(Role role);
// The role named `name`, or nullopt.
std::optional<Role> parse_role(const std::string& name);

}  // namespace tilfreds::intake::staff
