"""The one parser of untrusted JSON refuses what the stack cannot store, in linear time."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lms.untrusted import UntrustedInput, check_value, loads


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("[" * 100_000 + "]" * 100_000, "too_deep"),
        ('{"a":' * 70 + "1" + "}" * 70, "too_deep"),
        ('{"score": 1e999}', "not_finite"),
        ('{"score": NaN}', "not_finite"),
        ("[-Infinity]", "not_finite"),
        ('{"name": "\\ud800"}', "encoding"),
        ('{"\\udfff": 1}', "encoding"),
        (b"\xff\xfe{}", "encoding"),
        ("[" + "1" * 5000 + "]", "invalid"),
        ("{", "invalid"),
        ("", "invalid"),
    ],
)
def test_refused(data, code):
    with pytest.raises(UntrustedInput) as caught:
        loads(data)
    assert caught.value.code == code
    assert str(caught.value)


def test_size_limit():
    with pytest.raises(UntrustedInput) as caught:
        loads(b"[" + b"1," * 600_000 + b"1]")
    assert caught.value.code == "too_large"
    assert loads(b"[1, 2]", max_bytes=10) == [1, 2]


def test_accepts_ordinary_documents():
    assert loads('{"a": [1, 2.5, "é", {"b": null}], "c": true}') == {"a": [1, 2.5, "é", {"b": None}], "c": True}
    assert loads(b'\xef\xbb\xbf{"bom": 1}') == {"bom": 1}


def test_deep_nesting_is_refused_quickly():
    started = time.perf_counter()
    with pytest.raises(UntrustedInput):
        loads("[" * 500_000 + "]" * 500_000, max_bytes=2_000_000)
    assert time.perf_counter() - started < 5


def test_check_value_applies_the_same_limits():
    with pytest.raises(UntrustedInput):
        check_value({"x": [float("inf")]})
    assert check_value({"x": [1.5]}) == {"x": [1.5]}


@given(st.text(max_size=200))
def test_any_text_parses_or_is_refused(text):
    try:
        loads(text)
    except UntrustedInput as error:
        assert str(error)
