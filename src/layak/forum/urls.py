from django.urls import path

from layak.forum.views import aspirations as views_aspirations
from layak.forum.views import child as views_child
from layak.forum.views import manage as views_manage

app_name = "forum"

urlpatterns = [
    path("aspirasiku/", views_child.mine, name="mine"),
    path("aspirasiku/baru/", views_child.submit, name="submit"),
    path("", views_manage.groups, name="groups"),
    path("baru/", views_manage.group_edit, name="group_new"),
    path("<int:forum_id>/", views_manage.group, name="group"),
    path("<int:forum_id>/ubah/", views_manage.group_edit, name="group_edit"),
    path("<int:forum_id>/sk/", views_manage.decree, name="decree"),
    path("<int:forum_id>/anggota/baru/", views_manage.member_new, name="member_new"),
    path("anggota/<int:member_id>/", views_manage.member_edit, name="member_edit"),
    path(
        "anggota/<int:member_id>/persetujuan/", views_manage.member_consent, name="member_consent"
    ),
    path("anggota/<int:member_id>/cabut/", views_manage.member_withdraw, name="member_withdraw"),
    path("<int:forum_id>/pendamping/baru/", views_manage.facilitator_edit, name="facilitator_new"),
    path(
        "pendamping/<int:facilitator_id>/",
        views_manage.facilitator_edit,
        name="facilitator_edit",
    ),
    path(
        "<int:forum_id>/aspirasi-tertulis/",
        views_aspirations.paper_aspiration,
        name="paper_aspiration",
    ),
    path("aspirasi/", views_aspirations.aspirations, name="aspirations"),
    path("aspirasi/matriks.xlsx", views_aspirations.aspirations_xlsx, name="aspirations_xlsx"),
    path("aspirasi/<int:aspiration_id>/", views_aspirations.aspiration, name="aspiration"),
    path(
        "aspirasi/<int:aspiration_id>/langkah/",
        views_aspirations.aspiration_step,
        name="aspiration_step",
    ),
    path("dokumen/<str:kind>/<int:year>/", views_aspirations.document, name="document"),
]
