"""Score the quantity layer on CQE's currency and dimension test sets, the way CQE's paper does.

Each set is a JSON list of ``{"text": sentence, "quantities": [{"value": "48200000",
"normalized_unit": "dollar"}]}``; a range is written "low-high". Every quantity the layer
finds in a sentence (``find_quantities``, whatever its claim worthiness) is matched
one-to-one to the sentence's gold quantities:

* value F1: the same value (a range: the same pair of ends), each gold value credited once;
* value + unit F1: the same value and the same unit.

Units are compared by meaning, independently of the extractor's own unit tables: both
sides are read with pint (``kilometre per hour`` = ``km/h``), currencies with ISO 4217
names (pycountry), and a counted noun, or a unit only one side reads as pint's, by its head
word (``fighter jet`` = ``jets``; CQE's ``point`` of an index = ``index point``).
Magnitudes are compared (a drop of 3 % is 3 in the layer and in CQE).

Every third sentence (3rd, 6th, ...) is blind, as in the gold files: scored, never listed.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..extract.numbers import find_quantities
from ..model import Quantity
from .claims import is_blind
from .metrics import Counts, rounded, show

SETS = ("currency", "dimension")
REL_TOL = 1e-3
# Gold units that mean "a bare number" (an ordinal, a count of times, a number with no noun).
UNITLESS_GOLD = frozenset({"-", "count", ""})
# System units that say no more than "a number".
UNITLESS_SYSTEM = frozenset({"", "items", "x", "times"})


@dataclass(frozen=True)
class GoldQuantity:
    value: float
    value_high: float | None
    unit: str


@dataclass
class CqeScore:
    value: Counts = field(default_factory=Counts)
    value_unit: Counts = field(default_factory=Counts)
    sentences: int = 0
    misses: list[str] = field(default_factory=list)  # seen sentences only
    false_positives: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, float | None]:
        out = rounded({
            "value_precision": self.value.precision, "value_recall": self.value.recall, "value_f1": self.value.f1,
            "value_unit_precision": self.value_unit.precision, "value_unit_recall": self.value_unit.recall,
            "value_unit_f1": self.value_unit.f1,
        })  # fmt: skip
        out["sentences"] = self.sentences
        return out


def parse_gold_value(raw: str) -> tuple[float, float | None] | None:
    """ "48200000" -> (48200000, None); "8-10" -> (8, 10); "-3" -> (-3, None)."""
    m = re.fullmatch(r"\s*(-?[\d.]+)\s*(?:-\s*(-?[\d.]+))?\s*", raw)
    if m is None:
        return None
    try:
        low = float(m.group(1))
        return low, (float(m.group(2)) if m.group(2) else None)
    except ValueError:
        return None


def load_set(path: Path) -> list[tuple[str, list[GoldQuantity]]]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in data:
        gold = []
        for q in item.get("quantities", []):
            parsed = parse_gold_value(str(q["value"]))
            if parsed is not None:
                gold.append(GoldQuantity(parsed[0], parsed[1], str(q.get("normalized_unit") or "").strip().lower()))
        out.append((item["text"], gold))
    return out


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(abs(a), abs(b), rel_tol=REL_TOL, abs_tol=1e-9)


def same_value(q: Quantity, g: GoldQuantity) -> bool:
    return _close(q.value, g.value) and _close(q.value_high, g.value_high)


# --- units by meaning ----------------------------------------------------------


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


def _pint_spelling(unit: str) -> str:
    """CQE's unit names in pint's syntax: "square kilometre" -> "kilometre**2"."""
    u = unit.lower().replace("-mass", "").replace("metric ton", "metric_ton")
    u = re.sub(r"\s+of\s+age$", "", u)  # an age: "year of age" is a number of years
    u = re.sub(r"\bsquare (\w+)", r"\1**2", u)
    u = re.sub(r"\bcubic (\w+)", r"\1**3", u)
    u = re.sub(r"\s+per\s+", " / ", u)
    u = re.sub(r"\bcelsius\b", "degree_Celsius", u)
    u = re.sub(r"\bfahrenheit\b", "degree_Fahrenheit", u)
    u = re.sub(r"\bpercentage\b", "percent", u)
    return u


@lru_cache(maxsize=2048)
def pint_units(unit: str, spelled: bool = True) -> Any:
    """The unit as pint reads it (``spelled``: a CQE name to respell first), or None."""
    if not unit or unit in UNITLESS_GOLD:
        return None
    try:
        parsed = _registry().parse_units(_pint_spelling(unit) if spelled else unit)
    except Exception:  # pint raises many kinds on text that is not a unit
        return None
    return parsed if str(parsed) != "dimensionless" or unit.lower().endswith(("bit", "byte", "radian", "degree")) else None


def same_pint_unit(a: Any, b: Any) -> bool:
    """Two pint units that are one and the same (km/h and kilometre per hour)."""
    if a is None or b is None:
        return False
    try:
        return bool(abs((1 * a).to(b).magnitude - 1) < 1e-9)
    except Exception:  # not convertible: different dimensions
        return False


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


# ISO 4217 codes pycountry does not list: those withdrawn for the euro (the standard's
# historic denominations) and bitcoin's informal code; (currency name, country name).
OTHER_CURRENCIES: dict[str, tuple[str, str]] = {
    "DEM": ("deutsche mark", "germany"), "ESP": ("spanish peseta", "spain"),
    "FIM": ("markka", "finland"), "FRF": ("french franc", "france"),
    "BEF": ("belgian franc", "belgium"), "ITL": ("italian lira", "italy"),
    "NLG": ("netherlands guilder", "netherlands"), "PTE": ("portuguese escudo", "portugal"),
    "GRD": ("drachma", "greece"), "ATS": ("schilling", "austria"), "IEP": ("irish pound", "ireland"),
    "BGN": ("bulgarian lev", "bulgaria"),
    "XBT": ("bitcoin", ""),
}  # fmt: skip


@lru_cache(maxsize=512)
def currency_names(code: str) -> tuple[str, str] | None:
    """(currency name, country name) of an ISO 4217 code, lower-cased and without accents."""
    import pycountry

    if code.upper() in OTHER_CURRENCIES:
        return OTHER_CURRENCIES[code.upper()]
    cur = pycountry.currencies.get(alpha_3=code.upper())
    if cur is None:
        return None
    country = pycountry.countries.get(alpha_2=code[:2].upper())
    return _plain(cur.name), (_plain(country.name) if country else "")


def currency_matches(gold: str, code: str) -> bool:
    """Whether a CQE currency name ("canadian dollar", "dollar", "pound sterling") is the code.

    A bare "dollar" is the US dollar (how CQE writes "$"); a country adjective must
    share its first letters with the code's country ("japanese yen" ~ Japan).
    """
    names = currency_names(code)
    if names is None:
        return False
    name, country = names
    gold = _plain(gold)
    if gold == name:
        return True
    gold_words, name_words = gold.split(), name.split()
    if gold_words[-1] not in name_words:
        return False
    if len(gold_words) == 1:
        return gold != "dollar" or code.upper() == "USD"
    return any(w[:3] == country[:3] or w in name_words for w in gold_words[:-1])


def _singular(word: str) -> str:
    w = word.lower().strip("'’")
    for plural, single in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x")):
        if w.endswith(plural):
            return w[: -len(plural)] + single
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return {"people": "person", "men": "man", "women": "woman", "children": "child"}.get(w, w)


def same_unit(q: Quantity, gold: str) -> bool:
    unit = q.unit.strip()
    if " per " in gold and q.per:  # "dollar per share": the amount's unit and what it is per
        money, per = gold.split(" per ", 1)
        return same_unit(replace(q, per=None), money) and _singular(q.per.split()[-1]) == _singular(per.split()[-1])
    if gold in UNITLESS_GOLD:
        return unit.lower() in UNITLESS_SYSTEM
    if re.fullmatch(r"[A-Z]{3}", unit):
        return currency_matches(gold, unit)
    if gold in ("percentage", "percent") or gold.startswith("percentage "):
        return unit in ("%", "pp") and (gold in ("percentage", "percent") or gold.split()[-1] in q.text.lower())
    mine, theirs = pint_units(unit, spelled=False), pint_units(gold)
    if mine is not None and theirs is not None:
        return same_pint_unit(mine, theirs)
    # one side only is a pint unit: CQE's name may be a word pint reads in another sense
    # (its "point" of an index or a price is pint's printer's point, 1/72 inch), so the
    # named thing decides, as for counted nouns
    words = re.findall(r"[a-z']+", unit.lower())
    gold_words = re.findall(r"[a-z']+", gold)
    return bool(words and gold_words) and _singular(words[-1]) == _singular(gold_words[-1])


# --- matching --------------------------------------------------------------------


def _match(system: Sequence[Quantity], gold: Sequence[GoldQuantity], fits: Callable[[Quantity, GoldQuantity], bool]) -> int:
    """One-to-one greedy matching; the number of pairs."""
    used: set[int] = set()
    for g in gold:
        hit = next((i for i, q in enumerate(system) if i not in used and fits(q, g)), None)
        if hit is not None:
            used.add(hit)
    return len(used)


def score_sentence(text: str, gold: Sequence[GoldQuantity], score: CqeScore, listed: bool) -> None:
    system = find_quantities(text)
    score.sentences += 1
    by_value = _match(system, gold, same_value)
    by_unit = _match(system, gold, lambda q, g: same_value(q, g) and same_unit(q, g.unit))
    for counts, tp in ((score.value, by_value), (score.value_unit, by_unit)):
        counts.tp += tp
        counts.fp += len(system) - tp
        counts.fn += len(gold) - tp
    if not listed or by_unit == len(gold) == len(system):
        return
    found = ", ".join(f"{q.value:g}{'' if q.value_high is None else f'-{q.value_high:g}'} {q.unit} ({q.kind})" for q in system)
    wanted = ", ".join(f"{g.value:g}{'' if g.value_high is None else f'-{g.value_high:g}'} {g.unit}" for g in gold)
    score.misses.append(f"{text[:140]!r}\n      gold: {wanted or '-'}\n      got:  {found or '-'}")


def score_file(path: Path) -> dict[str, CqeScore]:
    """Seen, blind and all-sentence scores of one CQE set; misses listed for seen sentences."""
    parts = {part: CqeScore() for part in ("seen", "blind", "all")}
    for i, (text, gold) in enumerate(load_set(path)):
        blind = is_blind(i)
        score_sentence(text, gold, parts["blind" if blind else "seen"], listed=not blind)
        score_sentence(text, gold, parts["all"], listed=False)
    return parts


def score_cqe(folder: Path, say: Callable[[str], None], show_misses: int = 20) -> dict[str, dict[str, Any]]:
    """Score every CQE set found in ``folder``; print a row per set and part, and seen misses."""
    out: dict[str, dict[str, Any]] = {}
    for name in SETS:
        path = folder / f"{name}.json"
        if not path.exists():
            continue
        parts = score_file(path)
        for part, sc in parts.items():
            out[f"cqe.{name}.{part}"] = sc.summary()
            say(f"cqe {name:<9} {part:<5} value P {show(sc.value.precision)} R {show(sc.value.recall)} "
                f"F1 {show(sc.value.f1)}   value+unit P {show(sc.value_unit.precision)} R {show(sc.value_unit.recall)} "
                f"F1 {show(sc.value_unit.f1)}  ({sc.sentences} sentences)")  # fmt: skip
        _say_misses(say, name, parts["seen"].misses, show_misses)
    return out


def _say_misses(say: Callable[[str], None], name: str, misses: Iterable[str], limit: int) -> None:
    listed = list(misses)
    if limit == 0 or not listed:
        return
    say(f"-- cqe {name} (seen sentences): {len(listed)} with a miss or an extra")
    for line in listed[: None if limit < 0 else limit]:
        say(f"  {line}")
