#include "intake/complaints/demo_complaints.h"

#include <algorithm>
#include <random>

#include "db/offer_store.h"
#include "intake/complaints/complaint.h"
#include "intake/complaints/figures.h"
#include "intake/complaints/handling.h"
#include "intake/dates.h"

namespace tilfreds::intake::complaints {

void ensure_demo_complaints(db::Database& db) {
  if (!db.read([](db::Connection& c) { return db::list_offers(c).empty(); })) return;
  struct DemoOffer {
    const char* name;
    const char* provider;
    bool external;
    std::int64_t citizens;
  };
  const DemoOffer offers[] = {{"Virksomhedspraktik", "Jobcenter Lejre", false, 420},
                              {"Jobsøgningskursus", "Jobcenter Lejre", false, 260},
                              {"Mentorforløb", "Mentorhuset ApS", true, 90}};
  std::vector<std::int64_t> ids;
  const std::string today = today_iso();
  const Period now = period_of(today);
  const Period before = previous_period(now);
  db.write([&](db::Connection& c) {
    for (const auto& o : offers) {
      auto id = *db::create_offer(c, o.name, db::put_provider(c, o.provider, o.external), "");
      db::set_offer_citizens(c, id, now.label, o.citizens);
      db::set_offer_citizens(c, id, before.label, o.citizens - 20);
      ids.push_back(id);
    }
  });
  std::mt19937 rng(2026);
  const Actor demo{std::nullopt, "demo"};
  for (int i = 0; i < 36; ++i) {
    int age = static_cast<int>(rng() % 330);  // received within the last 11 months
    db::ComplaintState s;
    s.received_on = add_days(today, -age);
    s.channel = kChannels[rng() % kChannels.size()];
    s.offer_id = ids[rng() % ids.size()];
    s.benefit_group = i % 3 == 0 ? "dagpenge" : "sygedagpenge";
    s.categories = kCategories[rng() % kCategories.size()];
    s.deadline = add_days(s.received_on, 28);
    s.text = "Demo-klage: borgeren er utilfreds med forløbet.";
    if (age > 20) {
      s.status = age > 60 ? "closed" : "decided";
      s.outcome = kOutcomes[rng() % 4];  // upheld … rejected; withdrawn is rare
      s.decided_on = std::min(today, add_days(s.received_on, 10 + static_cast<int>(rng() % 30)));
    } else if (age > 5) {
      s.status = "in_progress";
    }
    register_complaint(db, s, demo);
  }
}

}  // namespace tilfreds::intake::complaints
