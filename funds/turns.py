"""Postings to one fund take turns inside this process before they reach Neo4j (RULES R5).

The guarantee that a fund never goes below zero is Neo4j's: every posting takes the fund
node's write lock and reads the balance after it (`cypher/funds/post_entry.cypher`). That lock
alone holds under any load, but it is slow when many transactions of one process wait on it
together: Neo4j's lock manager (Forseti) finds deadlocks among waiters of one lock by a check
that is racy by design (neo4j/neo4j pull request 9465) and reports false ones when dozens wait.
Each false deadlock rolls a transaction back and the driver retries it after a backoff; 50
payments at once saw 60–110 of them and, once, two minutes in all, long enough for waiting
threads to give up on the connection pool.

So a posting first takes its turn here: a lock of this process, one of `STRIPES` chosen by the
township code, held around the whole write transaction. Only one transaction of this process
then waits on a fund's lock at a time, and Neo4j's lock still puts the API's worker processes
in a row. The turn is taken before the transaction opens, never inside one: a thread that
waits for its turn holds no lock of Neo4j, so the two kinds of lock cannot wait on each other.
Two townships whose codes fall on one stripe share turns, which costs only a short wait; a
fixed set of locks keeps memory bounded whatever the number of townships.
"""

import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

STRIPES = 64
_LOCKS = tuple(threading.Lock() for _ in range(STRIPES))


def stripe_of(township_code: str) -> int:
    """The stripe of a township's fund: stable across processes and runs (CRC-32, not
    Python's salted `hash`), O(len(code))."""
    return zlib.crc32(township_code.encode()) % STRIPES


@contextmanager
def posting_turn(township_code: str) -> Iterator[None]:
    """Hold this process's turn to post to the township's fund (see the module docstring);
    enter it before the write transaction opens."""
    with _LOCKS[stripe_of(township_code)]:
        yield
