from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "PeerPath administration"

urlpatterns = [
    path("", include("peerpath.core.urls")),
    path("", include("peerpath.organisations.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
]

handler403 = "peerpath.core.views.error_403"
handler404 = "peerpath.core.views.error_404"
handler500 = "peerpath.core.views.error_500"
