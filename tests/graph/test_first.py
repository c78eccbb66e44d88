"""`graph.db.run_first`: a read that must run before anything else, in the first transaction
opened while it is set (the API's session check, docs/security.md), against the real Neo4j."""

import threading
from typing import Any

import pytest
from neo4j import ManagedTransaction

from cypher import Query
from graph.db import First, Graph, run_first

# Test instrumentation: small reads and writes of the test's own, not product queries.
COUNT = Query("test/count_marks", "MATCH (m:Mark) RETURN count(m) AS n", "")
MARK = Query("test/mark", "CREATE (m:Mark) RETURN 1 AS one", "")
STATE = Query("test/state", "RETURN $live AS live", "")


class Refused(Exception):
    """The test's check refusing, as the API's session check raises InvalidToken."""


def first(live: bool, seen: list[Any]) -> First:
    def check(row: dict[str, Any] | None) -> None:
        seen.append(row)
        if not (row and row["live"]):
            raise Refused

    return First(STATE, {"live": live}, check)


def marks(graph: Graph) -> int:
    return int(graph.value(COUNT))


def test_the_first_read_runs_once_before_the_first_transaction_and_then_no_more(
    graph: Graph,
) -> None:
    seen: list[Any] = []
    with run_first(first(True, seen)) as pending:
        assert not pending.done
        assert marks(graph) == 0
        assert pending.done
        assert seen == [{"live": True}]
        graph.write(MARK)
        graph.execute_write(lambda tx: tx.run(MARK.text).consume())
        assert seen == [{"live": True}]  # once a request, not once a transaction
    assert marks(graph) == 2


def test_a_refusal_aborts_the_transaction_before_its_work_runs(graph: Graph) -> None:
    seen: list[Any] = []
    ran: list[bool] = []

    def work(tx: ManagedTransaction) -> None:
        ran.append(True)
        tx.run(MARK.text).consume()

    with run_first(first(False, seen)) as pending:
        with pytest.raises(Refused):
            graph.execute_write(work)
        with pytest.raises(Refused):
            graph.write(MARK)
        with pytest.raises(Refused):  # each transaction asks again while it is refused
            graph.read(COUNT)
        assert not pending.done
    assert (ran, len(seen), marks(graph)) == ([], 3, 0)


def test_it_follows_the_context_into_a_thread_and_not_out_of_its_block(graph: Graph) -> None:
    """The API hands a route's service to a worker thread; the context goes with it
    (`contextvars`, as Starlette's thread pool copies it), and the state comes back."""
    import contextvars

    seen: list[Any] = []
    with run_first(first(True, seen)) as pending:
        context = contextvars.copy_context()
        worker = threading.Thread(target=context.run, args=(marks, graph))
        worker.start()
        worker.join()
        assert pending.done
    assert len(seen) == 1
    marks(graph)  # outside the block: nothing runs first
    assert len(seen) == 1


def test_run_alone_checks_when_nothing_opened_a_transaction(graph: Graph) -> None:
    seen: list[Any] = []
    with run_first(first(False, seen)) as pending, pytest.raises(Refused):
        graph.run_alone(pending)
    assert seen == [{"live": False}]
