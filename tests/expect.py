"""Assertions shared by the tests."""

from __future__ import annotations

from collections.abc import Iterable


def assert_reported(errors: Iterable[str], expected: Iterable[tuple[str, str]]) -> None:
    """Fail unless, for every ``(where, what)``, some error contains both (e.g. a file:line and a message)."""
    errors = list(errors)
    for where, what in expected:
        assert any(where in e and what in e for e in errors), f"missing {where} {what}:\n" + "\n".join(errors)
