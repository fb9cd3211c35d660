from django.urls import path

from layak.api import views

app_name = "apitoken"

urlpatterns = [
    path("", views.tokens, name="list"),
    path("<int:token_id>/cabut/", views.revoke, name="revoke"),
]
