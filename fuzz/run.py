"""Run one fuzz target under atheris (coverage-guided), for a bounded time.

    python fuzz/run.py TARGET --seconds N [--corpus DIR] [--artifacts DIR]

The corpus folder starts from the seeds in ``fuzz/seeds/TARGET`` and keeps what the
fuzzer finds interesting; a crashing input is written to the artifacts folder
(``crash-*``) and the run exits non-zero. Copy a crash into
``tests/fixtures/fuzz/TARGET/`` once it is fixed: the test suite replays it for good.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent

with atheris.instrument_imports(include=["claimwatch"]):
    sys.path.insert(0, str(HERE))
    from targets import TARGETS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=sorted(TARGETS))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--corpus", type=Path, default=None, help="working corpus folder (default: a temporary copy of the seeds)")
    parser.add_argument("--artifacts", type=Path, default=Path(".venv/fuzz-artifacts"))
    args = parser.parse_args()
    corpus = args.corpus or Path(".venv/fuzz-corpus") / args.target
    corpus.mkdir(parents=True, exist_ok=True)
    seeds = HERE / "seeds" / args.target
    for seed in sorted(seeds.glob("*")) if seeds.is_dir() else []:
        if not (corpus / seed.name).exists():
            shutil.copy(seed, corpus / seed.name)
    args.artifacts.mkdir(parents=True, exist_ok=True)
    target = TARGETS[args.target]
    libfuzzer_args = [
        sys.argv[0], str(corpus), f"-max_total_time={args.seconds}", f"-artifact_prefix={args.artifacts}/{args.target}-",
        "-timeout=60", "-rss_limit_mb=4096", "-max_len=65536", "-print_final_stats=1",
    ]  # fmt: skip
    atheris.Setup(libfuzzer_args, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
