from django.urls import path

from layak.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notice_id>/", views.open_notice, name="open"),
    path("semua-dibaca/", views.all_read, name="all_read"),
    path("pengaturan/", views.preferences, name="preferences"),
]
