"""`core.strictjson` (issue 14 item 14): duplicate keys refused or marked anywhere in a value,
the same refusals as `json.loads` otherwise, and one decoder per thread giving each thread its
own right answer."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from core import strictjson


def test_a_repeated_key_is_refused_wherever_it_is() -> None:
    with pytest.raises(json.JSONDecodeError, match="duplicate key 'b'"):
        strictjson.loads('{"a": [{"b": 1, "b": 2}]}')
    marked = strictjson.loads_marked('{"a": 1, "a": 2}')
    assert isinstance(marked, strictjson.DuplicateKeys)
    assert marked.duplicates == ("a",)


def test_bytes_and_a_bom_are_read_as_json_loads_reads_them() -> None:
    assert strictjson.loads_marked('{"名": "张三"}'.encode()) == {"名": "张三"}
    with pytest.raises(json.JSONDecodeError) as ours:
        strictjson.loads_marked('\ufeff{"a": 1}')
    with pytest.raises(json.JSONDecodeError) as stdlib:
        json.loads('\ufeff{"a": 1}')
    assert ours.value.msg == stdlib.value.msg


def test_nested_too_deeply_is_a_decode_error() -> None:
    with pytest.raises(json.JSONDecodeError, match="nested too deeply"):
        strictjson.loads_marked("[" * 100_000 + "]" * 100_000)


def test_threads_decoding_at_once_each_get_their_own_record() -> None:
    texts = [json.dumps({"i": i, "k": [{"x": i}] * 3, f"key{i}": "值"}) for i in range(2000)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(strictjson.loads_marked, texts))
    assert found == [json.loads(t) for t in texts]
    assert not any(isinstance(v, strictjson.DuplicateKeys) for v in found)
