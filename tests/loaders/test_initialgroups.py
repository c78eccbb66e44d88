"""S1, S2, M1-M5: the group cells an initial import counts in memory (`loaders.initialgroups`),
on a hand-made set without Neo4j: a household's own enrolment counts all its members of the
day, a member's only that member, in the village and every region above it; a month whose
days cancel out and a day whose households cancel out are left out; temporary relief is no
group; the later record of a key wins. tests/loaders/test_initial.py compares the cells of
a generated set with the transactional loader's, the rebuild's and the recount's."""

from collections import Counter
from datetime import date

from loaders.importcsv import line
from loaders.initialgroups import Dated, Enrolled, cell_lines, group_cells
from loaders.records import EnrollmentIn

VILLAGE = "440103001001"
UP = ("440103001000", "440103000000", "440100000000", "440000000000")  # township .. province
OTHER = "440104001001"  # another county's village
D = date


def _enrolment(subject: str, program: str, start: str, end: str | None = None) -> EnrollmentIn:
    data = {"subject_id": subject, "program": program, "from": start, "to": end}
    return EnrollmentIn.model_validate(data)


def _set() -> tuple[dict[str, str], dict[str, Dated], Enrolled]:
    villages = {"H1": VILLAGE, "H2": VILLAGE, "H3": OTHER, "H4": OTHER, "H5": OTHER}
    memberships: dict[str, Dated] = {
        "P1": {("H1", D(2026, 1, 1)): None},
        "P2": {("H1", D(2026, 1, 1)): D(2026, 3, 31), ("H2", D(2026, 4, 1)): None},
        "P3": {("H3", D(2026, 1, 1)): None},
        "P4": {("H4", D(2026, 1, 1)): None},
        "P5": {("H5", D(2026, 1, 1)): None},
    }
    enrolled = Enrolled()
    persons = set(memberships)
    for record in (
        _enrolment("H1", "dibao", "2026-02-01"),  # M1, the whole household: P1 and P2
        _enrolment("P2", "tekun", "2026-02-10", "2026-02-20"),  # M2, P2 alone, in H1
        _enrolment("P2", "tekun", "2026-05-01", "2026-05-03"),  # ... and in H2 after the move
        _enrolment("H3", "dibao", "2026-01-01", "2026-01-31"),  # ends on the day H4's begins:
        _enrolment("H4", "dibao", "2026-02-01", "2026-06-30"),  # the other village's 02-01 is 0
        _enrolment("H4", "dibao", "2026-02-01"),  # the later record of the key wins: open
        _enrolment("P5", "temporary_relief", "2026-01-01"),  # no group
    ):
        enrolled.add(record, record.subject_id in persons)
    return villages, memberships, enrolled


def test_s1_the_import_counts_whole_households_members_alone_and_the_regions_above() -> None:
    cells = group_cells(*_set())
    for region in (VILLAGE, *UP):
        assert cells[(region, "households:M1", D(2026, 2, 1))] == 1, region
        assert cells[(region, "persons:M2", D(2026, 2, 10))] == 1, region
        assert cells[(region, "persons:M2", D(2026, 2, 21))] == -1, region
        assert cells[(region, "households:M2", D(2026, 5, 1))] == 1, region  # H2
    assert cells[(VILLAGE, "persons:M1", D(2026, 2, 1))] == 2  # H1: P1 and P2
    assert cells[(VILLAGE, "persons:M1", D(2026, 4, 1))] == -1  # P2 left H1
    assert cells[(OTHER, "households:M1", D(2026, 1, 1))] == 1
    assert cells[(OTHER, "households:M1", D(2026, 2, 1))] == 0  # H3 out, H4 in
    assert cells[("440000000000", "households:M1", D(2026, 2, 1))] == 1  # H1 in, H3 out, H4 in
    assert not any(key.endswith(":M1") and day == D(2026, 7, 1) for _, key, day in cells)
    assert {key for _, key, _ in cells} == {
        "households:M1",
        "persons:M1",
        "households:M2",
        "persons:M2",
    }  # P5's temporary relief is no group


def test_s2_the_import_writes_non_zero_day_cells_and_their_month_sums() -> None:
    written = Counter(cell_lines(group_cells(*_set())))
    assert all(n == 1 for n in written.values())
    days = {text for target, text in written if target == "stat_day"}
    months = {text for target, text in written if target == "stat_month"}
    assert line(VILLAGE, "persons:M1", D(2026, 2, 1), 2) in days
    assert line(OTHER, "households:M1", D(2026, 1, 1), 1) in days
    assert not any(text.startswith(line(OTHER, "households:M1", D(2026, 2, 1))) for text in days)
    assert line(VILLAGE, "persons:M1", D(2026, 2, 1), 2) in months  # February: one day cell
    assert line(VILLAGE, "persons:M1", D(2026, 4, 1), -1) in months
    assert line(OTHER, "households:M1", D(2026, 1, 1), 1) in months
    # M2's February (in 02-10, out 02-21) and May (in 05-01, out 05-04) sum to 0: no month.
    assert not any('"households:M2"' in text or '"persons:M2"' in text for text in months)
    assert [t for t, _ in written].count("stat_day") == len(days)
    assert {t for t, _ in written} == {"stat_day", "stat_month"}
