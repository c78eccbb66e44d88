"""A real local HTTP receiver for the webhook tests: `http.server` in a thread on a free port.

Each request takes the next action of its `script`, then `default`:
- `ok`: processes the message (records its id) and answers 200;
- `fail`: answers 500, processing nothing;
- `redirect`: answers 307 to itself, processing nothing;
- `hang`: waits `hang_s` (past the client's timeout) without processing, then answers 503;
- `slow_ack`: processes the message, then answers 200 only after `hang_s`: the lost ack of
  at-least-once delivery, after which the message comes again.
A request whose signature does not verify under `secret` is answered 401 and not processed.
`processed` lists every processing, duplicates included; `unique` is what a receiver keeps
when it deduplicates by message id, as docs/webhooks.md tells receivers to.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from webhooks.signing import MESSAGE_ID, SIGNATURE, TIMESTAMP, verify_signature


@dataclass
class Received:
    """One request as the receiver saw it."""

    message_id: str
    action: str
    body: bytes
    headers: dict[str, str]


@dataclass
class Receiver:
    """The receiver's behaviour and what it saw; `url` once it is started."""

    script: list[str] = field(default_factory=list)
    default: str = "ok"
    secret: str | None = None
    hang_s: float = 1.5
    url: str = ""
    requests: list[Received] = field(default_factory=list)
    processed: list[str] = field(default_factory=list)
    unique: dict[str, bytes] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    release: threading.Event = field(default_factory=threading.Event)
    log: list[str] = field(default_factory=list)

    def next_action(self, message_id: str, body: bytes, headers: dict[str, str]) -> str:
        with self.lock:
            action = self.script.pop(0) if self.script else self.default
            if self.secret is not None and not verify_signature(
                self.secret, headers.get(TIMESTAMP, ""), body, headers.get(SIGNATURE, "")
            ):
                action = "bad_signature"
            self.requests.append(Received(message_id, action, body, headers))
            return action

    def process(self, message_id: str, body: bytes) -> None:
        with self.lock:
            self.processed.append(message_id)
            self.unique.setdefault(message_id, body)  # the dedup set: kept once by id

    def actions(self) -> list[str]:
        with self.lock:
            return [r.action for r in self.requests]


MakeReceiver = Callable[..., Receiver]  # the `make_receiver` fixture


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {k: v for k, v in self.headers.items()}
            message_id = headers.get(MESSAGE_ID, "")
            action = receiver.next_action(message_id, body, headers)
            if action == "bad_signature":
                self._answer(401)
            elif action == "fail":
                self._answer(500)
            elif action == "redirect":
                self._answer(307, location=receiver.url)
            elif action == "hang":
                receiver.release.wait(receiver.hang_s)
                self._answer(503)
            elif action == "slow_ack":
                receiver.process(message_id, body)
                receiver.release.wait(receiver.hang_s)
                self._answer(200)
            else:
                receiver.process(message_id, body)
                self._answer(200)

        def _answer(self, status: int, location: str | None = None) -> None:
            try:
                self.send_response(status)
                if location is not None:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            except OSError:  # the client gave up waiting (a hang, a slow ack): expected
                self.close_connection = True

        def log_message(self, format: str, *args: Any) -> None:
            with receiver.lock:  # kept, not printed: the test output stays readable
                receiver.log.append(format % args)

    return Handler


@contextmanager
def running(receiver: Receiver) -> Iterator[Receiver]:
    """`receiver` serving on 127.0.0.1 at a free port until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(receiver))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="webhook-receiver", daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield receiver
    finally:
        receiver.release.set()  # a hanging handler answers now
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
