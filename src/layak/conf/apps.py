"""What an app of Layak registers when Django starts, declared once on its config.

An app names its message catalogue (its `messages.py`) and the providers of ready-made evidence
it offers (`layak.evidence.ready`); `LayakAppConfig.ready()` registers them. A hook only one app
has stays in that app's own `ready()`, after `super().ready()`.

Not an installed app: a base class for the `AppConfig` in each app's `apps.py`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.apps import AppConfig
from django.utils.module_loading import import_string

from layak.core.messages import register as register_messages


class LayakAppConfig(AppConfig):
    # Django picks an app's config among the AppConfig classes its apps.py holds, and this one
    # is imported there too: it steps aside, and each subclass is the default of its app.
    default = False

    # The app's refusal messages (key → Indonesian, English), e.g. forum.messages.CATALOGUE.
    catalogue: Mapping[str, tuple[str, str]] | None = None
    # Dotted paths of the app's providers of ready-made evidence, registered in this order.
    ready_documents: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.default = True

    def ready(self) -> None:
        if self.catalogue is not None:
            register_messages(self.catalogue)
        if self.ready_documents:
            # By path, once the models' registry is ready: the evidence app sits above this
            # layer and imports models. The providers themselves are imported on first use.
            register_document = import_string("layak.evidence.ready.register")
            for provider in self.ready_documents:
                register_document(provider)
