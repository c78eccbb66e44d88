"""Every Cypher query of household-graph, one named `.cypher` file each (as aiosql does for SQL).

A query's name is its path below this folder without the suffix: `health/server_components`.
Its header is the leading block of `//` comment lines: what it returns, its parameters and the
rule ids it encodes; it becomes the query's `doc`. Values reach a query only as `$parameters`.

Files below `migrations/` are schema migrations: several statements separated by `;` at the
end of a line, applied in file-name order by `graph.schema.migrate`, which gets them from its
caller (`migrations()`).

A module loads the queries it runs when it is imported, as module constants
(`SUPPORTERS = query("persons/supporters")`), and hands them to `graph.Graph`: a missing file
fails at import, not at request time, and graph/ never looks a name up (issue 15 item 2).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.errors import UnknownQuery

ROOT = Path(__file__).resolve().parent
SUFFIX = ".cypher"
MIGRATIONS = "migrations"


@dataclass(frozen=True, slots=True)
class Query:
    """One named query: its text and the header comment that documents it."""

    name: str
    text: str
    doc: str

    def statements(self) -> list[str]:
        """The file's statements, split at a `;` that ends a line (for migrations)."""
        parts: list[str] = []
        current: list[str] = []
        for line in _strip_comments(self.text).splitlines():
            stripped = line.rstrip()
            if stripped.endswith(";"):
                current.append(stripped[:-1])
                parts.append("\n".join(current).strip())
                current = []
            else:
                current.append(line)
        parts.append("\n".join(current).strip())
        return [p for p in parts if p]


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def _parse(name: str, source: str) -> Query:
    header: list[str] = []
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        header.append(stripped.removeprefix("//").strip())
    return Query(name=name, text=source.strip(), doc="\n".join(header).strip())


@cache
def query(name: str) -> Query:
    """The query stored in `cypher/<name>.cypher`; raises `UnknownQuery` if there is none."""
    path = (ROOT / name).with_suffix(SUFFIX).resolve()
    if ROOT not in path.parents or not path.is_file():
        raise UnknownQuery(f"no Cypher query named {name!r} (looked for {path.name})")
    return _parse(name, path.read_text(encoding="utf-8"))


def names(folder: str = "") -> list[str]:
    """The names of every query below `folder` (all queries by default), sorted."""
    base = ROOT / folder if folder else ROOT
    return sorted(
        str(p.relative_to(ROOT).with_suffix("")) for p in base.rglob(f"*{SUFFIX}") if p.is_file()
    )


def migrations() -> list[Query]:
    """The schema migrations of `migrations/`, in file-name order, for `graph.schema.migrate`."""
    return [query(name) for name in names(MIGRATIONS)]
