"""``claimwatch eval``: the accuracy gate and the tools around it (a thin Typer group)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..errors import EvalBelowFloor, InputError
from ..exports import terminal_text
from ..extract import rules
from ..settings import Settings
from ..store import Store
from . import claims as claim_eval
from . import gate
from .floors import FLOORS_FILE, ROOT, Floors, gold_digests
from .metrics import show

eval_app = typer.Typer(
    help="Accuracy: the gate over every gold set, ad hoc scoring, pinned floors, rule ablation.",
    no_args_is_help=True,
)
out = Console(width=200, highlight=False, soft_wrap=True)
DEFAULT_SHARED = ROOT / ".." / "shared"
DEFAULT_SCORES = ROOT / ".venv" / "eval-scores.json"

SharedOpt = Annotated[Path, typer.Option("--shared", help="The shared gold folder (corpus/, gold/, external/).")]


def _shared(path: Path) -> Path | None:
    return path if path.is_dir() else None


def _say(line: str) -> None:
    out.print(terminal_text(line))


def _settings(ctx: typer.Context) -> Settings:
    parent = ctx.find_root().obj
    return parent if isinstance(parent, Settings) else Settings()


@eval_app.command("gate")
def gate_command(
    ctx: typer.Context,
    shared: SharedOpt = DEFAULT_SHARED,
    floors: Annotated[Path, typer.Option(help="Pinned floors file.")] = FLOORS_FILE,
    db: Annotated[Path | None, typer.Option("--eval-db", help="Keep the eval store here (default: a temp file).")] = None,
    ablate: Annotated[list[str] | None, typer.Option("--ablate", metavar="RULE", help="Switch a rule off.")] = None,
    show_errors: Annotated[int, typer.Option(help="Errors listed per gold set, seen documents only (-1: all).")] = 20,
    scores_out: Annotated[Path, typer.Option(help="Write every score here (JSON).")] = DEFAULT_SCORES,
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 1,
) -> None:
    """Score every gold set and benchmark, print every score, fail below the pinned floors."""
    settings = replace(_settings(ctx), workers=workers)
    if not shared.is_dir():
        _say(f"{shared} not found: scoring the bundled sample gold only")
    result = gate.run_gate(
        _shared(shared), floors=None if ablate else Floors.load(floors), db=db, ablate=ablate or [],
        settings=settings, show_errors=show_errors, say=_say,
    )  # fmt: skip
    scores_out.parent.mkdir(parents=True, exist_ok=True)
    gate.write_scores(scores_out, result.scores)
    for problem in result.problems:
        _say(f"GATE: {problem}")
    if result.problems:
        raise EvalBelowFloor(f"{len(result.problems)} problem(s) in the accuracy gate (listed above)")
    _say(f"gate passed: {sum(len(v) for v in Floors.load(floors).floors.values())} floors held; scores in {scores_out}")


@eval_app.command("claims")
def claims_command(
    ctx: typer.Context,
    gold: Annotated[list[Path], typer.Option("--gold", help="Gold claims file(s) (JSONL).")],
    show_errors: Annotated[int, typer.Option(help="Errors listed, seen documents only (-1: all).")] = -1,
    blind: Annotated[bool, typer.Option(help="Also list the errors of the blind documents.")] = False,
    min_f1: Annotated[float | None, typer.Option(help="Exit non-zero when a file's F1 (all documents) is below this.")] = None,
) -> None:
    """Score the store's claims against gold files (seen, blind and all documents)."""
    from ..exports import claim_records_by_doc
    from ..service import queries

    with Store(_settings(ctx).db) as store:
        system, texts = claim_records_by_doc(queries.claims(store)), queries.texts(store)
    problems: list[str] = []
    for path in gold:
        records = claim_eval.load_gold(path)
        seen, blind_docs = claim_eval.split_blind(records)
        for part, recs in (("seen", seen), ("blind", blind_docs), ("all", records)):
            sc = claim_eval.score_claims(recs, system, texts, gold_file=f"{path.name} {part}")
            gate._say_row(_say, f"{path.stem} {part}", len(recs), sc)
            gate._say_error_kinds(_say, f"{path.stem} {part}", sc)
            if part == "seen" or (part == "blind" and blind):
                gate._say_errors(_say, f"{path.stem} {part}", sc, show_errors)
            if part == "all" and min_f1 is not None and (sc.counts.f1 or 0.0) < min_f1:
                problems.append(f"{path.name}: F1 {show(sc.counts.f1)} < --min-f1 {min_f1}")
    if problems:
        raise EvalBelowFloor("; ".join(problems))


@eval_app.command("pin")
def pin_command(
    shared: SharedOpt = DEFAULT_SHARED,
    scores: Annotated[Path, typer.Option(help="Scores written by `eval gate`.")] = DEFAULT_SCORES,
    floors: Annotated[Path, typer.Option(help="Pinned floors file.")] = FLOORS_FILE,
    lower: Annotated[list[str] | None, typer.Option("--lower", metavar="SET.METRIC", help="Lower this floor on purpose.")] = None,
) -> None:
    """Raise the floors to the scores reached (never lowers one unless named) and pin the gold digests."""
    if not scores.exists():
        raise InputError(f"no scores at {scores}: run `claimwatch eval gate` first")
    current = Floors.load(floors)
    new, changes = current.pinned(gate.read_scores(scores), gold_digests(_shared(shared)), lower or [])
    new.save(floors)
    for line in changes:
        _say(line)
    _say(f"{len(changes)} change(s) pinned in {floors}")


@eval_app.command("rules")
def rules_command() -> None:
    """List every named rule, table by table, in the order they are tried."""
    for name, table in sorted(rules.tables().items()):
        _say(f"{name}  ({table.kind}, decides {table.field}){'  ' + table.doc if table.doc else ''}")
        for rule in table.rules:
            _say(f"  {rule.name:<48} {rule.doc}")


@eval_app.command("ablation")
def ablation_command(
    ctx: typer.Context,
    names: Annotated[list[str] | None, typer.Argument(metavar="[RULE]...", help="Rules to switch off (default: all).")] = None,
    shared: SharedOpt = DEFAULT_SHARED,
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 2,
) -> None:
    """What each rule contributes: claim scores with it switched off, minus the baseline, per gold set."""
    chosen = list(names or sorted(rules.all_rules()))
    settings = replace(_settings(ctx), workers=workers)
    rows = list(gate.ablation_rows(_shared(shared), chosen, settings, _say))
    base = rows[0][1]
    metrics = {"f1": "F1", "speaker_accuracy": "speaker", "period_accuracy": "period", "said_on_accuracy": "said_on"}
    sets = [k.removesuffix(".seen") for k in base if k.endswith(".seen")]
    _say("What each rule contributes: the score with the rule switched off minus the score with it on,")
    _say("seen/blind documents per gold set (negative: the rule helps; only metrics that move are listed).")
    _say(f"{'rule':<48}{'metric':<9}" + "".join(f"{name.removeprefix('claims.'):>16}" for name in sets))
    for name, scores in rows[1:]:
        moved = False
        for metric, label in metrics.items():
            cells, changed = [], False
            for key in sets:
                pair = []
                for part in ("seen", "blind"):
                    b = base.get(f"{key}.{part}", {}).get(metric)
                    a = scores.get(f"{key}.{part}", {}).get(metric)
                    delta = None if a is None or b is None else a - b
                    changed |= delta is not None and abs(delta) >= 0.0005
                    pair.append("  n/a" if delta is None else f"{delta:+.3f}".replace("0.", "."))
                cells.append("/".join(pair))
            if changed:
                _say(f"{name if not moved else '':<48}{label:<9}" + "".join(f"{c:>16}" for c in cells))
                moved = True
        if not moved:
            _say(f"{name:<48}no change on any gold set")


@eval_app.command("calibrate")
def calibrate_command(
    ctx: typer.Context,
    shared: SharedOpt = DEFAULT_SHARED,
    workers: Annotated[int, typer.Option(help="Extraction processes.")] = 2,
) -> None:
    """Refit the confidence model on the seen documents of every gold set (writes its weights)."""
    import tempfile

    from . import calibration

    settings = replace(_settings(ctx), workers=workers)
    sets = gate.gold_sets(_shared(shared))
    with tempfile.TemporaryDirectory(prefix="claimwatch-calibrate-") as tmp:
        db = Path(tmp) / "eval.db"
        gate.build_store(db, sets, settings, _say)
        rows, labels = calibration.training_rows(db, [gs.gold for gs in sets])
    weights = calibration.fit(rows, labels)
    calibration.write_weights(weights)
    _say(f"fitted on {len(rows)} claims of seen documents ({sum(labels)} right in every field); "
         f"{len(weights)} weights written to {calibration.WEIGHTS_FILE}")  # fmt: skip


def summary_line(scores: dict[str, float | None]) -> str:
    return " ".join(f"{k}={show(v)}" for k, v in scores.items())
