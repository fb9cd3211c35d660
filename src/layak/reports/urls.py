from django.urls import path

from layak.reports import views

app_name = "reports"

urlpatterns = [
    path("siklus/<int:cycle_id>/laporan/", views.index, name="index"),
    path(
        "siklus/<int:cycle_id>/laporan/penilaian-mandiri/",
        views.self_assessment_pdf,
        name="self_assessment",
    ),
    path("siklus/<int:cycle_id>/laporan/analisis-gap/", views.gap_pdf, name="gap_pdf"),
    path("siklus/<int:cycle_id>/laporan/analisis-gap.xlsx", views.gap_xlsx, name="gap_xlsx"),
    path("siklus/<int:cycle_id>/laporan/matriks/", views.matrices, name="matrices"),
    path("siklus/<int:cycle_id>/laporan/bundel/", views.bundle_start, name="bundle_start"),
    path("laporan/dokumen/<uuid:job_id>/", views.report, name="report"),
    path("laporan/dokumen/<uuid:job_id>/unduh/", views.report_download, name="report_download"),
    path("laporan/bundel/<uuid:bundle_id>/", views.bundle, name="bundle"),
    path("laporan/bundel/<uuid:bundle_id>/unduh/", views.bundle_download, name="bundle_download"),
]
