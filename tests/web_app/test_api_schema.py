"""Property-based requests from the OpenAPI document (schemathesis) against a real
server: whatever the parameters, no 5xx, and every error in the one error shape.

Each operation's cases come from schemathesis' strategy, run by hypothesis here (its
pytest plugin predates this pytest)."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 25


def _check_operation(operation: Any, base_url: str) -> None:
    @settings(max_examples=EXAMPLES_PER_OPERATION, suppress_health_check=list(HealthCheck), deadline=None)
    @given(case=operation.as_strategy())
    def requests_to(case: Any) -> None:
        response = case.call(base_url=base_url, timeout=30)
        where = f"{case.method} {case.formatted_path} query={case.query} body={case.body!r:.200}"
        assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
        if response.status_code >= 400:
            body = response.json()
            assert body["ok"] is False and body["status"] == response.status_code and body["error"], where

    requests_to()


def test_no_request_makes_a_server_error(base_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        _check_operation(operation, base_url)
