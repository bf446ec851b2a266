#include "intake/survey/wave_totals.h"

#include "db/aggregate_store.h"
#include "db/invitee_store.h"

namespace tilfreds::intake::survey {

namespace {
stats::Disposition disposition(const std::map<db::InviteeStatus, std::int64_t>& by_status) {
  auto n = [&](db::InviteeStatus s) {
    auto it = by_status.find(s);
    return it == by_status.end() ? std::int64_t{0} : it->second;
  };
  stats::Disposition d;
  for (const auto& [status, count] : by_status) d.invited += count;
  d.ineligible = n(db::InviteeStatus::kIneligible);
  d.unknown = n(db::InviteeStatus::kUndeliverable);
  d.partial = n(db::InviteeStatus::kPartial);
  d.completed = n(db::InviteeStatus::kCompleted);
  return d;
}

stats::Disposition disposition(const db::ImportedDisposition& d) {
  stats::Disposition out;
  out.invited = d.invited;
  out.ineligible = d.ineligible;
  out.unknown = d.undeliverable;
  out.completed = d.answered;
  return out;
}
}  // namespace

WaveTotals wave_totals(db::Database& db, const db::WaveRow& wave) {
  WaveTotals totals;
  totals.imported = wave.imported;
  db.read([&](db::Connection& c) {
    if (wave.imported) {
      for (const auto& d : db::imported_dispositions(c, wave.id)) {
        (d.group.empty() ? totals.total : totals.by_group[d.group]) = disposition(d);
      }
      return 0;
    }
    totals.total = disposition(db::status_counts(c, wave.id));
    for (const auto& [group, by_status] : db::status_counts_by_group(c, wave.id)) {
      totals.by_group[group] = disposition(by_status);
    }
    return 0;
  });
  return totals;
}

}  // namespace tilfreds::intake::survey
