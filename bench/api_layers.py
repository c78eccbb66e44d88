"""Where one officer read's time goes in the API (issue 20): the HTTP layer, the middleware,
the dependencies, the route's queries and the driver's decoding, the service's Python and the
response's validation and JSON, in microseconds per request.

    NEO4J_URI=... .venv/bin/python bench/api_layers.py [--requests 300] [--route household]

The app runs in this process under uvicorn (its httptools protocol with the header deadline,
as `hhgraph serve`; uvloop), one client alone on a keep-alive loopback connection in the same
event loop, so that the layers' times add up to the request's (no queueing). The bench wraps
the functions at each layer's boundary with `time.perf_counter_ns` (in this process only; the
product code has no timers):

- the ASGI app as uvicorn calls it; the rest of the request's time is the HTTP layer (uvicorn
  parsing and writing, loopback, the bench's client), given beside the same for an ASGI app
  that answers a fixed 2 KiB body at once;
- the audit entry (`AuditMiddleware._write`: the body scan, the chained append);
- FastAPI's `solve_dependencies` (the parameters and every dependency), and inside it the
  token's decoding (`decode_token`);
- the endpoint (`run_endpoint_function`, the thread-pool hand-off included), and inside it
  every `Graph` query: the driver's call (session, transaction, Bolt round trips), the
  session check inside it (`graph.db.First.run`: the first read of the route's first
  transaction, `api.deps.current_officer`), the records fetched, and their conversion to
  Python (`record.data()` and `graph.values.plain`);
  the endpoint's rest is the service's own Python (the rules, masking, building the model);
- `serialize_response`: the response model's validation and its JSON.

Uses the database as it is (region 44) and a bench account as bench/api_cost.py does
(`bench-api-layers`, created and deleted again). With `--cprofile FILE` the endpoint's thread
work is also profiled with cProfile (one profile per call, merged) and the top functions
printed; with `--loop-profile FILE` the event loop's thread (uvicorn, middleware,
dependencies, serialisation, the client) is profiled while the counted requests run, into
FILE.<route>. `--totals` leaves the wrappers out and prints the request's wall time and the
CPU of the process, its event loop and Neo4j only: run it with `PYTHONPATH=OTHER_TREE` and
without, in turns, to compare two versions of the code. The CPU clocks are read twice per
wrapped call (`time.thread_time_ns`, a system call: tens of microseconds each on this virtual
machine), so the CPU column adds that overhead
to each layer; compare layers and variants, not the total with `api_cost.py`'s.
"""

import argparse
import asyncio
import contextvars
import cProfile
import pstats
import secrets
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

import fastapi.routing
import uvicorn
import uvloop
from api_cost import HOUSEHOLDS, PERSONS, bench_session, draw, drop_session, route_urls
from benchlib import connect, cpu_seconds, local_server_pid, server_uri, table
from latency import RawGetter, free_port
from pydantic import SecretStr

import api.audit
import api.deps
import graph.db
from api.app import create_app
from api.request_guard import HeaderTimeoutProtocol
from core.settings import get_settings
from graph.values import plain

LAYER: contextvars.ContextVar[str] = contextvars.ContextVar("layer", default="other")
WALL: defaultdict[str, int] = defaultdict(int)  # ns of wall time per layer
CPU: defaultdict[str, int] = defaultdict(int)  # ns of CPU time of the thread running it
PROFILES: list[cProfile.Profile] = []


def timed_async(name: str, function: Callable[..., Any], layer: str | None = None) -> Any:
    """`function` (a coroutine function) with its wall time and its CPU time on the event
    loop's thread counted under `name` (what it hands to a worker thread is counted there)."""

    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        token = LAYER.set(layer) if layer else None
        started, cpu = time.perf_counter_ns(), time.thread_time_ns()
        try:
            return await function(*args, **kwargs)
        finally:
            WALL[name] += time.perf_counter_ns() - started
            CPU[name] += time.thread_time_ns() - cpu
            if token is not None:
                LAYER.reset(token)

    return wrapper


def timed(name: str, function: Callable[..., Any], layer: bool = False) -> Any:
    """`function` with its wall and CPU time counted under `name` (`layer`: under the
    layer that called it, "dependencies: graph" or "endpoint: graph")."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = f"{LAYER.get()}: {name}" if layer else name
        started, cpu = time.perf_counter_ns(), time.thread_time_ns()
        try:
            return function(*args, **kwargs)
        finally:
            WALL[key] += time.perf_counter_ns() - started
            CPU[key] += time.thread_time_ns() - cpu
            if layer:
                WALL[f"{LAYER.get()}: queries"] += 1

    return wrapper


def instrument(profile: bool) -> None:
    """Wrap each layer's boundary (this process only)."""
    audit_write = api.audit.AuditMiddleware._write
    api.audit.AuditMiddleware._write = timed_async("audit entry", audit_write)  # type: ignore[method-assign]
    fastapi.routing.solve_dependencies = timed_async(
        "dependencies", fastapi.routing.solve_dependencies, "dependencies"
    )
    api.deps.decode_token = timed("token decoding", api.deps.decode_token)
    graph.db.First.run = timed("session check", graph.db.First.run)  # type: ignore[method-assign]
    endpoint = fastapi.routing.run_endpoint_function
    fastapi.routing.run_endpoint_function = timed_async("endpoint", endpoint, "endpoint")
    fastapi.routing.serialize_response = timed_async(
        "serialization", fastapi.routing.serialize_response
    )
    graph.db.Graph._rows = timed("graph", graph.db.Graph._rows, layer=True)  # type: ignore[method-assign]

    def plain_rows(result: Any) -> list[dict[str, Any]]:
        layer = LAYER.get()
        started, cpu = time.perf_counter_ns(), time.thread_time_ns()
        records = list(result)
        fetched, fetched_cpu = time.perf_counter_ns(), time.thread_time_ns()
        converted = [plain(record.data()) for record in records]
        WALL[f"{layer}: fetch"] += fetched - started
        CPU[f"{layer}: fetch"] += fetched_cpu - cpu
        WALL[f"{layer}: decode"] += time.perf_counter_ns() - fetched
        CPU[f"{layer}: decode"] += time.thread_time_ns() - fetched_cpu
        return converted

    graph.db._plain_rows = plain_rows
    run_sync = fastapi.routing._run_sync_endpoint

    def endpoint_thread(*args: Any, **kwargs: Any) -> Any:
        profiler = cProfile.Profile() if profile else None
        if profiler is not None:
            profiler.enable()
        try:
            return timed("endpoint thread", run_sync)(*args, **kwargs)
        finally:
            if profiler is not None:
                profiler.disable()
                PROFILES.append(profiler)

    fastapi.routing._run_sync_endpoint = endpoint_thread


async def fixed_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """An ASGI app that answers a fixed JSON body: the HTTP layer alone."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    body = b'{"x": "' + b"y" * 2039 + b'"}'
    length = str(len(body)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", length)],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def serve(app: Any, port: int) -> tuple[uvicorn.Server, "asyncio.Task[None]"]:
    """A started uvicorn server for `app` on `port`, and its task: `stop` ends both."""
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        http=HeaderTimeoutProtocol,
        access_log=False,
        log_level="warning",
        lifespan="on",
    )
    server = uvicorn.Server(config)
    task = asyncio.get_running_loop().create_task(server.serve())
    for _ in range(200):
        if server.started:
            return server, task
        await asyncio.sleep(0.05)
    raise RuntimeError("uvicorn did not start")


async def stop(servers: list[tuple[uvicorn.Server, "asyncio.Task[None]"]]) -> None:
    """Shut the servers down as uvicorn does on a signal (lifespan shutdown included): a
    task left to be cancelled when the loop closes logs the lifespan's CancelledError."""
    for server, _ in servers:
        server.should_exit = True
    for _, task in servers:
        await task


async def requests(port: int, token: str, urls: list[str], n: int, rng: Random) -> float:
    """`n` GETs one after another; the mean wall µs of one. Notes the CPU of this process
    (every thread), of its event loop's thread and of Neo4j (when local) as "process",
    "loop" and "neo4j"."""
    client = RawGetter(port, token, 1)
    await client.open()
    neo4j_pid = local_server_pid(server_uri())
    try:
        neo4j = cpu_seconds(neo4j_pid) if neo4j_pid else 0.0
        started, process, loop = (
            time.perf_counter_ns(),
            time.process_time_ns(),
            time.thread_time_ns(),
        )
        for _ in range(n):
            status = await client.get(rng.choice(urls))
            if status != 200:
                raise SystemExit(f"status {status}")
        CPU["process"] += time.process_time_ns() - process
        CPU["loop"] += time.thread_time_ns() - loop
        if neo4j_pid:
            CPU["neo4j"] += int((cpu_seconds(neo4j_pid) - neo4j) * 1e9)
        return (time.perf_counter_ns() - started) / n / 1000
    finally:
        await client.close()


def layer_rows(total_us: float, http_floor_us: float, n: int) -> list[list[str]]:
    def us(name: str, spent: dict[str, int] = WALL) -> float:
        return spent.get(name, 0) / n / 1000

    def cpu(name: str) -> float:
        return us(name, CPU)

    layers = ("dependencies", "endpoint", "serialization", "audit entry")
    inner_wall, inner_cpu = sum(us(x) for x in layers), sum(cpu(x) for x in layers)
    e_fetch, e_decode, e_graph = (cpu(f"endpoint: {x}") for x in ("fetch", "decode", "graph"))
    threads = cpu("process") - cpu("loop")  # CPU of the worker threads
    # A plain `def` route runs in `_run_sync_endpoint` (wrapped); an `async def` one hands its
    # service to the pool itself: then its thread is every worker's CPU, and its wall time the
    # endpoint's. The session check runs in the route's first transaction, inside "graph".
    thread_wall = us("endpoint thread") or us("endpoint")
    thread_cpu = cpu("endpoint thread") or threads
    queries = WALL.get("endpoint: queries", 0) / n
    lines = [
        ("HTTP layer: uvicorn, loopback, client", total_us - us("app"), cpu("loop") - cpu("app")),
        ("  (the same for a fixed 2 KiB answer)", http_floor_us, None),
        ("middleware and routing", us("app") - inner_wall, cpu("app") - inner_cpu),
        ("audit entry", us("audit entry"), cpu("audit entry")),
        ("dependencies (event loop)", us("dependencies"), cpu("dependencies")),
        ("  token decoding", us("token decoding"), cpu("token decoding")),
        ("endpoint: hand-offs (event loop)", us("endpoint"), cpu("endpoint")),
        (
            f"  endpoint thread ({queries:.1f} queries)",
            thread_wall,
            thread_cpu,
        ),
        (
            "    driver: session, transaction, Bolt",
            us("endpoint: graph")
            - us("endpoint: fetch")
            - us("endpoint: decode")
            - us("session check"),
            e_graph - e_fetch - e_decode - cpu("session check"),
        ),
        (
            "    session check: the transaction's first read",
            us("session check"),
            cpu("session check"),
        ),
        ("    driver: records fetched", us("endpoint: fetch"), e_fetch),
        ("    records -> Python (data(), plain)", us("endpoint: decode"), e_decode),
        (
            "    service Python",
            thread_wall - us("endpoint: graph"),
            thread_cpu - e_graph,
        ),
        ("serialization: validation, JSON (event loop)", us("serialization"), cpu("serialization")),
        (
            "worker threads, other (validation, hand-offs)",
            None,
            threads - thread_cpu,
        ),
        ("total: this process", total_us, cpu("process")),
        ("Neo4j", None, cpu("neo4j")),
    ]
    return [
        [name, "" if wall is None else f"{wall:,.0f}", "" if spent is None else f"{spent:,.0f}"]
        for name, wall, spent in lines
    ]


async def run(args: argparse.Namespace) -> None:
    secret = secrets.token_urlsafe(48)
    with tempfile.TemporaryDirectory() as tmp, connect() as graph:
        rng = Random(args.seed)  # noqa: S311 - picks test ids, not security
        households = draw(graph, HOUSEHOLDS, args.urls)
        persons = draw(graph, PERSONS, args.urls)
        routes = route_urls(args.as_of)
        chosen = args.route or list(routes)
        token = bench_session(graph, secret, "bench-api-layers")
        try:
            settings = get_settings().model_copy(
                update={
                    "secret": SecretStr(secret),
                    "audit_key": SecretStr(secrets.token_urlsafe(48)),
                    "audit_dir": Path(tmp) / "audit",
                    "neo4j_uri": server_uri(),
                }
            )
            app = create_app(settings, graph)

            async def timed_app(scope: Any, receive: Any, send: Any) -> None:
                started, cpu = time.perf_counter_ns(), time.thread_time_ns()
                try:
                    await app(scope, receive, send)
                finally:
                    if scope["type"] == "http":
                        WALL["app"] += time.perf_counter_ns() - started
                        CPU["app"] += time.thread_time_ns() - cpu

            port, fixed_port = free_port(), free_port()
            servers = [await serve(timed_app, port), await serve(fixed_app, fixed_port)]
            http_floor = await requests(fixed_port, token, ["/x"], args.requests, rng)
            for name in chosen:
                urls = [routes[name](households, persons, rng) for _ in range(args.urls)]
                await requests(port, token, urls, args.warmup, rng)
                WALL.clear()
                CPU.clear()
                PROFILES.clear()
                loop_profile = cProfile.Profile() if args.loop_profile else None
                if loop_profile is not None:
                    loop_profile.enable()
                total = await requests(port, token, urls, args.requests, rng)
                if loop_profile is not None:
                    loop_profile.disable()
                    loop_profile.dump_stats(f"{args.loop_profile}.{name.replace(' ', '_')}")
                print(f"\n{name}: {args.requests} requests one after another, µs per request")
                if args.totals:
                    n, cpu = args.requests, CPU
                    print(
                        f"wall {total:,.0f}  CPU: this process {cpu['process'] / n / 1000:,.0f}, "
                        f"event loop {cpu['loop'] / n / 1000:,.0f}, "
                        f"Neo4j {cpu['neo4j'] / n / 1000:,.0f}"
                    )
                    continue
                print(
                    table(
                        ["layer", "wall µs", "CPU µs"], layer_rows(total, http_floor, args.requests)
                    )
                )
                if args.cprofile and PROFILES:
                    stats = pstats.Stats(PROFILES[0])
                    for profiler in PROFILES[1:]:
                        stats.add(profiler)
                    stats.dump_stats(f"{args.cprofile}.{name.replace(' ', '_')}")
                    stats.sort_stats("tottime").print_stats(25)
            await stop(servers)
        finally:
            drop_session(graph, "bench-api-layers")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--urls", type=int, default=300)
    parser.add_argument("--route", action="append", help="route name (default: every one)")
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 11, 1))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cprofile", metavar="FILE", help="profile the endpoints' threads")
    parser.add_argument(
        "--loop-profile", metavar="FILE", help="profile the event loop's thread (FILE.<route>)"
    )
    parser.add_argument(
        "--totals", action="store_true", help="no wrappers: only the totals (A/B of two trees)"
    )
    args = parser.parse_args()
    if not args.totals:
        instrument(bool(args.cprofile))
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(run(args))


if __name__ == "__main__":
    main()
