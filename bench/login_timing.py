"""Sign-in timing of an unknown username against a known one (issue 16, accounts/signin.py):
a wrong username must cost what a wrong password costs, so that timing tells nobody which
usernames exist. A benchmark figure, never a timed assertion.

    NEO4J_URI=... .venv/bin/python bench/login_timing.py [--rounds 15]

With argon2's recommended parameters (the product's, not the test suite's cheaper profile).
A scratch database: it makes the account `bench.timing` and deletes it and its sessions when
done. Each round signs in three times through `accounts.login`, as the API's route does:
the known username with a wrong password, an unknown username (a new one each round, so that
the unknown-name lock never starts), and the known username with its password (which ends
the run of failures, so the account never locks). Prints, per case, the median, the 10th and
90th percentiles in milliseconds and the ratio of the medians unknown / wrong password.
"""

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable

from benchlib import connect, table

from accounts import (
    AccountError,
    Attempt,
    NewAccount,
    Sealer,
    Throttle,
    change_password,
    create,
    login,
)
from accounts.passwords import hasher

USERNAME = "bench.timing"
PASSWORD = "Bench-timing-2026"  # noqa: S105 (the scratch account of this script)
CLEANUP = (
    "MATCH (a:Account {username: $u}) OPTIONAL MATCH (a)-[:HAS_SESSION]->(s) DETACH DELETE a, s"
)


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    with contextlib.suppress(AccountError):  # the refusal is the point: only its time counts
        call()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    print(f"argon2id t={hasher().time_cost} m={hasher().memory_cost} KiB p={hasher().parallelism}")
    sealer, throttle = Sealer("bench-" + "k" * 40), Throttle()
    with connect() as graph:
        graph.driver.execute_query(CLEANUP, {"u": USERNAME}, database_=graph.database)
        made = create(graph, None, NewAccount(USERNAME, "township", "440103001000"), "bench")
        change_password(graph, USERNAME, made.one_time_password, PASSWORD, None)
        cases: dict[str, list[float]] = {
            "wrong password": [],
            "unknown username": [],
            "right password": [],
        }
        try:
            for n in range(args.rounds):
                wrong = Attempt(USERNAME, "Wrong-password-1", None, None)
                unknown = Attempt(f"bench.nobody.{n}", "Wrong-password-1", None, None)
                right = Attempt(USERNAME, PASSWORD, None, None)
                cases["wrong password"].append(
                    timed(lambda a=wrong: login(graph, throttle, a, sealer))
                )
                cases["unknown username"].append(
                    timed(lambda a=unknown: login(graph, throttle, a, sealer))
                )
                cases["right password"].append(
                    timed(lambda a=right: login(graph, throttle, a, sealer))
                )
        finally:
            graph.driver.execute_query(CLEANUP, {"u": USERNAME}, database_=graph.database)
    rows = []
    for name, times in cases.items():
        deciles = statistics.quantiles(times, n=10)
        rows.append(
            [name, f"{statistics.median(times):.0f}", f"{deciles[0]:.0f}", f"{deciles[-1]:.0f}"]
        )
    print(table(["case", "median ms", "p10 ms", "p90 ms"], rows))
    ratio = statistics.median(cases["unknown username"]) / statistics.median(
        cases["wrong password"]
    )
    print(f"unknown / wrong password (medians): {ratio:.2f}")


if __name__ == "__main__":
    main()
