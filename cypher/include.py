"""Fragments: one copy of a rule several queries share, written into each at load.

A rule that several queries test (the events that count for a household, W1/W2/W6; whether a
parent edge carries a duty, T4/T5) used to be written out at each place, and a fix had to find
every copy (issue 15 item 4). Such a rule now lives in one file below `cypher/fragments/`,
with a header like a query's. A fragment is no query of its own: `cypher.names()` does not list
it and `cypher.query()` refuses its name. A query, or another fragment, takes it in with a line
of its own:

    // include: fragments/window_events
    // include: fragments/duty_edge(edge: r, child: x)

`expand` replaces that line with the fragment's body (its text below the header comment),
each line indented like the include line. The arguments, `name: variable`, fill the fragment's
placeholders `{{name}}` with the Cypher variables the including pattern binds: Cypher has no
named predicates, so a rule over "the edge" must be told which variable that is here. Every
placeholder needs an argument and every argument a placeholder. An unknown fragment, a bad
argument or a cycle of includes raise `BadInclude` when the query is loaded, so at the import
of the module that runs it. Since the line is a Cypher comment, a query whose include was not
expanded would still parse, and silently lack the rule: only expanded text reaches Neo4j.
"""

import re
from collections.abc import Callable

from core.errors import BadInclude

FRAGMENTS = "fragments"
INCLUDE = re.compile(
    r"^(?P<indent>[ \t]*)//\s*include:\s*(?P<name>[\w/]+)\s*(?:\((?P<args>[^()]*)\))?\s*$"
)
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
ARGUMENT = re.compile(r"^\s*(?P<name>[a-z_]\w*)\s*:\s*(?P<variable>[A-Za-z_]\w*)\s*$")

Loader = Callable[[str], str]  # fragment name -> its file's text; BadInclude if there is none


def is_include(line: str) -> bool:
    """Whether `line` is an include line (it ends a query's header: see `cypher._parse`)."""
    return INCLUDE.match(line) is not None


def body(source: str) -> str:
    """A fragment's text below its header comment (which an include line ends, as a query's),
    without surrounding blank lines."""
    lines = source.splitlines()
    start = 0
    while start < len(lines) and lines[start].lstrip().startswith("//"):
        if is_include(lines[start]):
            break
        start += 1
    return "\n".join(lines[start:]).strip("\n")


def expand(source: str, load: Loader, including: tuple[str, ...] = ()) -> str:
    """`source` with every include line replaced by its fragment, recursively.

    `including` is the chain of fragments being expanded: a fragment met again on it is a
    cycle, refused rather than expanded forever. O(size of the expanded text).
    """
    out: list[str] = []
    for line in source.splitlines():
        found = INCLUDE.match(line)
        if found is None:
            out.append(line)
            continue
        name = found["name"]
        if name in including:
            raise BadInclude(f"fragments include each other: {' -> '.join((*including, name))}")
        text = _fill(name, body(load(name)), _arguments(name, found["args"]))
        indent = found["indent"]
        expanded = expand(text, load, (*including, name))
        out.extend(indent + part if part.strip() else part for part in expanded.splitlines())
    return "\n".join(out)


def _arguments(name: str, given: str | None) -> dict[str, str]:
    """The `name: variable` pairs of an include line, by name."""
    arguments: dict[str, str] = {}
    if given is None or not given.strip():
        return arguments
    for part in given.split(","):
        match = ARGUMENT.match(part)
        if match is None:
            raise BadInclude(f"include of {name}: {part.strip()!r} is not `name: variable`")
        if match["name"] in arguments:
            raise BadInclude(f"include of {name}: argument {match['name']} given twice")
        arguments[match["name"]] = match["variable"]
    return arguments


def _fill(name: str, text: str, arguments: dict[str, str]) -> str:
    """`text` with each `{{placeholder}}` replaced by its argument; all must match."""
    wanted = set(PLACEHOLDER.findall(text))
    if wanted != set(arguments):
        raise BadInclude(
            f"include of {name}: it takes arguments {sorted(wanted)}, got {sorted(arguments)}"
        )
    return PLACEHOLDER.sub(lambda m: arguments[m[1]], text)
