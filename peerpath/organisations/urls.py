from django.urls import path

from . import invitation_views, views

app_name = "organisations"

urlpatterns = [
    path("manage/people/", views.member_list, name="member-list"),
    path("manage/people/invite/", views.member_invite, name="member-invite"),
    path("manage/people/<uuid:public_id>/", views.member_detail, name="member-detail"),
    path("manage/people/<uuid:public_id>/remove/", views.member_remove, name="member-remove"),
    path(
        "manage/people/<uuid:public_id>/reset-two-factor/",
        views.member_reset_two_factor,
        name="member-reset-two-factor",
    ),
    path("manage/people/<uuid:public_id>/unlock/", views.member_unlock, name="member-unlock"),
    path("manage/invitations/", invitation_views.invitation_list, name="invitation-list"),
    path(
        "manage/invitations/<int:pk>/resend/",
        invitation_views.invitation_resend,
        name="invitation-resend",
    ),
    # From the invitation email. "ask/" comes before the token routes it would match.
    path("invitation/ask/", invitation_views.invitation_request, name="invitation-request"),
    path(
        "invitation/ask/sent/",
        invitation_views.invitation_request_sent,
        name="invitation-request-sent",
    ),
    path(
        "invitation/<str:token>/",
        invitation_views.invitation_accept,
        name="invitation-accept",
    ),
    path(
        "invitation/<str:token>/new-link/",
        invitation_views.invitation_renew,
        name="invitation-renew",
    ),
    path("manage/teams/", views.team_list, name="team-list"),
    path("manage/teams/<int:pk>/", views.team_detail, name="team-detail"),
    path("manage/organisation/", views.organisation_settings, name="settings"),
    path("organisation/switch/", views.organisation_switch, name="organisation-switch"),
]
