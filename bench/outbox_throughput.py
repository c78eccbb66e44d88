"""Outbox delivery throughput (issue 18, docs/webhooks.md): N referrals' messages delivered to
a local receiver, against its floor in the same run.

    NEO4J_URI=... .venv/bin/python bench/outbox_throughput.py [--messages 2000] [--workers 1 2]

A scratch database only: it registers the `health` department's webhook for a made-up region
and deletes that webhook and its messages when done (other data is left alone).

- `outbox`: N messages queued with `webhooks.enqueue` (a referral's body, as
  referrals/service.py sends it; 100 per transaction, not timed), then delivered by W delivery
  loops at once (`deliver_due` rounds until every message is delivered): claim under locks,
  one signed POST each, one write transaction per outcome. Messages/s = N / the wall time
  from the first claim to the last delivery.
- `floor`: the same N bodies signed and POSTed straight to the same receiver by W threads
  with the same httpx client settings, no Neo4j: what the network, signing and receiver cost
  alone.

The receiver (`http.server` in this process, one thread per connection) checks each signature
and deduplicates by message id, as docs/webhooks.md asks of departments; the script checks
that it got every message exactly once per variant. Prints per W the wall seconds, messages/s,
per-message milliseconds and the ratio outbox/floor; the loops' rounds. The process, the
receiver and Neo4j share the machine's cores.
"""

import argparse
import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
from benchlib import connect, table
from neo4j import ManagedTransaction

from graph.db import Graph
from webhooks import WebhookSettings, deliver_due, enqueue, register
from webhooks.outbox import envelope_json
from webhooks.signing import MESSAGE_ID, SIGNATURE, TIMESTAMP, request_headers, verify_signature

DEPARTMENT = "health"
REGION = "449901001001"  # a made-up village: no real webhook covers it
PER_TX = 100
# Bench instrumentation (not product queries): what the script created, removed at the end.
CLEANUP = (
    "MATCH (m:OutboxMessage {department: $department, region: $region}) "
    "WITH m LIMIT 10000 DETACH DELETE m RETURN count(*) AS deleted",
    "MATCH (w:Webhook {department: $department, region: $region}) "
    "DETACH DELETE w RETURN count(*) AS deleted",
)


class Seen:
    """What the receiver got: message ids, kept once (its dedup set), and bad signatures."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.lock = threading.Lock()
        self.ids: set[str] = set()
        self.duplicates = 0
        self.refused = 0

    def reset(self, secret: str) -> None:
        with self.lock:
            self.secret, self.ids, self.duplicates, self.refused = secret, set(), 0, 0

    def take(self, message_id: str, body: bytes, headers: Any) -> int:
        with self.lock:
            secret = self.secret
        if not verify_signature(
            secret, headers.get(TIMESTAMP, ""), body, headers.get(SIGNATURE, "")
        ):
            with self.lock:
                self.refused += 1
            return 401
        with self.lock:
            if message_id in self.ids:
                self.duplicates += 1
            self.ids.add(message_id)
        return 200


@contextmanager
def receiver(seen: Seen) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver would

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status = seen.take(self.headers.get(MESSAGE_ID, ""), body, self.headers)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


def referral_body(n: int) -> dict[str, Any]:
    """A referral as referrals/service.py puts it in a message (`_message`)."""
    return {
        "referral_id": f"RF20261102-440103001-{n:08x}",
        "source_id": f"A20261020-440103001-{n:08x}",
        "source_kind": "application",
        "household_id": f"H{n}",
        "person_id": None,
        "township_code": "440103001000",
        "department": DEPARTMENT,
        "need": "慢性病门诊费用报销，申请医疗救助",
        "sent_on": date(2026, 11, 2),
        "status": "sent",
        "outcome": None,
        "due_on": date(2026, 11, 4),
    }


def queue(graph: Graph, n: int) -> None:
    for start in range(0, n, PER_TX):

        def work(tx: ManagedTransaction, start: int = start) -> None:
            for i in range(start, min(n, start + PER_TX)):
                enqueue(tx, "referral.sent", DEPARTMENT, REGION, referral_body(i))

        graph.execute_write(work)


def outbox(
    graph: Graph, url: str, n: int, workers: int, settings: WebhookSettings, seen: Seen
) -> dict[str, Any]:
    """Register the receiver, queue n messages, then time W loops of `deliver_due` until all
    are delivered."""
    secret = register(graph, DEPARTMENT, REGION, url).secret
    seen.reset(secret)
    queue(graph, n)
    delivered = [0] * workers
    rounds = [0] * workers
    done = threading.Event()

    def loop(k: int) -> None:
        with httpx.Client() as http:
            while not done.is_set():
                report = deliver_due(graph, datetime.now(UTC), http, settings)
                rounds[k] += 1
                delivered[k] += len(report.delivered)
                if sum(delivered) >= n:
                    done.set()
                elif not report.claimed:
                    time.sleep(0.005)  # the others hold what is left

    started = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(k,)) for k in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {"wall": wall, "rounds": sum(rounds), "delivered": sum(delivered), "secret": secret}


def floor(url: str, n: int, workers: int, secret: str, timeout_s: float) -> float:
    """The same n bodies, signed, POSTed straight to the receiver by W threads."""
    now = datetime.now(UTC)
    bodies = [
        (mid, envelope_json(mid, "referral.sent", DEPARTMENT, REGION, now, referral_body(i), 65536))
        for i, mid in ((i, str(uuid.uuid4())) for i in range(n))
    ]
    chunks = [bodies[k::workers] for k in range(workers)]

    def send(chunk: list[tuple[str, str]]) -> None:
        with httpx.Client() as http:
            for mid, text in chunk:
                body = text.encode("utf-8")
                headers = request_headers(secret, mid, body, int(time.time()))
                with http.stream(
                    "POST", url, content=body, headers=headers, timeout=timeout_s,
                    follow_redirects=False,
                ) as answer:  # fmt: skip
                    assert answer.status_code == 200, answer.status_code

    started = time.perf_counter()
    threads = [threading.Thread(target=send, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started


def cleanup(graph: Graph) -> None:
    params = {"department": DEPARTMENT, "region": REGION}
    messages, webhook = CLEANUP
    while graph.driver.execute_query(messages, params, database_=graph.database).records[0][
        "deleted"
    ]:
        pass
    graph.driver.execute_query(webhook, params, database_=graph.database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=10, help="HHGRAPH_WEBHOOK_BATCH_SIZE")
    args = parser.parse_args()
    settings = WebhookSettings(  # type: ignore[call-arg]
        _env_file=None, batch_size=args.batch_size, allow_networks="127.0.0.0/8"
    )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows = []
    seen = Seen("")
    with connect() as graph, receiver(seen) as url:
        cleanup(graph)
        try:
            for workers in args.workers:
                n = args.messages
                run = outbox(graph, url, n, workers, settings, seen)
                assert (len(seen.ids), seen.duplicates, seen.refused) == (n, 0, 0), vars(seen)
                assert run["delivered"] == n
                cleanup(graph)
                seen.reset(run["secret"])
                floor_s = floor(url, n, workers, run["secret"], settings.timeout_s)
                assert (len(seen.ids), seen.duplicates, seen.refused) == (n, 0, 0), vars(seen)
                rows.append(
                    [
                        str(workers),
                        f"{run['wall']:.2f}",
                        f"{n / run['wall']:,.0f}",
                        f"{1000 * run['wall'] / n:.2f}",
                        f"{floor_s:.2f}",
                        f"{n / floor_s:,.0f}",
                        f"{run['wall'] / floor_s:.1f}x",
                        str(run["rounds"]),
                    ]
                )
        finally:
            cleanup(graph)
    print(
        f"{args.messages:,} messages, batch size {args.batch_size}, one receiver on loopback\n"
        + table(
            ["loops", "outbox s", "msg/s", "ms/msg", "floor s", "floor msg/s", "ratio", "rounds"],
            rows,
        )
    )


if __name__ == "__main__":
    main()
