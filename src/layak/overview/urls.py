from django.urls import path

from layak.overview import views

app_name = "overview"
urlpatterns = [
    path("nasional/", views.national, name="national"),
    path("provinsi/<str:code>/", views.province, name="province"),
]
