// The staff navigation and the landing page's list of tasks, as data: a feature
// adds its page with one line in navigation.cpp.
#pragma once

#include <string>
#include <vector>

#include "intake/staff/roles.h"

namespace tilfreds::intake::staff {

struct NavEntry {
  std::string href;
  std::string text_key;         // UI text of the link
  std::string description_key;  // UI text on the landing page: what the page is for
  std::vector<Role> roles;      // who sees the link (the route checks again)
};

// Every entry, in menu order.
const std::vector<NavEntry>& navigation();

// Whether `role` may follow `entry`.
bool allowed(const NavEntry& entry, Role role);

}  // namespace tilfreds::intake::staff
