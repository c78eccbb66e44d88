"""The village board's service (CONTRACT §4; RULES P6, P8)."""

from datetime import date

from api.models.publicity import BoardLinePublic
from applications.publicity import board
from graph.db import Graph

__all__ = ["board_on"]


def board_on(graph: Graph, region_prefix: str, on: date) -> list[BoardLinePublic]:
    """What the boards below `region_prefix` show on `on`."""
    return [BoardLinePublic.model_validate(line) for line in board(graph, region_prefix, on)]
