"""Why a claim reads as it does: the named rules behind its value, speaker, period and said_on."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..errors import NotFound
from ..extract.rules import all_rules
from ..store import Store

# The order fields are explained in, and the rule tables that decide each.
FIELDS = ("value", "speaker", "period", "said_on")


@dataclass(frozen=True)
class RuleStep:
    field: str
    rule: str
    doc: str  # what the rule's pattern is, from the rule table


@dataclass(frozen=True)
class ClaimExplanation:
    claim_id: str
    doc: str
    evidence: str
    values: dict[str, str | None]  # field -> the claim's value, as shown
    steps: tuple[RuleStep, ...]

    def for_field(self, name: str) -> list[RuleStep]:
        return [s for s in self.steps if s.field == name]


def explain_claim(store: Store, claim_id: str) -> ClaimExplanation:
    rows = store.rows("SELECT * FROM claims WHERE id = ?", (claim_id,))
    if not rows:
        raise NotFound(f"no claim {claim_id!r} (ids are listed by `claimwatch claims --format jsonl`)")
    row = rows[0]
    known = all_rules()
    steps = tuple(
        RuleStep(field, rule, known[rule].doc if rule in known else "(a rule this version no longer has)")
        for field, rule in json.loads(row["rules"] or "[]")
    )
    value = f"{row['value']:g}" + (f"-{row['value_high']:g}" if row["value_high"] is not None else "")
    period = f"{row['period_start'] or '…'}..{row['period_end'] or '…'}" if row["period_start"] or row["period_end"] else None
    return ClaimExplanation(
        claim_id=claim_id,
        doc=row["doc_id"],
        evidence=row["evidence"],
        values={
            "value": f"{row['kind']} {value} {row['unit']}",
            "speaker": row["speaker"],
            "period": f"{period} ({row['period_text']})" if period else None,
            "said_on": row["said_on"],
        },
        steps=steps,
    )
