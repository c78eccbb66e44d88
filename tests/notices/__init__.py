"""Tests of the written notices (P9)."""
