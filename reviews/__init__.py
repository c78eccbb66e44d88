"""Periodic reviews of open enrolments (RULES P10): when the next one is due, and why."""

__all__ = ["schedule"]
