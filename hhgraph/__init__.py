"""household-graph: the graph back end of Guangdong's low-income population monitoring.

Cross-cutting pieces live here: settings, the error tree and the `hhgraph` console command.
The layers are top-level packages: `graph` (driver, schema, local server), `cypher` (named
queries), `loaders`, `scoring` and `api`.
"""

__version__ = "0.1.0"
