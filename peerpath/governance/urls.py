from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    # Consent to share with family and carers, on the person's record.
    path("people/<int:person>/consents/", views.consent_list, name="consent-list"),
    path("people/<int:person>/consents/new/", views.consent_grant, name="consent-grant"),
    path(
        "people/<int:person>/consents/<int:pk>/withdraw/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    # A carer account for a family member the person shares with.
    path(
        "people/<int:person>/family/<int:pk>/carer-account/",
        views.carer_invite,
        name="carer-invite",
    ),
    # What a carer sees.
    path("shared-with-me/", views.shared_list, name="shared-list"),
    path("shared-with-me/about/", views.shared_about, name="shared-about"),
    path("shared-with-me/<int:pk>/", views.shared_detail, name="shared-detail"),
    path("shared-with-me/<int:pk>/print/", views.shared_print, name="shared-print"),
    path("shared-with-me/<int:pk>/pdf/", views.shared_pdf, name="shared-pdf"),
    path("shared-with-me/<int:pk>/message/", views.carer_message, name="carer-message"),
    # Messages from carers, on the person's record.
    path("people/<int:person>/carer-messages/", views.carer_messages, name="carer-messages"),
    # The person's own sharing.
    path("my/sharing/", views.my_sharing, name="my-sharing"),
    path("my/sharing/family/<int:pk>/share/", views.my_share, name="my-share"),
    path("my/sharing/<int:pk>/stop/", views.my_stop_sharing, name="my-stop-sharing"),
    path("my/sharing/disclosures/", views.my_disclosures, name="my-disclosures"),
    # Safeguarding.
    path("people/<int:person>/concerns/new/", views.concern_create, name="concern-create"),
    path("safeguarding/", views.concern_queue, name="concern-queue"),
    path("safeguarding/<int:pk>/", views.concern_detail, name="concern-detail"),
    path("safeguarding/<int:pk>/close/", views.concern_close, name="concern-close"),
    path(
        "safeguarding/<int:pk>/actions/new/",
        views.concern_action_add,
        name="concern-action-add",
    ),
    # Disclosures without consent.
    path("people/<int:person>/disclosures/", views.disclosure_list, name="disclosure-list"),
    path(
        "people/<int:person>/disclosures/<int:pk>/withhold/",
        views.disclosure_withhold,
        name="disclosure-withhold",
    ),
    path(
        "people/<int:person>/disclosures/new/",
        views.disclosure_create,
        name="disclosure-create",
    ),
]
