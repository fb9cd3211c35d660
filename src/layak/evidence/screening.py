"""Screening of texts that leave an app's own pages, for the names of children.

The Forum Anak app knows the children's names; the apps whose documents may mention them (the
task force's minutes, the forum's own documents) must not import it. The forum registers a
provider from its `AppConfig.ready()` (as with `layak.evidence.ready`): for a region, the
names of its children and the role each is to be called by. `screen(region_code, text)`
applies `layak.core.child_names.screen_names`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from layak.core.child_names import screen_names

NameProvider = Callable[[str], Mapping[str, str]]
_PROVIDERS: list[NameProvider] = []


def register(provider: NameProvider) -> NameProvider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def child_names(region_code: str) -> dict[str, str]:
    """Every child's name of the region (its own forums and those below it) → their role."""
    names: dict[str, str] = {}
    for provider in _PROVIDERS:
        names.update(provider(region_code))
    return names


def screen(region_code: str, *texts: str) -> list[str]:
    """The texts with each child's name of the region replaced by their role."""
    names = child_names(region_code)
    return [screen_names(t, names) for t in texts]
