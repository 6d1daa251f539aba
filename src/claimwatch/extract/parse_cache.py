"""Parse once what the wires repeat: spaCy parses of sentences, by content.

News archives are full of copies: one agency sentence appears word for word in dozens
of outlets. A parse depends only on the sentence's text, the model and the code that
runs it, so the cache keys each parse by a digest of exactly those (the text, whether
the entity recognizer ran, and a namespace naming the model, its version, spaCy's
version and the parse component's code digest from versions.py): a recycled sentence
skips the model, and a changed model or parse stage never reads an old entry.

An entry is the Doc rebuilt from its serialized form without its tensor (the model's
internal state, read by no stage), so it holds exactly what a stored parse holds; a hit
hands out a copy (about a fiftieth of a millisecond, against some five milliseconds of
parsing), so no two documents share one object. The cache is bounded by the serialized
size of its entries and forgets the least recently used parses first.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# About 2 KB per cached sentence: 128 MB keeps some 60,000 sentences.
DEFAULT_CACHE_BYTES = 128 * 1024 * 1024
# What a cached Doc leaves out: the tensor is the model's internal state, read by no stage.
_EXCLUDE = ("tensor", "user_data")


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


class ParseCache:
    def __init__(self, namespace: str, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.namespace = namespace
        self.max_bytes = max_bytes
        self.stats = CacheStats()
        self._entries: OrderedDict[bytes, tuple[Any, int]] = OrderedDict()  # key -> (Doc, its size)
        self._bytes = 0

    def key(self, text: str, with_ner: bool) -> bytes:
        h = hashlib.blake2b(digest_size=16)
        h.update(self.namespace.encode())
        h.update(b"\0ner\0" if with_ner else b"\0no-ner\0")
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.digest()

    def get(self, text: str, with_ner: bool) -> Any | None:
        key = self.key(text, with_ner)
        entry = self._entries.get(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry[0].copy()

    def put(self, text: str, with_ner: bool, doc: Any) -> None:
        from spacy.tokens import Doc

        key = self.key(text, with_ner)
        if key in self._entries:
            return
        data = doc.to_bytes(exclude=_EXCLUDE)
        if len(data) > self.max_bytes:
            return
        self._entries[key] = (Doc(doc.vocab).from_bytes(data, exclude=_EXCLUDE), len(data))
        self._bytes += len(data)
        while self._bytes > self.max_bytes:
            _, (_, size) = self._entries.popitem(last=False)
            self._bytes -= size

    def __len__(self) -> int:
        return len(self._entries)

    def parse(
        self, texts: Sequence[str], with_ner: bool, run_model: Callable[[list[str]], Iterable[Any]]
    ) -> list[Any]:
        """Docs for ``texts`` in order: cached ones rebuilt, the others parsed by
        ``run_model`` once per distinct text (a batch may hold the same wire sentence
        several times) and remembered."""
        docs: list[Any] = [None] * len(texts)
        todo: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            cached = self.get(text, with_ner)
            if cached is None:
                todo.setdefault(text, []).append(i)
            else:
                self.stats.hits += 1
                docs[i] = cached
        new_texts = list(todo)
        for text, doc in zip(new_texts, run_model(new_texts), strict=True):
            places = todo[text]
            self.stats.misses += 1
            self.stats.hits += len(places) - 1
            self.put(text, with_ner, doc)
            docs[places[0]] = doc
            for i in places[1:]:
                docs[i] = self.get(text, with_ner) or doc.copy()
        return docs
