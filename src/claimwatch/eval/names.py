"""Whether a system speaker names the gold speaker: strict, and independent of the
alias linker under test (``claimwatch.link.aliases`` is never called here).

A system name matches when it is
* the gold name or one of the gold's ``speaker_alt`` names (spelling variants,
  the relaying spokesman, the body behind an unattributed sentence), or
* the same referent's fuller or shorter form: both end in the same last word (the
  surname, or the head of an organisation's name) and the words of one are all
  among the words of the other ("Ashtiani" ~ "Mohammad Reza Ashtiani",
  "Defense Ministry" ~ "Iran's Defense Ministry").
A single word matches only as a capitalised surname or name ("Ashtiani", "SIPRI"),
never as a lone given name ("Mohammad") or a common noun ("ministry", "official").
Null matches null only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Words that carry no identity in a source's name.
_FILLER = {"the", "of", "and", "for", "a", "an"}


def _words(name: str) -> list[str]:
    name = re.sub(r"\s*\([^)]*\)", " ", name)  # "official (unnamed)": the gold's own annotation
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = re.sub(r"['’]s\b", "", folded)
    return [w for w in re.split(r"[^\w]+", folded.lower()) if w and w not in _FILLER]


def _forms_match(gold: str, system: str) -> bool:
    g, s = _words(gold), _words(system)
    if not g or not s:
        return False
    if g == s:
        return True
    if g[-1] != s[-1]:
        return False
    shorter, longer = (s, g) if len(s) <= len(g) else (g, s)
    if not set(shorter) <= set(longer):
        return False
    if len(s) == 1:
        # one system word: a proper name as written, not a common noun
        raw = [w for w in re.split(r"[^\w]+", system) if w]
        return bool(raw) and raw[-1][:1].isupper()
    return True


def same_speaker(gold: str | None, system: str | None, alternatives: Iterable[str] = ()) -> bool:
    if not system:
        return not gold
    return any(_forms_match(name, system) for name in (gold, *alternatives) if name)
