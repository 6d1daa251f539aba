"""Recycled sentences across a partitioned archive: MinHash LSH banding as a group-by.

Each partition indexes its own documents (``TalkingPointIndex``: the same sentences,
signatures and band keys as the store's index) and emits one row per sentence and band
key, plus a ``copy`` key (a digest of the normalized wording) so word-for-word repeats
meet whatever partition they are in. Grouping all rows by (pass, band, key) brings
together exactly the sentences that share a band: candidate pairs, found without
comparing all pairs. Near-exact candidates are checked against their MinHash Jaccard
and joined into groups of recycled sentences (``recycled_groups``).

A bucket holding very many sentences (boilerplate) links each sentence to the
``lex.MAX_CANDIDATES_PER_SENTENCE`` before it only, as the store's index does, so the
pairs grow linearly with the archive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..lexicon import links as lex
from ..model import Document
from .talking_points import TalkingPointIndex, from_signature

# one row per sentence and key: (doc, start, end, text, signature, pass, band, key)
BandRow = tuple[str, int, int, str, bytes, str, int, int]
BAND_COLUMNS = ("doc_id", "start", "end", "text", "signature", "lsh", "band", "key")
NEAR_EXACT_PASSES = ("copy", "exact")


def band_rows(documents: Iterable[Document]) -> list[BandRow]:
    """The band rows of these documents' indexed sentences."""
    index = TalkingPointIndex()
    index.add(documents)
    rows = index.pending_rows()
    keys: dict[int, list[tuple[str, int, int]]] = {}
    for row in rows.bands:
        keys.setdefault(row.sentence, []).append((row.lsh, row.band, row.key))
    first_of: dict[str, tuple[int, bytes]] = {}  # normalized wording -> its first sentence and signature
    out: list[BandRow] = []
    for s in rows.sentences:
        if s.normalized not in first_of and s.signature is not None:
            first_of[s.normalized] = (s.id, s.signature)
        first, signature = first_of[s.normalized]
        copy_key = int.from_bytes(hashlib.blake2b(s.normalized.encode(), digest_size=8).digest(), "little", signed=True)
        for lsh, band_no, key in [("copy", 0, copy_key), *keys.get(first, [])]:
            out.append((s.doc, s.start, s.end, s.text, signature, lsh, band_no, key))
    return out


def bucket_pairs(rows: Sequence[BandRow]) -> list[tuple[tuple[str, int], tuple[str, int], bool]]:
    """Candidate pairs of one (pass, band, key) bucket: sentences of different documents,
    each linked to the most recent ones before it (ordered by document and offset)."""
    members = sorted({(r[0], r[1]) for r in rows})
    near = rows[0][5] in NEAR_EXACT_PASSES if rows else False
    pairs = []
    for i, (doc, start) in enumerate(members):
        earlier = [m for m in members[:i] if m[0] != doc][-lex.MAX_CANDIDATES_PER_SENTENCE :]
        pairs += [(m, (doc, start), near) for m in earlier]
    return pairs


@dataclass(frozen=True)
class RecycledSentence:
    doc: str
    start: int
    end: int
    text: str


def recycled_groups(
    pairs: Iterable[tuple[tuple[str, int], tuple[str, int], bool]],
    sentences: dict[tuple[str, int], tuple[int, str, bytes]],
    threshold: float = lex.NEAR_EXACT_JACCARD,
) -> list[list[RecycledSentence]]:
    """Groups of near-exact recycled sentences: near-exact candidates whose MinHash
    Jaccard reaches ``threshold``, joined transitively; each group in document order."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, near in pairs:
        if not near:
            continue
        sig_a, sig_b = sentences[a][2], sentences[b][2]
        if sig_a == sig_b or from_signature(sig_a).jaccard(from_signature(sig_b)) >= threshold:
            parent[find(a)] = find(b)
    groups: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for member in parent:
        groups.setdefault(find(member), []).append(member)
    return sorted(
        (
            [RecycledSentence(doc, start, sentences[(doc, start)][0], sentences[(doc, start)][1]) for doc, start in sorted(g)]
            for g in groups.values()
            if len({doc for doc, _ in g}) > 1
        ),
        key=lambda g: (g[0].doc, g[0].start),
    )
