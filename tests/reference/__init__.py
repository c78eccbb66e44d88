"""Independent reference models of the rules, in plain Python over networkx.

They share no code and no query with the Cypher they check: the tests export the graph
(`export_graph`) and compare every verdict. Small data only.

They live in the tests, not in the shipped `scoring/` (issue 15 item 1): only the tests and
`bench/reference_rescore.py` use them, so networkx is a dev dependency and the product runs
without it (tests/install/test_packages.py checks that no shipped module imports it). Their one
query, `cypher/reference/export.cypher`, stays under `cypher/` with every other query: the
project's query loader reads only from there, and the EXPLAIN test plans it with the rest.
"""

from tests.reference.export import NODE_KEYS, export_graph, node_key

__all__ = ["NODE_KEYS", "export_graph", "node_key"]
