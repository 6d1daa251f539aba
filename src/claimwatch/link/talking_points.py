"""Talking points: the same sentence (or a reworded one) recycled across documents.

Two passes find sentence pairs across documents, both on ``datasketch`` MinHash
signatures (``LeanMinHash`` kept per sentence) split into LSH bands: sentences that
share one band's hash are candidates.

1. **near-exact** — MinHash over word 3-shingles of the normalized sentence,
   banded 16 x 4 (pairs above a shingle Jaccard of about 0.5 collide). A colliding
   pair whose estimated Jaccard reaches ``NEAR_EXACT_JACCARD`` is linked directly.
2. **reworded** — a second, looser LSH over the *set of content-word concepts*
   (stems, with common news synonyms folded: "specialists"/"experts",
   "purchase"/"buy", "ten years"/"decade"; 32 x 2 bands) proposes candidates. A
   candidate is linked when

   * both sentences are *generic* background (no figure, quote or named speaker)
     and share enough of their common (lower-case) concepts, by TF-IDF cosine; or
   * the TF-IDF cosine reaches ``SEMANTIC_COSINE`` and most words appear in the
     same order (an edited copy) — and either the two documents are copies of
     each other (they share a near-exact *specific* sentence: one wire text, two
     outlets) or neither sentence is *anchored* to one occasion (a quote, a
     past-tense "said", a named day). Two independent reports of one event
     restate its dated facts in similar words; that makes them one story (see
     ``stories``), not a recycled talking point.

   The reworded pass only ever scores candidate pairs, never all pairs.

Linked sentences form clusters (union-find); within a cluster, adjacent sentences
of one document become one occurrence (a wording split in two sentences). Only
clusters seen in two or more documents are talking points.

The index is incremental: ``add`` computes signatures for the new documents only
and queries the LSH tables, so candidate pairs are found once, whatever the batch
order. Scores that depend on the whole corpus (IDF, which documents are copies)
are computed when clusters are read, over the stored candidate pairs only, so
adding in batches gives exactly the result of adding everything at once.

The index is kept as rows (``claimwatch.model.TalkingPointRows``: documents, sentences
with their signature, band hashes, candidate pairs), which the store writes to plain
SQL tables: ``pending_rows`` is what was added since the index was loaded, so a save
writes only the new batch, and ``from_rows`` rebuilds the index from the stored rows.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from itertools import chain
from typing import Any

import datasketch
import numpy as np
from datasketch import LeanMinHash, MinHash
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from ..extract.nlp import split_sentences
from ..extract.versions import component_version
from ..lexicon import links as lex
from ..model import (
    CandidateArrays,
    CandidatePair,
    Document,
    IndexedDocument,
    IndexedSentence,
    SentenceBand,
    Span,
    TalkingPointRows,
)

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | lex.EXTRA_STOP_WORDS
_RAW_WORD = re.compile(r"[\w\u2019'-]+")
_PUNCT_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*%?|%")
_PHRASES = tuple((re.compile(pattern), replacement) for pattern, replacement in lex.PHRASE_SYNONYMS)


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------
def sentence_spans(document: Document) -> tuple[Span, ...]:
    """Rule-based sentences of the text with excluded spans (metadata, chrome) blanked;
    evidence and offsets are those of the stored text."""
    blanked = document.extraction_text()
    return tuple(Span(s.start, s.end, document.text[s.start : s.end]) for s in split_sentences(blanked))


@cache
def index_version() -> str:
    """The version of the index's rows: a digest of the code and lexicon that compute them."""
    # datasketch's version too: its hashing decides the stored signatures and band keys
    return f"{component_version('talking_points', ('claimwatch.link.talking_points',))}+datasketch{datasketch.__version__}"


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
    common: tuple[str, ...]  # concepts of the lower-case words (names dropped)
    generic: bool  # long background wording, no figure, quote or speaker
    specific: bool  # has a figure, quote, first person or named speaker
    anchored: bool  # tied to one occasion (quote, past-tense "said", a named day)
    exact_minhash: LeanMinHash | None = None


@dataclass
class _DocInfo:
    doc: str
    order: int
    outlet: str | None
    published: date | None
    sentences: int = 0  # how many of its sentences are indexed


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
    for suffix in lex.SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= lex.MIN_STEM:
            return word[: -len(suffix)]
    return word


def content_stems(normalized: str) -> tuple[str, ...]:
    """Stems of the content words (stop words dropped; numbers kept) in order."""
    return tuple(stem(w) for w in normalized.split() if w not in STOP_WORDS and (len(w) > 1 or w == "%"))


def concept_stems(normalized: str) -> tuple[str, ...]:
    """Content words with news synonyms folded to one concept, others stemmed, in order.

    A rewriter swaps "specialists" for "experts" and "in spite of" for "despite";
    folding them lets the reworded pass see the shared meaning. Multi-word
    paraphrases are folded first (``PHRASE_SYNONYMS``), then single words
    (``WORD_CONCEPTS``).
    """
    for pattern, replacement in _PHRASES:
        normalized = pattern.sub(replacement, normalized)
    concepts = []
    for word in normalized.split():
        concept = lex.WORD_CONCEPTS.get(word)
        if concept is not None:
            concepts.append(concept)
        elif word not in STOP_WORDS and (len(word) > 1 or word == "%"):
            concepts.append(stem(word))
    return tuple(concepts)


def is_specific(text: str) -> bool:
    """Tied to a figure, quote, first person or named speaker (``SPECIFIC_SENTENCE``)."""
    return lex.SPECIFIC_SENTENCE.search(text) is not None


def is_generic(text: str) -> bool:
    """Background wording: long, and not tied to a speaker, figure or quote."""
    return len(text.split()) >= lex.GENERIC_MIN_WORDS and not is_specific(text)


def is_anchored(text: str) -> bool:
    """Tied to one occasion: a quotation, a past-tense reporting verb or a named day."""
    return lex.ANCHORED_SENTENCE.search(text) is not None


def common_stems(text: str) -> tuple[str, ...]:
    """Concepts of the words written in lower case (names dropped)."""
    words = [w for w in _RAW_WORD.findall(text) if w[0].islower()]
    return concept_stems(normalize(" ".join(words)))


def sequence_overlap(a: str, b: str) -> float:
    """Share of the shorter word sequence found, in order, in the other."""
    left, right = a.split(), b.split()
    if not left or not right:
        return 0.0
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / min(len(left), len(right))


def is_substantive(text: str) -> bool:
    """Long enough to be a claim or a line of argument, not a heading or byline."""
    return len(text) >= lex.MIN_CHARS and len(text.split()) >= lex.MIN_WORDS


# ---------------------------------------------------------------------------
# MinHash + LSH (datasketch)
# ---------------------------------------------------------------------------
def _shingles(normalized: str) -> list[str]:
    words = normalized.split()
    size = lex.SHINGLE_SIZE
    if len(words) <= size:
        return [" ".join(words)]
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def _minhashes(feature_sets: Sequence[Iterable[str]], seed: int) -> list[LeanMinHash]:
    """One datasketch MinHash per feature set (``MinHash.bulk`` shares the permutations)."""
    encoded = [sorted({f.encode("utf-8") for f in features}) or [b""] for features in feature_sets]
    return [LeanMinHash(m) for m in MinHash.bulk(encoded, num_perm=lex.NUM_PERM, seed=seed)]


# The two LSH passes: name -> (bands, rows per band).
_PASSES = {"exact": (lex.EXACT_BANDS, lex.EXACT_ROWS), "semantic": (lex.SEMANTIC_BANDS, lex.SEMANTIC_ROWS)}


def band_keys(minhash: LeanMinHash, lsh: str) -> list[int]:
    """One 64-bit key per band of a signature: two signatures share a band's key exactly
    when they agree on all of that band's rows (the banding of MinHash LSH)."""
    bands, rows = _PASSES[lsh]
    values = np.asarray(minhash.hashvalues, dtype="<u8")
    return [
        int.from_bytes(hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=8).digest(),
                       "little", signed=True)
        for i in range(bands)
    ]  # fmt: skip


# the hashing scheme of the signatures MinHash.bulk makes (stored signatures are of it)
_SCHEME: str = MinHash(num_perm=1).scheme


def _signature(minhash: LeanMinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()


def from_signature(data: bytes) -> LeanMinHash:
    return LeanMinHash(seed=lex.EXACT_SEED, hashvalues=np.frombuffer(data, dtype="<u8").astype(np.uint64), scheme=_SCHEME)


# ---------------------------------------------------------------------------
# The index
# ---------------------------------------------------------------------------
class TalkingPointIndex:
    """Incremental index of substantive sentences; clusters are read on demand."""

    def __init__(
        self, near_exact_jaccard: float = lex.NEAR_EXACT_JACCARD, semantic_cosine: float = lex.SEMANTIC_COSINE
    ) -> None:
        self.near_exact_jaccard = near_exact_jaccard
        self.semantic_cosine = semantic_cosine
        self._sentences: list[_Sentence] = []
        self._docs: dict[str, _DocInfo] = {}
        # LSH band tables: pass -> band -> key -> sentence ids
        self._tables: dict[str, list[dict[int, list[int]]]] = {
            lsh: [{} for _ in range(bands)] for lsh, (bands, _rows) in _PASSES.items()
        }
        # candidate pairs (i < j, different documents) -> found by the near-exact pass: the
        # pairs of the stored rows as compact arrays, the pairs added since in a dict
        self._stored_pairs = CandidateArrays(np.empty(0, np.int32), np.empty(0, np.int32), np.empty(0, bool))
        self._candidates: dict[tuple[int, int], bool] = {}
        # whether the LSH tables hold every indexed sentence (a reader may load the index
        # without them; ``add`` needs them)
        self._tables_loaded = True
        # sentences by their normalized wording: a word-for-word repeat is linked to the
        # latest copies directly and stays out of the LSH tables, so recycled boilerplate
        # costs the same however often it recurs
        self._copies: dict[str, list[int]] = {}
        # what the stored rows already hold: sentences and documents before these marks
        self._saved_sentences = 0
        self._saved_docs = 0
        self._pending_bands: list[SentenceBand] = []

    # -- building ---------------------------------------------------------
    def add(self, documents: Iterable[Document]) -> None:
        """Index new documents: signatures for them only, queried against the LSH tables.

        A document id already in the index is skipped (re-adding is a no-op).
        """
        if not self._tables_loaded:
            raise ValueError("talking-point index loaded without its band rows: load_bands first")
        new: list[_Sentence] = []
        for document in documents:
            if document.id in self._docs:
                continue
            info = _DocInfo(document.id, len(self._docs), document.outlet, document.published)
            self._docs[document.id] = info
            new.extend(self._document_sentences(document, info, base=len(self._sentences) + len(new)))
        if not new:
            return
        fresh: list[_Sentence] = []  # first wordings: the only ones that need signatures
        seen = set(self._copies)
        for sentence in new:
            if sentence.normalized not in seen:
                seen.add(sentence.normalized)
                fresh.append(sentence)
        exact = _minhashes([_shingles(s.normalized) for s in fresh], lex.EXACT_SEED)
        # the reworded pass compares concepts, so "experts"/"specialists" collide
        semantic = _minhashes([concept_stems(s.normalized) for s in fresh], lex.SEMANTIC_SEED)
        signatures = {id(s): (e, m) for s, e, m in zip(fresh, exact, semantic, strict=True)}
        for sentence in new:
            sid = len(self._sentences)
            copies = self._copies.setdefault(sentence.normalized, [])
            if copies:
                # a word-for-word repeat: link it to the latest copies, no LSH work
                sentence.exact_minhash = self._sentences[copies[0]].exact_minhash
                self._sentences.append(sentence)
                self._link_candidates(sid, copies[-lex.MAX_CANDIDATES_PER_SENTENCE :], near_exact=True)
                copies.append(sid)
                continue
            exact_minhash, semantic_minhash = signatures[id(sentence)]
            sentence.exact_minhash = exact_minhash
            self._sentences.append(sentence)
            copies.append(sid)
            exact_keys, semantic_keys = band_keys(exact_minhash, "exact"), band_keys(semantic_minhash, "semantic")
            self._link_candidates(sid, self._query("exact", exact_keys, sentence.doc), near_exact=True)
            self._link_candidates(sid, self._query("semantic", semantic_keys, sentence.doc), near_exact=False)
            self._insert(sid, "exact", exact_keys)
            self._insert(sid, "semantic", semantic_keys)

    def _query(self, lsh: str, keys: Sequence[int], doc: str) -> set[int]:
        """Indexed sentences of other documents sharing at least one band key: of each
        bucket, the most recently indexed ``MAX_CANDIDATES_PER_SENTENCE`` only.

        ``_link_candidates`` keeps the most recent of them all, and every one of those is
        among the most recent of its own bucket, so reading a bucket from its end gives
        the same candidates as reading all of it, at a cost that does not grow with the
        bucket (a bucket of common words grows with the store; reading it whole made
        indexing a document cost as much as the store held)."""
        found: set[int] = set()
        cap = lex.MAX_CANDIDATES_PER_SENTENCE
        for table, key in zip(self._tables[lsh], keys, strict=True):
            bucket = table.get(key, ())
            if len(bucket) <= cap:  # all of it (_link_candidates drops the document's own)
                found.update(bucket)
                continue
            taken = 0
            for other in reversed(bucket):  # ids ascend: newest last
                if self._sentences[other].doc != doc:
                    found.add(other)
                    taken += 1
                    if taken == cap:
                        break
        return found

    def _insert(self, sid: int, lsh: str, keys: Sequence[int], *, pending: bool = True) -> None:
        for band, (table, key) in enumerate(zip(self._tables[lsh], keys, strict=True)):
            table.setdefault(key, []).append(sid)
            if pending:
                self._pending_bands.append(SentenceBand(sid, lsh, band, key))

    def _document_sentences(self, document: Document, info: _DocInfo, base: int) -> list[_Sentence]:
        """The substantive sentences of one document, ready to index (ids from ``base``)."""
        sentences: list[_Sentence] = []
        previous_end = 0
        for span in sentence_spans(document):
            if not is_substantive(span.text):
                continue
            normalized = normalize(span.text)
            stems = content_stems(normalized)
            if len(stems) < lex.MIN_CONTENT_STEMS:
                continue
            gap = document.text[previous_end : span.start]
            previous_end = span.end
            sentences.append(
                _Sentence(
                    document.id, info.sentences, span.start, span.end, span.text, normalized, stems, gap,
                    common=common_stems(span.text), generic=is_generic(span.text),
                    specific=is_specific(span.text), anchored=is_anchored(span.text),
                )
            )
            info.sentences += 1
        return sentences

    def _link_candidates(self, sid: int, neighbours: Iterable[int], near_exact: bool) -> None:
        doc = self._sentences[sid].doc
        others = sorted((o for o in neighbours if self._sentences[o].doc != doc), reverse=True)
        # the most recently indexed neighbours only: a huge bucket stays linear
        for other in others[: lex.MAX_CANDIDATES_PER_SENTENCE]:
            pair = (other, sid)
            self._candidates[pair] = self._candidates.get(pair, False) or near_exact

    # -- reading ----------------------------------------------------------
    @property
    def bands_loaded(self) -> bool:
        """Whether the LSH tables hold every indexed sentence (``add`` needs them)."""
        return self._tables_loaded

    @property
    def doc_ids(self) -> list[str]:
        """Ids of the indexed documents, in the order they were added."""
        return list(self._docs)

    def candidate_pairs(self) -> CandidateArrays:
        """Every candidate pair, stored and added since, as arrays ordered by ``(a, b)``."""
        stored, added = self._stored_pairs, self._candidates
        if not added:
            a, b, near = stored.a, stored.b, stored.near_exact
        else:
            ids = np.fromiter(chain.from_iterable(added), dtype=np.int32, count=2 * len(added)).reshape(-1, 2)
            a = np.concatenate([stored.a, ids[:, 0]])
            b = np.concatenate([stored.b, ids[:, 1]])
            near = np.concatenate([stored.near_exact, np.fromiter(added.values(), dtype=bool, count=len(added))])
        order = np.lexsort((b, a))
        return CandidateArrays(a[order], b[order], near[order])

    def _jaccards(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """MinHash Jaccard of sentence pairs (datasketch's estimate: the share of equal
        hash values), a block of pairs at a time; 0 where a sentence has no signature."""
        out = np.zeros(len(left), dtype=np.float64)
        empty = np.zeros(lex.NUM_PERM, dtype=np.uint64)
        for lo in range(0, len(left), COSINE_BLOCK):
            hi = lo + COSINE_BLOCK
            sides = []
            for ids in (left[lo:hi], right[lo:hi]):
                hashes = [self._sentences[i].exact_minhash for i in ids.tolist()]
                sides.append((
                    np.stack([m.hashvalues if m is not None else empty for m in hashes]),
                    np.array([m is not None for m in hashes], dtype=bool),
                ))  # fmt: skip
            (lhash, lhas), (rhash, rhas) = sides
            equal = np.count_nonzero(lhash == rhash, axis=1).astype(np.float64) / float(lhash.shape[1])
            out[lo:hi] = np.where(lhas & rhas, equal, 0.0)
        return out

    def linked_pairs(self) -> list[tuple[int, int, float]]:
        """Accepted sentence pairs with their score (see the module docstring for the rules).

        The candidate pairs stay arrays throughout: which pass proposed them, their
        scores and the sentences' flags are compared as arrays, and only the pairs left
        for a word-level test (shared common words, word order) are looked at one by one."""
        pairs = self.candidate_pairs()
        if not len(pairs.a):
            return []
        left, right = pairs.a.astype(np.intp), pairs.b.astype(np.intp)
        jaccards = np.zeros(len(left), dtype=np.float64)
        proposed = np.flatnonzero(pairs.near_exact)
        jaccards[proposed] = self._jaccards(left[proposed], right[proposed])
        near_exact = pairs.near_exact & (jaccards >= self.near_exact_jaccard)
        sentences = self._sentences
        doc_number = {doc: n for n, doc in enumerate(self._docs)}
        doc_of = np.fromiter((doc_number[s.doc] for s in sentences), dtype=np.int64, count=len(sentences))
        generic, specific, anchored = (
            np.fromiter((getattr(s, flag) for s in sentences), dtype=bool, count=len(sentences))
            for flag in ("generic", "specific", "anchored")
        )
        # documents that share a near-exact specific sentence are copies of one text
        doc_pairs = np.minimum(doc_of[left], doc_of[right]) * len(doc_number) + np.maximum(doc_of[left], doc_of[right])
        copies = np.unique(doc_pairs[near_exact & (specific[left] | specific[right])])
        cosines = row_cosines(self._tfidf([s.stems for s in sentences]), left, right)
        common = row_cosines(self._tfidf([s.common for s in sentences]), left, right)
        both_generic = ~near_exact & generic[left] & generic[right]
        accepted = near_exact.copy()
        for k in np.flatnonzero(both_generic & (common >= lex.GENERIC_COSINE)).tolist():
            a, b = sentences[left[k]], sentences[right[k]]
            accepted[k] = len(set(a.common) & set(b.common)) >= lex.GENERIC_MIN_SHARED
        reworded = (
            ~near_exact & ~both_generic & (cosines >= self.semantic_cosine)
            & (np.isin(doc_pairs, copies) | ~(anchored[left] | anchored[right]))
        )  # fmt: skip
        for k in np.flatnonzero(reworded).tolist():
            a, b = sentences[left[k]], sentences[right[k]]
            accepted[k] = sequence_overlap(a.normalized, b.normalized) >= lex.SEQUENCE_OVERLAP
        scores = np.where(near_exact, np.maximum(jaccards, cosines), cosines)
        kept = np.flatnonzero(accepted)
        return list(zip(left[kept].tolist(), right[kept].tolist(), scores[kept].tolist(), strict=True))

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
        if not clusters:  # an empty store (no vocabulary to fit) or nothing repeated
            return []
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
        vectorizer.fit([s.stems for s in self._sentences])
        # every cluster's occurrences and canonical wording in one transform each: a call
        # costs as much as the vocabulary, which grows with the store, so one call per
        # cluster made this grow with the square of the store
        unit_lists = [self._cluster_units(members) for members in clusters]
        canonicals = [self._canonical(units) for units in unit_lists]
        vectors = vectorizer.transform([u.stems for units in unit_lists for u in units])
        canon_vectors = vectorizer.transform([c.stems for c in canonicals])
        points = []
        first = 0
        for n, (units, canonical) in enumerate(zip(unit_lists, canonicals, strict=True)):
            sims = np.asarray((vectors[first : first + len(units)] @ canon_vectors[n].T).todense()).ravel()
            points.append(self._build_point(units, canonical, sims))
            first += len(units)
        points.sort(key=lambda p: (p.first_seen or date.max, -len(p.occurrences), p.id))
        return points

    def _cluster_units(self, members: list[int]) -> list[_Unit]:
        """A cluster's occurrences: runs of adjacent sentences of one document."""
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
        return units

    def _build_point(self, units: list[_Unit], canonical: _Unit, sims: np.ndarray) -> TalkingPoint:
        """A talking point from its occurrences, its canonical wording and their similarities."""
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

    # -- rows -------------------------------------------------------------
    def pending_rows(self) -> TalkingPointRows:
        """The rows added since the index was built from rows (or since ``mark_saved``)."""
        docs = [info for info in self._docs.values() if info.order >= self._saved_docs]
        first = self._saved_sentences
        return TalkingPointRows(
            version=index_version(),
            documents=tuple(IndexedDocument(d.doc, d.order, d.outlet, d.published) for d in docs),
            sentences=tuple(self._row(sid) for sid in range(first, len(self._sentences))),
            bands=tuple(self._pending_bands),
            candidates=tuple(CandidatePair(i, j, near) for (i, j), near in self._candidates.items() if j >= first),
        )

    def mark_saved(self) -> None:
        """Everything indexed so far is in the stored rows."""
        self._saved_sentences, self._saved_docs = len(self._sentences), len(self._docs)
        self._pending_bands = []

    def _row(self, sid: int) -> IndexedSentence:
        s = self._sentences[sid]
        first_copy = self._copies[s.normalized][0]
        signature = _signature(s.exact_minhash) if first_copy == sid and s.exact_minhash is not None else None
        return IndexedSentence(
            id=sid, doc=s.doc, position=s.position, start=s.start, end=s.end, text=s.text, normalized=s.normalized,
            gap_before=s.gap_before, stems=s.stems, common=s.common, generic=s.generic, specific=s.specific,
            anchored=s.anchored, signature=signature,
        )  # fmt: skip

    @classmethod
    def from_rows(
        cls, rows: TalkingPointRows, candidates: CandidateArrays | None = None, *, lsh: bool = True,
        **thresholds: float,
    ) -> TalkingPointIndex:
        """The index the rows were saved from (rows of another ``index_version`` are refused).

        The candidate pairs come from ``rows.candidates`` or, read compactly, from
        ``candidates``. Without ``lsh`` the band rows are not read: the index reads
        clusters, and ``load_bands`` must come before it can ``add`` documents."""
        if rows.version != index_version():
            raise ValueError(f"talking-point rows of version {rows.version}, not {index_version()}")
        index = cls(**thresholds)
        for d in sorted(rows.documents, key=lambda d: d.order):
            index._docs[d.doc] = _DocInfo(d.doc, d.order, d.outlet, d.published)
        for r in sorted(rows.sentences, key=lambda r: r.id):
            if r.id != len(index._sentences):
                raise ValueError(f"talking-point rows: sentence {r.id} out of sequence")
            copies = index._copies.setdefault(r.normalized, [])
            minhash = from_signature(r.signature) if r.signature else index._sentences[copies[0]].exact_minhash
            index._sentences.append(_Sentence(
                r.doc, r.position, r.start, r.end, r.text, r.normalized, r.stems, r.gap_before, r.common,
                r.generic, r.specific, r.anchored, minhash,
            ))  # fmt: skip
            copies.append(r.id)
            index._docs[r.doc].sentences += 1
        if lsh:
            index.load_bands(rows.bands)
        else:
            index._tables_loaded = False
        if candidates is None:
            candidates = CandidateArrays(
                np.fromiter((p.a for p in rows.candidates), dtype=np.int32, count=len(rows.candidates)),
                np.fromiter((p.b for p in rows.candidates), dtype=np.int32, count=len(rows.candidates)),
                np.fromiter((p.near_exact for p in rows.candidates), dtype=bool, count=len(rows.candidates)),
            )
        # read apart from the sentences, the pairs may hold rows a writer committed since:
        # those of sentences this index does not hold are not part of it
        known = len(index._sentences)
        if candidates.a.size and (int(candidates.a.max()) >= known or int(candidates.b.max()) >= known):
            keep = (candidates.a < known) & (candidates.b < known)
            candidates = CandidateArrays(candidates.a[keep], candidates.b[keep], candidates.near_exact[keep])
        index._stored_pairs = candidates
        index.mark_saved()
        return index

    def load_bands(self, bands: Iterable[SentenceBand]) -> None:
        """Fill the LSH tables from band rows (read one at a time: they are the index's
        largest part), each bucket in indexing order."""
        self._tables = {lsh: [{} for _ in range(count)] for lsh, (count, _rows) in _PASSES.items()}
        known = len(self._sentences)
        for band in bands:
            if band.sentence >= known:
                continue  # committed by a writer after this index's sentences were read
            self._tables[band.lsh][band.band].setdefault(band.key, []).append(band.sentence)
        for tables in self._tables.values():
            for table in tables:
                for bucket in table.values():
                    bucket.sort()
        self._tables_loaded = True


def _doc_pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


# Candidate pairs scored at once: the rows of a block are copied out of the matrix, so
# the block, not the number of pairs, bounds the memory this takes; a matrix of long
# rows (whole passages) gets smaller blocks, so a block copies about COSINE_ENTRIES
# stored values a side.
COSINE_BLOCK = 50_000
COSINE_ENTRIES = 2_000_000


def row_cosines(matrix: Any, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Cosine of row pairs of an L2-normalized sparse matrix (pairs only, never all),
    a block of pairs at a time."""
    out = np.empty(len(left), dtype=np.float64)
    per_row = max(1, matrix.nnz // max(1, matrix.shape[0]))
    block = max(1, min(COSINE_BLOCK, COSINE_ENTRIES // per_row))
    for lo in range(0, len(left), block):
        hi = lo + block
        out[lo:hi] = np.asarray(matrix[left[lo:hi]].multiply(matrix[right[lo:hi]]).sum(axis=1)).ravel()
    return out


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


def find_talking_points(documents: Iterable[Document], **thresholds: float) -> list[TalkingPoint]:
    """Talking points of a set of documents, all at once."""
    index = TalkingPointIndex(**thresholds)
    index.add(documents)
    return index.talking_points()
