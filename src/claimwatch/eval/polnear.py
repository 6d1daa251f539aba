"""Scoring quotes and speakers: against PolNeAR attributions and the project's quote gold.

PolNeAR (``external/polnear-dev``) annotates attributions in brat standoff: Source,
Cue and Content spans joined by an ``Attribution`` event. Only attributions whose
cue is a *speech* cue (``lexicon.speech.POLNEAR_SPEECH_CUES``) are scored; belief
and perception cues ("think", "fear") are out of this extractor's scope. When an
article has several annotation files, the first in sorted order is used.

Definitions (printed by ``main``):
- content recall: share of gold speech attributions whose Content span is
  overlapped by the content span of some system quote;
- source accuracy: of those matched attributions that have a Source span, the
  share where the system quote's speaker mention (the span in the text that
  names the speaker at that quote: a name, a role phrase or a pronoun) overlaps
  the gold Source span. A pronoun source is right when the system also picked the
  pronoun mention; resolving it to the person is measured by the quote gold instead.

The quote gold (``gold/dev.jsonl`` ``quotes``) is scored by ``score_quote_gold``:
quote recall and precision by span overlap in the same document, and speaker
accuracy of the matched gold quotes (equal names, or one a token subset of the other).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
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


# ---------------------------------------------------------------- project quote gold
@dataclass(frozen=True)
class QuoteGoldScore:
    gold: int
    matched_gold: int
    system: int
    matched_system: int
    speaker_right: int

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.matched_system / self.system if self.system else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched_gold if self.matched_gold else 0.0


def same_speaker(system: str | None, gold: str | None) -> bool:
    """Equal names, or one's words a subset of the other's ("Ashtiani" ~ "Mohammad Reza Ashtiani")."""
    if system is None or gold is None:
        return system is None and gold is None
    a = set(re.findall(r"\w+", system.lower()))
    b = set(re.findall(r"\w+", gold.lower()))
    return bool(a) and bool(b) and (a <= b or b <= a)


def score_quote_gold(
    gold_path: Path, corpus_path: Path, nlp: Any = None, misses: list[str] | None = None
) -> QuoteGoldScore:
    """Score against gold ``quotes`` (only documents that have that field are counted)."""
    nlp = nlp or nlp_mod.load_model()
    texts = {}
    for line in corpus_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    gold_n = matched_gold = sys_n = matched_sys = right = 0
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if not row.get("quotes") or row["doc"] not in texts:
            continue
        text = texts[row["doc"]]
        quotes = extract_quotes(text, nlp)
        gold_spans = []
        for g in row["quotes"]:
            at = text.find(g["evidence"])
            if at >= 0:
                gold_spans.append((at, at + len(g["evidence"]), g.get("speaker")))
        gold_n += len(gold_spans)
        sys_n += len(quotes)
        matched_sys += sum(1 for q in quotes if any(_overlap(q.start, q.end, a, b) for a, b, _ in gold_spans))
        for a, b, speaker in gold_spans:
            best = max(quotes, key=lambda q: _overlap(q.start, q.end, a, b), default=None)
            if best is None or not _overlap(best.start, best.end, a, b):
                if misses is not None:
                    misses.append(f"{row['doc']} MISS {speaker!r}: {text[a:b][:90]}")
                continue
            matched_gold += 1
            if same_speaker(best.speaker, speaker):
                right += 1
            elif misses is not None:
                misses.append(f"{row['doc']} SPEAKER sys={best.speaker!r} gold={speaker!r}: {text[a:b][:70]}")
    return QuoteGoldScore(gold_n, matched_gold, sys_n, matched_sys, right)


def _print(lines: Iterable[str]) -> None:
    for line in lines:
        print(line)


def main(argv: list[str] | None = None) -> int:
    """``python -m claimwatch.eval.polnear DIR [--limit N]``: print PolNeAR scores."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m claimwatch.eval.polnear DIR [--limit N]", file=sys.stderr)
        return 2
    limit = None
    if "--limit" in args:
        k = args.index("--limit")
        limit = int(args[k + 1])
        del args[k : k + 2]
    score = score_polnear(Path(args[0]), limit)
    _print(
        [
            f"files: {score.files}  system quotes: {score.system_quotes}",
            f"gold speech attributions: {score.gold}",
            f"content recall: {score.content_recall:.3f} ({score.matched}/{score.gold})"
            "  [gold Content overlapped by a system quote]",
            f"source accuracy: {score.source_accuracy:.3f} ({score.source_right}/{score.with_source})"
            "  [system speaker mention overlaps gold Source, of matched with a Source]",
        ]
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
