#include "db/offer_store.h"

namespace tilfreds::db {

namespace {
constexpr const char* kOfferColumns =
    "SELECT o.id, o.name, o.provider_id, p.name, p.external, o.target_groups, o.active"
    " FROM offer o JOIN provider p ON p.id = o.provider_id ";

OfferRow offer_from(const Statement& st) {
  return OfferRow{st.int64(0), st.text(1), st.int64(2), st.text(3), st.int64(4) != 0,
                  st.text(5),  st.int64(6) != 0};
}
}  // namespace

std::int64_t put_provider(Connection& conn, const std::string& name, bool external) {
  auto st = conn.prepare("SELECT id FROM provider WHERE name = ?");
  st.bind_all(name);
  if (st.step()) return st.int64(0);
  conn.prepare("INSERT INTO provider (name, external) VALUES (?, ?)")
      .bind_all(name, std::int64_t{external ? 1 : 0})
      .run();
  return conn.last_insert_rowid();
}

std::vector<ProviderRow> list_providers(Connection& conn) {
  auto st = conn.prepare("SELECT id, name, external FROM provider ORDER BY name");
  std::vector<ProviderRow> out;
  while (st.step()) out.push_back({st.int64(0), st.text(1), st.int64(2) != 0});
  return out;
}

std::optional<std::int64_t> create_offer(Connection& conn, const std::string& name,
                                         std::int64_t provider_id,
                                         const std::string& target_groups) {
  if (find_offer_by_name(conn, name)) return std::nullopt;
  conn.prepare("INSERT INTO offer (name, provider_id, target_groups) VALUES (?, ?, ?)")
      .bind_all(name, provider_id, target_groups)
      .run();
  return conn.last_insert_rowid();
}

std::vector<OfferRow> list_offers(Connection& conn, bool only_active) {
  auto st = conn.prepare(std::string(kOfferColumns) +
                         "WHERE (?1 = 0 OR o.active = 1) ORDER BY o.name");
  st.bind_all(std::int64_t{only_active ? 1 : 0});
  std::vector<OfferRow> out;
  while (st.step()) out.push_back(offer_from(st));
  return out;
}

std::optional<OfferRow> find_offer(Connection& conn, std::int64_t id) {
  auto st = conn.prepare(std::string(kOfferColumns) + "WHERE o.id = ?");
  st.bind_all(id);
  if (!st.step()) return std::nullopt;
  return offer_from(st);
}

std::optional<OfferRow> find_offer_by_name(Connection& conn, const std::string& name) {
  auto st = conn.prepare(std::string(kOfferColumns) + "WHERE o.name = ?");
  st.bind_all(name);
  if (!st.step()) return std::nullopt;
  return offer_from(st);
}

bool set_offer_active(Connection& conn, std::int64_t id, bool active) {
  conn.prepare("UPDATE offer SET active = ? WHERE id = ?")
      .bind_all(std::int64_t{active ? 1 : 0}, id)
      .run();
  return conn.changes() > 0;
}

void set_offer_citizens(Connection& conn, std::int64_t offer_id, const std::string& period,
                        std::int64_t citizens) {
  conn.prepare("INSERT INTO offer_citizens (offer_id, period, citizens) VALUES (?, ?, ?)"
               " ON CONFLICT (offer_id, period) DO UPDATE SET citizens = excluded.citizens")
      .bind_all(offer_id, period, citizens)
      .run();
}

std::optional<std::int64_t> offer_citizens(Connection& conn, std::int64_t offer_id,
                                           const std::string& period) {
  auto st = conn.prepare("SELECT citizens FROM offer_citizens WHERE offer_id = ? AND period = ?");
  st.bind_all(offer_id, period);
  if (!st.step()) return std::nullopt;
  return st.int64(0);
}

}  // namespace tilfreds::db
