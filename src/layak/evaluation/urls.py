from django.urls import path

from layak.evaluation.views import answers as views_answers
from layak.evaluation.views import dashboard as views_dashboard
from layak.evaluation.views import manage as views_manage
from layak.evaluation.views import years as views_years

app_name = "evaluation"

urlpatterns = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("pertanyaan/", views_answers.question_list, name="questions"),
    path("pertanyaan/<str:code>/", views_answers.question_detail, name="question"),
    path("pertanyaan/<str:code>/simpan/", views_answers.save_answer, name="save_answer"),
    path("pertanyaan/<str:code>/tinjau/", views_years.review_answer, name="review_answer"),
    path(
        "pertanyaan/<str:code>/wilayah/<str:unit_code>/simpan/",
        views_answers.save_unit_answer,
        name="save_unit_answer",
    ),
    path(
        "pertanyaan/<str:code>/verifikasi/<str:stage>/",
        views_answers.save_verification,
        name="save_verification",
    ),
    path(
        "bagian/<str:part>/ajukan-dari-wilayah/",
        views_answers.submit_computed,
        name="submit_computed",
    ),
    path("tahun-lalu/tinjau-semua/", views_years.review_unchanged, name="review_unchanged"),
    path("antar-tahun/", views_years.years, name="years"),
    path("tahap/", views_manage.stages, name="stages"),
    path("tahap/<int:window_id>/kunci/", views_manage.lock, name="lock"),
    path("tahap/<str:stage>/jadwal/", views_manage.window_edit, name="window_edit"),
    path("penugasan/", views_manage.assignments, name="assignments"),
    path("penugasan/<str:code>/", views_manage.assignment_edit, name="assignment_edit"),
]
