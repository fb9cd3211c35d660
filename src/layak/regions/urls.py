from django.urls import path

from layak.regions import views

app_name = "regions"

urlpatterns = [
    path("", views.agencies, name="agencies"),
    path("baru/", views.agency_edit, name="agency_new"),
    path("<int:agency_id>/", views.agency_edit, name="agency_edit"),
]
