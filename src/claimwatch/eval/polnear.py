"""Scoring quotes and speakers against PolNeAR attributions.

PolNeAR (``external/polnear-dev``) annotates attributions in brat standoff: Source,
Cue and Content spans joined by an ``Attribution`` event. Only attributions whose
cue is a *speech* cue (``lexicon.speech.POLNEAR_SPEECH_CUES``) are scored; belief
and perception cues ("think", "fear") are out of this extractor's scope. When an
article has several annotation files, the first in sorted order is used.

Definitions (printed by the gate):
- content recall: share of gold speech attributions whose Content span is
  overlapped by the content span of some system quote;
- source accuracy: of those matched attributions that have a Source span, the
  share where the system quote's speaker mention (the span in the text that
  names the speaker at that quote: a name, a role phrase or a pronoun) overlaps
  the gold Source span. A pronoun source is right when the system also picked the
  pronoun mention; resolving it to the person is measured by the quote gold instead.

The project's quote gold (``quotes`` fields of the gold files) is scored by the gate
on the store's quotes (``gate.score_quotes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extract import nlp as nlp_mod
from ..extract.quotes import find_quotes
from ..lexicon import speech as lex
from ..model import Quote

_DIGIT = re.compile(r"\d")
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write", "written": "write"}


def extract_quotes(text: str, nlp: Any) -> list[Quote]:
    """Run quote extraction as the pipeline does: parse only sentences with digits or speech."""
    from ..extract.people import merge_name_variants
    from ..extract.pipeline import select_and_parse

    sentences = nlp_mod.split_sentences(text)
    parsed = select_and_parse(nlp, sentences)
    quotes, people = find_quotes(text, sentences, parsed)
    quotes, _ = merge_name_variants(quotes, people)
    return quotes


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


# ---------------------------------------------------------------- PolNeAR
@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...]
    cue: str


@dataclass(frozen=True)
class PolnearScore:
    files: int
    gold: int  # speech attributions
    matched: int  # content overlapped by a system quote
    with_source: int  # matched ones that have a gold Source
    source_right: int
    system_quotes: int

    @property
    def content_recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def source_accuracy(self) -> float:
        return self.source_right / self.with_source if self.with_source else 0.0


def is_speech_cue(cue: str) -> bool:
    """Whether a PolNeAR cue text is a speech cue (said, told, according to, …)."""
    low = cue.lower()
    if "according to" in low:
        return True
    for word in re.findall(r"[a-z]+", low):
        lemma = _IRREGULAR.get(word, word)
        candidates = {lemma}
        for suffix in ("ing", "ed", "es", "s", "d"):
            if lemma.endswith(suffix):
                stem = lemma[: -len(suffix)]
                candidates.update({stem, stem + "e"})
        if candidates & lex.POLNEAR_SPEECH_CUES:
            return True
    return False


def _spans(field: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(path: Path) -> list[GoldAttribution]:
    """Attributions of one brat .ann file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(offsets), parts[2] if len(parts) > 2 else "")
        elif line.startswith("E") and len(parts) >= 2:
            roles = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles[re.sub(r"\d+$", "", role)] = ref
            events.append(roles)
    found = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        cue = spans.get(ev.get("Cue", ""))
        if content is None or cue is None:
            continue
        source = spans.get(ev.get("Source", ""))
        found.append(GoldAttribution(content[1], source[1] if source else (), cue[2]))
    return found


def polnear_pairs(directory: Path) -> list[tuple[Path, Path]]:
    """(text, first annotation) pairs of a PolNeAR split directory."""
    anns: dict[str, Path] = {}
    for ann in sorted((directory / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)
    pairs = []
    for txt in sorted((directory / "text").glob("*.txt")):
        if txt.stem in anns:
            pairs.append((txt, anns[txt.stem]))
    return pairs


def score_polnear(directory: Path, limit: int | None = None, nlp: Any = None) -> PolnearScore:
    """Score quote extraction on a PolNeAR split (first ``limit`` articles when given)."""
    nlp = nlp or nlp_mod.load_model()
    pairs = polnear_pairs(directory)[:limit] if limit else polnear_pairs(directory)
    gold_n = matched = with_source = right = sys_n = 0
    for txt, ann in pairs:
        text = txt.read_text(encoding="utf-8")
        quotes = extract_quotes(text, nlp)
        sys_n += len(quotes)
        for att in read_ann(ann):
            if not is_speech_cue(att.cue):
                continue
            gold_n += 1
            best, best_ov = None, 0
            for q in quotes:
                ov = sum(_overlap(q.start, q.end, a, b) for a, b in att.content)
                if ov > best_ov:
                    best, best_ov = q, ov
            if best is None:
                continue
            matched += 1
            if att.source:
                with_source += 1
                if best.speaker_start is not None and best.speaker_end is not None and any(
                    _overlap(best.speaker_start, best.speaker_end, a, b) for a, b in att.source
                ):
                    right += 1
    return PolnearScore(len(pairs), gold_n, matched, with_source, right, sys_n)
