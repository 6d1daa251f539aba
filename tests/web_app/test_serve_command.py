"""`claimwatch serve` from the command line: loopback by default, writes refused without
a token, a missing store said before listening."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from claimwatch.cli import main


def _listening(port: int) -> list[str]:
    """The IPv4 addresses listening on ``port`` (from /proc/net/tcp)."""
    found = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_writes_without_a_token_are_refused_before_listening(store_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.delenv("CLAIMWATCH_TOKEN", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--db", str(store_path), "--allow-writes"])
    assert exit_info.value.code == 2 and capsys.readouterr().err.startswith("Error: --allow-writes needs CLAIMWATCH_TOKEN")


def test_a_missing_store_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--db", str(tmp_path / "none.db")])
    assert exit_info.value.code == 3 and "no store at" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answer(port: int, server: subprocess.Popen[bytes], path: str = "/claims") -> httpx.Response:
    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(f"http://127.0.0.1:{port}{path}", timeout=5)
        except httpx.TransportError:
            assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
            time.sleep(0.2)


def test_serve_listens_on_loopback(store_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "claimwatch", "--db", str(store_path), "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        response = _answer(port, server)
        assert response.status_code == 200 and "claimwatch" in response.text
        assert _listening(port) == ["127.0.0.1"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_in_two_processes_answers_the_same(store_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "claimwatch", "--db", str(store_path), "serve", "--port", str(port),
                               "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        first = _answer(port, server, "/api/claims?per_page=5")
        # new connections, so (most likely) both processes answer
        answers = [httpx.get(f"http://127.0.0.1:{port}/api/claims?per_page=5", timeout=30) for _ in range(6)]
        assert first.status_code == 200 and first.json()["claims"]
        assert all(a.status_code == 200 and a.json() == first.json() for a in answers)
        assert _listening(port) == ["127.0.0.1"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_writes_need_one_process(store_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("CLAIMWATCH_TOKEN", "a-token-long-enough-for-the-check-0123456789")
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--db", str(store_path), "--allow-writes", "--workers", "2"])
    assert exit_info.value.code == 2 and "--workers above 1 serves read-only only" in capsys.readouterr().err
