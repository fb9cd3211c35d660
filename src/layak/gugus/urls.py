from django.urls import path

from layak.gugus import views

app_name = "gugus"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:region>/", views.home, name="home"),
    path("<str:region>/sk/baru/", views.decree_edit, name="decree_new"),
    path("sk/<int:decree_id>/", views.decree_edit, name="decree_edit"),
    path("sk/<int:decree_id>/berkas/", views.decree_file, name="decree_file"),
    path("sk/<int:decree_id>/anggota/baru/", views.member_edit, name="member_new"),
    path("anggota/<int:member_id>/", views.member_edit, name="member_edit"),
    path("<str:region>/rapat/", views.meetings, name="meetings"),
    path("<str:region>/rapat/baru/", views.meeting_edit, name="meeting_new"),
    path("rapat/<int:meeting_id>/", views.meeting, name="meeting"),
    path("rapat/<int:meeting_id>/ubah/", views.meeting_edit, name="meeting_edit"),
    path("rapat/<int:meeting_id>/notulen.pdf", views.meeting_minutes, name="meeting_minutes"),
    path("rapat/<int:meeting_id>/dokumen/", views.meeting_upload, name="meeting_upload"),
    path("dokumen/<int:document_id>/", views.meeting_document, name="meeting_document"),
    path(
        "dokumen/<int:document_id>/hapus/",
        views.meeting_document_remove,
        name="meeting_document_remove",
    ),
    path("<str:region>/tindak-lanjut/", views.actions, name="actions"),
    path("rapat/<int:meeting_id>/tindak-lanjut/baru/", views.action_edit, name="action_new"),
    path("tindak-lanjut/<int:action_id>/", views.action_edit, name="action_edit"),
    path("tindak-lanjut/<int:action_id>/status/", views.action_status, name="action_status"),
    path("<str:region>/rad/", views.rad, name="rad"),
    path("<str:region>/rad/baru/", views.rad_edit, name="rad_new"),
    path("<str:region>/matriks/<str:kind>.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
    path("rad/<int:activity_id>/", views.rad_edit, name="rad_edit"),
]
