"""`hhgraph account create|disable|reset`: the first province account, and a way back in when
no province officer can sign in (CONTRACT §5, issue 16). The operator holds the database, so
no region or role check applies; each command is an audit entry like an API request's."""

from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from core.errors import HhgraphError
from core.settings import Settings, audit_key, get_settings
from graph.connection import open_graph
from hhgraph.terminal import out

account = typer.Typer(help="Officers' accounts (CONTRACT §5).", no_args_is_help=True)
Username = Annotated[str, typer.Argument(help="The account's username.")]
# The options an account shares with `hhgraph token` (CONTRACT §4).
PersonIdOption = Annotated[
    str | None, typer.Option(help="The officer's resident id, for recusal (RULES C5).")
]
DepartmentOption = Annotated[
    str | None, typer.Option(help="The department role's department (RULES P11).")
]


def cli_actor() -> str:
    """Who a CLI load or account change is recorded as (`updated_by`, issue 14 item 8): the
    operator's login."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "cli"


def _audit(settings: Settings, command: str, username: str, outcome: str) -> None:
    """One chained audit entry for the command (never with the password)."""
    from api.audit_chain import AuditLog

    entry: dict[str, Any] = {
        "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "sub": cli_actor(),
        "role": None,
        "region": None,
        "client": None,
        "method": "CLI",
        "route": f"hhgraph account {command}",
        "path": f"hhgraph account {command} {username}",
        "query": "",
        "ids": [username],
        "persons": [],
        "keys": [username],
        "status": 0,
        "outcome": outcome,
        "event": {"kind": f"account_{command}", "account": username, "result": outcome},
    }
    AuditLog(settings.audit_dir, audit_key(settings)).append(entry)


def _print_password(username: str, password: str) -> None:
    out.print(f"account {username}: one-time password (shown once; change it at first sign-in):")
    print(password)


@account.command("create")
def create_command(
    username: Username,
    role: Annotated[
        str, typer.Option(help="province, city, county, township, investigator, department")
    ],
    region: Annotated[str, typer.Option(help="The region the officer serves.")],
    person_id: PersonIdOption = None,
    department: DepartmentOption = None,
) -> None:
    """Create an account and print its one-time password."""
    from accounts import ACCOUNT_ROLES, NewAccount, create

    if role not in ACCOUNT_ROLES:
        raise HhgraphError(f"--role must be one of {', '.join(ACCOUNT_ROLES)}")
    settings = get_settings()
    audit_key(settings)  # no account without its audit entry: refuse before writing
    new = NewAccount(username, role, region, person_id, department)  # type: ignore[arg-type]
    with open_graph(settings) as graph:
        made = create(graph, None, new, cli_actor())
    _audit(settings, "create", username, "allowed")
    _print_password(made.account.username, made.one_time_password)


@account.command("disable")
def disable_command(username: Username) -> None:
    """Disable an account; its sessions end at once."""
    from accounts import disable

    settings = get_settings()
    audit_key(settings)
    with open_graph(settings) as graph:
        disable(graph, None, username)
    _audit(settings, "disable", username, "allowed")
    out.print(f"account {username} disabled; its sessions ended")


@account.command("reset")
def reset_command(username: Username) -> None:
    """Print a new one-time password for an account (its lock and sessions end)."""
    from accounts import reset

    settings = get_settings()
    audit_key(settings)
    with open_graph(settings) as graph:
        made = reset(graph, None, username, cli_actor())
    _audit(settings, "reset", username, "allowed")
    _print_password(username, made.one_time_password)
