"""``claimwatch check``: every finding family over a corpus, once per copy group.

Families (each finding has its type, documents, evidence spans into the stored text, a
one-sentence explanation and a severity):

* ``calendar_error``, ``conflict``, ``series`` and the value part of ``cross_outlet`` —
  ``link.consistency``;
* ``headline_body`` and ``cross_outlet`` between the relays of one story —
  ``link.relays``;
* ``arithmetic`` — ``link.arithmetic``.

**Copies.** An exact copy of a stored text (``Document.copy_of``) says nothing its
original does not: the checks run over originals only, and each finding lists the
copies of the documents it names (``Finding.copies``), so one problem shows once per
copy group, never once per copy or between two copies.

**Cost.** Each family pairs claims through keys (measured head, story, sentence, the
headline of one document), never all pairs of documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from ..errors import InputError
from ..lexicon import findings as lex
from ..model import Claim, Document
from . import consistency
from .arithmetic import arithmetic
from .consistency import FINDING_TYPES, Finding
from .relays import cross_outlet, headline_body
from .stories import Story, StoryPassage, split_copies

SEVERITIES = lex.SEVERITIES


def at_least(findings: Iterable[Finding], min_severity: str | None) -> list[Finding]:
    """The findings at ``min_severity`` or above (all of them for None)."""
    if min_severity is None:
        return list(findings)
    if min_severity not in SEVERITIES:
        raise InputError(f"unknown severity {min_severity!r}; use one of {', '.join(SEVERITIES)}")
    floor = SEVERITIES.index(min_severity)
    return [f for f in findings if SEVERITIES.index(f.severity) >= floor]


def check(
    claims: Iterable[Claim], documents: Iterable[Document] = (), stories: Iterable[Story] = (),
    min_severity: str | None = None,
) -> list[Finding]:
    """All findings over a corpus, in a stable order (see module docstring)."""
    docs = list(documents)
    originals, copies = split_copies(docs)
    copy_ids = {c for group in copies.values() for c in group}
    kept = [c for c in claims if c.doc not in copy_ids]
    story_list = list(stories)
    found = consistency.check(kept, originals, story_list)
    relayed = cross_outlet(story_list, originals, kept)
    # the relay check reads one story's figures more closely: where it names the same two
    # claims, the older value-only finding says less
    pairs = {frozenset(f.claims) for f in relayed}
    found = [f for f in found if not (f.type == "cross_outlet" and frozenset(f.claims) in pairs)]
    found += relayed + headline_body(originals, kept) + arithmetic(originals, kept)
    out = []
    passages = _passages_by_doc(story_list)
    for f in found:
        named = {e.doc for e in f.evidence}
        extra = tuple(sorted(c for d in named for c in copies.get(d, [])))
        out.append(replace(f, copies=extra, story=_story_label(f, passages)))
    order = {t: i for i, t in enumerate(FINDING_TYPES)}
    unique = {f.id: f for f in out}
    ranked = sorted(unique.values(), key=lambda f: (order[f.type], f.evidence[0].doc, f.evidence[0].start, f.id))
    return at_least(ranked, min_severity)


def _passages_by_doc(stories: Sequence[Story]) -> dict[str, list[tuple[Story, StoryPassage]]]:
    """Each document's story passages, stories in their order (one look-up a finding,
    not a pass over every story)."""
    by_doc: dict[str, list[tuple[Story, StoryPassage]]] = defaultdict(list)
    for story in stories:
        for p in story.passages:
            by_doc[p.doc].append((story, p))
    return by_doc


def _story_label(finding: Finding, passages: Mapping[str, Sequence[tuple[Story, StoryPassage]]]) -> str | None:
    """The label of the (first) story holding the finding's first evidence span, if any."""
    first = finding.evidence[0]
    for story, p in passages.get(first.doc, ()):
        if p.start <= first.start < max(p.end, p.start + 1):
            return story.label
    return None


def by_type(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        out[f.type].append(f)
    return out
