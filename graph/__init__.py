"""The Neo4j layer: the only package that opens a driver.

- `graph.db`: `open_driver`, the `Graph` handle (query objects in managed transactions).
- `graph.schema`: `migrate` (the constraints and indexes of the migrations handed in).
- `graph.server`: the local embedded Neo4j server (`hhgraph db start|stop|status`).
"""

from graph.db import Graph, graph_for, open_driver, resolve_uri
from graph.schema import current_schema, migrate

__all__ = ["Graph", "current_schema", "graph_for", "migrate", "open_driver", "resolve_uri"]
