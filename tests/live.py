"""The app served by a real uvicorn on a loopback port, for tests that need real sockets:
a database that goes down under load, slow clients, clients that hang up."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI

from tests.helpers import free_port

START_WITHIN_S = 60.0


@contextmanager
def serve(app: FastAPI, **config: Any) -> Iterator[str]:
    """`app` served by uvicorn in a thread (lifespan included) until the block ends, as
    `hhgraph serve` runs it; yields its base URL. `config` goes to `uvicorn.Config` (e.g.
    `http=` a protocol class)."""
    port = free_port()
    options: dict[str, Any] = {"log_level": "warning", "ws": "none", "lifespan": "on"} | config
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **options))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_WITHIN_S
    while not server.started:  # readiness, not a timed assertion
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
