"""URL configuration. Every view states who may use it (`@allow` or `@public`, from
layak.accounts.policy)."""

from django.urls import URLPattern, URLResolver, include, path

from layak.api.api import api
from layak.evaluation.views import dashboard as views_dashboard
from layak.evaluation.views import opening as views_opening
from layak.web import views as web

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_dashboard.home, name="home"),
    path("masuk/", web.login, name="login"),
    path("keluar/", web.logout, name="logout"),
    path("bahasa/", web.set_language, name="set_language"),
    path("favicon.ico", web.favicon, name="favicon"),
    path("akun/", include("layak.accounts.urls")),
    path("pemberitahuan/", include("layak.notices.urls")),
    path("api/v1/", api.urls),
    path("token-api/", include("layak.api.urls")),
    path("siklus/baru/", views_opening.cycle_new, name="cycle_new"),
    path("siklus/<int:cycle_id>/", include("layak.evaluation.urls")),
    path("siklus/<int:cycle_id>/excel/", include("layak.roundtrip.urls")),
    path("", include("layak.regions.urls")),
    path("profil-anak/", include("layak.profil.urls")),
    path("mitra/", include("layak.mitra.urls")),
    path("gugus-tugas/", include("layak.gugus.urls")),
    path("forum-anak/", include("layak.forum.urls")),
    path("registri/", include("layak.registries.urls")),
    path("", include("layak.overview.urls")),
    path("publik/", include("layak.public.urls")),
    path("", include("layak.reports.urls")),
    path("", include("layak.evidence.urls")),
]
