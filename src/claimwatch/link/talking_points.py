"""Talking points: the same sentence (or a reworded one) recycled across documents.

Two passes find sentence pairs across documents:

1. **near-exact** — MinHash signatures over word 3-shingles of the normalized
   sentence, banded into an LSH table (16 bands x 4 rows, so pairs above a shingle
   Jaccard of about 0.5 collide). A colliding pair whose estimated Jaccard reaches
   ``NEAR_EXACT_JACCARD`` is linked directly.
2. **reworded** — a second, looser LSH over the *set of content-word stems*
   (32 bands x 2 rows: pairs sharing about a fifth of their content words
   collide) proposes candidates; a candidate is linked when the TF-IDF cosine of
   the two sentences (scikit-learn, sublinear tf, IDF over every indexed sentence)
   reaches ``SEMANTIC_COSINE``. The semantic pass only ever scores candidate
   pairs, never all pairs.

Linked sentences form clusters (union-find); within a cluster, adjacent sentences
of one document become one occurrence (a wording split in two sentences). Only
clusters seen in two or more documents are talking points.

The index is incremental: ``add`` computes signatures for the new documents only
and queries the band tables, so candidate pairs are found once, whatever the batch
order. Scores that depend on the whole corpus (IDF) are computed when clusters are
read, over the stored candidate pairs only, so adding in batches gives exactly the
result of adding everything at once. ``to_bytes``/``from_bytes`` serialize the
index (signatures, band tables, tokens, candidate pairs) for the store.

The MinHash/banding is done with numpy rather than ``datasketch.MinHashLSH``:
signatures for a whole batch are one vectorized operation and the band tables are
plain dicts of stable 64-bit keys, which keeps the LSH part well under a
millisecond per article and makes the state trivially serializable.
"""

from __future__ import annotations

import difflib
import hashlib
import pickle
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from ..extract.nlp import split_sentences
from ..model import Document, Extraction, Quote, Span

# ---------------------------------------------------------------------------
# Tunables (rules as data). Thresholds were tuned on the shared gold links.
# ---------------------------------------------------------------------------
MIN_WORDS = 7  # a substantive sentence has at least this many words ...
MIN_CHARS = 40  # ... and this many characters
SHINGLE_SIZE = 3
EXACT_BANDS, EXACT_ROWS = 16, 4
SEMANTIC_BANDS, SEMANTIC_ROWS = 32, 2
NEAR_EXACT_JACCARD = 0.5
# An edited copy keeps most words in order: word-sequence overlap (of the shorter
# sentence) at least this, with a TF-IDF cosine at least SEMANTIC_COSINE.
SEQUENCE_OVERLAP = 0.65
SEMANTIC_COSINE = 0.40
# A reworded piece of background boilerplate ("officials have stressed that ...")
# keeps its common words, not its order: between two *generic* sentences, a TF-IDF
# cosine over the lower-case (non-name) words at least this.
GENERIC_COSINE = 0.29
GENERIC_MIN_WORDS = 12
GENERIC_MIN_SHARED = 5  # ... sharing at least this many of those common stems
# A band bucket shared by very many sentences (boilerplate in hundreds of
# articles) would make candidates quadratic: a new sentence is paired with the
# most recent members only, which keeps clusters connected.
MAX_BUCKET_PAIRS = 32
REPORTING_VERBS = (
    "said|says|say|added|noted|continued|stressed|told|announced|declared|asserted|underlined|"
    "emphasized|emphasised|highlighted|explained|stated|remarked|warned|reiterated|wrote"
)
# A sentence is *specific* (tied to one speaker, moment or figure, so a rewording of
# it is a report of the same event, not recycled background) when it has a number,
# quotation marks, a question, first-person words, or a named or pronoun speaker
# next to a reporting verb.
SPECIFIC_SENTENCE = re.compile(
    r"\d|[\"\u201c\u201d]|\?"
    r"|\b(?:I|we|We|our|Our|us|my|My)\b"
    rf"|\b(?:he|she|He|She)\b[^.]{{0,20}}?\b(?:{REPORTING_VERBS})\b"
    rf"|\b(?:{REPORTING_VERBS}),?\s+(?:he|she)\b"
    rf"|[A-Z][\w\u2019'-]+\s+[A-Z][\w\u2019'-]+(?:\s+[A-Z][\w\u2019'-]+)*,?\s+(?:\w+\s+){{0,3}}?(?:{REPORTING_VERBS})\b"
)
_RAW_WORD = re.compile(r"[\w\u2019'-]+")
FORMAT_VERSION = 2
# News function words that carry no topic: they would make unrelated sentences
# look alike ("the spokesman said ..." / "the minister said ...").
EXTRA_STOP_WORDS = frozenset(
    {
        "said", "say", "says", "told", "added", "noted", "according", "also", "stated",
        "stressed", "underscored", "emphasized", "highlighted", "pointed", "mr", "ms", "mrs",
        "year", "years", "week", "month", "time", "new", "just", "like", "including",
    }
)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | EXTRA_STOP_WORDS
# Light suffix stripping so "produced"/"production"/"produce" share a stem; longest first.
SUFFIXES = (
    "ations", "ation", "ments", "ment", "ingly", "ings", "ing", "ions", "ion", "ities", "ity",
    "ies", "ied", "ers", "er", "ed", "es", "ly", "s",
)
MIN_STEM = 4
_PUNCT_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*%?|%")


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class LinkDocument:
    """What the cross-document linkers read about one document.

    ``text`` is the stored text; ``excluded`` spans (metadata, chrome) are blanked
    before sentences are found, so every offset is an offset into ``text``.
    ``sentences`` may be given (e.g. from an Extraction); otherwise they are split here.
    """

    doc: str
    text: str
    outlet: str | None = None
    published: date | None = None
    sentences: tuple[Span, ...] = ()
    excluded: tuple[Span, ...] = ()
    quotes: tuple[Quote, ...] = ()
    speakers: tuple[str, ...] = ()
    said_on: tuple[date, ...] = ()

    @classmethod
    def from_document(cls, document: Document, extraction: Extraction | None = None) -> LinkDocument:
        """Build the linker's view of a stored document (and its extraction, if any)."""
        quotes: tuple[Quote, ...] = extraction.quotes if extraction else ()
        speakers = tuple(sorted({q.speaker for q in quotes if q.speaker}))
        said_on = tuple(sorted({c.said_on for c in extraction.claims if c.said_on})) if extraction else ()
        return cls(
            doc=document.id,
            text=document.text,
            outlet=document.outlet,
            published=document.published,
            excluded=document.excluded,
            quotes=quotes,
            speakers=speakers,
            said_on=said_on,
        )

    def reading_text(self) -> str:
        """The text with excluded spans blanked (same length, same offsets)."""
        if not self.excluded:
            return self.text
        chars = list(self.text)
        for span in self.excluded:
            for i in range(max(0, span.start), min(len(chars), span.end)):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    def sentence_spans(self) -> tuple[Span, ...]:
        """Given sentences, or rule-based ones over the blanked text (evidence from ``text``)."""
        if self.sentences:
            return self.sentences
        blanked = self.reading_text()
        return tuple(Span(s.start, s.end, self.text[s.start : s.end]) for s in split_sentences(blanked))


@dataclass(frozen=True)
class Occurrence:
    """One place a talking point appears; ``evidence == text[start:end]``."""

    doc: str
    start: int
    end: int
    evidence: str
    outlet: str | None = None
    published: date | None = None
    similarity: float = 1.0  # TF-IDF cosine to the canonical wording


@dataclass(frozen=True)
class TalkingPoint:
    id: str  # stable: hash of the normalized canonical text
    text: str  # canonical wording: the most frequent, then the earliest
    occurrences: tuple[Occurrence, ...]
    outlets: tuple[str, ...] = ()
    first_seen: date | None = None
    last_seen: date | None = None
    drift: float = 0.0  # 1 - mean similarity of the occurrences to the canonical wording

    @property
    def docs(self) -> tuple[str, ...]:
        return tuple(sorted({o.doc for o in self.occurrences}))


@dataclass
class _Sentence:
    doc: str
    position: int  # index of the sentence among the document's substantive sentences
    start: int
    end: int
    text: str
    normalized: str
    stems: tuple[str, ...]
    gap_before: str  # stored text between the previous indexed sentence and this one
    common: tuple[str, ...]  # content stems of lower-case words
    generic: bool
    exact_sig: np.ndarray
    semantic_sig: np.ndarray


@dataclass
class _DocInfo:
    doc: str
    order: int
    outlet: str | None
    published: date | None
    sentence_ids: list[int] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Text normalization
# ---------------------------------------------------------------------------
def normalize(text: str) -> str:
    """Lower-case, fold quotes/dashes and accents, drop thousands separators."""
    folded = text.translate(_PUNCT_FOLD)
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.lower()
    folded = re.sub(r"(?<=\d),(?=\d{3}\b)", "", folded)
    folded = re.sub(r"\s*\bper\s*cent\b|\s*\bpercent\b", "%", folded)
    return " ".join(_WORD.findall(folded))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix-stripping stem (enough to align inflections of one word)."""
    if word[0].isdigit():
        return word
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def content_stems(normalized: str) -> tuple[str, ...]:
    """Stems of the content words (stop words dropped; numbers kept) in order."""
    return tuple(stem(w) for w in normalized.split() if w not in STOP_WORDS and (len(w) > 1 or w == "%"))


def is_generic(text: str) -> bool:
    """Background wording: long, and not tied to a speaker, figure or quote."""
    return len(text.split()) >= GENERIC_MIN_WORDS and SPECIFIC_SENTENCE.search(text) is None


def common_stems(text: str) -> tuple[str, ...]:
    """Content stems of the words written in lower case (names dropped)."""
    words = [w for w in _RAW_WORD.findall(text) if w[0].islower()]
    return content_stems(normalize(" ".join(words)))


def sequence_overlap(a: str, b: str) -> float:
    """Share of the shorter word sequence found, in order, in the other."""
    left, right = a.split(), b.split()
    if not left or not right:
        return 0.0
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / min(len(left), len(right))


def is_substantive(text: str) -> bool:
    """Long enough to be a claim or a line of argument, not a heading or byline."""
    return len(text) >= MIN_CHARS and len(text.split()) >= MIN_WORDS


# ---------------------------------------------------------------------------
# MinHash + banding (vectorized)
# ---------------------------------------------------------------------------
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(seed)
    a = rng.randint(0, 1 << 62, size=num_perm, dtype=np.int64).astype(np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.randint(0, 1 << 62, size=num_perm, dtype=np.int64).astype(np.uint64)
    return a, b


_EXACT_PERM = _permutations(EXACT_BANDS * EXACT_ROWS, seed=1)
_SEMANTIC_PERM = _permutations(SEMANTIC_BANDS * SEMANTIC_ROWS, seed=2)


def _signatures(feature_sets: Sequence[Sequence[str]], perm: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """MinHash signatures (rows) of many feature sets in one numpy pass."""
    a, b = perm
    num_perm = a.shape[0]
    lengths = [max(1, len(set(f))) for f in feature_sets]
    hashes = np.empty(sum(lengths), dtype=np.uint64)
    pos = 0
    for feats, n in zip(feature_sets, lengths, strict=True):
        uniq = set(feats) or {""}
        hashes[pos : pos + n] = [zlib.crc32(f.encode("utf-8")) for f in uniq]
        pos += n
    # multiply-shift universal hashing (a odd, arithmetic mod 2**64): no slow modulo
    with np.errstate(over="ignore"):
        permuted = (np.outer(hashes, a) + b) >> np.uint64(32)
    starts = np.cumsum([0, *lengths[:-1]])
    if not feature_sets:
        return np.empty((0, num_perm), dtype=np.uint64)
    return np.minimum.reduceat(permuted, starts, axis=0)


_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5], dtype=np.uint64)


def _band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Stable 64-bit key per (sentence, band): band index mixed with its rows."""
    shaped = signatures.reshape(signatures.shape[0], bands, rows)
    with np.errstate(over="ignore"):
        mixed = (shaped * _BAND_MIX[:rows]).sum(axis=2, dtype=np.uint64)
        mixed ^= np.arange(bands, dtype=np.uint64) * np.uint64(0x100000001B3)
    return mixed


def _shingles(normalized: str) -> list[str]:
    words = normalized.split()
    if len(words) <= SHINGLE_SIZE:
        return [" ".join(words)]
    return [" ".join(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1)]


# ---------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------
class TalkingPointIndex:
    """Incremental index of substantive sentences; clusters are read on demand."""

    def __init__(self, near_exact_jaccard: float = NEAR_EXACT_JACCARD, semantic_cosine: float = SEMANTIC_COSINE) -> None:
        self.near_exact_jaccard = near_exact_jaccard
        self.semantic_cosine = semantic_cosine
        self._sentences: list[_Sentence] = []
        self._docs: dict[str, _DocInfo] = {}
        self._exact_bands: dict[int, list[int]] = defaultdict(list)
        self._semantic_bands: dict[int, list[int]] = defaultdict(list)
        # candidate pairs (i < j, different documents) -> found by the near-exact pass
        self._candidates: dict[tuple[int, int], bool] = {}

    # -- building ---------------------------------------------------------
    def add(self, documents: Iterable[LinkDocument]) -> None:
        """Index new documents: signatures for them only, queried against the band tables.

        A document id already in the index is skipped (re-adding is a no-op).
        """
        new: list[_Sentence] = []
        for document in documents:
            if document.doc in self._docs:
                continue
            info = _DocInfo(document.doc, len(self._docs), document.outlet, document.published)
            self._docs[document.doc] = info
            previous_end = 0
            for span in document.sentence_spans():
                if not is_substantive(span.text):
                    continue
                normalized = normalize(span.text)
                stems = content_stems(normalized)
                if len(stems) < 3:
                    continue
                gap = document.text[previous_end : span.start]
                previous_end = span.end
                new.append(
                    _Sentence(document.doc, len(info.sentence_ids), span.start, span.end, span.text,
                              normalized, stems, gap, common_stems(span.text), is_generic(span.text), np.empty(0, np.uint64), np.empty(0, np.uint64))
                )
                info.sentence_ids.append(len(self._sentences) + len(new) - 1)
        if not new:
            return
        exact = _signatures([_shingles(s.normalized) for s in new], _EXACT_PERM)
        semantic = _signatures([s.stems for s in new], _SEMANTIC_PERM)
        exact_keys = _band_keys(exact, EXACT_BANDS, EXACT_ROWS)
        semantic_keys = _band_keys(semantic, SEMANTIC_BANDS, SEMANTIC_ROWS)
        base = len(self._sentences)
        for offset, sentence in enumerate(new):
            sentence.exact_sig, sentence.semantic_sig = exact[offset], semantic[offset]
            self._sentences.append(sentence)
            sid = base + offset
            self._insert(sid, exact_keys[offset].tolist(), self._exact_bands, near_exact=True)
            self._insert(sid, semantic_keys[offset].tolist(), self._semantic_bands, near_exact=False)

    def _insert(self, sid: int, keys: list[int], table: dict[int, list[int]], near_exact: bool) -> None:
        doc = self._sentences[sid].doc
        for key in keys:
            bucket = table[key]
            for other in bucket[-MAX_BUCKET_PAIRS:]:
                if self._sentences[other].doc == doc:
                    continue
                pair = (other, sid)
                self._candidates[pair] = self._candidates.get(pair, False) or near_exact
            bucket.append(sid)

    # -- reading ----------------------------------------------------------
    @property
    def doc_ids(self) -> list[str]:
        return list(self._docs)

    def linked_pairs(self) -> list[tuple[int, int, float]]:
        """Accepted sentence pairs with their score (see the module docstring for the rules)."""
        if not self._candidates:
            return []
        pairs = sorted(self._candidates)
        left = np.array([p[0] for p in pairs])
        right = np.array([p[1] for p in pairs])
        cosines = _row_cosines(self._tfidf([s.stems for s in self._sentences]), left, right)
        common = _row_cosines(self._tfidf([s.common for s in self._sentences]), left, right)
        accepted: list[tuple[int, int, float]] = []
        for (i, j), cosine, common_cosine in zip(pairs, cosines, common, strict=True):
            a, b = self._sentences[i], self._sentences[j]
            if self._candidates[(i, j)]:
                jaccard = float(np.mean(a.exact_sig == b.exact_sig))
                if jaccard >= self.near_exact_jaccard:
                    accepted.append((i, j, max(jaccard, float(cosine))))
                    continue
            if (
                a.generic and b.generic and common_cosine >= GENERIC_COSINE
                and len(set(a.common) & set(b.common)) >= GENERIC_MIN_SHARED
            ):
                accepted.append((i, j, float(cosine)))
            elif cosine >= self.semantic_cosine and sequence_overlap(a.normalized, b.normalized) >= SEQUENCE_OVERLAP:
                accepted.append((i, j, float(cosine)))
        return accepted

    @staticmethod
    def _tfidf(token_lists: list[tuple[str, ...]]) -> Any:
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
        return vectorizer.fit_transform(token_lists).tocsr()

    def talking_points(self) -> list[TalkingPoint]:
        """Clusters of linked sentences that occur in at least two documents."""
        parent = list(range(len(self._sentences)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for i, j, _ in self.linked_pairs():
            ri, rj = find(i), find(j)
            if ri != rj:
                parent[max(ri, rj)] = min(ri, rj)
        groups: dict[int, list[int]] = defaultdict(list)
        for sid in range(len(self._sentences)):
            groups[find(sid)].append(sid)
        clusters = [members for members in groups.values() if len({self._sentences[m].doc for m in members}) >= 2]
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
        vectorizer.fit([s.stems for s in self._sentences])
        points = [self._build_point(members, vectorizer) for members in clusters]
        points.sort(key=lambda p: (p.first_seen or date.max, -len(p.occurrences), p.id))
        return points

    def _build_point(self, members: list[int], vectorizer: TfidfVectorizer) -> TalkingPoint:
        by_doc: dict[str, list[_Sentence]] = defaultdict(list)
        for sid in members:
            by_doc[self._sentences[sid].doc].append(self._sentences[sid])
        units: list[_Unit] = []
        for doc, sentences in by_doc.items():
            sentences.sort(key=lambda s: s.position)
            run = [sentences[0]]
            for sentence in sentences[1:]:
                if sentence.position == run[-1].position + 1:
                    run.append(sentence)
                else:
                    units.append(_Unit(doc, tuple(run)))
                    run = [sentence]
            units.append(_Unit(doc, tuple(run)))
        canonical = self._canonical(units)
        vectors = vectorizer.transform([u.stems for u in units])
        canon_vec = vectorizer.transform([canonical.stems])
        sims = np.asarray((vectors @ canon_vec.T).todense()).ravel()
        occurrences = []
        for unit, sim in zip(units, sims, strict=True):
            info = self._docs[unit.doc]
            occurrences.append(
                Occurrence(unit.doc, unit.start, unit.end, unit.text, info.outlet, info.published, round(float(sim), 4))
            )
        occurrences.sort(key=lambda o: (o.doc, o.start))
        dates = [o.published for o in occurrences if o.published]
        return TalkingPoint(
            id=hashlib.sha1(canonical.normalized.encode("utf-8")).hexdigest()[:16],
            text=canonical.text,
            occurrences=tuple(occurrences),
            outlets=tuple(sorted({o.outlet for o in occurrences if o.outlet})),
            first_seen=min(dates) if dates else None,
            last_seen=max(dates) if dates else None,
            drift=round(1.0 - float(np.mean(sims)), 4),
        )

    def _canonical(self, units: list[_Unit]) -> _Unit:
        """The most frequent wording; ties go to the earliest published, then first indexed."""
        counts = Counter(u.normalized for u in units)

        def rank(u: _Unit) -> tuple[int, date, str, int]:
            return (-counts[u.normalized], self._docs[u.doc].published or date.max, u.doc, u.start)

        return min(units, key=rank)

    # -- serialization ----------------------------------------------------
    def to_bytes(self) -> bytes:
        """Serialize the whole index (pickle of plain data and numpy arrays)."""
        state = {
            "version": FORMAT_VERSION,
            "thresholds": (self.near_exact_jaccard, self.semantic_cosine),
            "sentences": self._sentences,
            "docs": self._docs,
            "exact_bands": dict(self._exact_bands),
            "semantic_bands": dict(self._semantic_bands),
            "candidates": self._candidates,
        }
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> TalkingPointIndex:
        """Load an index written by ``to_bytes`` (only load bytes this program wrote)."""
        state = pickle.loads(data)  # noqa: S301 - the store only holds bytes we wrote
        if state.get("version") != FORMAT_VERSION:
            raise ValueError(f"unsupported talking-point index version {state.get('version')!r}")
        index = cls(*state["thresholds"])
        index._sentences = state["sentences"]
        index._docs = state["docs"]
        index._exact_bands = defaultdict(list, state["exact_bands"])
        index._semantic_bands = defaultdict(list, state["semantic_bands"])
        index._candidates = state["candidates"]
        return index


def _row_cosines(matrix: Any, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Cosine of row pairs of an L2-normalized sparse matrix (pairs only, never all)."""
    return np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()


def _identity(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tokens


@dataclass(frozen=True)
class _Unit:
    """Consecutive indexed sentences of one document in one cluster: one occurrence."""

    doc: str
    run: tuple[_Sentence, ...]

    @property
    def start(self) -> int:
        return self.run[0].start

    @property
    def end(self) -> int:
        return self.run[-1].end

    @property
    def text(self) -> str:
        # stored text from the first sentence to the last, gaps included
        return self.run[0].text + "".join(s.gap_before + s.text for s in self.run[1:])

    @property
    def stems(self) -> tuple[str, ...]:
        return tuple(stem for sentence in self.run for stem in sentence.stems)

    @property
    def normalized(self) -> str:
        return " ".join(sentence.normalized for sentence in self.run)


def find_talking_points(documents: Iterable[LinkDocument], **thresholds: float) -> list[TalkingPoint]:
    """Talking points of a set of documents, all at once."""
    index = TalkingPointIndex(**thresholds)
    index.add(documents)
    return index.talking_points()
