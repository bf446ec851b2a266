#include "intake/cli/complaint_commands.h"

#include <memory>

#include "db/database.h"
#include "db/offer_store.h"
#include "intake/cli/keyed_database.h"
#include "intake/complaints/figures.h"
#include "intake/complaints/handling.h"

namespace tilfreds::intake::cli {

namespace {
struct OfferArgs {
  std::string name;
  std::string provider;
  bool external = false;
  std::string groups;
  std::string period;
  std::int64_t citizens = 0;
};
}  // namespace

void add_complaint_commands(CLI::App& root, Context& ctx) {
  auto* offer = root.add_subcommand("offer", "The register of offers (tilbud) and providers");
  offer->require_subcommand(1);
  auto a = std::make_shared<OfferArgs>();

  auto* add = offer->add_subcommand("add", "Add an offer (the provider is created if new)");
  add->add_option("name", a->name, "Name of the offer")->required();
  add->add_option("--provider", a->provider, "Provider running it")->required();
  add->add_flag("--external", a->external, "The provider is external (not the municipality's own centre)");
  add->add_option("--groups", a->groups, "Target benefit groups, comma-separated");
  add->callback([&ctx, a] {
    KeyedDatabase db(ctx);
    std::optional<std::int64_t> id;
    db.write([&](db::Connection& c) {
      id = db::create_offer(c, a->name, db::put_provider(c, a->provider, a->external), a->groups);
    });
    if (!id) {
      *ctx.err << "offer \"" << a->name << "\": an offer of that name exists\n";
      ctx.exit_code = 1;
      return;
    }
    *ctx.out << *id << "\n";
  });

  auto* list = offer->add_subcommand("list", "List offers: id, name, provider, own/external, active");
  list->callback([&ctx] {
    KeyedDatabase db(ctx);
    for (const auto& o : db.read([](db::Connection& c) { return db::list_offers(c); })) {
      *ctx.out << o.id << "\t" << o.name << "\t" << o.provider_name << "\t"
               << (o.provider_external ? "external" : "own") << "\t" << (o.active ? "active" : "inactive")
               << "\n";
    }
  });

  auto* citizens = offer->add_subcommand("citizens", "Record the citizens in an offer in a half-year");
  citizens->add_option("name", a->name, "Name of the offer")->required();
  citizens->add_option("--period", a->period, "Half-year, e.g. 2026H1")->required();
  citizens->add_option("--count", a->citizens, "Number of citizens")->required()->check(CLI::NonNegativeNumber);
  citizens->callback([&ctx, a] {
    if (!complaints::parse_period(a->period)) {
      *ctx.err << "--period " << a->period << ": write the half-year as YYYYH1 or YYYYH2\n";
      ctx.exit_code = 1;
      return;
    }
    KeyedDatabase db(ctx);
    bool found = false;
    db.write([&](db::Connection& c) {
      if (auto o = db::find_offer_by_name(c, a->name)) {
        db::set_offer_citizens(c, o->id, a->period, a->citizens);
        found = true;
      }
    });
    if (!found) {
      *ctx.err << "offer \"" << a->name << "\": no such offer (see tilfreds offer list)\n";
      ctx.exit_code = 1;
    }
  });

  auto* complaints_cmd = root.add_subcommand("complaints", "Complaint administration");
  complaints_cmd->require_subcommand(1);
  auto days = std::make_shared<int>(0);
  auto* anonymise = complaints_cmd->add_subcommand(
      "anonymise", "Clear name, contact, text and notes of closed complaints not changed for DAYS days; "
                   "statistics stay; each is audited");
  anonymise->add_option("--older-than", *days, "Retention period in days")->required()->check(CLI::Range(1, 36500));
  anonymise->callback([&ctx, days] {
    KeyedDatabase db(ctx);
    auto done = complaints::anonymise_closed(db, *days, complaints::Actor{std::nullopt, "cli"});
    *ctx.out << "anonymised " << done.size() << " complaint" << (done.size() == 1 ? "" : "s") << "\n";
  });
}

}  // namespace tilfreds::intake::cli
