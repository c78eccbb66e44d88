"""Findings as CSV (`hhgraph integrity --csv`): one row a finding, every text cell through
`core.exports.SafeWriter`, so that a name, a reason or an id beginning with `=`, `+`, `-`, `@`,
a tab or a carriage return is written as text, never as a spreadsheet formula (OWASP)."""

from collections.abc import Iterable
from typing import IO, Final

from core.exports import SafeWriter
from integrity.findings import Finding

CSV_FIELDS: Final = (
    "rule",
    "subject_kind",
    "subject_id",
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


def write_csv(findings: Iterable[Finding], out: IO[str]) -> None:
    """Findings as CSV (UTF-8), reasons joined by ' | '."""
    writer = SafeWriter(out)
    writer.writerow(CSV_FIELDS)
    for f in findings:
        writer.writerow(
            (
                f.rule,
                f.subject_kind,
                f.subject_id,
                f.township_code,
                f.detail,
                f.next_step.kind,
                _params(f),
                " | ".join(f.reasons),
            )
        )
