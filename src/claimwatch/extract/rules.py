"""Rules as named, traceable, removable units.

A decision the extractor makes (who a figure's speaker is, which period it covers,
whether a number is a measure) is an ordered table of named rules instead of an
``if`` chain whose meaning hides in its order:

* ``Rule(name, doc, apply)``: ``apply(ctx)`` returns an outcome when the rule's
  pattern holds, ``None`` when it does not apply;
* ``FirstMatch``: the first rule that applies decides; its name goes into the trace;
* ``Adjustments``: every rule may revise the current outcome in turn (``apply(ctx,
  current)`` returns the revised outcome, or ``KEEP``); each revision is traced.

Every table registers itself by name, so ``claimwatch eval rules`` lists every rule,
``claimwatch explain`` shows which rules produced a claim's fields, and a rule can
be switched off (``ablated``, or ``CLAIMWATCH_ABLATE=rule,rule`` for worker
processes) to measure what it contributes on each gold set.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

C = TypeVar("C")  # the context a table decides over
Out = TypeVar("Out")  # its outcome


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()  # an adjustment that leaves the current outcome as it is

_ENV = "CLAIMWATCH_ABLATE"
_ablated: ContextVar[frozenset[str] | None] = ContextVar("claimwatch_ablated_rules", default=None)


def ablated_rules() -> frozenset[str]:
    """Rules switched off here: set by ``ablated`` or, in worker processes, by the env."""
    current = _ablated.get()
    if current is not None:
        return current
    return frozenset(n.strip() for n in os.environ.get(_ENV, "").split(",") if n.strip())


@contextmanager
def ablated(names: Sequence[str]) -> Iterator[None]:
    """Switch rules off for the body (and for worker processes started inside it)."""
    unknown = sorted(set(names) - set(all_rules()))
    if unknown:
        raise KeyError(f"no rule named {', '.join(unknown)} (claimwatch eval rules lists them)")
    token = _ablated.set(frozenset(names))
    before = os.environ.get(_ENV)
    os.environ[_ENV] = ",".join(sorted(names))
    try:
        yield
    finally:
        _ablated.reset(token)
        if before is None:
            os.environ.pop(_ENV, None)
        else:
            os.environ[_ENV] = before


@dataclass
class Trace:
    """The rules that produced an item's fields, in the order they fired: (field, rule)."""

    steps: list[tuple[str, str]] = field(default_factory=list)

    def add(self, field_name: str, rule: str) -> None:
        self.steps.append((field_name, rule))

    def extend(self, other: Trace) -> None:
        self.steps.extend(other.steps)

    def frozen(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.steps)


@dataclass(frozen=True)
class Rule(Generic[C, Out]):
    name: str  # "<table>.<rule>", unique across the extractor
    doc: str  # the pattern it names, in a line
    apply: Callable[..., Any]


_REGISTRY: dict[str, RuleTable[Any, Any]] = {}


class RuleTable(Generic[C, Out]):
    """An ordered table of named rules that decides one field."""

    kind = "table"

    def __init__(self, name: str, field_name: str, rules: Sequence[Rule[C, Out]], doc: str = "") -> None:
        names = [r.name for r in rules]
        if len(set(names)) != len(names):
            raise ValueError(f"rule table {name}: duplicate rule names")
        for r in rules:
            if not r.name.startswith(name + "."):
                raise ValueError(f"rule {r.name} must be named {name}.<rule>")
        if name in _REGISTRY:
            raise ValueError(f"rule table {name} registered twice")
        self.name = name
        self.field = field_name
        self.rules = tuple(rules)
        self.doc = doc
        _REGISTRY[name] = self

    def active(self) -> Iterator[Rule[C, Out]]:
        off = ablated_rules()
        return (r for r in self.rules if r.name not in off)


class FirstMatch(RuleTable[C, Out]):
    """The first rule that applies decides the outcome."""

    kind = "first match"

    def decide(self, ctx: C, trace: Trace | None = None) -> Out | None:
        for rule in self.active():
            outcome = rule.apply(ctx)
            if outcome is not None:
                if trace is not None:
                    trace.add(self.field, rule.name)
                return outcome  # type: ignore[no-any-return]
        return None


class Adjustments(RuleTable[C, Out]):
    """Each rule in turn may revise the outcome; ``KEEP`` leaves it."""

    kind = "adjustments"

    def revise(self, ctx: C, current: Out | None, trace: Trace | None = None) -> Out | None:
        for rule in self.active():
            revised = rule.apply(ctx, current)
            if revised is KEEP:
                continue
            if trace is not None:
                trace.add(self.field, rule.name)
            current = revised
        return current


class Checks(RuleTable[C, bool]):
    """Rules that each may say yes; the first that does is traced (an ``any`` with names)."""

    kind = "any of"

    def holds(self, ctx: C, trace: Trace | None = None) -> bool:
        for rule in self.active():
            if rule.apply(ctx):
                if trace is not None:
                    trace.add(self.field, rule.name)
                return True
        return False


def all_rules() -> dict[str, Rule[Any, Any]]:
    """Every registered rule by name (importing the extractor registers its tables)."""
    _load_tables()
    return {r.name: r for table in _REGISTRY.values() for r in table.rules}


def tables() -> dict[str, RuleTable[Any, Any]]:
    _load_tables()
    return dict(_REGISTRY)


def _load_tables() -> None:
    # the tables live in the stage modules; importing the pipeline imports them all. By
    # name, so a component that uses the framework does not take the whole pipeline's code
    # into its version digest (versions.py follows written imports).
    importlib.import_module(f"{__package__}.pipeline")
