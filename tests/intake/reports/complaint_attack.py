#!/usr/bin/python3
"""The attacker of issue 13 §1 over the complaint pages published together: for
each half-year, /statistik/klager (complaints per offer, per 1,000 citizens, share
upheld; outcomes per offer) and /statistik/kvalitet (complaints, upheld count,
share not upheld, citizens), as their JSON downloads.

Independent of the C++ code: it reads only what a reader downloads. Per offer it
takes the six outcome counts (upheld, partly upheld, not upheld, rejected,
withdrawn, not decided) and the number of complaints as integer unknowns and every
published figure as a constraint:
  * a printed count: the unknown equals it (outcomes, complaints on either page,
    the upheld count = upheld + partly upheld);
  * the outcomes add up to the complaints;
  * a share p (d decimals) of the judged (upheld + partly + not upheld): the
    numerator x satisfies round_half_up(100·x/J, d) == p, i.e.
    (2P−1)·J ≤ 200·10^d·x ≤ (2P+1)·J − 1 with P = p·10^d (upheld on klager,
    not upheld on kvalitet);
  * per 1,000 citizens r (d decimals) beside a printed number of citizens c:
    (2R−1)·c ≤ 2000·10^d·n ≤ (2R+1)·c − 1.
The intervals beside the shares are not used (they are not linear). With
scipy.optimize.milp it finds the smallest and largest value of every hidden
outcome, complaint count and upheld count, and reports those narrower than the
threshold.

Usage: complaint_attack.py THRESHOLD SET.json, SET.json being
  [{"period": "2026H1", "klager": <render_json>, "kvalitet": <render_json>}, ...]
Prints {"checked": N, "violations": [{"where": ..., "low": a, "high": b}, ...]}.
"""
import json
import sys

import numpy as np

from milp_ranges import Rows, narrow

K = 6  # outcomes


def table(report, table_id):
    for s in report["sections"]:
        for b in s["blocks"]:
            if b["kind"] == "table" and b["table"]["id"] == table_id:
                return b["table"]
    return None


def rows_of(t):
    return {r["header"]: r["cells"] for r in t["rows"]} if t else {}


def main():
    threshold = int(sys.argv[1])
    checked, violations = 0, []
    for entry in json.load(open(sys.argv[2])):
        period = entry["period"]
        main_rows = rows_of(table(entry["klager"], "complaints_per_offer"))
        outcome_rows = rows_of(table(entry["klager"], "outcomes_per_offer"))
        quality_rows = rows_of(table(entry["kvalitet"], "quality_per_offer"))
        for offer in sorted(set(main_rows) | set(outcome_rows) | set(quality_rows)):
            # x0..x5 the outcomes, x6 the complaints.
            nvar = K + 1
            rows_ = Rows(nvar)
            add = rows_.add

            def share(numerator, cell):
                scale = 10 ** cell.get("decimals", 0)
                P = round(cell["value"] * scale)
                judged = [0, 1, 2]
                add([(i, 200 * scale) for i in numerator] + [(j, -(2 * P - 1)) for j in judged], 0, np.inf)
                add([(i, 200 * scale) for i in numerator] + [(j, -(2 * P + 1)) for j in judged], -np.inf, -1)

            add([(j, 1) for j in range(K)] + [(K, -1)], 0, 0)
            hidden = []
            for j, c in enumerate(outcome_rows.get(offer, [])):
                if c["kind"] == "count":
                    add([(j, 1)], c["value"], c["value"])
                elif c["kind"] == "hidden":
                    hidden.append((f"{period} {offer} outcome {j}", [(j, 1)]))
            citizens = None
            q = quality_rows.get(offer)
            if q:
                # provider, satisfaction, respondents, complaints, upheld, not upheld share, citizens
                if q[3]["kind"] == "count":
                    add([(K, 1)], q[3]["value"], q[3]["value"])
                elif q[3]["kind"] == "hidden":
                    hidden.append((f"{period} {offer} complaints (kvalitet)", [(K, 1)]))
                if q[4]["kind"] == "count":
                    add([(0, 1), (1, 1)], q[4]["value"], q[4]["value"])
                elif q[4]["kind"] == "hidden":
                    hidden.append((f"{period} {offer} upheld (kvalitet)", [(0, 1), (1, 1)]))
                if q[5]["kind"] == "percent":
                    share([2], q[5])
                if q[6]["kind"] == "count":
                    citizens = q[6]["value"]
            m = main_rows.get(offer)
            if m:
                # provider, complaints, per 1,000, share upheld, median days, within deadline
                if m[1]["kind"] == "count":
                    add([(K, 1)], m[1]["value"], m[1]["value"])
                elif m[1]["kind"] == "hidden":
                    hidden.append((f"{period} {offer} complaints (klager)", [(K, 1)]))
                if m[2]["kind"] == "number" and citizens:
                    scale = 10 ** m[2].get("decimals", 0)
                    R = round(m[2]["value"] * scale)
                    add([(K, 2000 * scale)], (2 * R - 1) * citizens, (2 * R + 1) * citizens - 1)
                if m[3]["kind"] == "percent":
                    share([0, 1], m[3])
            checked += len(hidden)
            violations += narrow(rows_, hidden, threshold)
    print(json.dumps({"checked": checked, "violations": violations}))


if __name__ == "__main__":
    main()
