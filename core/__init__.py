"""household-graph's kernel: what every layer needs and nothing of the project's own.

- `settings`: the fail-closed settings (`HHGRAPH_*`), read once.
- `errors`: the one error tree, drawn in its docstring.
- `dates`: today in China Standard Time, the bounds of dates and sums, money for display.
- `ids`: resident-id (GB 11643) and region-code (GB/T 2260, 12-digit village) helpers.
- `strictjson`: JSON that refuses duplicate keys, constants and deep nesting.
- `exports`: CSV files that spreadsheets cannot execute, written 0600.
- `terms`: the shared vocabulary (levels, relations, legal status, rescoring modes).

Imports nothing of the project: `core` <- `graph`, `cypher` <- `scoring`, `loaders`,
`synthetic` <- `api` <- `hhgraph` (the command line).
"""

__version__ = "0.1.0"

__all__ = ["__version__", "dates", "errors", "exports", "ids", "settings", "strictjson"]
