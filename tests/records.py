"""Small typed records for tests: documents and claims as the store reads them back."""

from __future__ import annotations

from datetime import date
from typing import Any

from claimwatch.model import Claim, Document, Span

_DATE_FIELDS = ("period_start", "period_end", "said_on")


def document(
    doc_id: str,
    text: str,
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    url: str | None = None,
    excluded: tuple[Span, ...] = (),
) -> Document:
    return Document(
        id=doc_id, text=text, content_hash=f"hash-{doc_id}", source=f"test:{doc_id}", url=url, title=title,
        outlet=outlet, published=date.fromisoformat(published) if isinstance(published, str) else published,
        excluded=excluded,
    )  # fmt: skip


def claim(
    doc: str, start: int, evidence: str, kind: Any, value: float, unit: str, subject: str | None = None, **fields: Any
) -> Claim:
    """A claim over ``evidence`` at ``start``; its quantity spans the evidence unless given.
    Dates may be ISO strings."""
    for name in _DATE_FIELDS:
        if isinstance(fields.get(name), str):
            fields[name] = date.fromisoformat(fields[name])
    fields.setdefault("quantity_start", start)
    fields.setdefault("quantity_end", start + len(evidence))
    fields.setdefault("confidence", 0.9)
    fields.setdefault("value_high", None)
    return Claim(doc=doc, start=start, end=start + len(evidence), evidence=evidence, kind=kind, value=float(value),
                 unit=unit, subject=subject, **fields)  # fmt: skip
