"""Rows of named queries as the response models take them."""

from typing import Any

__all__ = ["native"]


def native(values: dict[str, Any]) -> dict[str, Any]:
    """Neo4j dates and times of a row as Python ones."""
    return {k: (v.to_native() if hasattr(v, "to_native") else v) for k, v in values.items()}
