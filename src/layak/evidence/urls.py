from django.urls import path

from layak.evidence import views

app_name = "evidence"

urlpatterns = [
    path("siklus/<int:cycle_id>/pertanyaan/<str:code>/bukti/", views.upload, name="upload"),
    path(
        "siklus/<int:cycle_id>/pertanyaan/<str:code>/bukti-siap/",
        views.attach_ready,
        name="attach_ready",
    ),
    path(
        "siklus/<int:cycle_id>/pertanyaan/<str:code>/formulir-matriks.xlsx",
        views.matrix_form,
        name="matrix_form",
    ),
    path("bukti/<int:evidence_id>/", views.download, name="download"),
    path("bukti/<int:evidence_id>/hapus/", views.remove, name="remove"),
]
