"""Benchmarks of the request path and of the register import at its limit, run with `make bench`.

Every time is a ratio against a baseline measured on the same machine in the same run, so the goals hold on a
slow laptop and a fast CI runner alike; the import also reports its peak memory in MB. docs/benchmarks.md explains
what each benchmark measures.
"""
