"""Readable names for what the cross-document linkers find: a document's headline and a
claim written out as "Speaker: figure, subject (period)"."""

from __future__ import annotations

import math
import re
from datetime import date

from ..lexicon import findings as flex
from ..lexicon import links as lex
from ..model import Claim, Document, Span
from .subjects import normalize_subject

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def headline_span(document: Document) -> Span | None:
    """Where the document's headline stands in its text, when it has one a reader would
    call a headline (not a byline or a line of page chrome)."""
    title = " ".join((document.title or "").split())
    if not title or len(title.split()) < lex.HEADLINE_MIN_WORDS or lex.NOT_HEADLINE.search(title):
        return None
    at = document.text.find(document.title or "")
    if at < 0:
        return Span(0, 0, title)  # a title from the page's metadata, not printed in the text
    return Span(at, at + len(document.title or ""), document.text[at : at + len(document.title or "")])


def headline(document: Document) -> str | None:
    """The document's headline as one line, or None."""
    span = headline_span(document)
    return " ".join(span.text.split()) if span else None


def number(value: float) -> str:
    """A figure as a reader writes it: 1,644; 12.9; 0.25."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def figure(kind: str, value: float, value_high: float | None, unit: str) -> str:
    """A claim's figure in words: "3x", "+81%", "36%", "1.2 billion USD", "14 contracts"."""
    def scaled(v: float) -> str:
        for size, word in _SCALES:
            if abs(v) >= size:
                return f"{number(v / size)} {word}"
        return number(v)

    if kind == "multiplier":
        text = number(value) + (f"–{number(value_high)}" if value_high is not None else "") + "x"
    elif kind in ("percent_change", "percent_share"):
        sign = "+" if kind == "percent_change" and value > 0 else ""
        text = sign + number(value) + (f"–{number(value_high)}" if value_high is not None else "") + "%"
    elif kind == "amount":
        text = scaled(value) + (f"–{scaled(value_high)}" if value_high is not None else "") + f" {unit}"
    else:
        text = scaled(value) + (f"–{scaled(value_high)}" if value_high is not None else "") + (f" {unit}" if unit else "")
    return text.strip()


def period(start: date | None, end: date | None, text: str | None = None) -> str:
    """A period as written ("last year"), else as dates ("2023", "2022-03-21..2023-03-20")."""
    if text:
        return " ".join(text.split())
    if start is None and end is None:
        return ""
    if start and end and start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31 and start.year == end.year:
        return str(start.year)
    return f"{start.isoformat() if start else '…'}..{end.isoformat() if end else '…'}"


_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*", re.UNICODE)


def measured_subject(claim: Claim) -> str:
    """What the claim measures, as a reader would name it: its subject when that names a
    measured thing ("defence exports"), else the words of its clause that do ("India's
    defence exports" in "... reached Rs 15 crore"), else its subject as extracted."""
    subject = " ".join((claim.subject or "").split())
    if normalize_subject(subject, "").has_measure:
        return subject
    words = _WORD.findall(claim.evidence)
    for i, w in enumerate(words):
        if w.lower() in flex.MEASURED_WHOLES:
            return " ".join(words[max(0, i - 2) : i + 1])
    return subject


def claim_label(claim: Claim) -> str:
    """"Speaker: figure, subject (period)" — the parts that are known."""
    subject = measured_subject(claim)
    words = subject.split()
    if len(words) > lex.LABEL_WORDS:
        subject = " ".join(words[: lex.LABEL_WORDS]) + " …"
    when = period(claim.period_start, claim.period_end, claim.period_text)
    text = figure(claim.kind, claim.value, claim.value_high, claim.unit or "")
    if subject:
        text += f", {subject}"
    if when:
        text += f" ({when})"
    return f"{claim.speaker}: {text}" if claim.speaker else text
