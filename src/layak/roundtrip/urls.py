from django.urls import path

from layak.roundtrip import views

app_name = "roundtrip"

urlpatterns = [
    path("", views.export_all, name="export_all"),
    path("opd/<int:agency_id>/", views.export_book, name="export"),
    path("unggah/", views.upload, name="upload"),
    path("periksa/<int:preview_id>/", views.preview, name="preview"),
    path("periksa/<int:preview_id>/terapkan/", views.apply, name="apply"),
]
