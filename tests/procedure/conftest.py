"""The procedure tests run on the RULES defaults, whatever the machine's environment holds."""

from pathlib import Path

import pytest

from procedure.policy import ProcedureSettings, env_var


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No procedure variable set and no `.env` in the working directory."""
    for name in ProcedureSettings.model_fields:
        monkeypatch.delenv(env_var(name), raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch
