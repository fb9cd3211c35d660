from django.urls import path

from layak.accounts import views

app_name = "accounts"

urlpatterns = [
    path("kata-sandi/", views.password, name="password"),
    path("pengguna/", views.people, name="people"),
    path("pengguna/baru/", views.person_new, name="person_new"),
    path("pengguna/<int:account_id>/", views.person, name="person"),
    path("pengguna/<int:account_id>/aktif/", views.person_active, name="person_active"),
    path("pengguna/<int:account_id>/kata-sandi/", views.person_reset, name="person_reset"),
    path("pengguna/<int:account_id>/buka-kunci/", views.person_unlock, name="person_unlock"),
]
