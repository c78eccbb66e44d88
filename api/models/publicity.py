"""The village board (CONTRACT §4, GET /v1/publicity; RULES P6, P8)."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["BoardLinePublic"]


class BoardLinePublic(BaseModel):
    """One line a village board shows: nothing else (P6's never-shown list)."""

    model_config = ConfigDict(from_attributes=True)

    application_id: str
    name: str
    household_size: int | None
    program: str
    monthly_amount: float | None
    from_: date = Field(serialization_alias="from")
    until: date | None
