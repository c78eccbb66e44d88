"""Tests of the officials package (RULES §8, C1–C5)."""
