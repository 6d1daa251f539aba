"""Fit the confidence model on the seen documents of every gold set.

Each system claim of a seen document is an example: its features (``extract.claims.
confidence.features``) and whether it is right in every field (matched, speaker, period,
said_on). A logistic regression (scikit-learn, L2-regularised) gives the weights, written
as ``extract/claims/confidence_weights.py``. Blind documents are never used, so the
gate's calibration figure on them stays an honest check.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..extract.claims import confidence as conf
from ..model import Claim
from ..store import Store
from . import claims as claim_eval

WEIGHTS_FILE = Path(conf.__file__).with_name("confidence_weights.py")
# Regularisation of the fit: a few hundred examples and dozens of rule features.
C = 0.5


def _claim(rec: dict[str, Any], rules: list[list[str]], worthiness: float | None) -> Claim:
    def day(v: Any) -> date | None:
        return date.fromisoformat(v) if v else None

    return Claim(
        doc=rec["doc"], start=rec["start"], end=rec["end"], evidence=rec["evidence"], kind=rec["kind"],
        value=rec["value"], value_high=rec.get("value_high"), unit=rec["unit"], speaker=rec.get("speaker"),
        period_start=day(rec.get("period_start")), period_end=day(rec.get("period_end")), said_on=day(rec.get("said_on")),
        hedge=rec.get("hedge"), rules=tuple((f, r) for f, r in rules), worthiness=worthiness,
    )  # fmt: skip


def training_rows(db: Path, gold_files: Sequence[Path]) -> tuple[list[dict[str, float]], list[int]]:
    from ..exports import claim_records_by_doc
    from ..service import queries

    with Store(db) as store:
        system, texts = claim_records_by_doc(queries.claims(store)), queries.texts(store)
        extra = {r["id"]: (json.loads(r["rules"] or "[]"), r["worthiness"]) for r in store.rows("SELECT id, rules, worthiness FROM claims")}
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for path in gold_files:
        seen, _ = claim_eval.split_blind(claim_eval.load_gold(path))
        for s, right in claim_eval.score_claims(seen, system, texts).outcomes:
            rules, worthiness = extra.get(s["id"], ([], None))
            rows.append(conf.features(_claim(s, rules, worthiness)))
            labels.append(int(right))
    return rows, labels


def fit(rows: list[dict[str, float]], labels: list[int]) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([{k: v for k, v in r.items() if k != "bias"} for r in rows])
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(x, labels)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)}
    weights["bias"] = round(float(model.intercept_[0]), 4)
    return {k: v for k, v in sorted(weights.items()) if v != 0.0}


def write_weights(weights: dict[str, float], path: Path = WEIGHTS_FILE) -> None:
    body = "\n".join(f"    {json.dumps(k)}: {v!r}," for k, v in weights.items())
    path.write_text(
        '"""Weights of the confidence model (``confidence.py``), fitted by ``claimwatch eval\n'
        'calibrate`` on the seen documents of the gold sets. Generated: do not edit by hand."""\n\n'
        f"WEIGHTS: dict[str, float] = {{\n{body}\n}}\n",
        encoding="utf-8",
    )
