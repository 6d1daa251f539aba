"""The evidence a figure is stated in and the thing it measures, read off the parse.

The evidence is the clause that states the figure: the subtree of its nearest non-speech
verb, without sibling clauses that do not hold it (the sentence when unparsed). The
subject is the measured thing: a verb's subject ("exports tripled"), the complement of a
change noun ("an increase in output"), or a count's noun.
"""

from __future__ import annotations

from typing import Any

from ...lexicon.claims import (
    CHANGE_NOUNS,
    CLAUSE_BREAK_DEPS,
    SPEECH_LEMMAS,
    SUBJECT_DEPS,
    SUBJECT_MAX_TOKENS,
    SUBJECT_PREPS,
    TRIM_LEADING,
)
from ...model import Quantity, Span
from ..nlp import ParsedSentence
from .context import root_of


def evidence_span(
    text: str, sentence: Span, parsed: ParsedSentence | None, tokens: list[Any], q: Quantity
) -> tuple[int, int]:
    """The clause that states the quantity: the subtree of its nearest non-speech
    verb, without sibling clauses that do not hold it; the sentence as a fallback."""
    root = root_of(tokens)
    if parsed is None or root is None:
        return sentence.start, sentence.end
    clause = None
    conjunct = None  # "a threefold increase in X, [a twofold rise in Y]": the conjunct alone
    node = root
    if root.pos_ in ("VERB", "AUX") and root.lemma_.lower() not in SPEECH_LEMMAS:
        clause = root
    while clause is None and node.head.i != node.i:
        if node.dep_ == "conj" and node.pos_ in ("NOUN", "PROPN", "NUM") and conjunct is None:
            conjunct = node
        head = node.head
        if head.lemma_.lower() in SPEECH_LEMMAS:
            break
        if head.pos_ in ("VERB", "AUX"):
            clause = head
            break
        node = head
    top = conjunct if conjunct is not None else (clause if clause is not None else node)
    keep = _clause_tokens(top, {t.i for t in tokens})
    lo = min(keep)
    hi = max(keep)
    doc = parsed.doc
    # never cut through the quantity itself
    lo = min(lo, min(t.i for t in tokens))
    hi = max(hi, max(t.i for t in tokens))
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ in ("cc", "mark")):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space or doc[hi].dep_ == "cc"):
        hi -= 1
    start = parsed.span.start + doc[lo].idx
    end = parsed.span.start + doc[hi].idx + len(doc[hi].text)
    return start, end


def _clause_tokens(top: Any, quantity_ids: set[int]) -> set[int]:
    """Token ids of ``top``'s subtree, minus child clauses that hold no part of the quantity."""
    keep: set[int] = set()
    stack = [top]
    while stack:
        node = stack.pop()
        keep.add(node.i)
        for child in node.children:
            if child.dep_ in CLAUSE_BREAK_DEPS and not _subtree_holds(child, quantity_ids):
                continue
            stack.append(child)
    return keep


def _subtree_holds(node: Any, token_ids: set[int]) -> bool:
    """Whether any of ``token_ids`` is in ``node``'s subtree.

    A subtree lies within its edges, so most children are ruled out in constant time;
    otherwise each candidate walks up to its root (depth, not sentence length): the
    whole check stays linear where materialising every child's subtree was quadratic
    per quantity and cubic per sentence.
    """
    lo, hi = node.left_edge.i, node.right_edge.i
    doc = node.doc
    for i in token_ids:
        if lo <= i <= hi and (i == node.i or node.is_ancestor(doc[i])):
            return True
    return False


def subject_of(parsed: ParsedSentence | None, tokens: list[Any], q: Quantity) -> str | None:
    """The measured thing, as a short phrase of the sentence."""
    root = root_of(tokens)
    if parsed is None or root is None:
        return q.unit if q.kind == "count" else None
    qids = {t.i for t in tokens}
    if root.pos_ in ("VERB", "AUX"):  # "exports tripled", "output doubled"
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in qids), None)
        if subj is not None and subj.pos_ != "PRON":
            return _phrase(subj, qids)
    # the noun the number attaches to: "a threefold increase", "81 percent increase"
    noun = root
    while noun.dep_ in ("nummod", "amod", "compound", "quantmod", "npadvmod", "nmod") and noun.head.i != noun.i:
        noun = noun.head
    if noun.lemma_.lower() in CHANGE_NOUNS or noun.i in qids:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in SUBJECT_PREPS:
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return _phrase(obj, qids)
    if q.kind == "count" and noun.pos_ in ("NOUN", "PROPN") and noun.i not in qids:
        return _phrase(noun, qids)
    # the subject of the clause: "exports ... tripled", "the budget stands at $7 billion"
    node = root
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    if node.pos_ in ("VERB", "AUX"):
        for dep in SUBJECT_DEPS:
            subj = next((c for c in node.children if c.dep_ == dep and c.i not in qids), None)
            if subj is not None and subj.pos_ != "PRON":
                return _phrase(subj, qids)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "on", "in", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _phrase(obj, qids)
    return q.unit if q.kind == "count" else None


def _phrase(head: Any, exclude: set[int]) -> str | None:
    """``head``'s subtree without relative clauses, appositions and the quantity itself."""
    ids: set[int] = set()
    stack = [head]
    while stack:
        node = stack.pop()
        if node.i in exclude:
            continue
        ids.add(node.i)
        for child in node.children:
            if child.dep_ in ("relcl", "acl", "appos", "punct", "advcl", "cc") and child.i > head.i:
                continue
            stack.append(child)
    doc = head.doc
    ordered = sorted(ids)
    # the phrase must be contiguous: keep the run around the head
    run = [head.i]
    for i in range(head.i - 1, -1, -1):
        if i in ids:
            run.insert(0, i)
        else:
            break
    for i in range(head.i + 1, len(doc)):
        if i in ids:
            run.append(i)
        else:
            break
    ordered = run[:SUBJECT_MAX_TOKENS] if len(run) > SUBJECT_MAX_TOKENS and run[0] == head.i else run
    if len(ordered) > SUBJECT_MAX_TOKENS:
        pos = ordered.index(head.i)
        lo = max(0, pos - SUBJECT_MAX_TOKENS // 2)
        ordered = ordered[lo : lo + SUBJECT_MAX_TOKENS]
    while ordered and doc[ordered[0]].lower_ in TRIM_LEADING:
        ordered = ordered[1:]
    if not ordered:
        return None
    span = doc[ordered[0] : ordered[-1] + 1]
    return span.text.strip() or None
