// The staff roles (issue 5): admin manages users, offers and questionnaires (and
// the case-review areas and schemes); staff registers and handles complaints;
// secretary reads reports only; reviewer (kvalitetskoordinator, issue 15) draws
// case-review samples and registers reviews and action plans. A route names
// every role it admits: admin is not a superuser by default.
#pragma once

#include <optional>
#include <string>

namespace tilfreds::intake::staff {

enum class Role { kAdmin, kStaff, kSecretary, kReviewer };

// "admin", "staff", "secretary", "reviewer": as stored and as the CLI takes them.
const char* role_name(Role role);
// The role named `name`, or nullopt.
std::optional<Role> parse_role(const std::string& name);

}  // namespace tilfreds::intake::staff
