"""What the webhook tests share: regions, a queued message."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from graph.db import Graph
from webhooks import enqueue

COUNTY = "440103000000"
TOWNSHIP = "440103001000"
VILLAGE = "440103001001"
OTHER_VILLAGE = "440104001001"  # another county: no webhook covers it


def queue(
    graph: Graph,
    now: datetime,
    body: Mapping[str, Any] | None = None,
    department: str = "health",
    region: str = VILLAGE,
    topic: str = "referral.sent",
) -> str:
    """A message queued in a transaction of its own (as a referral's would be)."""
    data = body if body is not None else {"referral_id": "R1", "need": "medical"}
    message_id = graph.execute_write(
        lambda tx: enqueue(tx, topic, department, region, data, now=now)
    )
    assert message_id is not None, "no webhook covers the region"
    return message_id
