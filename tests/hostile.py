"""A generated corpus of bad inputs, one file per class of trouble, beside good articles.

Every text here is invented. ``write_bad_corpus`` lays the files out in a folder and
returns what each should come to: stored (with a note, perhaps) or skipped with a reason.
Tests of the ingest stage, the batch runner and the fuzz replays all read it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

GOOD_SENTENCES = (
    "The harbour authority said cargo volumes rose 12 percent in 2031.",
    "Exports of ceramic tiles reached $4.5 billion last year, the trade minister Lina Varga said.",
    "The ministry said the fleet doubled to 40 ships between 2029 and 2031.",
)


def good_text(n: int) -> str:
    """A short invented article, distinct for every ``n``."""
    return f"Report number {n}. " + " ".join(GOOD_SENTENCES) + f" Officials counted {n + 3} new ferries."


@dataclass(frozen=True)
class Expected:
    """What one bad input must come to: its document ids stored, or a skip whose reason
    contains ``reason``; ``note`` is a note the stored document carries."""

    stored: tuple[str, ...] = ()
    reason: str | None = None
    note: str | None = None


# the file name byte that is not UTF-8, and the id it is stored under
BAD_NAME = b"tiles-\xff-report.txt"
BAD_NAME_ID = "tiles-\\xff-report.txt"
JSONL_LINES = 240
JSONL_BROKEN = (7, 50, 51, 133, 239)


def write_bad_corpus(root: Path) -> dict[str, Expected]:
    """Write the corpus under ``root``; the keys are paths relative to it (ids of stored files)."""
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    expected: dict[str, Expected] = {}

    def put(name: str, data: bytes, outcome: Expected) -> None:
        files[name] = data
        expected[name] = outcome

    put("good-1.txt", good_text(1).encode(), Expected(stored=("good-1.txt",)))
    put("good-2.txt", good_text(2).encode(), Expected(stored=("good-2.txt",)))
    # binary and half-binary content
    put("nul-bytes.txt", good_text(3).encode().replace(b" ", b"\x00", 5), Expected(reason="NUL bytes"))
    put("random-binary.txt", bytes(range(256)) * 8, Expected(reason="binary content"))
    put("utf16-no-bom.txt", good_text(4).encode("utf-16-le"), Expected(reason="UTF-16 without a byte-order mark"))
    put("utf16-bom.txt", good_text(5).encode("utf-16"), Expected(stored=("utf16-bom.txt",)))
    put("empty.txt", b"  \n\n ", Expected(reason="empty"))
    # right-to-left text with Persian digits, marks and an Arabic comma
    persian = ("\u200fوزیر گفت صادرات \u06f1\u06f2 درصد افزایش یافت\u060c در سال \u06f1\u06f4\u06f0\u06f2. "
               "Officials said exports rose \u06f1\u06f2 percent in 1402, the minister said.\u200e")  # fmt: skip
    put("rtl-persian.txt", persian.encode(), Expected(stored=("rtl-persian.txt",)))
    # a quotation opened and never closed, to the end of the text
    unclosed = '"The shipyard will deliver 14 ferries by 2032, the director said. ' + good_text(6) * 3
    put("unclosed-quote.txt", unclosed.encode(), Expected(stored=("unclosed-quote.txt",)))
    # legacy and damaged encodings
    cp1252 = "\u201cTile exports rose 7 percent in 2031,\u201d Varga said \u2013 a record.\n" + good_text(7)
    put("windows-1252.txt", cp1252.encode("cp1252"), Expected(stored=("windows-1252.txt",)))
    damaged = ("The caf\u00e9 owners\u2019 union said prices rose 9 percent in 2031. ".encode()
               + b"\xff\xfe " + good_text(8).encode())  # fmt: skip
    put("mostly-utf8.txt", damaged, Expected(stored=("mostly-utf8.txt",), note="invalid byte(s) replaced"))
    # a figure with hundreds of digits, markup and escape sequences in the data
    put("huge-number.txt", f"The deficit reached ${'9' * 400} billion in 2031, the auditor said. {good_text(9)}".encode(),
        Expected(stored=("huge-number.txt",)))  # fmt: skip
    hostile = "Budget [/red] \x1b]0;retitled\x07 [bold]review\x1b[2J: " + good_text(10)
    put("markup-escapes.txt", hostile.encode(), Expected(stored=("markup-escapes.txt",)))
    # a page of deeply nested markup, several megabytes
    huge_html = ("<html><body>" + "<div><p>Cargo rose 3 percent in 2031.</p>" * 40000 + "</div>" * 40000
                 + "</body></html>")  # fmt: skip
    put("huge-page.html", huge_html.encode(), Expected(stored=("huge-page.html",)))
    # JSONL: many good lines, a few broken ones among them
    lines = []
    for i in range(1, JSONL_LINES + 1):
        if i in JSONL_BROKEN:
            lines.append(f'{{"id": "broken-{i}", "text": "never closed' if i % 2 else "[1, 2, 3]")
        else:
            lines.append(json.dumps({"id": f"line-{i}", "text": good_text(100 + i), "outlet": "Harbour [/b] News"}))
    good_ids = tuple(f"line-{i}" for i in range(1, JSONL_LINES + 1) if i not in JSONL_BROKEN)
    put("many.jsonl", ("\n".join(lines) + "\n").encode(), Expected(stored=good_ids))
    put("not-an-article.pdf", b"%PDF-1.4", Expected())  # other files in a folder are left alone

    for name, data in files.items():
        (root / name).write_bytes(data)
    # a file name that is not UTF-8
    with open(os.path.join(os.fsencode(root), BAD_NAME), "wb") as fh:
        fh.write(good_text(11).encode())
    expected[BAD_NAME_ID] = Expected(stored=(BAD_NAME_ID,), note="file name is not valid UTF-8")
    # a folder this process may not read (see ``run_without_file_privileges``)
    locked = root / "locked"
    locked.mkdir(exist_ok=True)
    (locked / "inside.txt").write_text(good_text(12), encoding="utf-8")
    locked.chmod(0)
    expected["locked"] = Expected(reason="directory not read: permission denied")
    return expected


def unlock(root: Path) -> None:
    """Make the corpus removable again."""
    locked = root / "locked"
    if locked.exists():
        locked.chmod(0o755)


def file_privileges_droppable() -> bool:
    """Whether a child process can be made to obey file permissions (root cannot, unless
    it drops the capabilities that override them, which needs ``setpriv``)."""
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


def without_file_privileges(argv: list[str]) -> list[str]:
    """``argv`` run so that file permissions hold for it, even as root: root keeps its
    user id but drops the capabilities that let it read and write any file."""
    if os.geteuid() != 0:
        return argv
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", "--bounding-set", caps, "--inh-caps", caps, "--", *argv]


def run_without_file_privileges(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(without_file_privileges(argv), capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload, no-any-return]
