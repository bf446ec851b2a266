// TEMPORARY stand-in for branch `staff`'s db/audit_store.h (same API), removed
// when that branch is merged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/connection.h"

namespace tilfreds::db {

struct AuditEvent {
  std::optional<std::int64_t> actor_id;
  std::string actor_name;
  std::string action;
  std::string entity;
  std::string entity_id;
  std::string subject;
  std::string detail;
};

inline void record_audit(Connection&, const AuditEvent&) {}

}  // namespace tilfreds::db
