"""Benchmarks: ``python bench/run.py`` (docs/performance.md). Never mounted in production."""
