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

Files below `fragments/` are no queries: each holds one copy of a rule that several queries
share, which a query takes in with an include line, `// include: fragments/<name>(...)`,
expanded when the query is loaded (`cypher.include`, issue 15 item 4). A query's `text` is the
expanded text, the one Neo4j plans and runs.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.errors import BadInclude, UnknownQuery
from cypher.include import FRAGMENTS, expand, is_include

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
    """The query of a file's text: its header up to the first line that is no comment (or is
    an include line), its text with every include expanded (`BadInclude` if one fails)."""
    header: list[str] = []
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//") or is_include(line):
            break
        header.append(stripped.removeprefix("//").strip())
    return Query(name=name, text=expand(source.strip(), fragment), doc="\n".join(header).strip())


def _path(name: str) -> Path | None:
    """The file of `name` below this folder, or None if there is none (or it lies outside)."""
    path = (ROOT / name).with_suffix(SUFFIX).resolve()
    return path if ROOT in path.parents and path.is_file() else None


def _in_fragments(path: Path) -> bool:
    return path.relative_to(ROOT).parts[0] == FRAGMENTS


@cache
def query(name: str) -> Query:
    """The query stored in `cypher/<name>.cypher`, includes expanded; raises `UnknownQuery` if
    there is none (a fragment is none either) and `BadInclude` if an include fails."""
    path = _path(name)
    if path is None or _in_fragments(path):
        raise UnknownQuery(f"no Cypher query named {name!r} (looked for {name}{SUFFIX})")
    return _parse(name, path.read_text(encoding="utf-8"))


def fragment(name: str) -> str:
    """The text of the fragment `cypher/<name>.cypher` (`fragments/...`), header included;
    `BadInclude` if there is none."""
    path = _path(name)
    if path is None or not _in_fragments(path):
        raise BadInclude(f"no fragment named {name!r} (fragments are in cypher/{FRAGMENTS}/)")
    return path.read_text(encoding="utf-8")


def _names_below(base: Path) -> list[str]:
    return sorted(
        str(p.relative_to(ROOT).with_suffix("")) for p in base.rglob(f"*{SUFFIX}") if p.is_file()
    )


def names(folder: str = "") -> list[str]:
    """The names of every query below `folder` (all queries by default), sorted; fragments
    are not queries and never listed."""
    base = ROOT / folder if folder else ROOT
    return [n for n in _names_below(base) if not _in_fragments(ROOT / n)]


def fragments() -> list[str]:
    """The names of every fragment (`fragments/...`), sorted."""
    return _names_below(ROOT / FRAGMENTS)


def migrations() -> list[Query]:
    """The schema migrations of `migrations/`, in file-name order, for `graph.schema.migrate`."""
    return [query(name) for name in names(MIGRATIONS)]


__all__ = [
    "FRAGMENTS",
    "MIGRATIONS",
    "ROOT",
    "SUFFIX",
    "BadInclude",
    "Query",
    "UnknownQuery",
    "expand",
    "fragment",
    "fragments",
    "is_include",
    "migrations",
    "names",
    "query",
]
