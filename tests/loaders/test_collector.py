"""The collector's settings while an initial import validates (loaders.collector, issue 20)."""

import gc

import pytest

from loaders.collector import BULK_THRESHOLDS, bulk_collection
from loaders.initial import _pool


def _frozen_then_failing() -> None:
    with bulk_collection():
        gc.freeze()
        raise RuntimeError("mid-way")


def test_bulk_collection_sets_the_thresholds_and_restores_them_by_error_too() -> None:
    before = gc.get_threshold()
    assert before != BULK_THRESHOLDS
    with bulk_collection():
        assert gc.get_threshold() == BULK_THRESHOLDS
        gc.freeze()
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError, match="mid-way"):
        _frozen_then_failing()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_the_validating_workers_run_with_the_bulk_thresholds() -> None:
    with _pool(2) as pool:
        assert pool is not None
        assert pool.submit(gc.get_threshold).result(timeout=120) == BULK_THRESHOLDS
    assert gc.get_threshold() != BULK_THRESHOLDS  # the importing process's own are untouched
