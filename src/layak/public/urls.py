from django.urls import path

from layak.public import views

app_name = "public"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.region, name="region"),
]
