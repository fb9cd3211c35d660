from django.urls import path

from layak.mitra.views import organisations as views
from layak.mitra.views import records as views_records

app_name = "mitra"

urlpatterns = [
    path("", views.index, name="index"),
    path("konfirmasi/", views.confirmations, name="confirmations"),
    path("rekap/", views.summary, name="summary"),
    path("rekap/matriks.xlsx", views.summary_xlsx, name="summary_xlsx"),
    path("organisasi/baru/", views.organisation_edit, name="organisation_new"),
    path("organisasi/<int:organisation_id>/", views.organisation, name="organisation"),
    path(
        "organisasi/<int:organisation_id>/ubah/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisasi/<int:organisation_id>/komitmen/baru/",
        views_records.commitment_edit,
        name="commitment_new",
    ),
    path(
        "organisasi/<int:organisation_id>/kontribusi/baru/",
        views_records.contribution_edit,
        name="contribution_new",
    ),
    path("komitmen/<int:commitment_id>/", views_records.commitment, name="commitment"),
    path(
        "komitmen/<int:commitment_id>/ubah/",
        views_records.commitment_edit,
        name="commitment_edit",
    ),
    path(
        "komitmen/<int:commitment_id>/tinjau/",
        views_records.review_commitment,
        name="review_commitment",
    ),
    path("kontribusi/<int:contribution_id>/", views_records.contribution, name="contribution"),
    path(
        "kontribusi/<int:contribution_id>/ubah/",
        views_records.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "kontribusi/<int:contribution_id>/tinjau/",
        views_records.review_contribution,
        name="review_contribution",
    ),
    path(
        "kontribusi/<int:contribution_id>/pdf/",
        views_records.contribution_pdf,
        name="contribution_pdf",
    ),
    path("berkas/<int:document_id>/", views_records.document, name="document"),
    path("berkas/<int:document_id>/hapus/", views_records.document_remove, name="document_remove"),
]
