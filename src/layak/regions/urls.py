from django.urls import path

from layak.regions import people, views

app_name = "regions"

urlpatterns = [
    path("opd/", views.agencies, name="agencies"),
    path("opd/baru/", views.agency_edit, name="agency_new"),
    path("opd/<int:agency_id>/", views.agency_edit, name="agency_edit"),
    path("pengguna/", people.people, name="people"),
    path("pengguna/baru/", people.person_new, name="person_new"),
    path("pengguna/<int:account_id>/", people.person, name="person"),
    path("pengguna/<int:account_id>/aktif/", people.person_active, name="person_active"),
    path("pengguna/<int:account_id>/kata-sandi/", people.person_reset, name="person_reset"),
    path("pengguna/<int:account_id>/buka-kunci/", people.person_unlock, name="person_unlock"),
]
