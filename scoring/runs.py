"""Rescoring runs across processes: one at a time, a heartbeat, runs known to be dead (W7).

Two runs at once gave 1,321 of 1,323 warned households two open warnings (issue 14 item 3).
Every run, from the CLI or the API, first takes the one rescoring lock: a `RescoreLock` node
(unique by name) whose `run_id` names the holder, read and set in one write transaction that
holds the node's write lock (`cypher/scoring/lock_holder.cypher`). A second run is refused
with the holder's id (`RescoreBusy`) while the holder is alive.

A killed API, CLI or Neo4j used to leave a run `running` forever (issue 14 item 10). A run
now records the process that owns it (host, pid, and a token of that process' life) and
renews a heartbeat from a thread while it lasts. It is known dead, and reported
`interrupted`, when its heartbeat is older than the allowance (`HHGRAPH_RESCORE_ALLOWANCE_S`),
or when its owner was a process of this host that no longer runs. A new run takes the lock
from a dead holder (marking it interrupted), and a restarted API marks the runs of dead
processes of its host at once (`mark_orphans`). A run that finds it lost the lock (it looked
dead, and another run took over) stops before its next batch (`RunInterrupted`).
"""

import json
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from neo4j import ManagedTransaction
from neo4j.exceptions import ConstraintError

from core.errors import HhgraphError
from cypher import Query, query
from graph.db import Graph

log = logging.getLogger("hhgraph.rescore")
OwnerKind = Literal["api", "cli"]
PROVINCE = "440000000000"  # every run covers the whole province (issue 14 item 12)
DEFAULT_ALLOWANCE_S = 300.0  # heartbeats come every allowance / BEATS_PER_ALLOWANCE
BEATS_PER_ALLOWANCE = 5
UNFINISHED = ("queued", "running")
_tokens: dict[int, str] = {}  # pid -> token: a forked child gets a token of its own

LOCK_HOLDER = query("scoring/lock_holder")
LOCK_TAKE = query("scoring/lock_take")
RUN_HEARTBEAT = query("scoring/run_heartbeat")
RUN_PROGRESS = query("scoring/run_progress")
RUNS_UNFINISHED_ON_HOST = query("scoring/runs_unfinished_on_host")
RUNS_INTERRUPT = query("scoring/runs_interrupt")
RUN_BY_ID = query("scoring/run_by_id")


class RescoreBusy(HhgraphError):
    """Another run holds the rescoring lock and is alive: its id is `holder`."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"rescoring run {holder} is running; one run at a time")
        self.holder = holder


class RunInterrupted(HhgraphError):
    """The run lost the rescoring lock: it looked dead, and another run took over."""


@dataclass(frozen=True, slots=True)
class Owner:
    """The process that runs a run: what tells, later, whether it still runs."""

    kind: OwnerKind
    host: str
    pid: int
    token: str

    def params(self) -> dict[str, Any]:
        return {
            "owner_kind": self.kind,
            "owner_host": self.host,
            "owner_pid": self.pid,
            "owner_token": self.token,
        }


def this_process(kind: OwnerKind) -> Owner:
    """This process as a run's owner; the token tells its life from a later one's."""
    pid = os.getpid()
    return Owner(kind, socket.gethostname(), pid, _tokens.setdefault(pid, uuid.uuid4().hex))


def owner_dead(host: str | None, pid: int | None, token: str | None) -> bool:
    """Whether the owner is known dead: a process of this host that no longer runs (or a
    zombie), or this very pid under another token (a restart that got the same pid, as in a
    container). Of a process elsewhere only its heartbeat can tell. O(1)."""
    if host != socket.gethostname() or pid is None:
        return False
    if pid == os.getpid():
        return token != this_process("cli").token
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # no /proc: the signal check above is all there is
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def dead(row: dict[str, Any]) -> bool:
    """Whether the run of a row (status, stale, owner_*) is known to be dead."""
    if row["status"] not in UNFINISHED:
        return True
    return bool(row["stale"]) or owner_dead(row["owner_host"], row["owner_pid"], row["owner_token"])


def claim(
    graph: Graph,
    run_id: str,
    record: Query,
    params: dict[str, Any],
    allowance_s: float,
) -> None:
    """Take the rescoring lock for `run_id` and write its run with the query `record`
    (`scoring/run_queue` or `scoring/run_start`) in the same transaction; `RescoreBusy` if a
    live run holds it. The lock already held by `run_id` (queued by the API) is kept.

    Two first-ever claims may both create the lock node: the uniqueness constraint refuses
    one, which then claims again and finds the other's lock.
    """
    holder_text, take_text, record_text = LOCK_HOLDER.text, LOCK_TAKE.text, record.text

    def work(tx: ManagedTransaction) -> str | None:
        row = tx.run(holder_text, {"allowance_s": allowance_s}).single(strict=True).data()
        holder = row["holder"]
        if holder is not None and holder != run_id and not dead(row):
            return str(holder)
        if holder != run_id:
            reason = f"known dead when run {run_id} started (no heartbeat, or its process ended)"
            tx.run(take_text, {"run_id": run_id, "reason": reason}).consume()
        tx.run(record_text, params | {"run_id": run_id}).consume()
        return None

    for _ in range(5):
        try:
            busy = graph.execute_write(work)
        except ConstraintError:  # the lock node was created by a claim at the same time
            continue
        if busy is not None:
            raise RescoreBusy(busy)
        return
    raise RescoreBusy("unknown")  # pragma: no cover - five constraint races in a row


class Heartbeat:
    """Renews a run's heartbeat every `interval_s` from a thread while the block lasts;
    `lost` turns true once the run no longer holds the lock. A failed beat (Neo4j away) is
    logged and tried again: the allowance decides when the run looks dead."""

    def __init__(self, graph: Graph, run_id: str, interval_s: float) -> None:
        self._graph, self._run_id, self._interval = graph, run_id, interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"heartbeat-{run_id}", daemon=True)
        self.lost = False

    def __enter__(self) -> "Heartbeat":
        self._thread.start()
        return self

    def _beat(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                holds = self._graph.value(RUN_HEARTBEAT, {"run_id": self._run_id}, write=True)
            except Exception:  # the run goes on; its batches meet the same trouble
                log.warning("heartbeat of run %s failed", self._run_id, exc_info=True)
                continue
            if not holds:
                self.lost = True
                return

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()


def progress(graph: Graph, run_id: str, done: int, counts_json: str) -> None:
    """Record a batch's progress (and a heartbeat); `RunInterrupted` if the lock was lost."""
    params = {"run_id": run_id, "done": done, "counts_json": counts_json}
    if not graph.value(RUN_PROGRESS, params, write=True):
        raise RunInterrupted(f"run {run_id} lost the rescoring lock to another run")


def mark_orphans(graph: Graph) -> list[str]:
    """Mark interrupted the unfinished runs whose owner, a process of this host, no longer
    runs, and give back the lock they hold: what a restarted API does at start. Returns
    their ids. Runs of live processes (another `serve --workers` process) stay as they are.
    """
    rows = graph.read(RUNS_UNFINISHED_ON_HOST, {"host": socket.gethostname()})
    orphans = [
        r["run_id"]
        for r in rows
        if owner_dead(socket.gethostname(), r["owner_pid"], r["owner_token"])
    ]
    if orphans:
        reason = "its process ended; marked when the API started again"
        graph.write(RUNS_INTERRUPT, {"run_ids": orphans, "reason": reason})
    return orphans


@dataclass(frozen=True, slots=True)
class RunState:
    """A run as a job's status shows it: `interrupted` once it is known dead."""

    run_id: str
    status: str
    total: int
    done: int
    counts: dict[str, int]
    as_of: date | None
    mode: str | None
    region: str
    error: str | None


def run_state(graph: Graph, run_id: str, allowance_s: float) -> RunState | None:
    """The run `run_id`, or None. O(1): one read by the run id."""
    row = graph.one_or_none(RUN_BY_ID, {"run_id": run_id, "allowance_s": allowance_s})
    if row is None:
        return None
    status = row["status"]
    if status in UNFINISHED and dead(row):
        status = "interrupted"
    return RunState(
        run_id=row["run_id"],
        status=status,
        total=int(row["total"] or 0),
        done=int(row["done"] or 0),
        counts=json.loads(row["counts_json"]) if row["counts_json"] else {},
        as_of=row["as_of"],
        mode=row["mode"],
        region=row["region"] or PROVINCE,
        error=row["error"],
    )
