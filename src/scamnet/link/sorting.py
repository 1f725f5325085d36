"""Sorted distinct values of an integer array, the fast way.

numpy 2's ``np.unique`` without ``return_*`` flags takes a hash-based path
that is ~40x slower than sorting on millions of int64 keys (measured: 3.9 s
vs 0.08 s for 3.3M values); the link job calls it on every pair key.
"""

from __future__ import annotations

import numpy as np

from scamnet.engines.base import IntArray

__all__ = ["unique_sorted"]


def unique_sorted(a: IntArray) -> IntArray:
    """Distinct values of ``a`` in ascending order (same result as ``np.unique``)."""
    s = np.sort(a, kind="stable")
    if len(s) == 0:
        return s
    out: IntArray = s[np.r_[True, s[1:] != s[:-1]]]
    return out
