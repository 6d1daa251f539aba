"""The accuracy gate: every gold set and benchmark scored, every score printed, floors checked.

``claimwatch eval gate`` (what ``make eval`` runs):

1. adds every corpus with gold to a fresh store, through the same ``add`` path users run
   (the bundled sample and held-out corpora; ../shared's seeds, dev and dev2 when present);
2. scores the store's claims against each gold file, for its seen and blind documents
   apart (``claims.is_blind``) and together, and for all of ../shared's blind documents
   at once (``claims.shared.blind``: the figure the unseen-news issue is judged by);
   errors are listed for seen documents only;
3. prints the calibration of claim confidence (expected calibration error and a
   reliability table over every gold set);
4. scores quote speakers (gold ``quotes`` fields, from the same store), talking points
   and stories (``*.links.json``, seen and blind clusters apart, linked over the stored
   documents and claims), ``check`` against ``*.findings.json`` (``findings.py``), TimeBank dates, PolNeAR attribution and the quantity
   layer on CQE's currency and dimension sentences (value and value + unit F1, ``cqe.py``);
5. fails when a score is under its floor in ``eval-floors.json`` or a gold input changed
   since the floors were pinned.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..extract import rules
from ..settings import Settings
from ..store import Store
from . import claims as claim_eval
from .floors import SAMPLES, Floors, gold_digests
from .metrics import Accuracy, rounded, show

Print = Callable[[str], None]
Scores = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class GoldSet:
    """A gold file, the corpus inputs it annotates, and its links gold if any."""

    name: str
    gold: Path
    inputs: tuple[Path, ...]
    links: Path | None = None
    shared: bool = False  # one of ../shared's sets: part of the combined shared rows


def gold_sets(shared: Path | None) -> list[GoldSet]:
    sets = [
        GoldSet("samples", SAMPLES / "gold.jsonl", (SAMPLES / "corpus.jsonl",), SAMPLES / "gold.links.json"),
        GoldSet("holdout", SAMPLES / "holdout.gold.jsonl", (SAMPLES / "holdout.jsonl",)),
    ]
    if shared is not None and (shared / "gold").is_dir():
        corpus, gold = shared / "corpus", shared / "gold"
        for name, inputs in (
            ("seeds", (corpus / "seeds",)),
            ("dev", (corpus / "dev.jsonl",)),
            ("dev2", (corpus / "dev2.jsonl",)),
        ):
            if (gold / f"{name}.jsonl").exists() and all(p.exists() for p in inputs):
                links = gold / f"{name}.links.json"
                sets.append(GoldSet(name, gold / f"{name}.jsonl", inputs, links if links.exists() else None, True))
    return sets


@dataclass
class GateResult:
    scores: Scores = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def build_store(db: Path, sets: Sequence[GoldSet], settings: Settings, say: Print) -> None:
    from ..service import runs

    with Store(db, writer=True) as store:
        inputs = [p for s in sets for p in s.inputs]
        report = runs.add_paths(store, inputs, replace(settings, db=db, link_on_add=False))
    say(f"eval store: {len(report.added)} documents added, {len(report.failures)} skipped")
    for f in report.failures:
        say(f"  skipped {f.source}: {f.reason}")


def score_claim_sets(
    db: Path, sets: Sequence[GoldSet], say: Print, show_errors: int = 20
) -> tuple[Scores, dict[str, claim_eval.ClaimScore]]:
    """Seen, blind and all-document scores of each gold file, and the combined rows."""
    from ..exports import claim_records_by_doc
    from ..service import queries

    with Store(db) as store:
        system, texts = claim_records_by_doc(queries.claims(store)), queries.texts(store)
    scores: Scores = {}
    by_name: dict[str, claim_eval.ClaimScore] = {}
    combined = {part: claim_eval.ClaimScore(f"shared.{part}") for part in ("seen", "blind", "all")}
    everything = claim_eval.ClaimScore("all")
    blind_everywhere = claim_eval.ClaimScore("blind")
    say(f"{'claims':<22}{'docs':>5}  {'P':>6} {'R':>6} {'F1':>6}   {'speaker':>7} {'period':>7} {'said_on':>7}"
        f"   tp/fp/fn (restated)")  # fmt: skip
    for gs in sets:
        records = claim_eval.load_gold(gs.gold)
        seen, blind = claim_eval.split_blind(records)
        for part, recs in (("seen", seen), ("blind", blind), ("all", records)):
            sc = claim_eval.score_claims(recs, system, texts, gold_file=f"{gs.name}.{part}")
            scores[f"claims.{gs.name}.{part}"] = sc.summary()
            by_name[f"{gs.name}.{part}"] = sc
            _say_row(say, f"{gs.name} {part}", len(recs), sc)
            if gs.shared:
                combined[part].merge(sc)
            if part == "all":
                everything.merge(sc)
            if part == "blind":
                blind_everywhere.merge(sc)
    for part, sc in combined.items():
        if sc.counts.tp + sc.counts.fn:
            scores[f"claims.shared.{part}"] = sc.summary()
            _say_row(say, f"shared {part}", None, sc)
    for part in ("seen", "blind"):
        _say_error_kinds(say, f"shared {part}", combined[part])
    for gs in sets:
        sc = by_name[f"{gs.name}.seen"]
        _say_errors(say, f"{gs.name} (seen documents)", sc, show_errors)
    by_name["all"] = everything
    by_name["blind"] = blind_everywhere
    return scores, by_name


def _say_row(say: Print, label: str, docs: int | None, sc: claim_eval.ClaimScore) -> None:
    s = sc.summary()
    c = sc.counts
    say(
        f"{label:<22}{'' if docs is None else docs:>5}  {show(s['precision']):>6} {show(s['recall']):>6} "
        f"{show(s['f1']):>6}   {show(s['speaker_accuracy']):>7} {show(s['period_accuracy']):>7} "
        f"{show(s['said_on_accuracy']):>7}   {c.tp}/{c.fp}/{c.fn} ({sc.restatements})"
    )


def _say_error_kinds(say: Print, label: str, sc: claim_eval.ClaimScore) -> None:
    """Wrong fields of matched claims by kind: counts only, so blind documents can show them."""
    kinds = sc.error_kinds
    if not kinds:
        return
    parts = []
    for fld in ("speaker", "period", "said_on"):
        got = [f"{kind} {kinds[f'{fld} {kind}']}" for kind in ("missed", "spurious", "wrong") if kinds[f"{fld} {kind}"]]
        if got:
            parts.append(f"{fld}: {', '.join(got)}")
    say(f"  wrong fields, {label}: {'; '.join(parts)}")


def _say_errors(say: Print, title: str, sc: claim_eval.ClaimScore, limit: int) -> None:
    if limit == 0 or not (sc.misses or sc.false_positive_claims or sc.field_errors):
        return
    n = None if limit < 0 else limit
    say(f"-- errors, {title}")
    for m in sc.misses[:n]:
        say(f"  MISS  {m['doc']} {m['kind']} {m['value']}..{m.get('value_high')} | {str(m['evidence'])[:90]}")
    for f in sc.false_positive_claims[:n]:
        say(f"  FP    {f['doc']} {f['kind']} {f['value']}..{f.get('value_high')} {f['unit']} | {f['evidence'][:90]}")
    for e in sc.field_errors[:n]:
        say(f"  FIELD {e}")


def calibration(sc: claim_eval.ClaimScore, say: Print, which: str = "all documents") -> dict[str, Any]:
    ece, table = claim_eval.reliability(sc.calibration)
    say(f"calibration over {len(sc.calibration)} claims ({which}): expected calibration error {show(ece)}")
    say("  confidence      claims  mean conf.  right in every field")
    for b in table:
        if b.claims:
            say(f"  {b.low:.1f}-{b.high:.1f}     {b.claims:>8}  {show(b.mean_confidence):>10}  {show(b.right):>8}")
    return rounded({"expected_calibration_error": ece})


def score_quotes(db: Path, sets: Sequence[GoldSet], say: Print) -> Scores:
    """Quotes of the store against gold ``quotes`` (where a gold file has them): precision,
    recall and speaker accuracy, for the seen and blind documents apart and together."""
    from ..service import queries

    out: Scores = {}
    with Store(db) as store:
        texts = queries.texts(store)
        for gs in sets:
            records = claim_eval.load_gold(gs.gold)
            seen, blind = claim_eval.split_blind(records)
            for part, recs in (("seen", seen), ("blind", blind), ("all", records)):
                with_quotes = [r for r in recs if r.get("quotes") and r["doc"] in texts]
                if not with_quotes:
                    continue
                precise, found, speaker = _score_quote_records(store, texts, with_quotes)
                name = f"quotes.{gs.name}" + ("" if part == "all" else f".{part}")
                out[name] = rounded({"precision": precise.value, "recall": found.value, "speaker_accuracy": speaker.value})
                out[name]["gold_quotes"] = found.total
                say(f"quotes {gs.name + ' ' + part:<16} P {show(precise.value)} R {show(found.value)}  "
                    f"speaker {show(speaker.value)}  ({found.total} gold quotes)")  # fmt: skip
    return out


def _score_quote_records(
    store: Store, texts: dict[str, str], records: Sequence[dict[str, Any]]
) -> tuple[Accuracy, Accuracy, Accuracy]:
    from ..service import queries
    from .names import same_speaker

    found, speaker, precise = Accuracy(), Accuracy(), Accuracy()  # precise: system quotes on a gold one
    for rec in records:
        text = texts[rec["doc"]]
        quotes = queries.quotes(store, doc=rec["doc"])
        located = [(at, at + len(g["evidence"]), g) for g in rec["quotes"] if (at := text.find(g["evidence"])) >= 0]
        for q in quotes:
            precise.add(any(min(e, q.end) - max(b, q.start) > 0 for b, e, _ in located))
        for at, end, g in located:
            best = max(quotes, key=lambda q: min(end, q.end) - max(at, q.start), default=None)
            hit = best is not None and min(end, best.end) - max(at, best.start) > 0
            found.add(hit)
            if hit and best is not None:
                speaker.add(same_speaker(g.get("speaker"), best.speaker))
    return precise, found, speaker


def score_quantities(db: Path, sets: Sequence[GoldSet], say: Print) -> Scores:
    """The quantity layer alone (promoted quantities against gold claims), per gold set."""
    from ..service import queries
    from .quantities import score_records

    with Store(db) as store:
        texts = queries.texts(store)
    out: Scores = {}
    for gs in sets:
        c = score_records(claim_eval.load_gold(gs.gold), texts).counts
        out[f"quantities.{gs.name}"] = rounded({"precision": c.precision, "recall": c.recall, "f1": c.f1})
        say(f"quantities {gs.name:<7} P {show(c.precision)} R {show(c.recall)} F1 {show(c.f1)}  ({c.tp}/{c.fp}/{c.fn})")
    return out


def set_doc_ids(gs: GoldSet) -> list[str]:
    """The ids of a gold set's documents, in corpus order, as the store holds them."""
    ids: list[str] = []
    for p in gs.inputs:
        if p.is_dir():
            ids += sorted(q.name for q in p.glob("*.txt"))
        else:
            ids += [json.loads(line)["id"] for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ids


def score_links(db: Path, sets: Sequence[GoldSet], say: Print) -> Scores:
    """Talking points and stories of each links gold set (seen, blind and all), linked over
    the set's documents and claims as the store reads them back (what ``stories`` runs),
    and ``check`` scored against the set's findings gold where there is one."""
    from ..link.findings import check
    from ..link.stories import link_corpus
    from ..service import queries
    from .findings import load_gold_findings, load_judged, score_findings, summary
    from .links import score_stories, score_talking_points

    out: Scores = {}
    with Store(db) as store:
        all_claims = queries.claims(store)
        stored = {d.id: d for d in store.documents()}
    for gs in sets:
        if gs.links is None:
            continue
        docs = [stored[i] for i in set_doc_ids(gs) if i in stored]
        ids = {d.id for d in docs}
        claims = [c for c in all_claims if c.doc in ids]
        gold = json.loads(gs.links.read_text(encoding="utf-8"))
        texts = {d.id: d.text for d in docs}
        points, stories = link_corpus(docs, claims)
        tp = score_talking_points(gold.get("talking_points", []), points, texts)
        st = score_stories(gold.get("stories", []), stories, texts)
        for part, t, s in zip(("seen", "blind", "all"), (tp.seen, tp.blind, tp.all), (st.seen, st.blind, st.all),
                              strict=True):  # fmt: skip
            key = f"links.{gs.name}" if part == "all" else f"links.{gs.name}.{part}"
            out[key] = rounded({
                "talking_point_precision": t.precision, "talking_point_recall": t.recall, "talking_point_f1": t.f1,
                "story_precision": s.precision, "story_recall": s.recall, "story_f1": s.f1,
            })  # fmt: skip
            say(f"links {gs.name:<7} {part:<5} talking points P {show(t.precision)} R {show(t.recall)} "
                f"F1 {show(t.f1)}   stories P {show(s.precision)} R {show(s.recall)} F1 {show(s.f1)}")  # fmt: skip
        gold_findings = gs.links.with_name(gs.links.name.replace(".links.json", ".findings.json"))
        judged = load_judged(gs.name)
        if gold_findings.exists() or judged:
            found = check(claims, docs, stories)
            gold_list = load_gold_findings(gold_findings) if gold_findings.exists() else []
            fs = score_findings(gold_list, found, judged)
            out[f"findings.{gs.name}"] = rounded({k: v for k, v in summary(fs).items() if v is not None})
            families = "  ".join(f"{t} {sum(v)}/{len(v)}" for t, v in fs.by_family.items())
            say(f"findings {gs.name:<7} recall seen {show(fs.recall('seen'))} blind {show(fs.recall('blind'))} "
                f"all {show(fs.recall())}  precision {show(fs.precision)} ({fs.correct}/{fs.judged} judged, "
                f"{fs.unjudged} unjudged)")  # fmt: skip
            say(f"  by family: {families}")
            say("  reported: " + ", ".join(f"{t} {n}" for t, n in sorted(fs.reported.items())))
            for g in fs.missed:
                say(f"  missed (seen): {g.type} {', '.join(sorted(g.docs))}")
    return out


def score_external(shared: Path | None, say: Print, show_misses: int = 20) -> Scores:
    out: Scores = {}
    if shared is None:
        return out
    external = shared / "external"
    if (external / "timebank").is_dir():
        from .timebank import score_timebank

        tb = score_timebank(external / "timebank")
        out["timebank"] = rounded({"date_value_accuracy": tb.value_accuracy, "detection_recall": tb.recall,
                                   "detection_precision": tb.precision})  # fmt: skip
        out["timebank"]["gold_dates"] = tb.gold_dates
        say(f"timebank   DATE value accuracy {show(tb.value_accuracy)}  detection R {show(tb.recall)} "
            f"P {show(tb.precision)}  ({tb.gold_dates} gold dates)")  # fmt: skip
    if (external / "cqe").is_dir():
        from .cqe import score_cqe

        out.update(score_cqe(external / "cqe", say, show_misses))
    if (external / "polnear-dev").is_dir():
        from .polnear import score_polnear

        pn = score_polnear(external / "polnear-dev")
        out["polnear-dev"] = rounded({"source_accuracy": pn.source_accuracy, "content_recall": pn.content_recall})
        out["polnear-dev"]["speech_attributions"] = pn.gold
        say(f"polnear    source accuracy {show(pn.source_accuracy)}  content recall {show(pn.content_recall)}"
            f"  ({pn.gold} speech attributions)")  # fmt: skip
    return out


def run_gate(
    shared: Path | None,
    *,
    floors: Floors | None = None,
    db: Path | None = None,
    ablate: Sequence[str] = (),
    settings: Settings | None = None,
    show_errors: int = 20,
    external: bool = True,
    say: Print = print,
) -> GateResult:
    """Build the eval store, score everything, check the floors (see module docstring)."""
    settings = settings or Settings()
    sets = gold_sets(shared)
    result = GateResult()
    with ExitStack() as stack:
        if db is None:
            db = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="claimwatch-eval-"))) / "eval.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        if ablate:
            stack.enter_context(rules.ablated(ablate))
            say(f"ablated: {', '.join(ablate)}")
        build_store(db, sets, settings, say)
        claim_scores, by_name = score_claim_sets(db, sets, say, show_errors)
        result.scores.update(claim_scores)
        result.scores["calibration"] = calibration(by_name["all"], say)
        result.scores["calibration.blind"] = calibration(by_name["blind"], say, "blind documents")
        result.scores.update(score_quotes(db, sets, say))
        result.scores.update(score_quantities(db, sets, say))
        result.scores.update(score_links(db, sets, say))
    if external:
        result.scores.update(score_external(shared, say, show_errors))
    if floors is not None:
        result.problems += floors.below(result.scores)
        result.problems += floors.changed_gold(gold_digests(shared))
    return result


def write_scores(path: Path, scores: Scores) -> None:
    path.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def read_scores(path: Path) -> Scores:
    data: Scores = json.loads(path.read_text(encoding="utf-8"))
    return data


def ablation_rows(
    shared: Path | None, names: Sequence[str], settings: Settings, say: Print
) -> Iterator[tuple[str, Scores]]:
    """The claim scores with no rule off, then with each named rule off in turn."""
    quiet: Print = lambda _line: None  # noqa: E731
    for name in ("", *names):
        result = run_gate(shared, ablate=[name] if name else [], settings=settings, show_errors=0,
                          external=False, say=quiet)  # fmt: skip
        say(f"scored {'baseline' if not name else name}")
        yield name, {k: v for k, v in result.scores.items() if k.startswith(("claims.", "quotes."))}
