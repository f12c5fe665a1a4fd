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


def _calls_per_slice(fn: Callable[[], object], warmup: float, slice_seconds: float) -> int:
    """Warm up (caches, lazy imports, template loading) and size a slice from the warm-up speed."""
    calls, spent = 0, 0.0
    start = time.perf_counter()
    while spent < warmup:
        fn()
        calls += 1
        spent = time.perf_counter() - start
    return max(1, round(calls * slice_seconds / spent))


def duration(seconds: float) -> str:
    """A time per call for the progress lines: µs for requests and queries, ms for bursts of work."""
    return f"{seconds * 1e3:.1f} ms" if seconds >= 0.01 else f"{seconds * 1e6:.0f} µs"


def ratio(
    name: str,
    baseline: Callable[[], object],
    candidate: Callable[[], object],
    *,
    rounds: int = ROUNDS,
    slices: int = SLICES,
    slice_seconds: float = SLICE_SECONDS,
    warmup: float = WARMUP_SECONDS,
) -> float:
    """Median over rounds of candidate time per call / baseline time per call.

    The defaults suit calls of microseconds to milliseconds (a request, a query); a benchmark whose one call is a
    burst of work (sixteen writers committing hundreds of transactions) passes longer slices and fewer of them.
    """
    base_calls = _calls_per_slice(baseline, warmup, slice_seconds)
    cand_calls = _calls_per_slice(candidate, warmup, slice_seconds)
    ratios = []
    for number in range(rounds):
        base = cand = 0.0
        gc.collect()  # start every round from the same heap; collections inside it are part of the cost
        for _ in range(slices):
            base += _seconds(baseline, base_calls)
            cand += _seconds(candidate, cand_calls)
        base, cand = base / (slices * base_calls), cand / (slices * cand_calls)
        ratios.append(cand / base)
        print(
            f"  {name} round {number + 1}/{rounds}: {duration(base)} vs {duration(cand)} = {cand / base:.2f}x",
            file=sys.stderr,
        )
    return statistics.median(ratios)
