"""How a claim's figure is qualified, over what rolling window, and what it measures,
read from the stored text around it: the facts the headline, relay and conflict checks
compare. Pure functions of a claim and its document's text."""

from __future__ import annotations

import re
from datetime import date

from ..lexicon import findings as lex
from ..lexicon.numbers import TENS_WORDS, UNIT_WORDS
from ..model import Claim

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_QUALIFIERS = sorted(lex.QUALIFIER_CLASSES, key=lambda w: -len(w.split()))


def qualifier_class(claim: Claim, text: str | None = None) -> str | None:
    """The class of the claim's qualifier ("gt", "lt", "near", "approx"), from its hedge,
    else from the words just before its figure in ``text`` (the stored text: a headline's
    "Exports Surpass $1B" carries a floor in its verb)."""
    hedge = " ".join((claim.hedge or "").lower().split())
    if hedge:
        return lex.QUALIFIER_CLASSES.get(hedge, "approx")
    if not text or not 0 < claim.quantity_start <= len(text):
        return None
    before = text[max(0, claim.quantity_start - 60) : claim.quantity_start]
    before = before.split("\n")[-1]
    words = [w.lower().replace("\u2019", "'") for w in _WORD.findall(before)][-lex.QUALIFIER_WINDOW_WORDS :]
    for phrase in _QUALIFIERS:
        size = len(phrase.split())
        for i in range(len(words) - size, -1, -1):
            if " ".join(words[i : i + size]) == phrase:
                return lex.QUALIFIER_CLASSES[phrase]
    return None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line) holding ``start..end`` in ``text``."""
    left = max(0, start - 2000)  # a sentence longer than this is cut: a run of page chrome
    for stop in _SENTENCE_END.finditer(text, left, start):
        left = stop.end()
    after = _SENTENCE_END.search(text, end)
    return left, after.start() if after else len(text)


def _count(word: str | None) -> float | None:
    if not word:
        return None
    w = word.lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w in UNIT_WORDS:
        return float(UNIT_WORDS[w])
    if w in TENS_WORDS:
        return float(TENS_WORDS[w])
    if "-" in w:
        tens, _, ones = w.partition("-")
        if tens in TENS_WORDS and ones in UNIT_WORDS:
            return float(TENS_WORDS[tens] + UNIT_WORDS[ones])
    return None


def window_months(claim: Claim, text: str | None = None) -> float | None:
    """The length in months of the rolling window a figure is stated over ("over the past
    33 months", "in three years", "in the past year"), nearest the figure in its sentence;
    for a "since <date>" period, its length up to the statement. None when there is none."""
    where = claim.evidence
    anchor = claim.quantity_start - claim.start
    if text and 0 <= claim.start <= claim.end <= len(text):
        left, right = sentence_around(text, claim.quantity_start, claim.quantity_end)
        where, anchor = text[left:right], claim.quantity_start - left
    best: tuple[int, float] | None = None
    for m in lex.WINDOW.finditer(where):
        unit = m.group("unit").lower().rstrip("s")
        count = _count(m.group("count"))
        if m.group("count") and count is None:
            continue  # "in recent years", "over many months"
        if count is None:
            if not m.group("rel") or m.group("unit").lower().endswith("s"):
                continue  # "in years"; "in the past years"
            count = 1.0
        distance = abs(m.start() - anchor)
        if best is None or distance < best[0]:
            best = (distance, count * lex.WINDOW_MONTHS[unit])
    if best is not None:
        return best[1]
    if (claim.period_text or "").lower().startswith("since") and claim.period_start and claim.period_end:
        return months_between(claim.period_start, claim.period_end)
    return None


def months_between(start: date, end: date) -> float:
    return (end - start).days / 30.44


def windows_differ(a: float, b: float, tolerance: float = lex.WINDOW_TOLERANCE) -> bool:
    return abs(a - b) > tolerance * max(a, b)


def measured_wholes(text: str) -> frozenset[str]:
    """What a clause says is measured, as folded nouns ("industry", "exports")."""
    words = (w.lower().replace("\u2019", "'").removesuffix("'s") for w in _WORD.findall(text))
    return frozenset(lex.MEASURED_WHOLES[w] for w in words if w in lex.MEASURED_WHOLES)


def wholes_clash(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both sides say what is measured and they name different things (a container such
    as "industry" against one of its own parts is no clash)."""
    if not a or not b or a & b:
        return False
    for one, other in ((a, b), (b, a)):
        if any(lex.MEASURED_CONTAINERS.get(w, frozenset()) & other for w in one):
            return False
    return True


def describe_window(months: float) -> str:
    if months >= 12 and abs(months / 12 - round(months / 12)) < 0.05:
        years = round(months / 12)
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months:.0f} months"
