"""Scorers: gold claim files and external benchmarks."""
