"""Batch rescoring and warnings (RULES §4: W1–W7), against the real server."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.ids import make_resident_id
from cypher import query
from graph.db import Graph
from loaders.files import load_file
from loaders.records import FEEDS
from scoring import rescore
from scoring.rescore import compare_rulesets, rescore_households
from scoring.ruleset import RULESETS, Ruleset, default_ruleset, load_ruleset
from scoring.workdays import Calendar
from synthetic import generate
from tests.helpers import Neo4jTarget
from tests.loaders import family
from tests.scoring.test_score import base, event, load

RULES = default_ruleset()
AUNT = make_resident_id("440103", date(1948, 1, 1), 92)


def run(graph: Graph, as_of: date, mode: str = "full", rules: Ruleset = RULES) -> Any:
    calendar = Calendar.from_graph(graph)
    return rescore_households(graph, as_of, mode, rules, calendar.due_date)  # type: ignore[arg-type]


def warnings(graph: Graph) -> list[dict[str, Any]]:
    rows = graph.driver.execute_query(
        "MATCH (w:Warning) OPTIONAL MATCH (w)-[:COVERS]->(e:Event) "
        "WITH w, collect(e.event_id) AS covers ORDER BY w.warning_id "
        "RETURN w {.*, updated_at: null, run_id: null, closed_at: null} AS w, covers",
        database_="neo4j",
    ).records
    return [dict(r["w"]) | {"covers": sorted(r["covers"])} for r in rows]


def close_open_warning(graph: Graph, household_id: str, on: date) -> None:
    """A township officer's verification, through the query the API runs (W6)."""
    found = graph.driver.execute_query(
        "MATCH (w:Warning {household_id: $h, status: 'open'}) RETURN w.warning_id AS id",
        {"h": household_id},
        database_="neo4j",
    ).records
    for record in found:
        graph.write(
            query("warnings/verify"),
            {
                "warning_id": record["id"],
                "region_prefix": "44",
                "visited_on": on,
                "genuine": True,
                "findings": "入户核实",
                "action": "跟进",
                "officer": "li",
            },
        )


def setup(graph: Graph) -> None:
    base(graph)
    load(
        graph,
        "events",
        [
            event("chronic_or_major_disease", date(2026, 3, 1), person_id=family.GRANDMA),
            event("death", date(2026, 9, 1), person_id=family.GRANDMA),
            event("disaster", date(2026, 7, 15), household_id="H2"),
        ],
    )


def test_W3_W4_W5_a_full_run_issues_warnings_routed_with_deadlines(graph: Graph) -> None:
    setup(graph)
    summary = run(graph, date(2026, 9, 30))
    assert summary.counts == {"red": 1, "green": 1}
    assert summary.households == 2
    found = {w["household_id"]: w for w in warnings(graph)}
    red = found["H1"]
    assert (red["level"], red["score"], red["status"]) == ("red", 10, "open")
    assert red["township_code"] == "440103001000"
    assert red["issued_on"].to_native() == date(2026, 9, 30)
    # 3 working days after Wed 30 Sep 2026: National Day Oct 1-7, then Thu 8, Fri 9, Sat 10
    # (a make-up working day).
    assert red["due_on"].to_native() == date(2026, 10, 10)
    assert red["due_on_provisional"] is False
    assert red["warning_id"] == "H1-2026-09-30-1"
    assert len(red["covers"]) == 2
    green = found["H2"]
    assert (green["level"], green.get("due_on")) == ("green", None)


@pytest.mark.parametrize("size", [1, 2, 3])
def test_household_pages_give_every_household_once_in_id_order(graph: Graph, size: int) -> None:
    base(graph)
    ids = ["H1", "H2"]
    pages = list(rescore.household_pages(graph, size))
    assert [hid for page in pages for hid in page] == ids
    assert all(0 < len(page) <= size for page in pages)


def test_W6_the_same_run_twice_changes_nothing(graph: Graph) -> None:
    setup(graph)
    run(graph, date(2026, 9, 30))
    first = warnings(graph)
    run(graph, date(2026, 9, 30))
    assert warnings(graph) == first


def test_W6_a_higher_level_escalates_the_open_warning(graph: Graph) -> None:
    setup(graph)
    run(graph, date(2026, 9, 30))
    load(graph, "events", [event("accident", date(2026, 10, 9), person_id=family.UNCLE)])
    run(graph, date(2026, 10, 12))
    h2 = [w for w in warnings(graph) if w["household_id"] == "H2"]
    assert len(h2) == 1
    assert (h2[0]["level"], h2[0]["score"]) == ("orange", 8)
    assert h2[0]["escalated_on"].to_native() == date(2026, 10, 12)
    assert h2[0]["due_on"].to_native() == date(2026, 10, 19)  # 5 working days after Mon 12
    assert h2[0]["issued_on"].to_native() == date(2026, 9, 30)


def test_W6_a_lower_score_never_lowers_an_open_warning(graph: Graph) -> None:
    setup(graph)
    run(graph, date(2026, 9, 30))
    run(graph, date(2027, 8, 1))  # the disease has left the window
    h1 = [w for w in warnings(graph) if w["household_id"] == "H1"]
    assert [(w["level"], w["score"]) for w in h1] == [("red", 10)]


def test_W6_events_covered_by_a_closed_warning_stop_counting(graph: Graph) -> None:
    setup(graph)
    run(graph, date(2026, 9, 30))
    close_open_warning(graph, "H1", date(2026, 10, 1))
    load(graph, "events", [event("birth", date(2026, 10, 5), household_id="H1")])
    summary = run(graph, date(2026, 10, 6))
    h1 = [w for w in warnings(graph) if w["household_id"] == "H1"]
    assert [(w["warning_id"], w["status"], w["score"]) for w in h1] == [
        ("H1-2026-09-30-1", "closed", 10),
        ("H1-2026-10-06-2", "open", 2),
    ]
    assert summary.counts["green"] == 2


def test_incremental_looks_only_at_households_touched_since_the_last_run(graph: Graph) -> None:
    setup(graph)
    first = run(graph, date(2026, 9, 30), "incremental")  # no run before: all of them
    assert first.households == 2
    time.sleep(0.01)
    load(graph, "events", [event("accident", date(2026, 10, 9), person_id=family.UNCLE)])
    second = run(graph, date(2026, 10, 12), "incremental")
    assert second.households == 1
    assert second.counts == {"orange": 1}
    nothing = run(graph, date(2026, 10, 12), "incremental")
    assert nothing.households == 0


def test_W4_a_deadline_in_a_year_without_official_calendar_is_provisional(graph: Graph) -> None:
    setup(graph)
    graph.driver.execute_query("MATCH (d:CalendarDay) DETACH DELETE d", database_="neo4j")
    run(graph, date(2026, 12, 30))  # Wed; counts Thu 31 Dec, then 2027 as Monday-Friday
    red = next(w for w in warnings(graph) if w["household_id"] == "H1")
    assert red["level"] == "red"
    assert (red["due_on"].to_native(), red["due_on_provisional"]) == (date(2027, 1, 4), True)


def test_W7_a_draft_ruleset_is_compared_without_writing(graph: Graph, tmp_path: Path) -> None:
    setup(graph)
    data = json.loads((RULESETS / "gd-2021.json").read_text(encoding="utf-8"))
    data["version"] = "draft"
    for indicator in data["indicators"]:
        if indicator["id"] == "disaster":
            indicator["points"] = 6
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    moves = compare_rulesets(graph, date(2026, 9, 30), RULES, load_ruleset(path))
    assert moves == {("red", "red"): 1, ("green", "blue"): 1}
    assert warnings(graph) == []


def _hhgraph(
    target: Neo4jTarget, *args: str, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """`hhgraph ARGS` in a process of its own, on the session's server."""
    return subprocess.Popen(
        [sys.executable, "-m", "hhgraph", *args],
        env=os.environ | {"NEO4J_URI": target.uri} | (env or {}),
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _count(graph: Graph, cypher: str) -> int:
    return int(graph.driver.execute_query(cypher, database_="neo4j").records[0][0])


def test_a_killed_run_started_again_ends_as_one_clean_run(
    graph: Graph, neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    generate(400, tmp_path, seed=3)
    for feed in FEEDS:
        load_file(graph, feed, tmp_path / f"{feed}.jsonl")
    args = ("rescore", "--as-of", "2026-11-01", "--batch-size", "5")
    victim = _hhgraph(neo4j_target, *args)
    deadline = time.monotonic() + 120
    while _count(graph, "MATCH (w:Warning) RETURN count(w)") < 20:
        assert time.monotonic() < deadline, "the run issued no warnings in time"
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=30)
    assert _count(graph, "MATCH (r:RescoreRun {status: 'running'}) RETURN count(r)") == 1
    again = _hhgraph(neo4j_target, *args)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    resumed = warnings(graph)

    graph.driver.execute_query("MATCH (w:Warning) DETACH DELETE w", database_="neo4j")
    clean = _hhgraph(neo4j_target, *args)
    clean.communicate(timeout=300)
    assert warnings(graph) == resumed
    assert len(resumed) > 20


@pytest.mark.parametrize("slice_days", [7, 1])
def test_T6_dependents_of_a_supporter_who_died_are_put_on_the_recheck_list(
    graph: Graph, monkeypatch: pytest.MonkeyPatch, slice_days: int
) -> None:
    """A first run takes the whole window slice by slice: an event is in exactly one slice."""
    monkeypatch.setattr(rescore, "SLICE_DAYS", slice_days)
    setup(graph)  # grandma's death (2026-09-01) is among the events
    summary = run(graph, date(2026, 9, 30))
    rows = graph.driver.execute_query(
        "MATCH (r:Recheck)-[:OF]->(d:Person) "
        "RETURN d.person_id AS person, r.supporter_id AS supporter, r.relations AS relations, "
        "r.indicator AS indicator ORDER BY person",
        database_="neo4j",
    ).records
    assert summary.dependents_flagged == 3
    assert [(r["person"], r["supporter"], r["relations"], r["indicator"]) for r in rows] == sorted(
        [
            (family.FATHER, family.GRANDMA, ["child"], "death"),
            (family.UNCLE, family.GRANDMA, ["child"], "death"),
            (family.CHILD, family.GRANDMA, ["grandchild"], "death"),
        ]
    )
    again = run(graph, date(2026, 9, 30))
    assert again.dependents_flagged == 0  # the same event flags nobody twice


def rechecked(graph: Graph) -> set[tuple[str, str]]:
    rows = graph.driver.execute_query(
        "MATCH (r:Recheck)-[:OF]->(d:Person) RETURN d.person_id AS d, r.supporter_id AS s",
        database_="neo4j",
    ).records
    return {(r["d"], r["s"]) for r in rows}


@pytest.mark.parametrize("backlog", [50_000, 0])
def test_T6_a_later_run_flags_dependents_of_events_new_since_the_last_run(
    graph: Graph, monkeypatch: pytest.MonkeyPatch, backlog: int
) -> None:
    """New events since the last run: one transaction, or (beyond the backlog) the window in
    slices; the same entries either way."""
    monkeypatch.setattr(rescore, "BACKLOG", backlog)
    base(graph)
    run(graph, date(2026, 9, 30))
    assert rechecked(graph) == set()
    load(
        graph,
        "events",
        [event("unemployment_registered", date(2026, 9, 5), person_id=family.UNCLE)],
    )
    later = run(graph, date(2026, 9, 30))  # a full run too looks at events new since the last
    assert later.dependents_flagged == 2  # his mother and his brother
    assert rechecked(graph) == {(family.GRANDMA, family.UNCLE), (family.FATHER, family.UNCLE)}


def test_T6_a_relative_linked_after_the_event_is_flagged_by_the_next_run(graph: Graph) -> None:
    setup(graph)
    run(graph, date(2026, 9, 30))
    aunt = family.person(AUNT, "陈秀兰", "1948-01-01", "F")
    load(graph, "persons", [aunt])
    load(
        graph,
        "kinship",
        [{"kind": "spouse", "a": AUNT, "b": family.GRANDMA, "from": "2026-01-01", "to": None}],
    )
    later = run(graph, date(2026, 9, 30), mode="incremental")
    assert later.dependents_flagged == 1  # grandma's death, seen by the first run, flags her
    assert (AUNT, family.GRANDMA) in rechecked(graph)


# --- issue 15 item 9: the modes, one enum ----------------------------------------------------


def test_issue15_item9_the_modes_are_the_words_of_the_api() -> None:
    from typing import get_args

    from api.models.warnings import JobPublic, RescoreIn

    words = {mode.value for mode in rescore.Mode}
    assert words == {"full", "incremental"}
    assert set(get_args(RescoreIn.model_fields["mode"].annotation)) == words
    literal, none = get_args(JobPublic.model_fields["mode"].annotation)  # Literal[...] | None
    assert none is type(None)
    assert set(get_args(literal)) == words


def test_issue15_item9_a_run_reads_a_word_as_its_mode_and_refuses_another(graph: Graph) -> None:
    setup(graph)
    assert run(graph, date(2026, 9, 30), mode="incremental").mode is rescore.Mode.INCREMENTAL
    with pytest.raises(ValueError, match="'fast' is not a valid Mode"):
        run(graph, date(2026, 9, 30), mode="fast")
    rows = graph.driver.execute_query(
        "MATCH (r:RescoreRun) RETURN r.mode AS mode", database_="neo4j"
    ).records
    assert [r["mode"] for r in rows] == ["incremental"]  # the refused run left no trace
