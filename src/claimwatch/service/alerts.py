"""Alerts: rules that match new claims or ``check`` findings, and their delivery, once.

A rule matches on subject words, part of a speaker's name, part of an outlet's name and,
for findings, the finding type; it delivers by webhook (POST JSON), by a command (the
JSON on its standard input) or by appending a JSON line to a file. Every alert carries
the evidence, a link to it (the article URL with a text fragment that scrolls to the
evidence), and an ``id``.

Once, across restarts:

* claim alerts are queued in the same transaction that stores the document version
  whose claims raised them (``Store.save_version``), finding alerts with the mark of the
  store state they were computed from; a run killed before that commit queues them again,
  one killed after finds them queued;
* a rule and what it matched (a claim's key, a finding's id) are the key of the queue, so
  nothing is queued twice: a new version of an article raises alerts only for claims it
  did not have before;
* each attempt is counted in the store before it is made and the alert marked sent after.
  An attempt cut short by a crash is retried with the same ``id`` (the webhook also gets
  it as ``Idempotency-Key``; the command as ``CLAIMWATCH_ALERT_ID``) so a receiver can
  drop a repeat; the file channel looks for the ``id`` in the file before writing again,
  so a file gets each alert exactly once.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import subprocess
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from ..errors import InputError, NotFound
from ..exports import claim_record
from ..ingest.fetch import send_json
from ..link.consistency import FINDING_TYPES, Finding
from ..model import Claim, Document, Extraction
from ..store import Store
from ..watch_records import AlertRule, ClaimRef, Delivery, utc_iso

MAX_ATTEMPTS = 5
FINDINGS_CHECKED = "alerts.findings_checked"  # watch_state key: the store state findings were read in


@dataclass
class DeliveryReport:
    sent: int = 0
    failures: list[str] = field(default_factory=list)  # "alert ID (rule N): reason"


# ---- rules ----------------------------------------------------------------------------


def add_rule(store: Store, rule: AlertRule, *, now: float | None = None) -> AlertRule:
    """Check and store a rule. A finding rule starts from the findings the store holds now:
    they are marked as seen and never delivered, so only findings that appear later alert."""
    _check_rule(rule)
    rule = replace(rule, created_at=utc_iso(time.time() if now is None else now), id=None)
    baseline: list[Delivery] = []
    if rule.kind == "finding":
        baseline = [
            Delivery(0, f"finding:{f.id}", "", "{}", rule.created_at or "", state="baseline")
            for f in _matching_findings(store, rule, _current_findings(store))
        ]
    return replace(rule, id=store.add_alert_rule(rule, baseline))


def rule_from_options(
    on: str,
    *,
    subject: str | None = None,
    speaker: str | None = None,
    outlet: str | None = None,
    finding_type: str | None = None,
    webhook: str | None = None,
    command: str | None = None,
    file: str | None = None,
) -> AlertRule:
    """A rule from the command line's options: exactly one of webhook, command or file."""
    given = [(ch, t) for ch, t in (("webhook", webhook), ("exec", command), ("file", file)) if t is not None]
    if len(given) != 1:
        raise InputError("give exactly one of --webhook URL, --exec COMMAND or --file PATH")
    channel, target = given[0]
    if channel == "file":  # the watch may run from another directory
        target = str(Path(target).expanduser().resolve())
    if on not in ("claim", "finding"):
        raise InputError(f"--on must be claim or finding, not {on!r}")
    rule = AlertRule(kind=on, channel=channel, target=target, subject=subject or None,  # type: ignore[arg-type]
                     speaker=speaker or None, outlet=outlet or None, finding_type=finding_type or None)  # fmt: skip
    _check_rule(rule)
    return rule


def _check_rule(rule: AlertRule) -> None:
    if rule.kind not in ("claim", "finding"):
        raise InputError(f"--on must be claim or finding, not {rule.kind!r}")
    if rule.finding_type is not None:
        if rule.kind != "finding":
            raise InputError("--type applies to finding alerts (--on finding)")
        if rule.finding_type not in FINDING_TYPES:
            raise InputError(f"unknown finding type {rule.finding_type!r}: one of {', '.join(FINDING_TYPES)}")
    target = rule.target.strip()
    if not target:
        raise InputError("an alert needs somewhere to go: --webhook URL, --exec COMMAND or --file PATH")
    if rule.channel == "webhook":
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"--webhook needs an http(s) URL, not {target!r}")
    elif rule.channel == "exec":
        try:
            if not shlex.split(target):
                raise InputError("--exec needs a command")
        except ValueError as exc:
            raise InputError(f"--exec: cannot split the command line: {exc}") from exc
    elif rule.channel == "file":
        parent = Path(target).expanduser().resolve().parent
        if not parent.is_dir():
            raise InputError(f"--file: no directory {parent}")
    else:
        raise InputError(f"unknown alert channel {rule.channel!r}")


def remove_rule(store: Store, rule_id: int) -> None:
    if not store.remove_alert_rule(rule_id):
        raise NotFound(f"no alert rule {rule_id}")


def rules_with_counts(store: Store) -> list[tuple[AlertRule, dict[str, int]]]:
    """Every rule with its alerts counted by state (pending, sent, failed, baseline)."""
    counts = store.delivery_counts()
    return [(r, counts.get(r.id or 0, {})) for r in store.alert_rules()]


# ---- matching --------------------------------------------------------------------------


def _words_in(words: str | None, texts: Iterable[str | None]) -> bool:
    if not words:
        return True
    haystack = " ".join(t.lower() for t in texts if t)
    return all(w in haystack for w in words.lower().split())


def _part_of(part: str | None, values: Iterable[str | None]) -> bool:
    return not part or any(part.lower() in v.lower() for v in values if v)


def claim_matches(rule: AlertRule, claim: Claim, outlets: Sequence[str | None]) -> bool:
    return (
        rule.kind == "claim"
        and _words_in(rule.subject, (claim.subject, claim.evidence))
        and _part_of(rule.speaker, (claim.speaker,))
        and _part_of(rule.outlet, outlets)
    )


def claim_key(doc_id: str, claim: Claim) -> str:
    """What makes a claim the same claim in a later version of its document: its figure,
    speaker, subject and period, not its offsets."""
    facts = [claim.kind, claim.value, claim.value_high, claim.unit, claim.speaker, claim.subject,
             _iso(claim.period_start), _iso(claim.period_end)]  # fmt: skip
    return f"claim:{doc_id}:{hashlib.sha1(json.dumps(facts).encode()).hexdigest()[:16]}"


def _alert_id(rule_id: int, key: str) -> str:
    return f"cw-{rule_id}-{hashlib.sha1(key.encode()).hexdigest()[:16]}"


def claim_deliveries(
    rules: Sequence[AlertRule],
    doc: Document,
    extraction: Extraction,
    *,
    source: str | None,
    version: int,
    now: float,
) -> list[Delivery]:
    """The alerts a document's claims raise (a restatement of a claim in the same document
    raises none of its own)."""
    out = []
    outlets = (doc.outlet, source)
    for claim in extraction.claims:
        if claim.restates is not None:
            continue
        for rule in rules:
            if rule.id is None or not claim_matches(rule, claim, outlets):
                continue
            key = claim_key(doc.id, claim)
            alert_id = _alert_id(rule.id, key)
            payload = _claim_payload(alert_id, rule, doc, claim, source=source, version=version)
            out.append(Delivery(rule.id, key, alert_id, json.dumps(payload, ensure_ascii=False), utc_iso(now)))
    return out


def _current_findings(store: Store) -> list[Finding]:
    from . import links

    if not store.document_ids():  # nothing to find (and the talking-point model needs text)
        return []
    return links.findings(store)


def _matching_findings(store: Store, rule: AlertRule, found: Sequence[Finding]) -> list[Finding]:
    refs = {r.id: r for r in store.claim_refs(cid for f in found for cid in f.claims)}
    outlets = _evidence_outlets(store, found)
    return [f for f in found if _finding_matches(rule, f, [refs[c] for c in f.claims if c in refs], outlets)]


def _evidence_outlets(store: Store, found: Sequence[Finding]) -> dict[str, tuple[str | None, str | None]]:
    """(outlet, url) of every document some finding's evidence is in."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for doc_id in {e.doc for f in found for e in f.evidence}:
        try:
            doc = store.document(doc_id)
        except NotFound:
            continue
        out[doc_id] = (doc.outlet, doc.url)
    return out


def _finding_matches(
    rule: AlertRule, finding: Finding, claims: Sequence[ClaimRef], docs: dict[str, tuple[str | None, str | None]]
) -> bool:
    texts = [finding.explanation, *(e.text for e in finding.evidence), *(c.subject for c in claims)]
    outlets = [docs.get(e.doc, (None, None))[0] for e in finding.evidence] + [c.outlet for c in claims]
    return (
        rule.kind == "finding"
        and (rule.finding_type is None or rule.finding_type == finding.type)
        and _words_in(rule.subject, texts)
        and _part_of(rule.speaker, [c.speaker for c in claims])
        and _part_of(rule.outlet, outlets)
    )


def queue_finding_alerts(store: Store, *, now: float) -> int:
    """Queue alerts for findings that match a rule and are new since it was added. Findings
    are read again only when documents changed since the last time; returns how many
    alerts were queued."""
    rules = [r for r in store.alert_rules() if r.kind == "finding" and r.id is not None]
    if not rules:
        return 0
    state = store.documents_fingerprint()
    if store.watch_state(FINDINGS_CHECKED) == state:
        return 0
    found = _current_findings(store)
    docs = _evidence_outlets(store, found)
    deliveries = []
    for rule in rules:
        assert rule.id is not None
        for f in _matching_findings(store, rule, found):
            key = f"finding:{f.id}"
            alert_id = _alert_id(rule.id, key)
            payload = _finding_payload(alert_id, rule, f, docs)
            deliveries.append(Delivery(rule.id, key, alert_id, json.dumps(payload, ensure_ascii=False), utc_iso(now)))
    return store.queue_deliveries(deliveries, state=(FINDINGS_CHECKED, state))


# ---- what an alert says -----------------------------------------------------------------


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def evidence_link(url: str | None, evidence: str) -> str | None:
    """The article URL with a text fragment that scrolls a browser to the evidence
    (``#:~:text=start,end`` for a long passage)."""
    if not url:
        return None
    words = evidence.split()
    if not words:
        return url

    def enc(part: list[str]) -> str:
        return quote(" ".join(part), safe="").replace("-", "%2D")

    directive = enc(words) if len(words) <= 10 else f"{enc(words[:5])},{enc(words[-5:])}"
    return f"{url.split('#')[0]}#:~:text={directive}"


def _figure(claim: Claim) -> str:
    """A claim's figure as a reader writes it: "3x", "14%", "2,100,000 units"."""

    def number(v: float) -> str:
        return f"{int(v):,}" if float(v).is_integer() else f"{v:,.4f}".rstrip("0")

    value = number(claim.value) + (f"-{number(claim.value_high)}" if claim.value_high is not None else "")
    return value + (claim.unit if claim.unit in ("x", "%") else f" {claim.unit}")


def _claim_payload(
    alert_id: str, rule: AlertRule, doc: Document, claim: Claim, *, source: str | None, version: int
) -> dict[str, Any]:
    figure = _figure(claim)
    who = claim.speaker or doc.outlet or "unattributed"
    return {
        "id": alert_id,
        "rule": rule.id,
        "on": "claim",
        "summary": f"{who}: {claim.subject or claim.kind} {figure}",
        "source": source,
        "doc": doc.id,
        "version": version,
        "outlet": doc.outlet,
        "title": doc.title,
        "url": doc.url,
        "published": _iso(doc.published),
        "claim": claim_record(claim),  # the claims export contract
        "evidence": {"text": claim.evidence, "start": claim.start, "end": claim.end,
                     "link": evidence_link(doc.url, claim.evidence)},  # fmt: skip
    }


def _finding_payload(
    alert_id: str, rule: AlertRule, f: Finding, docs: dict[str, tuple[str | None, str | None]]
) -> dict[str, Any]:
    evidence = []
    for e in f.evidence:
        outlet, url = docs.get(e.doc, (None, None))
        evidence.append({"doc": e.doc, "outlet": outlet, "url": url, "start": e.start, "end": e.end, "text": e.text,
                         "link": evidence_link(url, e.text)})  # fmt: skip
    return {
        "id": alert_id,
        "rule": rule.id,
        "on": "finding",
        "summary": f"{f.type}: {f.explanation}",
        "finding": {"id": f.id, "type": f.type, "explanation": f.explanation, "claims": list(f.claims)},
        "evidence": evidence,
    }


# ---- delivery ----------------------------------------------------------------------------


def deliver_pending(store: Store, *, timeout_s: float = 30.0, clock: Callable[[], float] = time.time) -> DeliveryReport:
    """Deliver every queued alert; one that fails stays queued for the next cycle, up to
    MAX_ATTEMPTS attempts, and its failure is reported, never raised."""
    report = DeliveryReport()
    rules = {r.id: r for r in store.alert_rules()}
    for d in store.deliveries(state="pending"):
        rule = rules.get(d.rule_id)
        if rule is None:
            continue
        tried_before = d.attempts > 0
        d = replace(d, attempts=d.attempts + 1)
        store.update_delivery(d)  # counted before it is made: a crash mid-way is seen as "maybe delivered"
        error = _deliver(rule, d, timeout_s=timeout_s, tried_before=tried_before)
        if error is None:
            store.update_delivery(replace(d, state="sent", last_error=None, sent_at=utc_iso(clock())))
            report.sent += 1
            continue
        gave_up = d.attempts >= MAX_ATTEMPTS
        store.update_delivery(replace(d, state="failed" if gave_up else "pending", last_error=error))
        tail = " (giving up)" if gave_up else f" (attempt {d.attempts} of {MAX_ATTEMPTS})"
        report.failures.append(f"alert {d.id} (rule {d.rule_id}, {rule.channel} {rule.target}): {error}{tail}")
    return report


def _deliver(rule: AlertRule, d: Delivery, *, timeout_s: float, tried_before: bool) -> str | None:
    """Send one alert; None when it was delivered, else why not."""
    body = d.payload.encode("utf-8")
    if rule.channel == "webhook":
        got = send_json(rule.target, body, timeout_s=timeout_s,
                        headers={"Idempotency-Key": d.id, "X-Claimwatch-Alert": d.id})  # fmt: skip
        return got.error
    if rule.channel == "exec":
        return _run_command(rule.target, body, d.id, timeout_s)
    return _append_line(Path(rule.target).expanduser(), d, tried_before)


def _run_command(command: str, body: bytes, alert_id: str, timeout_s: float) -> str | None:
    try:
        done = subprocess.run(
            shlex.split(command), input=body, capture_output=True, timeout=timeout_s,
            env={**os.environ, "CLAIMWATCH_ALERT_ID": alert_id},
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return f"command timed out after {timeout_s:g}s"
    except OSError as exc:
        return f"command could not run: {exc.strerror or exc}"
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return f"command exited {done.returncode}" + (f": {said[-1][:200]}" if said else "")
    return None


def _append_line(path: Path, d: Delivery, tried_before: bool) -> str | None:
    line = d.payload.replace("\n", " ") + "\n"
    try:
        if tried_before and path.exists() and _file_has_alert(path, d.id):
            return None  # the interrupted attempt had written it
        if tried_before and _ends_mid_line(path):
            line = "\n" + line  # a line cut short by a crash stays apart from this one
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return f"cannot write {path}: {exc.strerror or exc}"
    return None


def _ends_mid_line(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) != b"\n"


def _file_has_alert(path: Path, alert_id: str) -> bool:
    """Whether the file holds the alert as a whole line (a line cut short by a crash does
    not count: the alert is written again)."""
    needle = f'"id": "{alert_id}"'
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if needle not in line:
                continue
            try:
                if json.loads(line).get("id") == alert_id:
                    return True
            except ValueError:
                continue
    return False
