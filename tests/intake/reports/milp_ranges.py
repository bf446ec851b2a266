"""The exact part both attackers share (disclosure_attack.py, complaint_attack.py):
given linear constraints over non-negative whole unknowns, the smallest and
largest value of each hidden figure by scipy.optimize.milp (HiGHS branch and
bound), and the figures whose range is narrower than the threshold."""
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

BIG = 10**6


class Rows:
    """The constraints lo <= A·x <= hi over `nvar` unknowns, added a row at a time."""

    def __init__(self, nvar):
        self.nvar, self.A, self.lo, self.hi = nvar, [], [], []

    def add(self, coeffs, a, b):
        """sum(c · x[i] for i, c in coeffs) between a and b."""
        row = np.zeros(self.nvar)
        for i, c in coeffs:
            row[i] += c
        self.A.append(row)
        self.lo.append(a)
        self.hi.append(b)


def narrow(rows, hidden, threshold):
    """rows: a Rows; hidden: [(where, [(index, coefficient)])].
    Returns the violations: {"where", "low", "high"} or {"where", "error"}."""
    A, lo, hi, nvar = rows.A, rows.lo, rows.hi, rows.nvar
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
