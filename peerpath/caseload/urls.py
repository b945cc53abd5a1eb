from django.urls import path

from . import views

app_name = "caseload"

rel = "people/<int:person>/peer-support/<int:pk>/"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/new/", views.referral_create, name="referral-create"),
    path("my-matching-profile/", views.my_profile, name="my-profile"),
    path("team-workers/", views.team_workers, name="team-workers"),
    path("team-workers/<int:worker>/capacity/", views.worker_capacity, name="worker-capacity"),
    path("people/<int:person>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:person>/portal-access/", views.portal_access, name="portal-access"),
    path("people/<int:person>/referrals/new/", views.referral_again, name="referral-again"),
    path("people/<int:person>/family/new/", views.family_member_create, name="family-create"),
    path("people/<int:person>/family/<int:pk>/edit/", views.family_member_edit, name="family-edit"),
    path(rel, views.relationship, name="relationship"),
    path(rel + "summary/", views.relationship_summary, name="relationship-summary"),
    path(rel + "match/", views.relationship_match, name="relationship-match"),
    path(rel + "choice/", views.relationship_choice, name="relationship-choice"),
    path(
        rel + "first-meeting/", views.relationship_first_meeting, name="relationship-first-meeting"
    ),
    path(rel + "ending/", views.relationship_ending, name="relationship-ending"),
    path(rel + "end/", views.relationship_end, name="relationship-end"),
    path(rel + "withdraw/", views.relationship_withdraw, name="relationship-withdraw"),
    path(rel + "transfer/", views.relationship_transfer, name="relationship-transfer"),
    path(rel + "share/", views.relationship_share, name="relationship-share"),
]
