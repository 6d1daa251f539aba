"""How sure a claim is: a calibrated probability that it is right in every field.

A claim's confidence is a logistic model over what the extractor knows about how it
decided: how clearly the number stage read a claim (worthiness), which fields it could
fill, and which named rules decided its speaker, period and said_on (a name
found in the sentence is surer than a speaker carried over from the paragraph; a period
of the figure's own sentence surer than the lead's). The weights are fitted on the seen
documents of the gold sets by ``claimwatch eval calibrate`` and kept in
``confidence_weights.py``; a rule the weights do not know counts for nothing, so adding a
rule never breaks the model, only leaves it to be refitted. ``make eval`` prints the
expected calibration error; the floors file keeps a ceiling on it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from ...model import Claim
from .confidence_weights import WEIGHTS

# Fields a claim may lack; a missing one is a feature of its own.
_FIELDS = ("speaker", "period", "said_on")


def features(claim: Claim) -> dict[str, float]:
    """The named features of a claim (absent features are 0)."""
    out: dict[str, float] = {"bias": 1.0, "worthiness": claim.worthiness or 0.0}
    out[f"kind:{claim.kind}"] = 1.0
    if claim.hedge:
        out["hedged"] = 1.0
    if claim.value_high is not None:
        out["range"] = 1.0
    values = {"speaker": claim.speaker, "period": claim.period_start or claim.period_end, "said_on": claim.said_on}
    for name in _FIELDS:
        if values[name] is None:
            out[f"no_{name}"] = 1.0
    for field, rule in claim.rules:
        if field != "value":
            out[f"rule:{rule}"] = 1.0
    return out


def probability(feats: Mapping[str, float], weights: Mapping[str, float] = WEIGHTS) -> float:
    z = sum(weights.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def confidence_of(claim: Claim) -> float:
    return round(probability(features(claim)), 3)


def feature_names(rows: Iterable[Mapping[str, float]]) -> list[str]:
    return sorted({name for row in rows for name in row})
