"""PeerPath has no Django admin: every write goes through audited services (ADR-007)."""

from django.urls import include, path

from peerpath.accounts.views import email_change

urlpatterns = [
    path("", include("peerpath.core.urls")),
    path("", include("peerpath.organisations.urls")),
    path("", include("peerpath.framework.urls")),
    path("", include("peerpath.training.urls")),
    path("", include("peerpath.recruitment.urls")),
    path("", include("peerpath.directory.urls")),
    path("", include("peerpath.caseload.urls")),
    path("", include("peerpath.recovery.urls")),
    path("", include("peerpath.contacts.urls")),
    path("", include("peerpath.governance.urls")),
    path("", include("peerpath.groups.urls")),
    path("", include("peerpath.workforce.urls")),
    path("", include("peerpath.wellbeing.urls")),
    path("", include("peerpath.forums.urls")),
    path("", include("peerpath.supervision.urls")),
    path("", include("peerpath.observation.urls")),
    path("", include("peerpath.learning.urls")),
    path("", include("peerpath.oversight.urls")),
    path("", include("peerpath.rights.urls")),
    path("", include("peerpath.jobs.urls")),
    path("", include("peerpath.workspace.urls")),
    # Before allauth's own page of the same name: the email address is the log-in, and
    # only an organisation admin changes it (after checking who is asking).
    path("accounts/email/", email_change, name="account_email"),
    path("accounts/", include("allauth.urls")),
]

handler403 = "peerpath.core.views.error_403"
handler404 = "peerpath.core.views.error_404"
handler500 = "peerpath.core.views.error_500"
