"""Fragments and includes (issue 15 item 4): one copy of each rule, written into the queries
that share it when they are loaded."""

import re

import pytest

from core.errors import BadInclude, UnknownQuery
from cypher import fragment, fragments, names, query
from cypher.include import expand

LIBRARY = {
    "fragments/holds": "// Fragment: an edge holds.\n({{edge}}.from <= $as_of)",
    "fragments/block": "// Fragment: a block.\nMATCH (h)\n\n// include: fragments/holds(edge: r)",
    "fragments/loop_a": "// Fragment: a.\n// include: fragments/loop_b",
    "fragments/loop_b": "// Fragment: b.\n// include: fragments/loop_a",
    "fragments/self": "// Fragment: itself.\n  // include: fragments/self",
}


def load(name: str) -> str:
    if name not in LIBRARY:
        raise BadInclude(f"no fragment named {name!r}")
    return LIBRARY[name]


def test_an_include_becomes_the_fragment_body_indented_like_the_include_line() -> None:
    source = "MATCH (x)-[r]->(k)\nWHERE\n    // include: fragments/holds(edge: r)\nRETURN k"
    assert expand(source, load) == "MATCH (x)-[r]->(k)\nWHERE\n    (r.from <= $as_of)\nRETURN k"


def test_includes_nest_and_blank_lines_stay_blank() -> None:
    assert expand("  // include: fragments/block", load) == ("  MATCH (h)\n\n  (r.from <= $as_of)")


@pytest.mark.parametrize(
    "line",
    [
        "// include: fragments/holds",  # the placeholder has no argument
        "// include: fragments/holds(edge: r, child: x)",  # an argument with no placeholder
        "// include: fragments/holds(edge: r, edge: s)",
        "// include: fragments/holds(edge r)",
        "// include: fragments/holds(edge: 'r')",
        "// include: fragments/no_such_fragment",
    ],
)
def test_a_bad_include_fails_at_load(line: str) -> None:
    with pytest.raises(BadInclude):
        expand(f"MATCH (x)\n{line}\nRETURN x", load)


@pytest.mark.parametrize("name", ["fragments/loop_a", "fragments/self"])
def test_includes_that_come_back_to_themselves_are_refused_not_followed(name: str) -> None:
    with pytest.raises(BadInclude, match="include each other"):
        expand(f"// include: {name}", load)


def test_an_unknown_fragment_of_the_project_fails_at_load() -> None:
    with pytest.raises(BadInclude, match="no fragment named 'fragments/no_such'"):
        expand("RETURN 1\n// include: fragments/no_such", fragment)
    with pytest.raises(BadInclude):
        fragment("scoring/household_score")  # a query is no fragment


def test_fragments_are_not_queries() -> None:
    assert fragments(), "no fragments found"
    assert not [n for n in names() if n.startswith("fragments/")]
    for name in fragments():
        with pytest.raises(UnknownQuery):
            query(name)


def test_every_fragment_has_a_header_and_is_included_somewhere() -> None:
    sources = {n: (query(n).doc, _source(n)) for n in names()}
    for name in fragments():
        assert fragment(name).startswith("// Fragment:"), f"{name} has no header"
        users = [n for n, (_, text) in sources.items() if f"include: {name}" in text]
        users += [f for f in fragments() if f"include: {name}" in fragment(f)]
        assert users, f"{name} is included by no query"


def _source(name: str) -> str:
    from cypher import ROOT, SUFFIX

    return (ROOT / name).with_suffix(SUFFIX).read_text(encoding="utf-8")


def test_queries_reach_neo4j_expanded() -> None:
    for name in names():
        text = query(name).text
        assert not re.search(r"//\s*include:", text), f"{name} kept an include line"
        assert "{{" not in text, f"{name} kept a placeholder"


def test_each_rule_has_one_copy_and_every_query_that_needs_it_gets_it() -> None:
    """W1/W2/W6 window events in the three scoring queries, the T4 duty edge at each of the
    six patterns of persons/supporters that walk PARENT_OF, the recheck of dependents in both
    flag_dependents queries."""
    window = "e.source IN $departments[e.indicator]"
    for name in ["scoring/household_score", "scoring/rescore_batch", "scoring/levels_batch"]:
        assert window not in _source(name)
        assert query(name).text.count(window) == 2, name
    adoption = "PARENT_OF {basis: 'adoptive'}"
    assert adoption not in _source("persons/supporters")
    assert query("persons/supporters").text.count(adoption) == 6
    recheck = "MERGE (r:Recheck"
    for name in ["scoring/flag_dependents", "scoring/flag_dependents_window"]:
        assert recheck not in _source(name)
        assert query(name).text.count(recheck) == 1, name


def test_a_header_ends_at_an_include_line() -> None:
    from cypher import _parse

    parsed = _parse("t", "// Returns the events.\n// include: fragments/window_events\nRETURN e")
    assert parsed.doc == "Returns the events."
    assert parsed.text.startswith("// Returns the events.\nOPTIONAL CALL (h) {\n")
