"""The cross-document commands as the store grows (not a test): ``claims``, ``check``,
``stories`` and ``report`` on generated stores of 1k / 10k / 100k documents, and the
link stage (the talking-point index) for 1,000 more documents, each timed as its own
process with its peak RSS.

Stores are generated straight into the store (no model, no extraction): news-like
documents of about 20 sentences with extraction's per-document counts on real news
(about 9 claims, 6 quotes, 2 people). Documents report events: one event is covered by
a handful of outlets, which share its wire lead and boilerplate sentences (talking
points), quote its people and restate its figures, now and then with another value (a
conflict for ``check``). Names of people, subjects and events grow with the store, as
they do in an archive.

    .venv/bin/python bench/link_curve.py [--sizes 1000,2000,5000,10000] [--timeout 3600] [--keep DIR]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimwatch.model import Claim, Document, Extraction, Person, Quote, Span  # noqa: E402
from claimwatch.service import links  # noqa: E402
from claimwatch.store import Store  # noqa: E402

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "to",
    "sa",
    "vi",
    "dor",
    "el",
    "an",
    "ur",
    "bes",
    "ni",
    "qua",
    "zel",
    "ot",
]
GOODS = ["wheat", "steel", "oil", "rice", "copper", "coffee", "cotton", "timber", "fish", "gas", "sugar", "wool",
         "cement", "salt", "tea", "coal", "cars", "drones", "rifles", "vaccines"]  # fmt: skip
FLOWS = ["exports", "imports", "output", "sales", "prices", "stocks"]
ROLES = ["minister", "spokesperson", "analyst", "chief executive", "governor", "economist"]
VERBS = ["rose", "fell", "climbed", "dropped", "grew", "slipped"]
FILLER = ["the harbour", "a new road", "the old market", "river barges", "the upper valley", "local farmers",
          "the night shift", "two warehouses", "the rail depot", "city traders", "the coastal towns", "a small mill"]  # fmt: skip
OUTLETS = [f"{a} {b}" for a in ("North", "South", "Harbour", "Valley", "City", "Hill", "Delta", "Coast")
           for b in ("Post", "Times", "Wire", "Herald", "Ledger")]  # fmt: skip
START = date(2018, 1, 1)


def _word(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


# A vocabulary drawn with Zipf's law, as words are in news text: a few words are everywhere,
# most are rare, so unrelated sentences share little beyond the common words (stop words
# are not drawn: the most common word is in about one sentence of twenty).
_VOCAB_RNG = random.Random(3)
VOCAB = sorted({_word(_VOCAB_RNG, _VOCAB_RNG.choice((2, 3, 3, 4))) for _ in range(30000)})
_VOCAB_RNG.shuffle(VOCAB)
ZIPF = list(itertools.accumulate(1 / (rank + 50) for rank in range(1, len(VOCAB) + 1)))


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choices(VOCAB, cum_weights=ZIPF, k=rng.randint(low, high)))


@dataclass
class Event:
    number: int
    country: str
    subject: str
    value: float
    day: date
    people: list[tuple[str, str]]  # (name, role)
    lead: str
    boilerplate: list[str]


class World:
    """The events and people documents are drawn from; their number grows with the store."""

    def __init__(self, docs: int, seed: int = 7) -> None:
        rng = random.Random(seed)
        countries = [_word(rng, 3).capitalize() + "ia" for _ in range(40)]
        self.people = [(f"{_word(rng).capitalize()} {_word(rng, 3).capitalize()}", rng.choice(ROLES))
                       for _ in range(max(50, docs // 3))]  # fmt: skip
        self.events = [self._event(n, rng, countries) for n in range(max(20, docs // 5))]

    def _event(self, n: int, rng: random.Random, countries: list[str]) -> Event:
        country = rng.choice(countries)
        subject = f"{rng.choice(GOODS)} {rng.choice(FLOWS)}"
        people = rng.sample(self.people, 3)
        place = _word(rng, 3).capitalize()
        lead = (f"{country}'s {subject} {rng.choice(VERBS)} sharply after the {place} agreement, "
                f"{_words(rng, 8, 14)}, officials said on {rng.choice(['Monday', 'Tuesday', 'Friday'])}.")  # fmt: skip
        boilerplate = [
            f"The {place} agreement, signed after {rng.randint(2, 19)} rounds of talks, covers {_words(rng, 6, 12)}.",
            f"{country} is among the largest producers of {subject.split()[0]}, {_words(rng, 6, 12)}.",
            f"The {place} council publishes {_words(rng, 5, 10)} every {rng.choice(['month', 'quarter', 'year'])}.",
        ]
        day = START + timedelta(days=rng.randrange(2000))
        return Event(n, country, subject, round(rng.uniform(2, 90), 1), day, people, lead, boilerplate)


def document(world: World, number: int) -> tuple[Document, str, Extraction]:
    """One generated report of an event, with its claims, quotes, people and sentences."""
    rng = random.Random(number * 7919 + 13)
    event = world.events[rng.randrange(len(world.events))]
    doc_id = f"gen-{number:06d}"
    published = event.day + timedelta(days=rng.randrange(3))
    parts: list[str] = []
    sentences: list[Span] = []
    claims: list[Claim] = []
    quotes: list[Quote] = []
    speakers: dict[str, str] = {}
    offset = 0

    def add(sentence: str) -> int:
        nonlocal offset
        start = offset
        parts.append(sentence + " ")
        sentences.append(Span(start, start + len(sentence), sentence))
        offset += len(sentence) + 1
        return start

    add(
        event.lead
        if rng.random() < 0.7
        else f"{event.country} reported new figures for {event.subject} on report {number}."
    )
    for line in event.boilerplate:
        if rng.random() < 0.5:
            add(line)
    for i in range(9):  # claims, most of them said by someone
        own = i < 3
        subject = event.subject if own else f"{rng.choice(GOODS)} {rng.choice(FLOWS)}"
        value = event.value if own and rng.random() < 0.85 else round(rng.uniform(2, 90), 1)
        year = published.year - rng.randrange(2)
        name, role = rng.choice(event.people) if own or rng.random() < 0.3 else rng.choice(world.people)
        figure = f"{value} percent"
        evidence = f"{subject} {rng.choice(VERBS)} {figure} in {year}"
        said = f"{role} {name} said" if rng.random() < 0.6 else "the ministry said"
        sentence = f"{event.country}'s {evidence}, {said}, {_words(rng, 4, 12)}."
        start = add(sentence) + len(event.country) + 3
        speaker = name if "ministry" not in said else None
        claims.append(Claim(
            doc=doc_id, start=start, end=start + len(evidence), evidence=evidence, kind="percent_change", value=value,
            value_high=None, unit="%", subject=f"{event.country} {subject}", speaker=speaker,
            speaker_role=role if speaker else None, period_start=date(year, 1, 1), period_end=date(year, 12, 31),
            period_text=str(year), said_on=published, confidence=round(rng.uniform(0.4, 0.99), 3),
            quantity_start=start + evidence.index(figure), quantity_end=start + evidence.index(figure) + len(figure),
        ))  # fmt: skip
        if speaker and len(quotes) < 6:
            quotes.append(
                Quote(start, start + len(evidence), evidence, "reported", speaker=speaker, speaker_role=role)
            )
            speakers[speaker] = role
    while len(sentences) < 20:
        add(f"{rng.choice(FILLER).capitalize()} {_words(rng, 10, 24)}.")
    text = "".join(parts)
    people = tuple(Person(name, role=role) for name, role in list(speakers.items())[:2])
    doc = Document(id=doc_id, text=text, content_hash=f"gen-{number}", source="generated", outlet=rng.choice(OUTLETS),
                   published=published, title=f"{event.subject.capitalize()} in {event.country}",
                   url=f"https://news.example/{doc_id}")  # fmt: skip
    return doc, text, Extraction(doc_id, sentences=tuple(sentences), claims=tuple(claims), quotes=tuple(quotes),
                                 people=people, pipeline_version="generated")  # fmt: skip


def generate(db: Path, world: World, numbers: range) -> None:
    with Store(db, writer=True) as store:
        for chunk in _chunks(numbers, 500):
            store.save_many([document(world, n) for n in chunk])


def _chunks(numbers: range, size: int) -> Iterator[range]:
    for i in range(0, len(numbers), size):
        yield numbers[i : i + size]


def run(argv: list[str], timeout: float) -> tuple[float | None, float, float]:
    """Wall seconds (None when stopped at the timeout), CPU seconds (user + system) and
    peak RSS (MB) of one process. On a shared machine the CPU seconds are the steadier
    measure: wall time also counts the time other work held the cores."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    if elapsed >= timeout:
        return None, cpu, usage.ru_maxrss / 1024
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {err[-2000:]}")
    return elapsed, cpu, usage.ru_maxrss / 1024


def index(db: Path) -> None:
    """The link stage for every document the index lacks (what ``add`` runs after storing)."""
    with Store(db, writer=True) as store:
        links.update_index(store)


def one_size(n: int, timeout: float, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory(prefix="claimwatch-link-curve-") as tmp:
        db = (keep / f"links-{n}.db") if keep else Path(tmp) / "links.db"
        world = World(n + 1000)
        t0 = time.perf_counter()
        if not db.exists():
            generate(db, world, range(n))
            built = time.perf_counter() - t0
            seconds, cpu, rss = run([sys.executable, __file__, "--index", str(db)], timeout)
            print(f"{n:>7} generated in {built:.0f} s; index of all {n} documents: {_fmt(seconds)} s, "
                  f"{cpu:.1f} CPU s, {rss:.0f} MB", flush=True)  # fmt: skip
        cw = [sys.executable, "-m", "claimwatch", "--db", str(db)]
        stages = [
            ("claims -f jsonl", [*cw, "claims", "-f", "jsonl"]),
            ("check -f jsonl", [*cw, "check", "-f", "jsonl"]),
            ("stories -f jsonl", [*cw, "stories", "-f", "jsonl"]),
            ("report", [*cw, "report", "-o", str(Path(tmp) / "report.html")]),
        ]
        for name, argv in stages:
            seconds, cpu, rss = run(argv, timeout)
            print(f"{n:>7} {name:<24} {_fmt(seconds):>9} {cpu:>9.1f} {cpu / n * 1000:9.2f} {rss:>12.0f}"
                  f" {os.getloadavg()[0]:5.1f}", flush=True)  # fmt: skip
        if keep:  # the 1,000 more go into a copy, so the kept store stays at n
            import shutil

            shutil.copy(db, Path(tmp) / "more.db")
            db = Path(tmp) / "more.db"
        generate(db, world, range(n, n + 1000))
        seconds, cpu, rss = run([sys.executable, __file__, "--index", str(db)], timeout)
        print(f"{n:>7} {'link 1,000 more':<24} {_fmt(seconds):>9} {cpu:>9.1f} {cpu:9.2f} {rss:>12.0f}"
              f" {os.getloadavg()[0]:5.1f}", flush=True)  # fmt: skip


def _fmt(seconds: float | None) -> str:
    return "timeout" if seconds is None else f"{seconds:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,5000,10000")
    ap.add_argument(
        "--timeout", type=float, default=3600, help="seconds one stage may take before it is stopped"
    )
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the generated stores in this folder")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.index:
        index(args.index)
        return
    if args.one:
        one_size(args.one, args.timeout, args.keep)
        return
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; each stage a process of its own"
    )
    print(f"{'docs':>7} {'stage':<24} {'wall s':>9} {'CPU s':>9} {'CPU/1k':>9} {'peak RSS MB':>12} {'load':>5}")
    for n in [int(x) for x in args.sizes.split(",")]:
        extra = ["--keep", str(args.keep)] if args.keep else []
        subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--timeout", str(args.timeout), *extra], check=True
        )
        print(f"load average after {n}: {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
