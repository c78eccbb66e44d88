"""`make install` sets up what `make run` and `make test` need on a fresh machine (issue 13,
item 1): Debian's Chromium and a CJK font for the browser tests, and `.ci/run` only calls
the README's commands. The recipe is run for real, with a package that is never installed
and a caller that is neither root nor allowed to sudo, to see it stop with the command."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MISSING = "hhgraph-no-such-package"


def _unprivileged_path(tmp_path: Path) -> str:
    """A PATH whose `id -u` says 1000 and that has no `sudo`, with the tools the recipe uses."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "grep", "dpkg-query", "echo", "true"):
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    fake_id = bin_dir / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n")
    fake_id.chmod(0o755)
    return str(bin_dir)


def test_make_install_requires_system_packages() -> None:
    plan = subprocess.run(
        ["make", "-n", "-p", "install"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout
    rule = next(line for line in plan.splitlines() if line.startswith("install:"))
    assert "system-packages" in rule
    assert "chromium" in plan
    assert "fonts-wqy-microhei" in plan


def test_system_packages_without_root_stops_with_the_exact_command(tmp_path: Path) -> None:
    make = shutil.which("make")
    assert make is not None
    env = {**os.environ, "PATH": _unprivileged_path(tmp_path)}
    done = subprocess.run(
        [make, "-s", "system-packages", f"SYSTEM_PACKAGES={MISSING}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    expected = (
        f"sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends {MISSING}'"
    )
    assert expected in done.stderr


def test_system_packages_present_is_a_no_op() -> None:
    done = subprocess.run(
        ["make", "-s", "system-packages", "SYSTEM_PACKAGES=dpkg"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "installing" not in done.stdout


def test_ci_run_has_no_install_step_of_its_own() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    commands = [
        line.strip()
        for line in script.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert "make lint" in commands
    assert "make test" in commands
    assert not any("apt-get" in c or "pip install" in c or "npm " in c for c in commands)
