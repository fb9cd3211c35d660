from django.urls import path

from layak.registries.views import imports, training
from layak.registries.views import institutions as views

app_name = "registries"

urlpatterns = [
    path("", views.index, name="index"),
    path("jenis/<str:kind>/", views.kind, name="kind"),
    path("jenis/<str:kind>/matriks.xlsx", views.kind_xlsx, name="kind_xlsx"),
    path("impor/", imports.import_list, name="import"),
    path("impor/<int:check_id>/", imports.import_check, name="import_check"),
    path("impor/<int:check_id>/terapkan/", imports.import_apply, name="import_apply"),
    path("lembaga/baru/", views.institution_edit, name="institution_new"),
    path("lembaga/<int:institution_id>/", views.institution, name="institution"),
    path("lembaga/<int:institution_id>/ubah/", views.institution_edit, name="institution_edit"),
    path("lembaga/<int:institution_id>/sk/baru/", views.designation_edit, name="designation_new"),
    path("sk/<int:designation_id>/ubah/", views.designation_edit, name="designation_edit"),
    path("sk/<int:designation_id>/berkas/", views.designation_file, name="designation_file"),
    path("pelatihan/", training.trainings, name="trainings"),
    path("pelatihan/matriks.xlsx", training.kha_xlsx, name="kha_xlsx"),
    path("pelatihan/baru/", training.event_edit, name="event_new"),
    path("pelatihan/pegawai/", training.staff_edit, name="staff"),
    path("pelatihan/<int:event_id>/", training.event, name="event"),
    path("pelatihan/<int:event_id>/ubah/", training.event_edit, name="event_edit"),
    path(
        "pelatihan/<int:event_id>/peserta/baru/",
        training.participant_edit,
        name="participant_new",
    ),
    path("peserta/<int:participant_id>/ubah/", training.participant_edit, name="participant_edit"),
    path("peserta/<int:participant_id>/sertifikat/", training.certificate, name="certificate"),
]
