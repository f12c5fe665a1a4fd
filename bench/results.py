"""One line per benchmark on stdout, and whether it missed its goal.

Most goals are a ceiling (`1.23x (goal <= 1.30x)`: the candidate may cost at most that multiple of the baseline);
some are a floor (`0.95x (goal >= 0.90x)` for a throughput ratio, `1.23 M entries/s (goal >= 1.00 M entries/s)`).
A benchmark that cannot run here (no PostgreSQL) prints `skipped (...)` and is not counted as a miss.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    line: str
    missed: bool


def measured(
    name: str, value: float, goal: float, *, unit: str = "x", at_least: bool = False, digits: int = 2
) -> Result:
    """`name: <value><unit> (goal <= <goal><unit>)`, or `>=` for a floor; units other than `x` get a space."""
    space = "" if unit == "x" else " "
    sign = ">=" if at_least else "<="
    line = f"{name}: {value:.{digits}f}{space}{unit} (goal {sign} {goal:.{digits}f}{space}{unit})"
    return Result(line, value < goal if at_least else value > goal)


def skipped(name: str, why: str) -> Result:
    return Result(f"{name}: skipped ({why})", False)
