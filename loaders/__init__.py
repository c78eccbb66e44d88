"""Department feeds (CONTRACT §2) to validated records to `UNWIND` batches in Neo4j.

- `loaders.read`: CSV / JSON Lines / JSON array files and request bodies to raw records.
- `loaders.records`: one pydantic model per feed (`PersonIn`, `EventIn`, ...), each with its
  upsert query, the names it references and its row; `FEEDS`, `FeedName`.
- `loaders.fields`: the field types (dates, money, resident ids, region codes) and their rules.
- `loaders.names`: the keys a record names, which must exist.
- `loaders.checks`: rules that need the graph (references, overlaps, birth order).
- `loaders.write`: the records' rows by upsert query, one transaction per batch.
- `loaders.pipeline`: `load_records`, the one path for the CLI and the API.
- `core.ids`: resident ids (I1) and region codes (I2).
"""

from loaders.pipeline import FieldError, LoadReport, Reject, load_records
from loaders.records import FEEDS

__all__ = ["FEEDS", "FieldError", "LoadReport", "Reject", "load_records"]
