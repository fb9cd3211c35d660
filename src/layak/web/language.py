"""Indonesian unless the person chose English with the language switch (a cookie).

Django's LocaleMiddleware would follow the browser's Accept-Language, and many browsers in
Indonesian offices are set to English; Layak's default must stay Bahasa Indonesia.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from layak.conf.middleware import Middleware

SUPPORTED = {code for code, _ in settings.LANGUAGES}


class PreferredLanguageMiddleware(Middleware):
    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in SUPPORTED else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: the thread's language goes back afterwards, so work done
        # later on the same thread (a worker, a command, the next test) is not left in English.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
