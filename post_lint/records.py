"""Data classes made cheaply: the ``@dataclass`` subset post-lint's own
record types use, built with one ``exec`` per class.

On Python 3.11 :func:`dataclasses.dataclass` spends about 0.6 ms making a
class (its fields, one generated function at a time, ``inspect``), and
importing :mod:`dataclasses` pulls in ``inspect``, ``ast``, ``tokenize`` and
``dis``: about 35 ms of a one-file run, which makes some 40 record classes.
This module builds the same methods from one source text per class, whose
code object is kept beside this module's byte code
(:class:`post_lint.code_cache.CodeCache`: compiling ~45 such texts cost
about 16 ms of every start, loading them back a fraction of one)::

    from .records import dataclass, field

    @dataclass(frozen=True, slots=True)
    class Span:
        start: int
        end: int = 0
        notes: list[str] = field(default_factory=list, compare=False)

Supported, with the meaning :mod:`dataclasses` gives them: ``init``,
``repr``, ``eq``, ``frozen``, ``slots``; ``field(default=, default_factory=,
init=, repr=, compare=, hash=)``; ``__post_init__``; inherited fields of a
record base class; :func:`fields` (the names and settings), :func:`replace`.
What is left out (``order``, ``kw_only``, ``InitVar``, ``ClassVar``,
``match_args`` off, ``unsafe_hash``) raises :class:`TypeError` when asked for,
so nothing silently means something else. The public API's classes
(:class:`~post_lint.diagnostics.Diagnostic`, :class:`~post_lint.post.Post`,
:class:`~post_lint.config.Config`...) are records too: a record's
``__dataclass_fields__`` is made when first asked for, so
:func:`dataclasses.replace`, :func:`dataclasses.asdict` and
:func:`dataclasses.fields` work on them (and import :mod:`dataclasses` then).
"""

from __future__ import annotations

from typing import Any

from .code_cache import CodeCache, SideFile

__all__ = ["FrozenInstanceError", "dataclass", "field", "fields", "replace"]


class FrozenInstanceError(AttributeError):
    """Assigning to a field of a frozen record."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """One field: its name, default (or factory) and what it takes part in."""

    __slots__ = ("name", "default", "default_factory", "init", "repr", "compare", "hash")

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Any = MISSING,
        init: bool = True,
        repr: bool = True,
        compare: bool = True,
        hash: bool | None = None,
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare
        self.hash = hash

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, default={self.default!r})"


def field(**kwargs: Any) -> Any:
    """Like :func:`dataclasses.field` (keyword arguments only)."""
    return Field(**kwargs)


def fields(cls_or_record: Any) -> tuple[Field, ...]:
    """The fields of a record class or record, in order."""
    found = getattr(cls_or_record, "__record_fields__", None)
    if found is None:
        raise TypeError(f"{cls_or_record!r} is not a record")
    return found


def replace(record: Any, /, **changes: Any) -> Any:
    """A copy of ``record`` with ``changes``, like :func:`dataclasses.replace`."""
    for f in fields(record):
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False")
            continue
        if f.name not in changes:
            changes[f.name] = getattr(record, f.name)
    return record.__class__(**changes)


class _DataclassFields:
    """A record's ``__dataclass_fields__``, made (importing :mod:`dataclasses`)
    the first time anything asks, so that :func:`dataclasses.fields`,
    :func:`~dataclasses.replace`, :func:`~dataclasses.asdict` and
    :func:`~dataclasses.is_dataclass` work on records as on data classes."""

    def __get__(self, obj: Any, cls: type) -> dict[str, Any]:
        import dataclasses

        annotations: dict[str, Any] = {}
        for klass in reversed(cls.__mro__):
            annotations.update(klass.__dict__.get("__annotations__", {}))
        out = {}
        for f in cls.__record_fields__:  # type: ignore[attr-defined]
            made = dataclasses.field(
                default=dataclasses.MISSING if f.default is MISSING else f.default,
                default_factory=(
                    dataclasses.MISSING if f.default_factory is MISSING else f.default_factory
                ),
                init=f.init,
                repr=f.repr,
                compare=f.compare,
                hash=f.hash,
            )
            made.name = f.name
            made.type = annotations.get(f.name)
            made._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
            out[f.name] = made
        return out


def _setattr_frozen(cls: type, names: frozenset[str]):
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _getstate(self):
    return [getattr(self, f.name) for f in self.__record_fields__]


def _setstate(self, state):
    for f, value in zip(self.__record_fields__, state):
        object.__setattr__(self, f.name, value)


def _own_fields(cls: type) -> list[Field]:
    annotations = cls.__dict__.get("__annotations__", {})
    out = []
    for name, kind in annotations.items():
        text = kind if isinstance(kind, str) else getattr(kind, "__name__", "")
        if text.startswith(("ClassVar", "typing.ClassVar", "InitVar", "dataclasses.InitVar")):
            raise TypeError(f"{cls.__name__}.{name}: ClassVar/InitVar fields are not supported")
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        if f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError(f"mutable default {type(f.default)} for field {name}: use a factory")
        f.name = name
        out.append(f)
    return out


#: The code objects of the generated methods, kept beside this module's byte
#: code (:class:`post_lint.code_cache.CodeCache`): compiling them was most of
#: the cost of making a record class.
CODE = CodeCache(SideFile.beside(globals().get("__cached__"), ".codes"))


def _build(cls: type, init: bool, repr: bool, eq: bool, frozen: bool, slots: bool) -> type:
    inherited: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__record_fields__", ()):
            inherited[f.name] = f
    for f in _own_fields(cls):
        inherited[f.name] = f
    all_fields = tuple(inherited.values())
    names = [f.name for f in all_fields]

    env: dict[str, Any] = {"MISSING": MISSING, "__object_setattr": object.__setattr__}
    lines: list[str] = []
    if init:
        params, body = [], []
        seen_default = False
        for f in all_fields:
            if f.default_factory is not MISSING:
                env[f"_factory_{f.name}"] = f.default_factory
            elif f.default is not MISSING:
                env[f"_default_{f.name}"] = f.default
            if f.init:
                if f.default_factory is not MISSING:
                    params.append(f"{f.name}=MISSING")
                    value = f"_factory_{f.name}() if {f.name} is MISSING else {f.name}"
                    seen_default = True
                elif f.default is not MISSING:
                    params.append(f"{f.name}=_default_{f.name}")
                    value = f.name
                    seen_default = True
                else:
                    if seen_default:
                        raise TypeError(f"non-default argument {f.name!r} follows default argument")
                    params.append(f.name)
                    value = f.name
            elif f.default_factory is not MISSING:
                value = f"_factory_{f.name}()"
            elif f.default is not MISSING and slots:
                value = f"_default_{f.name}"
            else:
                continue
            if frozen:
                body.append(f"    __object_setattr(self, {f.name!r}, {value})")
            else:
                body.append(f"    self.{f.name} = {value}")
        if hasattr(cls, "__post_init__"):
            body.append("    self.__post_init__()")
        lines.append(
            f"def __init__(self, {', '.join(params)}):" if params else "def __init__(self):"
        )
        lines.extend(body or ["    pass"])
    if repr:
        shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in all_fields if f.repr)
        lines.append("def __repr__(self):")
        lines.append(f'    return f"{{self.__class__.__qualname__}}({shown})"')
    compared = [f.name for f in all_fields if f.compare]
    if eq:
        mine = "(" + "".join(f"self.{n}," for n in compared) + ")"
        theirs = "(" + "".join(f"other.{n}," for n in compared) + ")"
        lines.append("def __eq__(self, other):")
        lines.append("    if other.__class__ is self.__class__:")
        lines.append(f"        return {mine} == {theirs}")
        lines.append("    return NotImplemented")
    hashed = [f.name for f in all_fields if (f.compare if f.hash is None else f.hash)]
    if eq and frozen:
        lines.append("def __hash__(self):")
        lines.append("    return hash((" + "".join(f"self.{n}," for n in hashed) + "))")
    ns: dict[str, Any] = {}
    exec(CODE.compile("\n".join(lines)), env, ns)
    own = cls.__dict__
    for name, fn in ns.items():
        if name in own:
            continue  # a method the class defines itself wins, as with dataclasses
        fn.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, fn)
    if eq and not frozen and "__hash__" not in own:
        cls.__hash__ = None  # type: ignore[assignment]
    if frozen:
        setter, deleter = _setattr_frozen(cls, frozenset(names))
        cls.__setattr__ = setter  # type: ignore[method-assign]
        cls.__delattr__ = deleter  # type: ignore[method-assign]
    cls.__record_fields__ = all_fields  # type: ignore[attr-defined]
    cls.__dataclass_fields__ = _DataclassFields()  # type: ignore[attr-defined]
    if "__match_args__" not in own:
        cls.__match_args__ = tuple(f.name for f in all_fields if f.init)  # type: ignore[attr-defined]
    for f in all_fields:  # defaults live on the class, as with dataclasses
        if isinstance(own.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    if slots:
        cls = _with_slots(cls, names, frozen)
    return cls


def _with_slots(cls: type, names: list[str], frozen: bool) -> type:
    namespace = dict(cls.__dict__)
    inherited = {n for base in cls.__mro__[1:] for n in getattr(base, "__slots__", ())}
    namespace["__slots__"] = tuple(n for n in names if n not in inherited)
    for name in names:
        namespace.pop(name, None)
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    new = type(cls)(cls.__name__, cls.__bases__, namespace)
    new.__qualname__ = cls.__qualname__
    if frozen:
        setter, deleter = _setattr_frozen(new, frozenset(names))
        new.__setattr__ = setter  # type: ignore[method-assign]
        new.__delattr__ = deleter  # type: ignore[method-assign]
        new.__getstate__ = _getstate  # type: ignore[attr-defined]
        new.__setstate__ = _setstate  # type: ignore[attr-defined]
    return new


def dataclass(
    cls: type | None = None,
    /,
    *,
    init: bool = True,
    repr: bool = True,
    eq: bool = True,
    frozen: bool = False,
    slots: bool = False,
    **unsupported: Any,
) -> Any:
    """A record class (see the module's docstring)."""
    asked = {k for k, v in unsupported.items() if v}
    if asked:
        raise TypeError(f"records.dataclass does not support {', '.join(sorted(asked))}")

    def wrap(c: type) -> type:
        return _build(c, init, repr, eq, frozen, slots)

    return wrap if cls is None else wrap(cls)
