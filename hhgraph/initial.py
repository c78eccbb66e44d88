"""`hhgraph import --initial DIR`: a province's first load through Neo4j's bulk importer
(issue 20, docs/loading.md). Its own module because `hhgraph.cli` would pass 500 lines."""

from pathlib import Path
from typing import Annotated

import typer

from core.errors import HhgraphError
from core.settings import get_settings
from hhgraph.accounts import cli_actor
from loaders.files import rejects_path
from loaders.pipeline import DEFAULT_BATCH_SIZE

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Server home (.data/neo4j).")]


def import_command(
    initial: Annotated[
        Path,
        typer.Option(
            "--initial", exists=True, file_okay=False, help="Folder of <feed>.jsonl (.json, .csv)."
        ),
    ],
    data_dir: DataDir = None,
    bolt_port: Annotated[int | None, typer.Option("--bolt-port", help="Bolt port (7687).")] = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="Validating processes.")] = 2,
    batch_size: Annotated[int, typer.Option(min=1, max=100_000)] = DEFAULT_BATCH_SIZE,
    neo4j_admin: Annotated[
        Path | None,
        typer.Option(
            "--neo4j-admin",
            exists=True,
            dir_okay=False,
            help="An installed Neo4j's bin/neo4j-admin.",
        ),
    ] = None,
    keep_csv: Annotated[
        Path | None,
        typer.Option("--keep-csv", file_okay=False, help="Keep the importer's files here."),
    ] = None,
) -> None:
    """A first load into an empty database through Neo4j's bulk importer (issue 20).

    Every record is validated and checked as `hhgraph load` does (rejects to
    FILE.rejects.jsonl, exit code 2 when any); then Neo4j's importer writes the store with the
    local server stopped, and the server runs again with the schema applied. A database that
    holds data is refused.
    """
    from loaders.initial import import_initial

    settings = get_settings()
    if settings.neo4j_uri and neo4j_admin is None:
        raise HhgraphError(
            "an initial import writes the store files: unset NEO4J_URI to use the local "
            "server, or give --neo4j-admin of the installed (stopped) Neo4j"
        )
    report = import_initial(
        initial,
        settings,
        data_dir or settings.data_dir,
        cli_actor(),
        workers=workers,
        batch_size=batch_size,
        neo4j_admin=neo4j_admin,
        csv_dir=keep_csv,
        bolt_port=bolt_port,
    )
    for outcome in report.feeds:
        print(f"{outcome.path}: {outcome.reconciliation()}")
        if outcome.rejected:
            print(f"  rejects: {rejects_path(outcome.path)}")
    rate = report.received / report.validate_s if report.validate_s else 0.0
    print(
        f"validated {report.received} records in {report.validate_s:.1f} s ({rate:,.0f}/s), "
        f"group figures counted {report.groups_s:.1f} s, importer {report.import_s:.1f} s, "
        f"schema {report.schema_s:.1f} s"
    )
    if report.uri:
        print(report.uri)
    else:
        print(
            "start the server, then apply the schema with `hhgraph db migrate` (the figures' "
            "group cells were imported with the records)"
        )
    if report.rejected:
        raise typer.Exit(code=2)
