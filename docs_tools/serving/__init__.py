"""Servers and browsers started for the tests, the benchmarks and the screenshots, with their output kept."""
