#include "intake/staff/navigation.h"

#include <algorithm>

namespace tilfreds::intake::staff {

const std::vector<NavEntry>& navigation() {
  using enum Role;
  static const std::vector<NavEntry> kEntries = {
      {"/personale", "staff_nav_home", "staff_nav_home_text", {kAdmin, kStaff, kSecretary, kReviewer}},
      {"/rapporter", "report_nav", "report_nav_text", {kAdmin, kSecretary}},
      {"/rapporter/kommentarer", "coding_nav", "coding_nav_text", {kAdmin, kSecretary}},
      {"/undersoegelser", "fieldwork_nav", "fieldwork_nav_text", {kAdmin, kSecretary, kStaff}},
      {"/admin/brugere", "staff_nav_users", "staff_nav_users_text", {kAdmin}},
      {"/admin/revision", "staff_nav_audit", "staff_nav_audit_text", {kAdmin}},
      {"/klager", "complaint_nav_list", "complaint_nav_list_text", {kStaff, kAdmin}},
      {"/statistik/klager", "complaint_nav_stats", "complaint_nav_stats_text", {kSecretary, kStaff, kAdmin}},
      {"/statistik/kvalitet", "complaint_nav_quality", "complaint_nav_quality_text", {kSecretary, kStaff, kAdmin}},
      {"/admin/tilbud", "complaint_nav_offers", "complaint_nav_offers_text", {kAdmin}},
      {"/admin/indstillinger", "settings_nav", "settings_nav_text", {kAdmin}},
      {"/tilsyn", "review_nav", "review_nav_text", {kReviewer, kAdmin}},
      {"/tilbud", "offer_nav_guide", "offer_nav_guide_text", {kStaff, kSecretary, kAdmin}},
      {"/tilbud/tilsyn", "offer_nav_ratings", "offer_nav_ratings_text", {kAdmin}},
  };
  return kEntries;
}

bool allowed(const NavEntry& entry, Role role) {
  return std::find(entry.roles.begin(), entry.roles.end(), role) != entry.roles.end();
}

}  // namespace tilfreds::intake::staff
