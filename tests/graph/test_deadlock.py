"""Deadlocks between writers are retried. Two write transactions that take two nodes' locks
in opposite orders both commit (the driver's retry, against the real Neo4j); and when the
driver's rollback masks a retryable error as `ResultFailedError` (a deadlock raised while a
result's records were fetched, seen under 50 concurrent payments of one fund in
tests/funds), `graph.db._retried_when_masked` runs the transaction again."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from neo4j import ManagedTransaction
from neo4j.exceptions import Neo4jError, ResultFailedError

from graph.db import MASKED_RETRIES, Graph, _retried_when_masked

SETUP = "CREATE (:Lock {id: 1, v: 0}), (:Lock {id: 2, v: 0})"  # test data, not a product query
TAKE = "MATCH (l:Lock {id: $id}) SET l.v = l.v + 1 RETURN l.v AS v"


def test_two_writers_crossing_their_locks_both_commit(graph: Graph) -> None:
    graph.driver.execute_query(SETUP)
    both_hold_one = threading.Barrier(2, timeout=10)
    attempts: list[int] = []

    def crossing(first: int, second: int) -> int:
        tried = [0]

        def work(tx: ManagedTransaction) -> int:
            tried[0] += 1
            attempts.append(first)
            tx.run(TAKE, {"id": first}).consume()
            if tried[0] == 1:
                both_hold_one.wait()  # each holds one lock and asks for the other's
            row = tx.run(TAKE, {"id": second}).single()
            assert row is not None
            return int(row["v"])

        return graph.execute_write(work)

    with ThreadPoolExecutor(2) as pool:
        done = [pool.submit(crossing, 1, 2), pool.submit(crossing, 2, 1)]
        results = sorted(f.result() for f in done)
    assert results == [1, 2]  # both committed, one after the other
    assert len(attempts) >= 3  # one of them ran again
    rows = graph.driver.execute_query("MATCH (l:Lock) RETURN l.v AS v ORDER BY l.id").records
    assert [r["v"] for r in rows] == [2, 2]


def masked(code: str) -> ResultFailedError:
    """The driver's `ResultFailedError` raised from a server error of `code`, as its
    rollback raises it."""
    cause = Neo4jError._hydrate_neo4j(code=code, message="from the server")
    try:
        raise ResultFailedError(None, "The result has failed.") from cause
    except ResultFailedError as exc:
        return exc


def test_a_masked_deadlock_runs_the_transaction_again() -> None:
    calls: list[int] = []

    def run() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise masked("Neo.TransientError.Transaction.DeadlockDetected")
        return "committed"

    assert _retried_when_masked(run) == "committed"
    assert len(calls) == 3


@pytest.mark.parametrize(
    ("code", "calls_made"),
    [
        ("Neo.ClientError.Statement.SyntaxError", 1),  # not retryable: raised at once
        ("Neo.TransientError.Transaction.DeadlockDetected", MASKED_RETRIES + 1),  # in the end
    ],
)
def test_a_masked_error_is_raised_when_it_is_not_retryable_or_keeps_coming_back(
    code: str, calls_made: int
) -> None:
    calls: list[int] = []

    def run() -> None:
        calls.append(1)
        raise masked(code)

    with pytest.raises(ResultFailedError):
        _retried_when_masked(run)
    assert len(calls) == calls_made
