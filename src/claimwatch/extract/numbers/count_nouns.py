"""What a number counts: the noun after it, as an ordered table of named rules.

"three satellites", "3,408 people injured", "14 new export contracts", "a 7.7-magnitude
quake", "three new A320 aircraft": ``COUNT_NOUN`` (a ``FirstMatch`` table) decides
whether the words after a number name what it counts, a magnitude, a duration
compound, or nothing (the number stays bare and its sentence decides later).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ...lexicon import numbers as lx
from ..rules import FirstMatch, Rule, Trace
from .units import measure_unit

IRREGULAR_PLURALS = frozenset(
    {"people", "personnel", "police", "children", "men", "women", "staff", "troops", "cattle", "livestock", "fish", "sheep", "aircraft"}
)
# a number word ends the noun phrase: "3,000 five years ago" is not "3,000 years"
COUNT_STOP = (
    lx.NOT_COUNT_NOUNS
    | lx.CASUALTY_WORDS
    | {"died", "said", "told", "came", "went", "made", "took", "left"}
    | set(lx.UNIT_WORDS)
    | set(lx.TENS_WORDS)
)
# a lower-case word that can be a noun ahead (after a modifier or a conjunction)
_NOUN_AHEAD = re.compile(r"\s+(?!(?:of|and|or|to|in|than|the|a|an)\b)(?:[a-z][a-z’'-]+|[A-Z]+\d[A-Za-z0-9-]*)\b")
_PLURAL_AHEAD = re.compile(r"\s+(?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]+s\b")
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)\b")
# a word of the phrase; a model name with digits ("A320") is one word of it
# (a noun phrase never runs past the end of its line)
_PHRASE_WORD = re.compile(r"(?:[^\S\n]|[“”\"‘’'])*([A-Za-z][A-Za-z0-9’'-]*)((?:[^\S\n]|[“”\"‘’'])*,)?")
# the words of a compound after a number, hyphenated or with spaced hyphens ("-square-mile",
# " - square - mile")
_COMPOUND_WORD = re.compile(r"(?:[^\S\n]?[-‑][^\S\n]?)([A-Za-z]+)")
_MAX_COMPOUND_UNIT_WORDS = 3
# the "-old" of an age printed with spaced hyphens ("28 - year - old")
_OLD_AFTER = re.compile(r"[^\S\n]?[-‑][^\S\n]?old\b")
_MAGNITUDE_BEFORE = re.compile(r"magnitude\s+(?:of\s+)?$", re.IGNORECASE)
# a compound after the number: "30-year"; "30 - year" as tokenized copy prints it (read for
# units and durations only)
_COMPOUND = re.compile(r"^(?:[-‑]|[^\S\n][-‑][^\S\n])([A-Za-z]+(?:-[A-Za-z]+)*)")
# a capitalized name inside a sentence right before the number ("of Mohajer 10", "the Shahed 136")
_NAME_BEFORE = re.compile(r"(?:\b[a-z]+[,;]?|\b(?i:the|a|an))\s+[A-Z][a-z]{2,}\s\Z")


@dataclass(frozen=True)
class CountNoun:
    """What the words after a number say it counts. ``kind`` None: leave the number bare;
    "drop": the number is part of a phrase that is no quantity ("double-digit")."""

    kind: str | None
    unit: str = ""
    low: bool = False  # a kind of count that is rarely a claim (magnitude, compound)
    extend: int = 0  # characters of ``after`` the quantity takes in
    measure: object | None = None  # a UnitReading, for a unit compound ("776-foot")


@dataclass
class NounContext:
    text: str
    start: int  # where the quantity starts (hedge and currency included)
    value: float  # the number times its scale
    after: str  # the text after the number and its scale
    notes: dict[str, object] = field(default_factory=dict)

    @cached_property
    def compound(self) -> re.Match[str] | None:
        return _COMPOUND.match(self.after)

    @cached_property
    def spaced_compound(self) -> bool:
        return self.compound is not None and self.compound.start(1) > 1

    @cached_property
    def compound_first(self) -> str:
        return self.compound.group(1).split("-")[0].lower() if self.compound else ""

    @cached_property
    def phrase(self) -> list[tuple[str, int]]:
        return noun_phrase(self.after)


BARE = CountNoun(None)
DROP = CountNoun("drop")


def plural_noun_next(seg: str, pos: int) -> bool:
    """Whether the next word of ``seg`` after ``pos`` is a plural noun (not "is", "class")."""
    m = _NEXT_WORD.match(seg, pos)
    if m is None:
        return False
    w = m.group(1)
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "ous", "us", "is")) and w not in COUNT_STOP


def _is_plural(w: str) -> bool:
    low = w.lower()
    return (low.endswith("s") and len(w) > 3 and not low.endswith("ous")) or low in IRREGULAR_PLURALS


def noun_phrase(seg: str) -> list[tuple[str, int]]:
    """The words after a number up to the head of its noun phrase: (word, end offset)."""
    words: list[tuple[str, int]] = []
    pos = 0
    for m in _PHRASE_WORD.finditer(seg):
        if m.start() != pos:
            break
        w, low_w = m.group(1), m.group(1).lower()
        if not words and low_w in lx.COUNT_MODIFIERS and _NOUN_AHEAD.match(seg, m.end()):
            pos = m.end()  # "14 new export contracts": the modifier is not the noun
            continue
        if words and low_w in lx.COUNT_NOUN_CONJUNCTIONS and _PLURAL_AHEAD.match(seg, m.end()):
            pos = m.end()  # "11 air defense and radar systems"
            continue
        if low_w in lx.NOT_COUNT_NOUNS or (words and low_w in COUNT_STOP):
            break  # casualty words end a noun phrase but can head one ("61 fatalities")
        if not words and low_w in COUNT_STOP - lx.CASUALTY_WORDS:
            break
        words.append((w, m.end(1)))
        pos = m.end()
        if m.group(2) and (low_w.endswith("s") or w[0].isupper()):
            break
        if len(words) >= 4 or (low_w.endswith("s") and len(w) > 3) or low_w in IRREGULAR_PLURALS:
            if len(words) < 4 and plural_noun_next(seg, m.end()):
                continue  # a plural modifier of a plural head: "measles cases", "arms sales"
            break
    return words


def _head(words: list[tuple[str, int]]) -> int:
    plural = [_is_plural(w) for w, _ in words]
    head_i = next((i for i, p in enumerate(plural) if p), len(words) - 1)
    while head_i + 1 < len(words) and plural[head_i + 1]:
        head_i += 1  # the last of a run of plurals heads it
    return head_i


def _magnitude_before(c: NounContext) -> CountNoun | None:
    before = c.text[max(0, c.start - 40) : c.start]
    return CountNoun("count", "magnitude", low=True) if _MAGNITUDE_BEFORE.search(before) else None


def _time_compound(c: NounContext) -> CountNoun | None:
    if c.compound is None:
        return None
    whole = c.compound.group(1).lower()
    if c.compound_first in lx.AGE_WORDS:
        return DROP  # "65-aged": no quantity of its own
    old = _OLD_AFTER.match(c.after, c.compound.end())
    if whole in lx.AGE_WORDS or whole.endswith("-old") or old is not None:
        # an age ("a 45-year-old", "the 28 - year - old"): a duration in years, never a claim
        unit = measure_unit(" " + c.compound_first)
        if unit is None or unit.kind != "duration":
            return DROP
        return CountNoun("duration", unit.unit, extend=old.end() if old else c.compound.end(), measure=unit)
    if c.compound_first in lx.TIME_NOUNS:
        unit = measure_unit(" " + c.compound_first)
        if unit is not None and unit.kind == "duration":
            return CountNoun("duration", unit.unit, extend=c.compound.start(1) + len(c.compound_first), measure=unit)
        return DROP
    return None


def _magnitude_compound(c: NounContext) -> CountNoun | None:
    if c.compound is None or c.spaced_compound or c.compound_first not in lx.MAGNITUDE_NOUNS:
        return None
    return CountNoun("count", "magnitude", low=True, extend=len(c.compound.group()))


def _unit_compound(c: NounContext) -> CountNoun | None:
    """ "a 776-foot airship", "a 45-acre farm", "a 5,000-square-mile area": a measure written
    as a compound, of one or more words (the longest unit they spell)."""
    if c.compound is None:
        return None
    chained: list[tuple[str, int]] = []  # the words one hyphen after another, with their ends
    while len(chained) < _MAX_COMPOUND_UNIT_WORDS:
        m = _COMPOUND_WORD.match(c.after, chained[-1][1] if chained else 0)
        if m is None:
            break
        chained.append((m.group(1), m.end(1)))
    for n in range(len(chained), 0, -1):
        spelled = " ".join(w for w, _ in chained[:n])
        unit = measure_unit(" " + spelled)
        if unit is None or unit.kind == "count" or len(spelled) < 2 or unit.length != len(spelled) + 1:
            continue
        return CountNoun(unit.kind, unit.unit, extend=chained[n - 1][1], measure=unit)
    return None


def _phrase_compound(c: NounContext) -> CountNoun | None:
    if c.compound is None or c.spaced_compound:
        return None
    first = c.compound_first
    if first in lx.NOT_COUNT_COMPOUNDS:
        return DROP  # "double-digit", "three-point plan", "two-way"
    unit = first + ("" if first.endswith("s") else "s")
    return CountNoun("count", unit, low=c.value < 1000, extend=len(c.compound.group()))


def _not_whole(c: NounContext) -> CountNoun | None:
    # things are counted in whole numbers: "6.4 hit" stays bare
    return None if float(round(c.value, 6)).is_integer() else BARE


def _no_noun(c: NounContext) -> CountNoun | None:
    return BARE if not c.phrase else None


def _time_word(c: NounContext) -> CountNoun | None:
    words = c.phrase
    if words[0][0].lower() in lx.TIME_NOUNS or words[_head(words)][0].lower() in lx.TIME_NOUNS:
        return DROP  # "times", "fold", "quarter": never a count
    return None


def _magnitude_word(c: NounContext) -> CountNoun | None:
    first, end = c.phrase[0]
    return CountNoun("count", "magnitude", low=True, extend=end) if first.lower() in lx.MAGNITUDE_NOUNS else None


def _name_or_label(c: NounContext) -> CountNoun | None:
    words = c.phrase
    head_i = _head(words)
    head = words[head_i][0]
    # a capitalized single word after a small number is a name or label ("Phase 2 Abadan")
    if (head[0].isupper() and head_i == 0 and not head.lower().endswith("s")) or (head.isupper() and len(head) > 1):
        return BARE
    if all(w[0].isupper() for w, _ in words[: head_i + 1]) and not _is_plural(head):
        return BARE  # "49 Armoured Regiment": a unit's name, not a count
    return None


def _model_number(c: NounContext) -> CountNoun | None:
    """ "the design of Mohajer 10 strategic drone", "a Shahed 136 drone": digits between a
    capitalized name and a singular noun are part of the name (a model), not a count."""
    if c.value >= lx.MODEL_NUMBER_MAX or not c.text[c.start : c.start + 1].isdigit():
        return None
    if _NAME_BEFORE.search(c.text[max(0, c.start - 40) : c.start]) is None:
        return None
    head = c.phrase[_head(c.phrase)][0]
    return None if _is_plural(head) else DROP


def _head_noun(c: NounContext) -> CountNoun | None:
    head_i = _head(c.phrase)
    return CountNoun("count", c.phrase[head_i][0], extend=c.phrase[head_i][1])


COUNT_NOUN: FirstMatch[NounContext, CountNoun] = FirstMatch(
    "count_noun",
    "unit",
    [
        Rule("count_noun.magnitude_before", "'a magnitude of 7.1': a magnitude, not a count", _magnitude_before),
        Rule("count_noun.time_compound", "'a 30-year bond', 'five-year-old': a duration or an age", _time_compound),
        Rule("count_noun.magnitude_compound", "'a 7.7-magnitude quake'", _magnitude_compound),
        Rule("count_noun.unit_compound", "'a 776-foot airship', 'a 45-acre farm': a measure", _unit_compound),
        Rule("count_noun.phrase_compound", "'a 27-member bloc': its first word; 'double-digit': none", _phrase_compound),
        Rule("count_noun.not_whole", "'6.4 hit': things are counted in whole numbers", _not_whole),
        Rule("count_noun.no_noun", "no noun follows: the number stays bare", _no_noun),
        Rule("count_noun.time_word", "'three times', 'two quarters': no count", _time_word),
        Rule("count_noun.magnitude_word", "'7.1 magnitude'", _magnitude_word),
        Rule("count_noun.name_or_label", "'Phase 2 Abadan': a capitalized name after the number", _name_or_label),
        Rule("count_noun.model_number", "'the Mohajer 10 strategic drone': a model number in a name", _model_number),
        Rule("count_noun.head_noun", "'14 new export contracts': the head of the noun phrase", _head_noun),
    ],
    doc="what the words after a number count",
)


def read_count_noun(text: str, start: int, value: float, after: str, trace: Trace | None = None) -> CountNoun:
    """What the words in ``after`` say the number counts (``BARE`` when nothing)."""
    return COUNT_NOUN.decide(NounContext(text, start, value, after), trace) or BARE
