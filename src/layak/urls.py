"""URL configuration. The web application arrives with the evaluation workspace."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
