#!/usr/bin/python3
"""The attacker of issue 13 §1: an exact integer solver over the published JSON of
a whole report set (the total report, every group report, the comparison).

Independent of the C++ code: it reads only what a reader downloads. For every
wave × question it sets up the groups × categories table the reports are rows
of, as integer unknowns, and every published figure as a constraint:
  * a percent p (d decimals) of a row with n answers: the count x satisfies
    round_half_up(100·x/n, d) == p, i.e. (2P−1)·n ≤ 200·10^d·x ≤ (2P+1)·n − 1
    with P = p·10^d — linear in (x, n), so it holds when n is hidden too;
  * the same for the top share (the first two categories);
  * n when printed; every row's categories add up to its n;
  * the total report's row is the sum of the group rows (the groups are a
    partition of the respondents: the attacker assumes the strongest case).
Then, with scipy.optimize.milp (HiGHS branch and bound), the smallest and largest
value of every hidden cell, n and top share. A hidden entry whose range is
narrower than the threshold is reported.

Usage: disclosure_attack.py THRESHOLD SET.json, where SET.json is
  [{"view": "total" | "<group value>", "report": <render_json output>}, ...]
Prints {"checked": N, "violations": [{"where": ..., "low": a, "high": b}, ...]}.
"""
import json
import sys

import numpy as np

from milp_ranges import Rows, narrow



def category_columns(table):
    """Index of the n column (the first column holding counts) and of the top column."""
    for j in range(len(table["columns"])):
        if any(r["cells"][j]["kind"] == "count" for r in table["rows"] if j < len(r["cells"])):
            return j, (j + 1 if j + 1 < len(table["columns"]) else None)
    return None, None


def tables(report):
    for s in report["sections"]:
        for b in s["blocks"]:
            if b["kind"] == "table" and b["table"]["id"].startswith("q_"):
                yield b["table"]


def main():
    threshold = int(sys.argv[1])
    reports = json.load(open(sys.argv[2]))
    # problems[(wave, question)] = {"views": {view: row}, "ncat": k, "top": bool}
    problems = {}
    # Where n is, per question: a group whose every row is hidden shows no count,
    # but the same question's table in another report does.
    layout = {}
    for entry in reports:
        for t in tables(entry["report"]):
            n_col, top_col = category_columns(t)
            if n_col is not None:
                layout[t["id"]] = (n_col, top_col)
    for entry in reports:
        view = entry["view"]
        for t in tables(entry["report"]):
            if t["id"] not in layout:
                continue
            n_col, top_col = layout[t["id"]]
            for row in t["rows"]:
                if all(c["kind"] == "missing" for c in row["cells"]):
                    continue
                key = (row["header"], t["id"])
                p = problems.setdefault(key, {"views": {}, "ncat": n_col, "top": top_col is not None})
                p["views"][view] = (row["cells"], n_col, top_col)

    checked = 0
    violations = []
    for (wave, qid), p in sorted(problems.items()):
        views = sorted(v for v in p["views"] if v != "total")
        if not views:
            views = []
        k = p["ncat"]
        rows = views + ["total"]
        # Variables: x[r][j] then n[r] for every row r (groups, then the total).
        nvar = len(rows) * (k + 1)
        X = lambda r, j: r * (k + 1) + j
        N = lambda r: r * (k + 1) + k
        rows_ = Rows(nvar)
        add = rows_.add

        def rounding(coeffs_x, n_index, cell):
            scale = 10 ** cell.get("decimals", 0)
            P = round(cell["value"] * scale)
            f = 200 * scale
            # (2P−1)·n ≤ f·x  and  f·x ≤ (2P+1)·n − 1
            add([(i, f) for i in coeffs_x] + [(n_index, -(2 * P - 1))], 0, np.inf)
            add([(i, f) for i in coeffs_x] + [(n_index, -(2 * P + 1))], -np.inf, -1)

        hidden = []  # (description, variable coefficients)
        for r, view in enumerate(rows):
            add([(X(r, j), 1) for j in range(k)] + [(N(r), -1)], 0, 0)
            if view not in p["views"]:
                continue
            cells, n_col, top_col = p["views"][view]
            ncell = cells[n_col]
            if ncell["kind"] == "count":
                add([(N(r), 1)], ncell["value"], ncell["value"])
            elif ncell["kind"] == "hidden":
                hidden.append((f"{wave} {qid} {view} n", [(N(r), 1)]))
            for j in range(k):
                c = cells[j]
                if c["kind"] == "percent":
                    rounding([X(r, j)], N(r), c)
                elif c["kind"] == "hidden":
                    hidden.append((f"{wave} {qid} {view} column {j}", [(X(r, j), 1)]))
            if top_col is not None and top_col < len(cells):
                c = cells[top_col]
                if c["kind"] == "percent":
                    rounding([X(r, 0), X(r, 1)], N(r), c)
                elif c["kind"] == "hidden":
                    hidden.append((f"{wave} {qid} {view} top", [(X(r, 0), 1), (X(r, 1), 1)]))
        if views:
            t = len(rows) - 1
            for j in range(k + 1):
                add([(r * (k + 1) + j, 1) for r in range(len(views))] + [(t * (k + 1) + j, -1)], 0, 0)
        checked += len(hidden)
        violations += narrow(rows_, hidden, threshold)
    print(json.dumps({"checked": checked, "violations": violations}))


if __name__ == "__main__":
    main()
