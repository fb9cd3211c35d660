from django.urls import path

from layak.profil import views

app_name = "profil"

urlpatterns = [
    path("", views.index, name="index"),
    path("impor/<uuid:job_id>/", views.job, name="job"),
    path("<str:region_code>/impor/", views.start_import, name="import"),
    path("<str:region_code>/<int:year>/", views.page, name="page"),
    path("<str:region_code>/<int:year>/pdf/", views.pdf, name="pdf"),
]
