#!/usr/bin/python3
"""Reference values for tests/stats/*_test.cpp, computed with independent
implementations (scipy 1.10, statsmodels 0.13 from Debian 12:
`apt-get install python3-scipy python3-statsmodels`).

Run:  /usr/bin/python3 tests/data/stats/reference_values.py

Each line prints the exact call and its result with 17 significant digits; the
C++ tests carry the value literally next to the call that produced it. Nothing
in the build runs this script.
"""
import itertools
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.contingency_tables import Table
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep,
                                          multinomial_proportions_confint,
                                          proportion_confint, proportions_ztest)


def show(call, value):
    if isinstance(value, (tuple, list, np.ndarray)):
        value = ", ".join(f"{float(v):.17g}" for v in np.ravel(value))
    else:
        value = f"{float(value):.17g}"
    print(f"{call}  ->  {value}")


print(f"# scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")

print("\n## proportion: statsmodels proportion_confint")
cases = [(0, 10), (10, 10), (1, 1), (0, 1), (3, 10), (25, 500), (45, 500),
         (424, 531), (123456, 1000000), (0, 2000000), (2000000, 2000000), (1, 3000000)]
for method in ["wilson", "beta", "agresti_coull"]:
    for k, n in cases:
        call = f"proportion_confint({k}, {n}, alpha=0.05, method='{method}')"
        show(call, proportion_confint(k, n, alpha=0.05, method=method))
for method in ["wilson", "beta", "agresti_coull", "jeffreys"]:
    for alpha in [0.10, 0.01]:
        call = f"proportion_confint(3, 10, alpha={alpha}, method='{method}')"
        show(call, proportion_confint(3, 10, alpha=alpha, method=method))

print("\n## Jeffreys (Brown, Cai & DasGupta 2001: lower 0 at k=0, upper 1 at k=n)")
for k, n in cases:
    a, b = k + 0.5, n - k + 0.5
    show(f"scipy.stats.beta.ppf([0.025, 0.975], {a}, {b})", stats.beta.ppf([0.025, 0.975], a, b))

print("\n## FPC: effective n = n (N-1)/(N-n), effective k = k/n * n_eff (Korn & Graubard 1998)")
for k, n, N in [(424, 531, 2415), (0, 531, 2415), (3, 10, 12)]:
    neff = n * (N - 1) / (N - n)
    keff = k / n * neff
    for method in ["wilson", "beta", "agresti_coull"]:
        call = f"proportion_confint({k}/{n}*neff, neff, alpha=0.05, method='{method}') with neff={n}*({N}-1)/({N}-{n})"
        show(call, proportion_confint(keff, neff, alpha=0.05, method=method))
    show(f"sqrt(({N}-{n})/({N}-1))", np.sqrt((N - n) / (N - 1)))

print("\n## Goodman simultaneous intervals")
for counts in [[276, 149, 64, 42], [0, 5, 10, 20], [50, 0, 0, 0], [1, 1]]:
    ci = multinomial_proportions_confint(counts, alpha=0.05, method="goodman")
    show(f"multinomial_proportions_confint({counts}, alpha=0.05, method='goodman')", ci)

print("\n## percent half up (exact rationals, Decimal ROUND_HALF_UP)")
for k, n in [(1, 8), (29, 200), (1, 3), (2, 3), (1, 16), (5, 1000), (1, 200), (0, 7), (7, 7), (531, 2415)]:
    q = Fraction(100 * k, n)
    whole = Decimal(q.numerator) / Decimal(q.denominator)
    print(f"percent {k}/{n}: {whole.quantize(Decimal('1'), rounding=ROUND_HALF_UP)} "
          f"{whole.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}")

print("\n## two proportions: Newcombe + z test (count1 = later wave)")
for kf, nf, kt, nt in [(25, 500, 45, 500), (37, 512, 42, 531), (0, 10, 0, 10),
                       (480000, 1000000, 481500, 1000000), (2, 20, 7, 25), (0, 10, 10, 10)]:
    show(f"confint_proportions_2indep({kt}, {nt}, {kf}, {nf}, method='newcomb', compare='diff', alpha=0.05)",
         confint_proportions_2indep(kt, nt, kf, nf, method="newcomb", compare="diff", alpha=0.05))
    if 0 < kf + kt < nf + nt:
        show(f"proportions_ztest([{kt}, {kf}], [{nt}, {nf}])", proportions_ztest([kt, kf], [nt, nf]))
    show(f"scipy.stats.fisher_exact([[{kt}, {nt - kt}], [{kf}, {nf - kf}]])[1]",
         stats.fisher_exact([[kt, nt - kt], [kf, nf - kf]])[1])
for t in [[[9, 0], [0, 10]], [[3, 1], [1, 3]], [[1, 9], [11, 3]], [[0, 5], [5, 0]], [[2, 999998], [9, 999991]], [[5, 0], [0, 0]]]:
    show(f"scipy.stats.fisher_exact({t})[1]", stats.fisher_exact(t)[1])

print("\n## chi-square homogeneity: scipy.stats.chi2_contingency(correction=False)")
survey = [[245, 135, 75, 40], [271, 143, 61, 37], [276, 149, 64, 42]]
for t in [survey, survey[1:], [[10, 20, 5], [12, 18, 9]], [[45, 455], [25, 475]],
          [[300000, 100000, 50000], [310000, 95000, 52000]]]:
    r = stats.chi2_contingency(t, correction=False)
    show(f"scipy.stats.chi2_contingency({t}, correction=False)[:3]", r[:3])


def exact_chi2_p(table):
    """Exact conditional p-value of Pearson's X^2: sum of multiple hypergeometric
    probabilities of all tables with the observed margins and X^2 >= observed."""
    table = np.asarray(table)
    rows, cols = table.sum(1), table.sum(0)
    total = table.sum()
    expected = np.outer(rows, cols) / total
    x2_obs = ((table - expected) ** 2 / expected).sum()
    logfact = lambda v: sum(np.math.lgamma(x + 1) for x in np.ravel(v))
    const = logfact(rows) + logfact(cols) - np.math.lgamma(total + 1)
    p = 0.0
    r, c = table.shape

    def rec(i, col_left, acc):
        nonlocal p
        if i == r - 1:
            t = np.array(acc + [list(col_left)])
            x2 = ((t - expected) ** 2 / expected).sum()
            if x2 >= x2_obs * (1 - 64 * 2.220446049250313e-16):
                p += np.exp(const - logfact(t))
            return
        for cells in itertools.product(*(range(int(cl) + 1) for cl in col_left)):
            if sum(cells) == rows[i]:
                rec(i + 1, [cl - x for cl, x in zip(col_left, cells)], acc + [list(cells)])

    rec(0, list(cols), [])
    return x2_obs, p


for t in [[[3, 1, 0, 2], [0, 4, 1, 1]], [[2, 0, 1], [0, 3, 0], [1, 0, 4]], [[4, 3, 2, 1], [1, 2, 3, 4]]]:
    show(f"exact conditional chi-square p (enumeration) of {t}: X2, p", exact_chi2_p(t))

print("\n## Mann-Whitney: scipy.stats.mannwhitneyu(x, y, use_continuity=True, alternative='two-sided', method='asymptotic')")


def expand(counts):
    return np.repeat(np.arange(len(counts)), counts)


for a, b in [([271, 143, 61, 37], [276, 149, 64, 42]), ([3, 4, 2, 1], [1, 2, 3, 4]),
             ([10, 0, 0, 0], [9, 1, 0, 0]), ([400, 50, 25, 25], [380, 50, 25, 45])]:
    x, y = expand(b), expand(a)  # x = later wave: U of the later wave
    r = stats.mannwhitneyu(x, y, use_continuity=True, alternative="two-sided", method="asymptotic")
    show(f"mannwhitneyu(expand({b}), expand({a}), use_continuity=True, method='asymptotic'): U, p",
         (r.statistic, r.pvalue))

print("\n## Kruskal-Wallis: scipy.stats.kruskal(*expanded rows)")
for t in [survey, [[3, 4, 2, 1], [1, 2, 3, 4], [0, 1, 4, 5]]]:
    r = stats.kruskal(*[expand(row) for row in t])
    show(f"scipy.stats.kruskal(*expand({t})): H, p", (r.statistic, r.pvalue))

print("\n## linear-by-linear / Cochran-Armitage: statsmodels Table(t, shift_zeros=False).test_ordinal_association() (the default shift_zeros=True adds 0.5 to every cell of a table with a zero)")
for t in [survey, [[3, 4, 2, 1], [1, 2, 3, 4], [0, 1, 4, 5]]]:
    r = Table(np.asarray(t, dtype=float), shift_zeros=False).test_ordinal_association()
    show(f"Table({t}, shift_zeros=False).test_ordinal_association(): z, p", (r.zscore, r.pvalue))
for k, n in [([380, 414, 425], [495, 512, 531]), ([40, 37, 42], [495, 512, 531]), ([5, 9, 14], [100, 100, 100])]:
    t = np.array([[ki, ni - ki] for ki, ni in zip(k, n)], dtype=float)
    r = Table(t, shift_zeros=False).test_ordinal_association(row_scores=np.arange(len(k)), col_scores=np.array([1.0, 0.0]))
    show(f"Table([[k_i, n_i-k_i]] for k={k}, n={n}, shift_zeros=False).test_ordinal_association(col_scores=[1,0]): z, p",
         (r.zscore, r.pvalue))

print("\n## Benjamini-Hochberg: statsmodels multipletests(p, method='fdr_bh')[1]")
for p in [[0.01, 0.04, 0.03, 0.2, 0.5], [0.001, 0.001, 0.9], [0.05]]:
    show(f"multipletests({p}, method='fdr_bh')[1]", multipletests(p, method="fdr_bh")[1])

print("\n## response rates (AAPOR 2023 formulas, exact rationals)")
for inv, inel, unk, part, comp in [(2415, 180, 60, 25, 531), (100, 0, 0, 0, 0), (40, 40, 0, 0, 0)]:
    other = inv - inel - unk - part - comp
    den = comp + part + other + unk
    e = (comp + part + other) / (comp + part + other + inel) if comp + part + other + inel else float("nan")
    print(f"invited={inv} ineligible={inel} unknown={unk} partial={part} completed={comp}:")
    if den:
        show("  rr1 = I/(I+P+R+NC+O+U)", comp / den)
        show("  rr2 = (I+P)/(I+P+R+NC+O+U)", (comp + part) / den)
        d34 = comp + part + other + e * unk
        show("  rr3 = I/(I+P+R+NC+O+e U)", comp / d34)
        show("  rr4 = (I+P)/(I+P+R+NC+O+e U)", (comp + part) / d34)
    if inv:
        show("  plain = I/invited", comp / inv)

print("\n## post-stratification (Cochran 1977 eq. 5A.42), numpy")
strata = [(870, 190, 160), (560, 120, 88), (400, 60, 40), (585, 161, 120)]  # N_h, n_h, k_h
N = np.array([s[0] for s in strata], float)
n = np.array([s[1] for s in strata], float)
k = np.array([s[2] for s in strata], float)
W = N / N.sum()
p = k / n
est = (W * p).sum()
var = (W ** 2 * (1 - n / N) * p * (1 - p) / (n - 1)).sum()
show(f"post-stratified share of {strata}: estimate, se, lower, upper",
     (est, np.sqrt(var), est - stats.norm.isf(0.025) * np.sqrt(var), est + stats.norm.isf(0.025) * np.sqrt(var)))
show("unweighted", k.sum() / n.sum())

print("\n## hypergeometric: scipy.stats.hypergeom.logpmf(x, M=population, n=successes, N=draws)")
for x, M, n_, N_ in [(3, 20, 7, 12), (0, 20, 7, 12), (7, 20, 7, 12), (500, 1000000, 1000, 500000), (2, 10, 10, 2)]:
    show(f"scipy.stats.hypergeom.logpmf({x}, {M}, {n_}, {N_})", stats.hypergeom.logpmf(x, M, n_, N_))
show("scipy.stats.hypergeom.pmf(range(0, 8), 20, 7, 12)", stats.hypergeom.pmf(range(0, 8), 20, 7, 12))

print("\n## more chi-square / trend references")
show("scipy.stats.chi2_contingency([[3, 1], [1, 3]], correction=False)[:3]",
     stats.chi2_contingency([[3, 1], [1, 3]], correction=False)[:3])
r = Table(np.array([[5, 95], [14, 86]], dtype=float), shift_zeros=False).test_ordinal_association(col_scores=np.array([1.0, 0.0]))
show("Table([[5, 95], [14, 86]], shift_zeros=False).test_ordinal_association(col_scores=[1,0]): z, p", (r.zscore, r.pvalue))
show("scipy.stats.chi2_contingency([[10, 20, 5], [12, 18, 9]], correction=False)[:3]",
     stats.chi2_contingency([[10, 20, 5], [12, 18, 9]], correction=False)[:3])

print("\n## comparison tables: per-cell z tests (later vs earlier) and BH over the table's family")


def table_family(waves, top=2):
    raw = []
    for i in range(1, len(waves)):
        prev, cur = waves[i - 1], waves[i]
        n0, n1 = sum(prev), sum(cur)
        for j in range(len(cur)):
            raw.append(proportions_ztest([cur[j], prev[j]], [n1, n0])[1])
        if top:
            raw.append(proportions_ztest([sum(cur[:top]), sum(prev[:top])], [n1, n0])[1])
    return raw


for waves in [survey, [[260, 150, 65, 25], [240, 150, 65, 45]]]:
    raw = table_family(waves)
    show(f"[proportions_ztest([cur_j, prev_j], [n_cur, n_prev])[1] per pair, category, then top2] for {waves}", raw)
    show("multipletests(raw, method='fdr_bh')[1]", multipletests(raw, method="fdr_bh")[1])
both = table_family(survey) + table_family([[260, 150, 65, 25], [240, 150, 65, 45]])
show("multipletests(survey family + secretary family, method='fdr_bh')[1]", multipletests(both, method="fdr_bh")[1])

print("\n## CLI: tilfreds stats compare on the secretary's table (2023: 260;150;65;25, 2024: 240;150;65;45)")
sec = [[260, 150, 65, 25], [240, 150, 65, 45]]
show(f"scipy.stats.chi2_contingency({sec}, correction=False)[:3]", stats.chi2_contingency(sec, correction=False)[:3])
r = stats.mannwhitneyu(expand(sec[1]), expand(sec[0]), use_continuity=True, alternative="two-sided", method="asymptotic")
show(f"mannwhitneyu(expand({sec[1]}), expand({sec[0]}), use_continuity=True, method='asymptotic'): U, p", (r.statistic, r.pvalue))
show("confint_proportions_2indep(45, 500, 25, 500, method='newcomb', compare='diff', alpha=0.10)",
     confint_proportions_2indep(45, 500, 25, 500, method="newcomb", compare="diff", alpha=0.10))
