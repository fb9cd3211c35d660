"""The public pages: the regions Layak serves, and each region's results. No log-in.

Cache-Control: the page is the same for every reader of a language, so browsers may keep it
for five minutes (a slow connection reloads nothing). It is `private`, not `public`, because it
carries the language switch's CSRF token and sets its cookie: a shared cache must not hand one
visitor's token and cookie to the next. `Vary: Cookie` keeps the two languages apart.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from layak.accounts.policy import public
from layak.public import queries
from layak.public.charts import part_scores
from layak.web.templatetags.layak import points

MAX_AGE = 300


def _cacheable(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Anonymous readers' browsers keep the page; a signed-in person's pages are never stored
    (T2: the middleware's no-store), the public one included."""
    patch_vary_headers(response, ("Cookie",))
    if not request.user.is_authenticated:
        patch_cache_control(response, private=True, max_age=MAX_AGE)
    return response


@public
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    regions = queries.served_regions()
    return _cacheable(request, render(request, "public/index.html", {"regions": regions}))


@public
@require_GET
def region(request: HttpRequest, code: str) -> HttpResponse:
    page = queries.public_page(queries.served_region(code))
    current = page.current
    chart = None
    if current is not None and current.figure is not None:
        chart = part_scores(
            current.parts,
            points,
            _("Nilai per bagian, %(year)s") % {"year": current.year},
            _("Panjang batang adalah nilai bagian itu dibanding nilai maksimalnya."),
        )
    context = {"page": page, "region": page.region, "current": current, "chart": chart}
    return _cacheable(request, render(request, "public/region.html", context))
