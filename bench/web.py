"""Web benchmark (not a test): latency of the claims page and /api/claims under load.

Generates a store of synthetic documents (default 5,000 documents of 20 claims: 100,000
claims, seeded; 2 to 6 speakers per document, written in several ways), serves it with ``claimwatch serve`` on 127.0.0.1 in its own process,
warms it (the first request of a store version works out the people and subjects the
filters need), then runs 20 concurrent clients over a mix of filtered queries twice (the
second time the server has the pages) and prints p50 / p95 / max per endpoint.

    .venv/bin/python bench/web.py [--docs 5000] [--claims-per-doc 20] [--clients 20] [--requests 1000]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from claimwatch.model import Claim, Document, Extraction, Person, Quote  # noqa: E402
from claimwatch.store import Store  # noqa: E402

SYLLABLES = ["ar", "be", "ca", "da", "el", "fe", "ga", "ha", "iv", "jo", "ke", "li", "mi", "no", "qa", "ra", "so",
             "ta", "ul", "ve"]  # fmt: skip
SURNAME_ENDINGS = ["mi", "ni", "di", "vand", "stad", "berg"]
TITLES = ["Minister", "General", "Dr.", "Senator", "Governor"]
ROLES = ["trade minister", "central bank governor", "army spokesman", "port authority head", "finance minister",
         "harbour master", "grain board chairman", "customs chief"]  # fmt: skip
SUBJECTS = ["arms exports", "oil output", "wheat harvest", "defence budget", "inflation", "car sales", "steel output",
            "rice exports", "tourist arrivals", "port traffic", "grain imports", "drone sales"]  # fmt: skip
OUTLETS = [f"{a} {b}" for a in ("North", "South", "Harbour", "Valley", "City") for b in ("Post", "Times", "Wire")]
KINDS = [("percent_change", "%"), ("amount", "USD"), ("count", "units"), ("multiplier", "x"), ("percent_share", "%")]


def invented_people(rng: random.Random, count: int = 1500) -> list[tuple[str, str, str, str]]:
    """(given name, surname, title, role) of ``count`` invented people; surnames shared by several."""
    surnames = [(rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(SURNAME_ENDINGS)).capitalize()
                for _ in range(count // 3)]  # fmt: skip
    people = set()
    while len(people) < count:
        given = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice("nrsl")).capitalize()
        people.add((given, rng.choice(surnames), rng.choice(TITLES), rng.choice(ROLES)))
    return sorted(people)


def written(rng: random.Random, person: tuple[str, str, str, str]) -> tuple[str, str | None, str | None]:
    """How one report writes a person: (name, title, role) — full, titled, an initial, the
    surname alone, or a q/gh spelling."""
    given, surname, title, role = person
    shape = rng.random()
    if shape < 0.5:
        return f"{given} {surname}", None, role
    if shape < 0.65:
        return f"{title} {given} {surname}", title, role
    if shape < 0.75:
        return f"{given[0]}. {surname}", None, None
    if shape < 0.85:
        return surname, title, role
    return f"{given} {surname}".replace("Qa", "Gha").replace("qa", "gha"), None, role


PEOPLE = invented_people(random.Random(11))


def build_store(path: Path, docs: int, per_doc: int, seed: int = 11) -> int:
    """A store of ``docs`` documents with ``per_doc`` claims each, written in chunks; each report
    quotes 2 to 6 people of a pool where some are quoted far more often than others."""
    rng = random.Random(seed)
    pool = PEOPLE
    popularity = [1 / (rank + 10) for rank in range(len(pool))]
    written_count = 0
    with Store(path, writer=True) as store:
        chunk: list[tuple[Document, str, Extraction]] = []
        for d in range(docs):
            doc_id = f"gen-{d:05d}"
            published = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
            sentences, claims, quotes, people = [], [], [], {}
            offset = 0
            speakers = [written(rng, p) for p in set(rng.choices(pool, popularity, k=rng.randint(2, 6)))]
            for i in range(per_doc):
                subject = rng.choice(SUBJECTS)
                kind, unit = rng.choice(KINDS)
                value = round(rng.uniform(1, 900), 1)
                year = published.year - rng.randrange(2)
                speaker, title, role = rng.choice(speakers)
                evidence = f"{subject} rose {value} {unit} in {year}"
                sentence = f"{evidence}, {speaker} said in report {i}. "
                start = offset
                claims.append(Claim(
                    doc=doc_id, start=start, end=start + len(evidence), evidence=evidence, kind=kind,  # type: ignore[arg-type]
                    value=value, value_high=None, unit=unit, subject=subject, speaker=speaker,
                    period_start=date(year, 1, 1), period_end=date(year, 12, 31), period_text=str(year),
                    said_on=published, confidence=round(rng.uniform(0.3, 1.0), 3), quantity_start=start,
                    quantity_end=start + len(evidence),
                ))  # fmt: skip
                quotes.append(Quote(start, start + len(evidence), evidence, "reported", speaker=speaker))
                people[speaker] = Person(speaker, title=title, role=role)
                sentences.append(sentence)
                offset += len(sentence)
            text = "".join(sentences)
            doc = Document(id=doc_id, text=text, content_hash=f"bench-{doc_id}", source="bench", outlet=rng.choice(OUTLETS),
                           published=published, title=f"Report {d}")  # fmt: skip
            chunk.append((doc, text, Extraction(doc=doc_id, claims=tuple(claims), quotes=tuple(quotes),
                                                 people=tuple(people.values()), pipeline_version="bench")))  # fmt: skip
            written_count += len(claims)
            if len(chunk) == 200:
                store.save_many(chunk)
                chunk = []
        if chunk:
            store.save_many(chunk)
    return written_count


def queries(rng: random.Random) -> list[str]:
    """A mix of what readers ask: a speaker, a subject, a kind, words, a period, a sort, a later page."""
    given, surname, _title, _role = rng.choice(PEOPLE[:300])
    return [
        f"claims?speaker={given}+{surname}",
        f"claims?kind=amount&sort=value&page={rng.randrange(1, 20)}",
        f"claims?subject={rng.choice(SUBJECTS).replace(' ', '+')}&since=2021-01-01&until=2021-12-31",
        f"claims?q={rng.choice(SUBJECTS).split()[0]}&min_confidence=0.8",
        f"claims?outlet={rng.choice(OUTLETS).split()[0]}&sort=said_on&page=3",
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(base: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited")
        try:
            if httpx.get(base + "/api/docs?per_page=1", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def run_load(base: str, clients: int, requests: int, seed: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"page /claims": [], "api /api/claims": []}
    errors: list[str] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        rng = random.Random(seed + n)
        with httpx.Client(base_url=base, timeout=60) as http:
            for i in range(requests // clients):
                path = rng.choice(queries(rng))
                endpoint, url = ("api /api/claims", "/api/" + path) if i % 2 else ("page /claims", "/" + path)
                began = time.perf_counter()
                response = http.get(url)
                took = time.perf_counter() - began
                with lock:
                    timings[endpoint].append(took)
                    if response.status_code != 200:
                        errors.append(f"{url}: {response.status_code}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        print(f"{len(errors)} error(s), e.g. {errors[:3]}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--claims-per-doc", type=int, default=20)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--db", type=Path, help="reuse or keep this store (default: a temporary one)")
    parser.add_argument("--workers", type=int, default=1, help="server processes (claimwatch serve --workers)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimwatch-web-bench-") as folder:
        db = args.db or Path(folder) / "bench.db"
        if not db.exists():
            began = time.perf_counter()
            n = build_store(db, args.docs, args.claims_per_doc)
            print(f"generated {n:,} claims in {args.docs:,} documents in {time.perf_counter() - began:.1f}s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        began = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "claimwatch", "--db", str(db), "serve", "--port", str(port),
                                 "--workers", str(args.workers)], env=env)  # fmt: skip
        try:
            wait_until_up(base, proc)
            print(f"server up in {time.perf_counter() - began:.2f}s")
            # each server process works out the store's people, subjects and speaker list once,
            # as it starts: the filtered queries are asked of the API and the pages on new
            # connections (so of every process) until a whole round of them is quick
            while True:
                round_began = time.perf_counter()
                for path in queries(random.Random(0)) * 2 * args.workers:
                    httpx.get(f"{base}/api/{path}", timeout=300)
                    httpx.get(f"{base}/{path}", timeout=300)
                if time.perf_counter() - round_began < 2.0 * args.workers:
                    break
            print(f"warm-up (people, subjects and speaker list of the store worked out once): {time.perf_counter() - began:.2f}s from start")
            # the same mix twice: first every query is new to the server, then its pages are kept
            for label in ("first pass (queries new to the server)", "second pass (the same queries again)"):
                began = time.perf_counter()
                timings = run_load(base, args.clients, args.requests, seed=1)
                report(label, timings, args.clients, time.perf_counter() - began)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def report(label: str, timings: dict[str, list[float]], clients: int, wall: float) -> None:
    total = sum(len(t) for t in timings.values())
    print(f"{label}: {clients} concurrent clients, {total} requests in {wall:.1f}s ({total / wall:.0f} requests/s)")
    print(f"  {'endpoint':<18} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for endpoint, values in timings.items():
        cuts = statistics.quantiles(values, n=100)
        print(f"  {endpoint:<18} {len(values):>5} {cuts[49] * 1000:>8.1f} {cuts[94] * 1000:>8.1f} {max(values) * 1000:>8.1f}")


if __name__ == "__main__":
    main()
