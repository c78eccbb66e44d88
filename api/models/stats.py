"""The supervision figures (CONTRACT §4, `GET /v1/stats`; RULES S1-S3)."""

from datetime import date

from pydantic import BaseModel, ConfigDict

__all__ = ["FiguresPublic", "MonthPublic", "RegionFiguresPublic", "StatsPublic"]

# A count, or "<5" where a published figure suppresses it (S3).
Count = int | str


class FiguresPublic(BaseModel):
    """S1's figures by CONTRACT §4's names. The figures routed to townships (warnings,
    applications, cases, referrals, funds, findings) are null for a village.
    `findings_by_rule` (X1-X8) holds each rule's latest recorded scan on or before the day
    (`hhgraph integrity` records one), null where no scan covers the region;
    `findings_scanned_on` is the date of the oldest scan behind it."""

    model_config = ConfigDict(extra="forbid")

    households_by_group: dict[str, Count]
    persons_by_group: dict[str, Count]
    warnings_open_by_level: dict[str, Count] | None
    warnings_overdue: Count | None
    verifications_on_time: Count | None
    verifications_late: Count | None
    applications_by_status: dict[str, Count] | None
    median_working_days_to_decision: float | None
    cases_overdue: Count | None
    referrals_overdue: Count | None
    relief_paid: float | None
    fund_balance: float | None
    findings_by_rule: dict[str, Count] | None
    findings_scanned_on: date | None


class RegionFiguresPublic(BaseModel):
    region: str
    name: str
    figures: FiguresPublic


class MonthPublic(BaseModel):
    month: str  # YYYY-MM
    figures: FiguresPublic


class StatsPublic(BaseModel):
    region: str
    name: str
    as_of: date
    published: bool
    figures: FiguresPublic
    children: list[RegionFiguresPublic]
    monthly: list[MonthPublic]
