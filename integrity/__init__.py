"""Integrity checks (信息比对, RULES §9, X1–X8) over a region on a date, each finding routed to
its township (W5) with what to do next; X8 (relief over R4's limits) joins the registry when
relief exists. See docs/integrity.md."""

from integrity.export import CSV_FIELDS, write_csv
from integrity.findings import RULE_IDS, Finding, NextStep, RuleId
from integrity.registry import CHECKS, Check, checks, decode_cursor, encode_cursor, page, scan_all
from integrity.scan import Scan
from integrity.summary import record_scan

__all__ = [
    "CHECKS",
    "CSV_FIELDS",
    "RULE_IDS",
    "Check",
    "Finding",
    "NextStep",
    "RuleId",
    "Scan",
    "checks",
    "decode_cursor",
    "encode_cursor",
    "page",
    "record_scan",
    "scan_all",
    "write_csv",
]
