"""Findings as CSV (`hhgraph integrity --csv`): one row a finding, every text cell through
`core.exports.SafeWriter`, so that a name, a reason or an id beginning with `=`, `+`, `-`, `@`,
a tab or a carriage return is written as text, never as a spreadsheet formula (OWASP)."""

from collections.abc import Iterable, Mapping
from typing import IO, Final

from core.exports import SafeWriter
from integrity.findings import Finding

CSV_FIELDS: Final = (
    "rule",
    "subject_kind",
    "subject_id",
    "name",
    "township_code",
    "detail",
    "next_step",
    "next_step_params",
    "reasons",
)


def _params(finding: Finding) -> str:
    return "; ".join(
        f"{k}={', '.join(v) if isinstance(v, tuple) else v}"
        for k, v in finding.next_step.params.items()
    )


def write_csv(
    findings: Iterable[Finding], out: IO[str], names: Mapping[str, str] | None = None
) -> None:
    """Findings as CSV (UTF-8), reasons joined by ' | '; `names` gives a person subject's
    name (the `name` column, empty for households and persons not given)."""
    names = names or {}
    writer = SafeWriter(out)
    writer.writerow(CSV_FIELDS)
    for f in findings:
        writer.writerow(
            (
                f.rule,
                f.subject_kind,
                f.subject_id,
                names.get(f.subject_id, "") if f.subject_kind == "person" else "",
                f.township_code,
                f.detail,
                f.next_step.kind,
                _params(f),
                " | ".join(f.reasons),
            )
        )
