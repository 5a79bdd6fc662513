"""post_lint.records: the same classes, methods and errors as dataclasses,
for every shape post-lint's records use (checked side by side)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import sys

import pytest

from post_lint import records
from post_lint.diagnostics import Diagnostic, Edit, Fix


def _factory():
    return ["made"]


SHAPES = [
    {},
    {"frozen": True},
    {"frozen": True, "slots": True},
    {"slots": True},
    {"eq": False},
    {"eq": False, "slots": True},
]


def _define(module, options):
    """The same class body, made by ``module`` (dataclasses or records)."""

    @module.dataclass(**options)
    class Point:
        """A point."""

        x: int
        y: str = "why"
        tags: list[str] = module.field(default_factory=_factory)
        note: str = module.field(default="n", repr=False, compare=False)
        seen: dict = module.field(default_factory=dict, init=False, repr=False, compare=False)
        weight: float = module.field(default=1.0, hash=False)

        def double(self) -> int:
            return self.x * 2

    # Picklable: a module-level name per shape and maker.
    name = f"Point_{module.__name__.split('.')[-1]}_{'_'.join(options) or 'plain'}"
    Point.__qualname__ = Point.__name__ = name
    globals()[name] = Point
    return Point


def _state(obj) -> dict:
    return {n: getattr(obj, n) for n in ("x", "y", "tags", "note", "seen", "weight")}


def _outcome(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as exc:  # compare the kind of failure, not its wording
        kind = "FrozenInstanceError" if type(exc).__name__ == "FrozenInstanceError" else type(exc)
        return ("raised", kind, isinstance(exc, AttributeError))


@pytest.fixture(params=["compiled", "from the code cache"])
def code_from(request, tmp_path, monkeypatch):
    """Records whose methods are compiled, or loaded from a code cache file
    an earlier process wrote (:mod:`post_lint.code_cache`)."""
    from post_lint.code_cache import CodeCache

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = str(tmp_path / "records.codes")
    monkeypatch.setattr(records, "CODE", CodeCache(path))
    if request.param == "from the code cache":
        for options in SHAPES:
            _define(records, options)
        records.CODE.save()
        monkeypatch.setattr(records, "CODE", CodeCache(path))
    return request.param


@pytest.mark.parametrize("options", SHAPES, ids=lambda o: ",".join(o) or "plain")
def test_records_behave_like_dataclasses(options, code_from):
    dc, rec = _define(dataclasses, options), _define(records, options)
    if code_from == "from the code cache":
        assert (records.CODE.hits, records.CODE.misses) == (1, 0)
    else:
        assert (records.CODE.hits, records.CODE.misses) == (0, 1)
    for make in (
        lambda k: k(1),
        lambda k: k(2, "b"),
        lambda k: k(3, "c", ["t"], "note", 2.5),
        lambda k: k(x=4, weight=0.5),
    ):
        a, b = make(dc), make(rec)
        assert _state(a) == _state(b)
        assert repr(a).split("(", 1)[1] == repr(b).split("(", 1)[1]
        assert a.double() == b.double()
        twin_a, twin_b = copy.copy(a), copy.copy(b)
        assert (a == twin_a) == (b == twin_b)
        other_a, other_b = make(dc), make(rec)
        assert (a == other_a) == (b == other_b)
        assert (a != other_a) == (b != other_b)
        assert (a == 5) == (b == 5) is False
        hashable_a = _outcome(lambda x, y: hash(x) == hash(y), a, make(dc))
        hashable_b = _outcome(lambda x, y: hash(x) == hash(y), b, make(rec))
        assert hashable_a[0] == hashable_b[0]
        if hashable_a[0] == "ok" and options.get("frozen"):
            assert hash(a) == hash(b)  # both hash the same tuple of values
        ca, cb = copy.copy(a), copy.copy(b)  # mutated below
        assert _outcome(setattr, ca, "x", 9) == _outcome(setattr, cb, "x", 9)
        assert _state(ca) == _state(cb)
        assert _outcome(delattr, ca, "y") == _outcome(delattr, cb, "y")
        got_a = _outcome(setattr, ca, "other", 1)
        got_b = _outcome(setattr, cb, "other", 1)
        if got_a[:2] == ("raised", TypeError) and options.get("frozen"):
            # Python 3.11's frozen slots dataclass calls super() with the
            # class it replaced (a TypeError); a record refuses the attribute.
            assert got_b[0] == "raised" and got_b[2]
        else:
            assert got_a == got_b
        assert hasattr(a, "__dict__") == hasattr(b, "__dict__")
        assert _state(pickle.loads(pickle.dumps(b))) == _state(pickle.loads(pickle.dumps(a)))
        assert _state(dataclasses.replace(b, y="r")) == _state(dataclasses.replace(a, y="r"))
        assert _state(records.replace(b, y="r")) == _state(dataclasses.replace(a, y="r"))
        assert dataclasses.asdict(a) == dataclasses.asdict(b)
    assert [f.name for f in dataclasses.fields(dc)] == [f.name for f in dataclasses.fields(rec)]
    assert [f.name for f in records.fields(rec)] == [f.name for f in dataclasses.fields(dc)]
    assert dc.__match_args__ == rec.__match_args__
    assert rec.__doc__ == "A point."
    assert _outcome(lambda: dc())[0] == _outcome(lambda: rec())[0] == "raised"
    assert _outcome(lambda: dc(1, seen={})) == _outcome(lambda: rec(1, seen={}))
    assert type(dc.__hash__) is type(rec.__hash__)  # None (unhashable) or a function


def test_post_init_inheritance_and_own_methods():
    @records.dataclass(frozen=True, slots=True)
    class Base:
        a: int
        b: int | None = None

        def __post_init__(self):
            if self.b is None:
                object.__setattr__(self, "b", self.a + 1)

    @records.dataclass(frozen=True)
    class Child(Base):
        c: str = "c"

        def __repr__(self):
            return "mine"

    assert (Base(1).b, Base(1, 5).b) == (2, 5)
    child = Child(1, c="x")
    assert (child.a, child.b, child.c, repr(child)) == (1, 2, "x", "mine")
    assert child == Child(1, 2, "x") and child != Base(1)
    with pytest.raises(AttributeError):
        child.c = "y"


def test_what_records_do_not_support_is_refused():
    with pytest.raises(TypeError):

        @records.dataclass(order=True)
        class Ordered:
            a: int

    with pytest.raises(ValueError):

        @records.dataclass
        class Shared:
            items: list = []

    with pytest.raises(TypeError):

        @records.dataclass
        class Backwards:
            a: int = 1
            b: int


def test_the_public_records_still_answer_dataclasses():
    d = Diagnostic("FM001", 3, 1, "msg", fix=Fix("safe", (Edit(1, 1, 1, 2, "x"),)))
    assert dataclasses.is_dataclass(d)
    assert dataclasses.replace(d, line=4) == d.with_(line=4)
    assert dataclasses.asdict(d)["fix"]["edits"][0]["content"] == "x"
    assert d.end_line == 3 and d.end_column == 1 and hash(d) == hash(d.with_())
    assert pickle.loads(pickle.dumps(d)) == d
