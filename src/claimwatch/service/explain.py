"""Why a claim reads as it does: the named rules behind its value, speaker, period and said_on."""

from __future__ import annotations

from dataclasses import dataclass

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
    claim = store.claim(claim_id)  # raises NotFound
    known = all_rules()
    steps = tuple(
        RuleStep(field, rule, known[rule].doc if rule in known else "(a rule this version no longer has)")
        for field, rule in claim.rules
    )
    value = f"{claim.value:g}" + (f"-{claim.value_high:g}" if claim.value_high is not None else "")
    has_period = claim.period_start or claim.period_end
    period = f"{claim.period_start or '…'}..{claim.period_end or '…'}" if has_period else None
    return ClaimExplanation(
        claim_id=claim_id,
        doc=claim.doc,
        evidence=claim.evidence,
        values={
            "value": f"{claim.kind} {value} {claim.unit}",
            "speaker": claim.speaker,
            "period": f"{period} ({claim.period_text})" if period else None,
            "said_on": claim.said_on.isoformat() if claim.said_on else None,
        },
        steps=steps,
    )
