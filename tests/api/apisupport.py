"""Helpers shared by the API tests (`from tests.api.apisupport import ...`)."""

from __future__ import annotations

from typing import Any


def error_of(response: Any) -> dict[str, Any]:
    """The error body, checked against the one shape every error has."""
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert isinstance(error["code"], str)
    assert error["code"]
    assert isinstance(error["message"], str)
    assert error["message"]
    for detail in error["details"]:
        assert {"rule", "message"} <= set(detail), detail
        assert set(detail) - {"rule", "message"} <= {"field", "row", "column"}, detail
    return error
