"""Fuzzing support: shared output invariants and the regressions the fuzzers found."""
