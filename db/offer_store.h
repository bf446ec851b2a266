// The register of offers (tilbud) and the providers that run them: the
// municipality's own centres and external providers, the benefit groups each
// offer serves, and the number of citizens in it per period where it is known.
// Offers are never deleted; an offer that ends is made inactive, so complaints
// and statistics about it keep their name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.h"

namespace tilfreds::db {

struct ProviderRow {
  std::int64_t id = 0;
  std::string name;
  bool external = false;
};

struct OfferRow {
  std::int64_t id = 0;
  std::string name;
  std::int64_t provider_id = 0;
  std::string provider_name;
  bool provider_external = false;
  std::string target_groups;  // comma-separated benefit group ids
  bool active = true;
};

// The id of the provider named `name`, created with `external` if there is none.
// An existing provider keeps its own `external` flag.
std::int64_t put_provider(Connection& conn, const std::string& name, bool external);

// Every provider, by name.
std::vector<ProviderRow> list_providers(Connection& conn);

// Creates an active offer; returns its id, or nullopt if an offer of that name
// exists. Throws Error if `provider_id` does not exist.
std::optional<std::int64_t> create_offer(Connection& conn, const std::string& name,
                                         std::int64_t provider_id,
                                         const std::string& target_groups);

// Every offer with its provider, by name; `only_active` leaves inactive ones out.
std::vector<OfferRow> list_offers(Connection& conn, bool only_active = false);

// The offer with `id`, or nullopt.
std::optional<OfferRow> find_offer(Connection& conn, std::int64_t id);
// The offer named `name` (exact), or nullopt.
std::optional<OfferRow> find_offer_by_name(Connection& conn, const std::string& name);

// Marks the offer active or inactive; returns false if there is no such offer.
bool set_offer_active(Connection& conn, std::int64_t id, bool active);

// Records (or replaces) the citizens in the offer in `period` ("2026H1").
// Throws Error if the offer does not exist.
void set_offer_citizens(Connection& conn, std::int64_t offer_id, const std::string& period,
                        std::int64_t citizens);

// The citizens in the offer in `period`, or nullopt when not reported.
std::optional<std::int64_t> offer_citizens(Connection& conn, std::int64_t offer_id,
                                           const std::string& period);

}  // namespace tilfreds::db
