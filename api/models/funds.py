"""The township standby fund (CONTRACT §4, GET /v1/funds/{township_code}; RULES R5)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.dates import Day

__all__ = ["AllocationIn", "FundEntryPublic", "FundPublic"]


class AllocationIn(BaseModel):
    """A county's allocation to a township's fund (R5): a positive amount, in yuan."""

    model_config = ConfigDict(extra="forbid")

    on: Day
    amount: float = Field(gt=0, le=100_000_000)
    note: str | None = Field(default=None, max_length=2000)


class FundEntryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    entry_id: str
    on: date
    kind: Literal["allocation", "payment", "return"]
    amount: float
    relief_id: str | None
    note: str | None
    by: str


class FundPublic(BaseModel):
    """The ledger: balance = allocations + returns − payments, never below zero (R5)."""

    model_config = ConfigDict(from_attributes=True)

    township_code: str
    balance: float
    entries: list[FundEntryPublic]
