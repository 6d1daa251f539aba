"""The system's Chromium for the browser tests (Playwright driving /usr/bin/chromium, never a
downloaded browser): where it is, how it is started, and the skip a developer without it sees."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


def skip_without_chromium() -> None:
    # CI installs Chromium (.ci/run) and must run these; a developer without it is told why they skip
    if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
        pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)


def launched_chromium() -> Iterator[Any]:
    """One headless Chromium for a test module (use as the body of a fixture)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()
