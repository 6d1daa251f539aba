"""``arithmetic`` findings: a stated figure that the figures stated beside it contradict.

Within one sentence:

* a share stated with its part and whole ("3,000 of its 12,000 jobs, about 10%"):
  the share is compared with part / whole;
* a change stated with its two ends ("rose 40% from $2 billion to $3 billion", "tripled
  from 10 to 20"): the percent change or multiplier is compared with end / start.

A stated figure may be off by its own rounding, its hedge, and the slack in
``lexicon.findings`` (``SHARE_SLACK_POINTS``, ``CHANGE_SLACK_POINTS``,
``MULTIPLIER_SLACK``) before it is reported. Severity: high when the stated figure is
off by more than a quarter of the computed one, else medium.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from ..lexicon import findings as lex
from ..lexicon.numbers import SCALES
from ..model import Claim, Document
from .consistency import EvidenceSpan, Finding, make_finding, value_interval
from .readings import sentence_around

_SCALE_WORDS = "|".join(sorted((w for w in SCALES if len(w) > 2), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\w.,])[$€£₹]?\s?(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,]*\d)"
    rf"(?:\s*(?P<scale>{_SCALE_WORDS})\b)?(?!\s*(?:%|percent|per\s+cent))",
    re.I,
)
_PART_OF = re.compile(r"^\s*(?:[^\W\d_]+\s+)?(?:of|out\s+of)\s+(?:its|their|the|his|her|our|a\s+total\s+of)?\s*$", re.I)
_FROM = re.compile(r"\bfrom\s+(?:about\s+|around\s+|some\s+)?$", re.I)
_TO = re.compile(r"^\s*(?:[^\W\d_]+\s+)?(?:to|up\s+to)\s+(?:about\s+|around\s+|some\s+)?$", re.I)


def _numbers(text: str) -> list[tuple[int, int, float, str | None]]:
    out = []
    for m in _NUMBER.finditer(text):
        digits = m.group("digits")
        if re.fullmatch(r"(?:19|20)\d\d", digits) and not m.group("scale") and m.group(0).lstrip()[0] not in "$€£₹":
            continue  # a year
        value = float(digits.replace(",", ""))
        scale = (m.group("scale") or "").lower() or None
        out.append((m.start(), m.end(), value, scale))
    return out


def _scaled(value: float, scale: str | None, other: str | None) -> float:
    # "from 4.36 to 5.5 billion": a bare first end takes the second's scale
    return value * SCALES.get(scale or other or "", 1.0)


def _off(stated: Claim, computed: float, slack: float) -> bool:
    low, high = value_interval(stated.value, stated.value_high, stated.hedge)
    return not (low - slack <= computed <= high + slack)


def _severity(stated: float, computed: float) -> str:
    return "high" if abs(stated - computed) > 0.25 * max(abs(computed), 1e-9) else "medium"


def arithmetic(documents: Iterable[Document], claims: Iterable[Claim]) -> list[Finding]:
    """Shares and changes that the figures beside them contradict (see module docstring)."""
    texts: Mapping[str, str] = {d.id: d.text for d in documents}
    by_sentence: dict[tuple[str, int, int], list[Claim]] = defaultdict(list)
    for c in claims:
        text = texts.get(c.doc)
        if text is None or c.restates is not None or c.kind not in ("percent_share", "percent_change", "multiplier"):
            continue
        left, right = sentence_around(text, c.quantity_start, c.quantity_end)
        by_sentence[(c.doc, left, right)].append(c)
    out = []
    for (doc, left, right), stated in by_sentence.items():
        sentence = texts[doc][left:right]
        numbers = _numbers(sentence)
        for (a_start, a_end, a, a_scale), (b_start, b_end, b, b_scale) in zip(numbers, numbers[1:], strict=False):
            gap = sentence[a_end:b_start]
            x, y = _scaled(a, a_scale, b_scale), _scaled(b, b_scale, None)
            pair = EvidenceSpan(doc, left + a_start, left + b_end, sentence[a_start:b_end])
            if _PART_OF.match(gap) and 0 < x < y:
                for c in (c for c in stated if c.kind == "percent_share"):
                    computed = 100 * x / y
                    if _off(c, computed, lex.SHARE_SLACK_POINTS):
                        out.append(_arith(c, pair, f"{sentence[a_start:b_end].strip()} is {computed:.1f}%",
                                          _severity(c.value, computed)))  # fmt: skip
            elif _FROM.search(sentence[:a_start]) and _TO.match(gap) and x > 0:
                ratio = y / x
                for c in stated:
                    if c.kind == "percent_change" and _off(c, 100 * (ratio - 1), lex.CHANGE_SLACK_POINTS):
                        out.append(_arith(c, pair, f"from {sentence[a_start:a_end].strip()} to "
                                                   f"{sentence[b_start:b_end].strip()} is {100 * (ratio - 1):+.1f}%",
                                          _severity(c.value, 100 * (ratio - 1))))  # fmt: skip
                    elif c.kind == "multiplier" and _off(c, ratio, lex.MULTIPLIER_SLACK * ratio):
                        out.append(_arith(c, pair, f"from {sentence[a_start:a_end].strip()} to "
                                                   f"{sentence[b_start:b_end].strip()} is {ratio:.2f}x",
                                          _severity(c.value, ratio)))  # fmt: skip
    return out


def _arith(c: Claim, figures: EvidenceSpan, computed: str, severity: str) -> Finding:
    explanation = f"The stated {c.evidence[c.quantity_start - c.start : c.quantity_end - c.start]!r} " \
                  f"does not fit the figures beside it: {computed}."
    return make_finding("arithmetic", (c.id,), explanation, (EvidenceSpan(c.doc, c.start, c.end, c.evidence), figures),
                        severity)  # fmt: skip
