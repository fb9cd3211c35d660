"""The one registry of message keys: the core's own, and each app's catalogue added once."""

from __future__ import annotations

import pytest

from layak.core import messages
from layak.core.messages import Problem, msg, register


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[str, str]]:
    """A copy of the registry for the test to fill; the real one is left as it was."""
    copy = dict(messages.CATALOGUE)
    monkeypatch.setattr(messages, "CATALOGUE", copy)
    monkeypatch.setattr(messages, "_REGISTERED", [])
    return copy


def test_an_apps_catalogue_joins_the_registry_and_its_keys_render(
    registry: dict[str, tuple[str, str]],
) -> None:
    catalogue = {"uji.hari": ("Tanggal {day} sudah lewat.", "The {day} has passed.")}
    with pytest.raises(KeyError):
        msg("uji.hari")
    register(catalogue)
    register(catalogue)  # an app's ready() run again changes nothing
    assert msg("uji.hari", day="1 Mei").render("en") == "The 1 Mei has passed."
    with pytest.raises(KeyError):
        msg("uji.tidak_ada")  # still no message without its key


def test_a_key_is_defined_once(registry: dict[str, tuple[str, str]]) -> None:
    register({"uji.satu": ("Satu.", "One.")})
    with pytest.raises(ValueError, match=r"uji\.satu"):
        register({"uji.satu": ("Satu lagi.", "One again.")})
    with pytest.raises(ValueError, match=r"field\.required"):
        register({"field.required": ("wajib", "required")})  # the core's own
    with pytest.raises(ValueError, match="English"):
        register({"uji.dua": ("Dua.", "")})
    assert "uji.dua" not in registry


def test_a_rule_quoted_inside_another_message_follows_the_reader() -> None:
    inner = msg("file.empty")
    outer = msg("field.invalid", detail=inner)
    assert outer.render("id") == inner.render("id")
    assert outer.render("en") == inner.render("en")
    assert Problem(outer, column="berkas").render("en").startswith("column berkas: ")
