"""The `hhgraph` command line of household-graph, and nothing else.

What every layer shares (settings, the error tree, dates, ids, the version) lives in `core`;
the layers are the top-level packages `graph` (driver, schema, local server), `cypher` (named
queries), `scoring`, `loaders`, `synthetic` and `api`.
"""

from core import __version__

__all__ = ["__version__"]
