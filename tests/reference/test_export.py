"""The networkx export that reference models read."""

from datetime import date

from graph.db import Graph
from loaders.pipeline import load_records
from loaders.read import RawRecord
from tests.loaders import family
from tests.reference import export_graph


def test_export_keeps_every_node_edge_and_property(graph: Graph) -> None:
    for feed, records in family.all_feeds().items():
        load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
    g = export_graph(graph)
    counts = graph.driver.execute_query(
        "MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r", database_="neo4j"
    ).records[0]
    assert (g.number_of_nodes(), g.number_of_edges()) == (counts["n"], counts["r"])
    grandma = g.nodes[f"Person:{family.GRANDMA}"]
    assert grandma["label"] == "Person"
    assert grandma["birth_date"] == date(1950, 3, 1)
    edge = g.get_edge_data(f"Person:{family.FATHER}", "Household:H1")
    assert edge["MEMBER_OF|2000-01-01"]["relation"] == "head"
    assert edge["MEMBER_OF|2000-01-01"]["from"] == date(2000, 1, 1)
    assert g.has_edge(f"Person:{family.GRANDMA}", f"Person:{family.FATHER}", key="PARENT_OF")
    assert "Enrollment:H1|marginal|2025-01-01" in g


def test_a_person_who_comes_back_keeps_both_memberships(graph: Graph) -> None:
    for feed, records in family.all_feeds().items():
        if feed != "events":
            load_records(graph, feed, [RawRecord(i, r) for i, r in enumerate(records)])
    back = {
        "person_id": family.UNCLE,
        "household_id": "H1",
        "from": "2030-01-01",
        "to": None,
        "relation": "other",
    }
    closed = family.memberships()[5] | {"to": "2029-12-31"}
    load_records(graph, "memberships", [RawRecord(0, closed), RawRecord(1, back)])
    edges = export_graph(graph).get_edge_data(f"Person:{family.UNCLE}", "Household:H1")
    assert sorted(str(key) for key in edges) == ["MEMBER_OF|1990-01-01", "MEMBER_OF|2030-01-01"]
