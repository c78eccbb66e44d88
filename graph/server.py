"""The local Neo4j 5.26 server: Neo4j Community embedded, with Bolt on 127.0.0.1.

For machines without a Docker engine and without a Neo4j install. The launcher is the Maven
project in `graph/server/` (one Java class, `org.hhgraph.LocalNeo4j`); `start` builds it once
(cached by a hash of its sources), runs it detached with its own log and a state file in the
data directory, and returns once Bolt answers. `stop` sends SIGTERM, which runs the launcher's
shutdown hook and closes the database cleanly. Committed writes survive a SIGKILL: Neo4j
flushes its transaction log at every commit and recovers from it at the next start.

Files in the data directory: `data/` and `logs/` (Neo4j's own, `logs/debug.log` among them),
`server.log` (the launcher's output) and `hhgraph-server.json` (pid, port, start time).
"""

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

from core.errors import BuildError, ServerStartError
from core.settings import Settings

SERVER_DIR = Path(__file__).resolve().parent / "server"
TARGET_DIR = SERVER_DIR / "target"
MAIN_CLASS = "org.hhgraph.LocalNeo4j"
STATE_FILE = "hhgraph-server.json"
LOG_FILE = "server.log"
HOST = "127.0.0.1"

# What Neo4j's own launcher passes to the JVM (NEO4J-NOTES.md); an embedded launcher must too.
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
)


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """How to run the local server; defaults come from `Settings`."""

    bolt_port: int = 7687
    heap_mb: int = 1024
    pagecache_mb: int = 512
    tx_timeout_s: int = 120
    start_timeout_s: float = 180.0

    @classmethod
    def from_settings(cls, settings: Settings, bolt_port: int | None = None) -> "ServerOptions":
        return cls(
            bolt_port=bolt_port or settings.bolt_port,
            heap_mb=settings.heap_mb,
            pagecache_mb=settings.pagecache_mb,
            tx_timeout_s=settings.server_tx_timeout_s,
            start_timeout_s=settings.start_timeout_s,
        )


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """A running local server, as recorded in its state file."""

    pid: int
    bolt_port: int
    data_dir: str
    log: str
    started_at: str

    @property
    def uri(self) -> str:
        return f"bolt://{HOST}:{self.bolt_port}"


# -- build ---------------------------------------------------------------------------------------


def _source_digest() -> str:
    sources = [SERVER_DIR / "pom.xml", *sorted((SERVER_DIR / "src").rglob("*.java"))]
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build() -> str:
    """Build the launcher if its sources changed since the last build; return its classpath.

    Cached: a stamp in `graph/server/target/` holds the hash of the pom and the Java sources.
    The first build downloads Neo4j from Maven Central (about 120 MB, once per machine).
    """
    TARGET_DIR.mkdir(parents=True, exist_ok=True)
    stamp = TARGET_DIR / ".hhgraph-build"
    classpath = f"{TARGET_DIR / 'classes'}{os.pathsep}{TARGET_DIR / 'lib' / '*'}"
    with open(TARGET_DIR / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two concurrent starts build once
        digest = _source_digest()
        if stamp.is_file() and stamp.read_text() == digest:
            return classpath
        mvn = shutil.which("mvn")
        if mvn is None:
            raise BuildError(
                "Maven (mvn) is not on PATH: install Java 17+ and Maven to run the local "
                "Neo4j server, or set NEO4J_URI to an existing server"
            )
        done = subprocess.run(  # noqa: S603 - fixed argument list, no user input
            [mvn, "-q", "-B", "-DskipTests", "package"],
            cwd=SERVER_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise BuildError(
                f"building the local Neo4j launcher failed (mvn exit {done.returncode}):\n"
                f"{tail(done.stdout + done.stderr)}"
            )
        stamp.write_text(digest)
    return classpath


def java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise BuildError("java is not on PATH: install Java 17+ or set JAVA_HOME")
    return java


# -- process state -------------------------------------------------------------------------------

# Servers this process started. Kept so that their Popen objects are polled (which reaps them
# once they exit) rather than garbage-collected while they run.
_children: dict[int, "subprocess.Popen[bytes]"] = {}


def _alive(pid: int) -> bool:
    """Whether `pid` is a live local-server process (not a zombie, not a reused pid)."""
    child = _children.get(pid)
    if child is not None:  # our own child: poll() reaps it once it exited, zombie or not
        if child.poll() is None:
            return True
        del _children[pid]
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return MAIN_CLASS.encode() in cmdline and state != "Z"


def _read_state(data_dir: Path) -> ServerInfo | None:
    path = data_dir / STATE_FILE
    try:
        return ServerInfo(**json.loads(path.read_text()))
    except (FileNotFoundError, TypeError, ValueError):
        return None


def _write_state(data_dir: Path, info: ServerInfo) -> None:
    tmp = data_dir / f".{STATE_FILE}.tmp"
    tmp.write_text(json.dumps(asdict(info), indent=2))
    tmp.replace(data_dir / STATE_FILE)


def status(data_dir: Path) -> ServerInfo | None:
    """The server running in `data_dir`, or None (a stale state file is removed)."""
    data_dir = data_dir.resolve()
    info = _read_state(data_dir)
    if info is None:
        return None
    if _alive(info.pid):
        return info
    (data_dir / STATE_FILE).unlink(missing_ok=True)
    return None


def bolt_answers(uri: str, timeout_s: float = 2.0) -> bool:
    """Whether a Bolt server answers at `uri` (a real handshake, not only an open port)."""
    try:
        with GraphDatabase.driver(uri, auth=None, connection_timeout=timeout_s) as driver:
            driver.verify_connectivity()
    except (DriverError, Neo4jError, OSError):
        return False
    return True


def _port_taken(port: int, grace_s: float = 5.0) -> bool:
    """Whether another process listens on `port`, after `grace_s` for a server that just
    exited (the kernel closes a killed JVM's listening socket a moment after its exit)."""
    deadline = time.monotonic() + grace_s
    while _listening(port):
        if time.monotonic() > deadline:
            return True
        time.sleep(0.1)
    return False


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As Netty does: connections left in TIME_WAIT by a killed server do not block a bind.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return True
    return False


def tail(text: str, lines: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# -- start / stop --------------------------------------------------------------------------------


def start(data_dir: Path, options: ServerOptions) -> tuple[ServerInfo, bool]:
    """Start the server for `data_dir` unless one runs there; return it and whether it is new.

    Returns once Bolt answers. Raises `ServerStartError` naming the cause and the log to read.
    """
    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    running = status(data_dir)
    if running is not None:
        _wait_for_bolt(running, None, options.start_timeout_s)
        return running, False
    log = data_dir / LOG_FILE
    if _port_taken(options.bolt_port):
        raise ServerStartError(
            f"port {options.bolt_port} on {HOST} is already in use by another process; "
            f"choose another with --bolt-port (log: {log})"
        )
    command = [
        java(),
        *JVM_FLAGS,
        f"-Xms{options.heap_mb}m",
        f"-Xmx{options.heap_mb}m",
        f"-Dhhgraph.home={data_dir}",
        f"-Dhhgraph.bolt.port={options.bolt_port}",
        f"-Dhhgraph.pagecache.mb={options.pagecache_mb}",
        f"-Dhhgraph.tx.timeout.s={options.tx_timeout_s}",
        "-cp",
        build(),
        MAIN_CLASS,
    ]
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"--- hhgraph db start {datetime.now(UTC).isoformat()}\n")
        out.flush()
        process = subprocess.Popen(  # noqa: S603 - fixed argument list, no user input
            command,
            cwd=data_dir,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # survives the CLI's exit
        )
    _children[process.pid] = process
    info = ServerInfo(
        process.pid,
        options.bolt_port,
        str(data_dir),
        str(log),
        datetime.now(UTC).isoformat(timespec="seconds"),
    )
    _write_state(data_dir, info)
    _wait_for_bolt(info, process, options.start_timeout_s)
    return info, True


def _wait_for_bolt(
    info: ServerInfo, process: subprocess.Popen[bytes] | None, timeout_s: float
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        exited = process.poll() if process is not None else (None if _alive(info.pid) else -1)
        if exited is not None:
            Path(info.data_dir, STATE_FILE).unlink(missing_ok=True)
            raise ServerStartError(
                f"the local Neo4j server exited (code {exited}) before Bolt answered on "
                f"{info.uri}. Last lines of {info.log}:\n{tail(Path(info.log).read_text())}\n"
                f"Neo4j's own log: {Path(info.data_dir) / 'logs' / 'debug.log'}"
            )
        if bolt_answers(info.uri):
            return
        time.sleep(0.25)
    _kill(info.pid, signal.SIGKILL)
    Path(info.data_dir, STATE_FILE).unlink(missing_ok=True)
    raise ServerStartError(
        f"Bolt did not answer on {info.uri} within {timeout_s:.0f} s; the server was killed. "
        f"See {info.log} and {Path(info.data_dir) / 'logs' / 'debug.log'}"
    )


def _kill(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def stop(data_dir: Path, timeout_s: float = 60.0) -> ServerInfo | None:
    """Stop the server of `data_dir` cleanly (SIGTERM, then SIGKILL after `timeout_s`).

    Returns what was stopped, or None when nothing ran there.
    """
    data_dir = data_dir.resolve()
    info = status(data_dir)
    if info is None:
        return None
    _kill(info.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while _alive(info.pid):
        if time.monotonic() > deadline:
            _kill(info.pid, signal.SIGKILL)
            deadline = time.monotonic() + 10
        time.sleep(0.1)
    (data_dir / STATE_FILE).unlink(missing_ok=True)
    return info
