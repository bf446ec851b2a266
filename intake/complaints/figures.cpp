#include "intake/complaints/figures.h"

#include "intake/complaints/complaint.h"
#include "intake/complaints/form_view.h"

namespace tilfreds::intake::complaints {

Period to_period(const HalfYear& h) { return Period{h, h.label(), h.first_day(), h.last_day()}; }

std::optional<Period> parse_period(const std::string& label) {
  auto h = parse_half_year(label);
  if (!h) return std::nullopt;
  return to_period(*h);
}

// On numbers: writing the year back as text and parsing it again once turned 0999H2
// into "998H2", which the parser refused, and an empty optional was dereferenced.
Period previous_period(const Period& p) { return to_period(p.half.previous()); }

Period period_of(const std::string& day) { return to_period(half_year_of(day)); }

std::vector<OfferFigures> tally(const std::vector<db::ComplaintRow>& complaints,
                                const std::vector<db::OfferRow>& offers,
                                const std::map<std::int64_t, std::int64_t>& citizens) {
  std::vector<OfferFigures> out;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& o : offers) {
    OfferFigures f;
    f.offer_id = o.id;
    f.name = o.name;
    f.provider = o.provider_name;
    if (auto it = citizens.find(o.id); it != citizens.end()) f.citizens = it->second;
    index[o.id] = out.size();
    out.push_back(f);
  }
  std::optional<std::size_t> no_offer;
  for (const auto& c : complaints) {
    const db::ComplaintState& s = c.state;
    std::size_t i;
    if (s.offer_id && index.count(*s.offer_id)) {
      i = index[*s.offer_id];
    } else {
      if (!no_offer) {
        no_offer = out.size();
        out.push_back(OfferFigures{});
      }
      i = *no_offer;
    }
    OfferFigures& f = out[i];
    f.complaints += 1;
    for (const auto& cat : split_words(s.categories)) f.by_category[cat] += 1;
    f.by_outcome[s.outcome] += 1;
    if (s.outcome == "upheld" || s.outcome == "partly_upheld") f.upheld += 1;
    if (s.outcome == "upheld" || s.outcome == "partly_upheld" || s.outcome == "not_upheld") f.judged += 1;
    if (s.decided_on) {
      f.decided += 1;
      f.handling_days.push_back(days_between(s.received_on, *s.decided_on));
      if (*s.decided_on <= s.deadline) f.within_deadline += 1;
    }
  }
  return out;
}

}  // namespace tilfreds::intake::complaints
