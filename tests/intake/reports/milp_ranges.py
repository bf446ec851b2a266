"""The exact part both attackers share (disclosure_attack.py, complaint_attack.py):
given linear constraints over non-negative whole unknowns, the smallest and
largest value of each hidden figure by scipy.optimize.milp (HiGHS branch and
bound), and the figures whose range is narrower than the threshold."""
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

BIG = 10**6


def narrow(A, lo, hi, nvar, hidden, threshold):
    """A, lo, hi: rows of lo <= A·x <= hi; hidden: [(where, [(index, coefficient)])].
    Returns the violations: {"where", "low", "high"} or {"where", "error"}."""
    constraints = LinearConstraint(np.array(A), np.array(lo), np.array(hi))
    integrality = np.ones(nvar)
    bounds = Bounds(np.zeros(nvar), np.full(nvar, BIG))
    out = []
    for where, coeffs in hidden:
        c = np.zeros(nvar)
        for i, v in coeffs:
            c[i] += v
        low = milp(c, constraints=constraints, integrality=integrality, bounds=bounds)
        high = milp(-c, constraints=constraints, integrality=integrality, bounds=bounds)
        if low.status != 0 or high.status != 0:
            out.append({"where": where, "error": low.message + " / " + high.message})
            continue
        a, b = round(low.fun), round(-high.fun)
        if b - a < threshold:
            out.append({"where": where, "low": a, "high": b})
    return out
