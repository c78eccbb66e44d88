"""`hhgraph`: the one console command (contract §1).

A thin layer: each command reads its options, opens the graph with `open_graph` (one place,
issue 15 item 9), calls the layer that does the work and prints its outcome. Drawing and
failing live in `hhgraph.terminal`: an error of the tree ends a command with one line on
stderr, exit 3 when Neo4j cannot be reached, 1 otherwise (issue 15 item 6).
"""

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from core.dates import parse_day
from core.errors import HhgraphError
from core.exports import open_private, write_private
from core.settings import Settings, audit_key, get_settings, token_secret
from cypher import migrations, query
from graph import server
from graph.connection import open_graph
from graph.schema import migrate
from hhgraph.accounts import DepartmentOption, PersonIdOption, account, cli_actor
from hhgraph.initial import import_command
from hhgraph.terminal import Commands, err, level_moves, load_progress, out, run_progress
from loaders.files import load_file, rejects_path
from loaders.pipeline import DEFAULT_BATCH_SIZE
from loaders.records import FEEDS
from scoring.rescore import Mode

if TYPE_CHECKING:
    from api.audit_chain import Verdict
    from graph.db import Graph
    from scoring.ruleset import Ruleset

app = typer.Typer(
    cls=Commands,
    help="household-graph: Guangdong low-income population monitoring on Neo4j.",
    epilog="Exit codes: 0 done, 1 error, 2 usage error or rejected records (load), "
    "3 Neo4j cannot be reached (start it with `hhgraph db start` or set NEO4J_URI).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db = typer.Typer(help="The local Neo4j server and the schema.", no_args_is_help=True)
app.add_typer(db, name="db")
app.add_typer(account, name="account")
app.command("import")(import_command)

ANY_HOUSEHOLD = query("households/any_household")
DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Server home (.data/neo4j).")]


@db.command("start")
def db_start(
    data_dir: DataDir = None,
    bolt_port: Annotated[int | None, typer.Option("--bolt-port", help="Bolt port (7687).")] = None,
) -> None:
    """Start the local Neo4j 5.26 on 127.0.0.1 (or find the running one); print its URI."""
    settings = get_settings()
    options = server.ServerOptions.from_settings(settings, bolt_port)
    info, started = server.start(data_dir or settings.data_dir, options)
    if not started:
        err.print(f"already running (pid {info.pid}, data {info.data_dir})", highlight=False)
    print(info.uri)


@db.command("stop")
def db_stop(data_dir: DataDir = None) -> None:
    """Stop the local server cleanly."""
    directory = data_dir or get_settings().data_dir
    info = server.stop(directory)
    if info is None:
        print(f"not running (data {directory.resolve()})")
    else:
        print(f"stopped pid {info.pid} ({info.uri}, data {info.data_dir})")


@db.command("status")
def db_status(data_dir: DataDir = None) -> None:
    """Say what runs where: NEO4J_URI if set, and the local server of the data directory."""
    settings = get_settings()
    directory = data_dir or settings.data_dir
    if settings.neo4j_uri:
        print(f"NEO4J_URI={settings.neo4j_uri} (commands use this server)")
    info = server.status(directory)
    if info is None:
        print(f"local server: not running (data {directory.resolve()})")
        raise typer.Exit(code=3)
    answers = "answers" if server.bolt_answers(info.uri) else "does NOT answer"
    print(
        f"local server: running pid {info.pid}, {info.uri} ({answers}), "
        f"data {info.data_dir}, log {info.log}, since {info.started_at}"
    )


def _apply_schema(settings: Settings) -> list[str]:
    """`graph.schema.migrate` on the configured server."""
    with open_graph(settings) as graph:
        return migrate(graph, migrations())


@db.command("migrate")
def db_migrate() -> None:
    """Apply the constraints and indexes of cypher/migrations/ (idempotent)."""
    applied = _apply_schema(get_settings())
    print(f"schema up to date: {len(applied)} migration files applied")


@app.command("load")
def load(
    feed: Annotated[str, typer.Argument(help="Feed name: " + ", ".join(FEEDS))],
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, readable=True)],
    batch_size: Annotated[int, typer.Option(min=1, max=100_000)] = DEFAULT_BATCH_SIZE,
    writers: Annotated[
        int | None,
        typer.Option(min=1, max=8, help="Batches written at once [default: HHGRAPH_LOAD_WRITERS]"),
    ] = None,
) -> None:
    """Load CSV, JSON Lines or JSON array files of one feed (CONTRACT §2).

    Prints `received = applied + unchanged + rejected` per file; rejects go to
    FILE.rejects.jsonl. Exit code 2 when any record was rejected.
    """
    if feed not in FEEDS:
        raise HhgraphError(f"unknown feed {feed!r}; feeds: {', '.join(FEEDS)}")
    settings = get_settings()
    any_rejected = False
    with open_graph(settings, actor=cli_actor()) as graph:
        for path in files:
            with load_progress(feed, path) as on_batch:
                writing = writers or settings.load_writers
                report = load_file(graph, feed, path, batch_size, writing, on_batch)
            print(f"{path}: {report.reconciliation()}")
            if report.rejected_count:
                any_rejected = True
                print(f"  rejects: {rejects_path(path)}")
    if any_rejected:
        raise typer.Exit(code=2)


@app.command("generate")
def generate_command(
    households: Annotated[int, typer.Option("--households", min=1, help="How many.")],
    out: Annotated[Path, typer.Option("--out", file_okay=False, help="Output folder.")],
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same files.")] = 0,
) -> None:
    """Write a synthetic Guangdong-like data set, one JSON Lines file per feed."""
    from synthetic import generate

    counts = generate(households, out, seed=seed)
    for feed, n in counts.items():
        print(f"{out / (feed + '.jsonl')}: {n} records")


@app.command("demo")
def demo(
    households: Annotated[int, typer.Option("--households", min=1)] = 5_000,
    seed: Annotated[int, typer.Option("--seed")] = 1,
) -> None:
    """Load a generated demo data set, only if the database holds no household yet."""
    from synthetic import generate

    settings = get_settings()
    with open_graph(settings, actor=cli_actor()) as graph:
        if graph.read(ANY_HOUSEHOLD):
            print("the database already holds households; demo data not loaded")
            return
        folder = settings.data_dir.resolve() / "demo"
        generate(households, folder, seed=seed)
        for feed in FEEDS:
            path = folder / f"{feed}.jsonl"
            with load_progress(feed, path) as on_batch:
                report = load_file(
                    graph, feed, path, settings.batch_size, settings.load_writers, on_batch
                )
            print(report.reconciliation())


@app.command("rescore")
def rescore(
    as_of: Annotated[str, typer.Option("--as-of", help="YYYY-MM-DD: the run's date.")],
    mode: Annotated[Mode, typer.Option(help="full or incremental")] = Mode.FULL,
    ruleset: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="A draft ruleset file.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Write nothing.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, max=50_000)] = 2_000,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Batches at once.")] = 2,
) -> None:
    """Batch rescoring (RULES §4, W1-W7): scores, warnings, a summary by level.

    With --dry-run, prints how many households move from each level under the ruleset in
    force to each level under --ruleset (default: the one in force), writing nothing.
    One run at a time, with the API's too: another live run ends this one with exit 1
    (issue 14 items 3, 10).
    """
    from scoring.deadlines import visit_deadlines
    from scoring.rescore import rescore_households
    from scoring.ruleset import default_ruleset, load_ruleset

    day = parse_day(as_of)
    draft = load_ruleset(ruleset) if ruleset else default_ruleset()
    settings = get_settings()
    with open_graph(settings) as graph:
        if dry_run:
            _print_level_moves(graph, day, draft, batch_size)
            return
        deadlines = visit_deadlines(graph)
        with run_progress(f"rescore {mode} {day}") as on_progress:
            summary = rescore_households(
                graph,
                day,
                mode,
                draft,
                deadlines,
                batch_size=batch_size,
                workers=workers,
                on_progress=on_progress,
                owner_kind="cli",
                allowance_s=settings.rescore_allowance_s,
            )
    print(f"run {summary.run_id}: {summary.households} households, ruleset {summary.ruleset}")
    for level in ("red", "orange", "yellow", "blue", "green", "none"):
        print(f"  {level:<7}{summary.counts.get(level, 0):>10}")
    print(f"dependents put on the recheck list: {summary.dependents_flagged}")


def _print_level_moves(graph: "Graph", day: date, draft: "Ruleset", batch_size: int) -> None:
    """The dry run of `rescore`: the level-to-level table of `draft` against the ruleset in
    force (W7), writing nothing."""
    from scoring.rescore import compare_rulesets
    from scoring.ruleset import default_ruleset

    current = default_ruleset()
    moves = compare_rulesets(graph, day, current, draft, batch_size)
    levels = [lv.level for lv in current.levels]
    out.print(level_moves(moves, levels, current.version, draft.version, day))


@app.command("audit")
def audit(
    since: Annotated[
        str | None, typer.Option("--since", help="YYYY-MM-DD (UTC day), included.")
    ] = None,
    sub: Annotated[str | None, typer.Option("--sub", help="Only this subject.")] = None,
    verify: Annotated[
        bool, typer.Option("--verify", help="Check the chain of entries (HHGRAPH_AUDIT_KEY).")
    ] = False,
) -> None:
    """Print audit entries (one JSON object a line) from a day on, optionally of one subject;
    with --verify, check that no entry was changed or deleted (exit 1 if one was)."""
    import json

    from api.audit_chain import AuditLog, read_entries

    day = parse_day(since, "--since") if since else None
    settings = get_settings()
    if verify:
        log = AuditLog(settings.audit_dir, audit_key(settings))
        _report_verdict(log.verify(day))
        return
    if day is None:
        raise HhgraphError("--since is required (or --verify)")
    for entry in read_entries(settings.audit_dir, day, sub):
        if "unreadable" in entry:  # reported, never fatal (issue 14 item 8)
            err.print(f"unreadable line {entry['unreadable']}", highlight=False)
            continue
        print(json.dumps(entry, ensure_ascii=False))


def _report_verdict(verdict: "Verdict") -> None:
    for note in verdict.notes:
        err.print(f"note: {note}", highlight=False)
    for problem in verdict.problems:
        print(f"PROBLEM {problem}")
    last = verdict.last or {}
    print(
        f"{verdict.entries} entries, {len(verdict.problems)} problems; "
        f"last entry {last.get('time')} mac {last.get('mac')} "
        "(compare with a copy kept elsewhere: the loss of the newest entries shows only there)"
    )
    if verdict.problems:
        raise typer.Exit(code=1)


@app.command("screen")
def screen_command(
    as_of: Annotated[str, typer.Option("--as-of", help="YYYY-MM-DD")],
    region: Annotated[str, typer.Option("--region", help="Region code to screen (and below).")],
    csv_out: Annotated[Path | None, typer.Option("--csv", dir_okay=False, help="CSV file.")] = None,
) -> None:
    """Find missed and doubtful cases in a region (应救尽救): T1 not enrolled, tekun to review,
    single-person dibao (E6), dibao (E3) not enrolled, dependents flagged by rescoring."""
    from core.ids import normalise_region_code, region_prefix
    from scoring.screening import screen, write_csv

    day = parse_day(as_of)
    prefix = region_prefix(normalise_region_code(region))
    with open_graph(get_settings()) as graph:
        findings = screen(graph, prefix, day)
    for f in findings:
        print(f"{f.kind:<20} {f.subject_id:<20} {f.household_id or '':<12} {f.reasons[0]}")
    print(f"{len(findings)} findings")
    if csv_out is not None:
        with open_private(csv_out) as csv_file:  # 0600: personal data (issue 14 item 16)
            write_csv(findings, csv_file)


@app.command("integrity")
def integrity_command(
    as_of: Annotated[str, typer.Option("--as-of", help="YYYY-MM-DD")],
    region: Annotated[str, typer.Option("--region", help="Region code to check (and below).")],
    csv_out: Annotated[Path | None, typer.Option("--csv", dir_okay=False, help="CSV file.")] = None,
    rule: Annotated[
        list[str] | None, typer.Option("--rule", help="Only this rule (X1…X8); repeatable.")
    ] = None,
) -> None:
    """Integrity checks of a region (信息比对, RULES §9): X1 enrolled after death, X2 exclusive
    enrolments at once, X3 enrolled but failing its rule, X4 eligible but not enrolled, X5 no
    granted case, X6 an official's relative without a filing, X7 possible duplicates, X8
    relief over R4's limits without a conference. The counts by rule and township are
    recorded for the supervision figures (S1 `findings_by_rule`)."""
    from core.ids import normalise_region_code, region_prefix
    from integrity import Scan, checks, record_scan, scan_all, write_csv
    from procedure.policy import load_policy

    day = parse_day(as_of)
    prefix = region_prefix(normalise_region_code(region))
    rules = [c.rule for c in checks(rule or None)]  # an unknown id stops here (UnknownCheck)
    policy = load_policy()
    with open_graph(get_settings()) as graph:
        findings = scan_all(graph, prefix, day, policy, rules)
        record_scan(graph, prefix, day, rules, findings)  # the figures' findings_by_rule (S1)
        persons = [f.subject_id for f in findings if f.subject_kind == "person"]
        names = Scan(graph, prefix, day, policy).names(persons) if csv_out else {}
    for f in findings:
        print(f"{f.rule:<3} {f.subject_id:<20} {f.township_code} {f.next_step.kind:<15} {f.detail}")
    counts = {r: sum(1 for f in findings if f.rule == r) for r in rules}
    print(f"{len(findings)} findings (" + ", ".join(f"{r} {n}" for r, n in counts.items()) + ")")
    if csv_out is not None:
        with open_private(csv_out) as csv_file:  # 0600: personal data (issue 14 item 16)
            write_csv(findings, csv_file, names)


@app.command("report")
def report_command(
    region: Annotated[str, typer.Option("--region", help="Region code (6 or 12 digits).")],
    as_of: Annotated[str, typer.Option("--as-of", help="YYYY-MM-DD")],
    xlsx: Annotated[Path, typer.Option("--xlsx", dir_okay=False, help="Workbook to write.")],
    rebuild_rollup: Annotated[
        bool, typer.Option(help="First count the figures' rollup again from the resources.")
    ] = False,
    rebuild_groups: Annotated[
        bool,
        typer.Option(
            help="First count the rollup's group cells (M1-M5) again, and only those "
            "(a store loaded before they existed)."
        ),
    ] = False,
) -> None:
    """Write the supervision figures (S1) of a region as a workbook: one sheet per level of
    the region tree, Chinese headers (CONTRACT §4)."""
    from core.ids import normalise_region_code, region_level
    from stats import rebuild, workbook_bytes
    from stats.groups import rebuild_groups as count_groups

    day = parse_day(as_of)
    code = normalise_region_code(region)
    level = region_level(code)
    with open_graph(get_settings()) as graph:
        if rebuild_rollup:
            rebuilt = rebuild(graph)
            print(
                f"rollup: {rebuilt.resources} warnings and applications, "
                f"{rebuilt.households} households counted"
            )
        elif rebuild_groups:
            print(f"rollup: {count_groups(graph, clear=True)} households counted (M1-M5)")
        body = workbook_bytes(graph, code, day)
    write_private(xlsx, body)  # 0600, as every export
    print(f"{xlsx}: {level.name.lower()} {code} on {day}")


@app.command("token")
def token(
    role: Annotated[
        str,
        typer.Option(help="province, city, county, township, investigator, batch, department"),
    ],
    region: Annotated[str, typer.Option(help="Region code the caller sees (and below).")],
    sub: Annotated[str, typer.Option(help="Who the token is for.")],
    ttl_minutes: Annotated[int, typer.Option(min=1, max=60 * 24 * 31)] = 60,
    person_id: PersonIdOption = None,
    department: DepartmentOption = None,
) -> None:
    """Print a bearer token signed with HHGRAPH_SECRET (CONTRACT §1, §4)."""
    from pydantic import ValidationError

    from api.security import mint_token

    settings = get_settings()
    if ttl_minutes > settings.token_max_minutes:  # the API would refuse it (issue 14 item 15)
        raise HhgraphError(
            f"--ttl-minutes {ttl_minutes} is above the API's maximum token lifetime, "
            f"{settings.token_max_minutes} minutes (HHGRAPH_TOKEN_MAX_MINUTES)"
        )
    secret = token_secret(settings)
    try:
        print(mint_token(secret, role, region, sub, ttl_minutes, person_id, department))  # type: ignore[arg-type]
    except ValidationError as exc:  # the claims, as the API reads them: each one at fault
        problems = "; ".join(f"{e['loc'][0]}: {e['msg']}" for e in exc.errors())
        raise HhgraphError(problems) from exc


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="HTTP port.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes: one Python process uses one core.")
    ] = 1,
    access_log: Annotated[
        bool, typer.Option(help="uvicorn's access log; the audit log records every /v1/ request.")
    ] = False,
) -> None:
    """Run the API (it applies the schema at start; exit 3 at once if Neo4j cannot be
    reached)."""
    import uvicorn

    from api.app import create_app

    settings = get_settings()
    application = create_app(settings)  # fails here, readably, on a missing or weak secret
    if settings.dev_mode and (settings.secret is None or settings.audit_key is None):
        err.print(
            "[bold white on red] DEV MODE [/] tokens and the audit chain use local random keys "
            f"({settings.data_dir}/hhgraph-dev-secret, hhgraph-dev-audit-key). Never serve "
            "real data like this: set HHGRAPH_SECRET and HHGRAPH_AUDIT_KEY and unset "
            "HHGRAPH_DEV_MODE."
        )
    from api.request_guard import HeaderTimeoutProtocol

    # Here, before uvicorn: a Neo4j that cannot be reached is one line (exit 3), not the
    # traceback of a failed app start (issue 15 item 6). Applied once: the app's own start
    # (each worker's) then finds nothing to create.
    _apply_schema(settings)
    # Slow clients: a deadline on each request's headers (issue 14 item 14).
    http = HeaderTimeoutProtocol
    if workers == 1:
        uvicorn.run(application, host=host, port=port, access_log=access_log, http=http)
    else:  # each worker process builds its own app, with its own driver, from the environment
        uvicorn.run(
            "api.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            access_log=access_log,
            http=http,
        )
