"""Micro-benchmarks of the request path, run with `make bench`.

Every result is a ratio against a baseline measured on the same machine in the same run, so the goals hold on a
slow laptop and a fast CI runner alike. docs/benchmarks.md explains what each benchmark measures.
"""
