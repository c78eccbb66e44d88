"""Independent reference models of the rules, in plain Python over networkx.

They share no code and no query with the Cypher they check: the tests export the graph
(`export_graph`) and compare every verdict. Small data only.
"""

from scoring.reference.export import NODE_KEYS, export_graph, node_key

__all__ = ["NODE_KEYS", "export_graph", "node_key"]
