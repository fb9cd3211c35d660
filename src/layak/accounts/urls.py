from django.urls import path

from layak.accounts import views

app_name = "accounts"

urlpatterns = [
    path("kata-sandi/", views.password, name="password"),
]
