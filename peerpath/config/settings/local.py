"""`make run`: SQLite, emails to the console, and plain HTTP on 127.0.0.1."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="local-only-" + "x" * 50)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="PeerPath demo <noreply@peerpath.localhost>"
)

# Links in emails the worker sends outside a request (escalations, reminders).
PEERPATH_BASE_URL = env.str("PEERPATH_BASE_URL", default="http://127.0.0.1:8000")

# Demo data and the demo helpers: never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "peerpath.nonprod"]
