"""Ratio timing: within a round, baseline and candidate run in short alternating slices, so drift of the machine
(frequency scaling, neighbours on a shared host) hits both sides of a ratio alike; the median over rounds then
drops the rounds a hiccup spoiled."""

import gc
import statistics
import sys
import time
from collections.abc import Callable

ROUNDS = 9
SLICES = 10  # alternations per round
SLICE_SECONDS = 0.025  # per side per slice; hundreds of timer ticks, short enough to alternate often
WARMUP_SECONDS = 0.3


def _seconds(fn: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return time.perf_counter() - start


def _calls_per_slice(fn: Callable[[], object]) -> int:
    """Warm up (caches, lazy imports, template loading) and size a slice from the warm-up speed."""
    calls, spent = 0, 0.0
    start = time.perf_counter()
    while spent < WARMUP_SECONDS:
        fn()
        calls += 1
        spent = time.perf_counter() - start
    return max(1, round(calls * SLICE_SECONDS / spent))


def ratio(name: str, baseline: Callable[[], object], candidate: Callable[[], object]) -> float:
    """Median over rounds of candidate time per call / baseline time per call."""
    base_calls, cand_calls = _calls_per_slice(baseline), _calls_per_slice(candidate)
    ratios = []
    for number in range(ROUNDS):
        base = cand = 0.0
        gc.collect()  # start every round from the same heap; collections inside it are part of the cost
        for _ in range(SLICES):
            base += _seconds(baseline, base_calls)
            cand += _seconds(candidate, cand_calls)
        base, cand = base / (SLICES * base_calls), cand / (SLICES * cand_calls)
        ratios.append(cand / base)
        print(
            f"  {name} round {number + 1}/{ROUNDS}: {base * 1e6:.0f} µs vs {cand * 1e6:.0f} µs = {cand / base:.2f}x",
            file=sys.stderr,
        )
    return statistics.median(ratios)
