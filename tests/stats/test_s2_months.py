"""S2: the same figures by month for the last 12 months (`months`), each as of the month's
end, the last as of the as-of day."""

from datetime import date

from api.models.warnings import VerificationIn
from api.security import Officer
from api.services.warnings import verify_warning
from graph.db import Graph
from scoring.deadlines import visit_deadlines
from scoring.rescore import Mode, rescore_households
from scoring.ruleset import default_ruleset
from stats import month_days, region_stats
from tests.scoring.test_score import event, load
from tests.stats import world
from tests.stats.world import COUNTY, enrolment


def test_s2_month_ends_of_the_last_months_the_last_on_the_as_of_day() -> None:
    assert month_days(date(2026, 10, 17), 3) == [
        date(2026, 8, 31),
        date(2026, 9, 30),
        date(2026, 10, 17),
    ]
    assert month_days(date(2026, 3, 31), 13)[0] == date(2025, 3, 31)
    assert month_days(date(2026, 1, 5), 2) == [date(2025, 12, 31), date(2026, 1, 5)]


def test_s2_each_month_shows_the_figures_as_of_its_end(graph: Graph) -> None:
    world.load_world(
        graph,
        [(world.VILLAGE_B1, 2)],
        [enrolment("X0", "dibao", "2026-03-15", "2026-06-10")],
    )
    load(graph, "events", [event("death", date(2026, 4, 2)), event("petition", date(2026, 4, 3))])
    rescore_households(
        graph, date(2026, 4, 8), Mode.FULL, default_ruleset(), visit_deadlines(graph)
    )
    (red,) = graph.driver.execute_query(
        "MATCH (w:Warning) RETURN w.warning_id AS id", database_="neo4j"
    ).records
    body = VerificationIn(visited_on=date(2026, 5, 6), genuine=True, findings="入户", action="无")
    verify_warning(graph, Officer(sub="t", role="township", region=world.TOWN_A), red["id"], body)
    found = region_stats(graph, COUNTY, date(2026, 10, 30), 12)
    assert found is not None
    months = dict((month, figures) for month, figures in found.monthly)
    assert list(months) == [f"2025-{m:02d}" for m in (11, 12)] + [
        f"2026-{m:02d}" for m in range(1, 11)
    ]
    assert found.figures == months["2026-10"]
    red_by_month = {m: f["warnings_open_by_level"]["red"] for m, f in months.items()}
    assert [m for m, n in red_by_month.items() if n] == ["2026-04"]  # open on 04-30 only
    overdue = [m for m, f in months.items() if f["warnings_overdue"]]
    assert overdue == ["2026-04"]  # due three working days after 04-08, visited 05-06
    late = {m: f["verifications_late"] for m, f in months.items() if f["verifications_late"]}
    assert late == {"2026-05": 1}  # a flow: the month of the visit only
    dibao = [m for m, f in months.items() if f["households_by_group"]["M1"]]
    assert dibao == ["2026-03", "2026-04", "2026-05"]  # open 03-15 .. 06-10, counted at ends
    assert months["2026-03"]["persons_by_group"]["M1"] == 2
