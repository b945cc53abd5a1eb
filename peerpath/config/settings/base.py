"""Settings shared by every environment.

Everything that differs between machines comes from environment variables, read through
django-environ, which rejects malformed values. Defaults are the secure ones; `local.py`
and `test.py` relax them. `.env.example` lists every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parents[3]
APP_DIR = BASE_DIR / "peerpath"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = "PeerPath"
SITE_ID = 1

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",  # imports each app's rules.py
    "peerpath.core",
    "peerpath.accounts",
    "peerpath.organisations",
    "peerpath.framework",
    "peerpath.training",
    "peerpath.recruitment",
    "peerpath.directory",
    "peerpath.caseload",
    "peerpath.recovery",
    "peerpath.contacts",
    "peerpath.governance",
    "peerpath.groups",
    "peerpath.workforce",
    "peerpath.wellbeing",
    "peerpath.forums",
    "peerpath.supervision",
    "peerpath.observation",
    "peerpath.learning",
    "peerpath.oversight",
    "peerpath.rights",
    "peerpath.jobs",
    "peerpath.workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "peerpath.core.middleware.SessionLifetimeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "peerpath.organisations.middleware.OrganisationMiddleware",
    "peerpath.accounts.middleware.StaffTwoFactorMiddleware",
    "peerpath.core.middleware.NoStoreMiddleware",
    "peerpath.recovery.offline.ClearSiteDataAtLogoutMiddleware",
    # axes must come last (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "peerpath.config.urls"
WSGI_APPLICATION = "peerpath.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "peerpath.config.jinja2_env.environment",
            "context_processors": [
                "django.contrib.messages.context_processors.messages",
                "peerpath.core.context_processors.navigation",
            ],
        },
    },
    {
        # Django templates only for third-party pages (allauth); their
        # layout is drawn by our Jinja2 layout (core/templatetags/peerpath_layout.py).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [APP_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Databases ------------------------------------------------------------------------------
# SQLite (WAL, synchronous=FULL so a commit survives a power cut) is the embedded default;
# PostgreSQL is production. DATABASE_URL picks PostgreSQL: postgres://user:pass@host/name
DATA_DIR = Path(env.str("PEERPATH_DATA_DIR", default=str(BASE_DIR / "data")))
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=FULL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=5000;"
    ),
}
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "peerpath.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
# A streaming replica of the primary, optional: reports and dashboards (views marked
# `@reporting`) read from it, everything else from the primary; unreachable, the primary
# serves them (peerpath/core/dbrouter.py). postgres://user:pass@replica-host/name
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"].get("CONN_MAX_AGE", 0),
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    if "postgresql" in DATABASES["replica"]["ENGINE"]:
        # A replica host that does not answer delays a report by 2 s at most, then the
        # primary serves it.
        DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    DATABASE_ROUTERS = ["peerpath.core.dbrouter.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every app server (used-TOTP-code memory, allauth rate limits), so a database
# cache: `manage.py createcachetable` makes it. Point it at Redis later if load needs it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "peerpath_cache",
    }
}

# Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first, so a locked-out account is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "peerpath.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "PeerPath: "
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# django-axes locks an account after 5 failures; allauth's own limits stay looser, as a
# second line against one address trying many accounts.
ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip,10/5m/key"}
MFA_ADAPTER = "peerpath.accounts.adapter.MFAAdapter"
# The code step refuses a locked account; a wrong code counts towards the lock (ADR-004).
# Adding a passkey: PeerPath's words, and "log in without a password" ticked at first.
MFA_FORMS = {
    "authenticate": "peerpath.accounts.forms.LockAwareAuthenticateForm",
    "add_webauthn": "peerpath.accounts.forms.PasskeyAddForm",
}
# Passkeys (WebAuthn, with fido2): anyone may add one on "Account security", and a person
# supported or a carer signs in with it, without a password. Staff still need their
# authenticator app (accounts/middleware.py). A passkey works on https, or on
# http://localhost in development: never on http://127.0.0.1 (the browser's and fido2's
# rules for the relying party id).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "PeerPath"
# Accept the code of the 30-second step before or after as well: people type codes from a
# phone, and clocks drift. Each code still works only once.
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = True
# New accounts come by invitation only (ADR-011): never by signing up with a passkey.
MFA_PASSKEY_SIGNUP_ENABLED = False

# django-axes: five wrong passwords lock the account (not the IP: staff share NHS networks).
AXES_FAILURE_LIMIT = env.int("PEERPATH_LOCKOUT_FAILURES", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("PEERPATH_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "peerpath.accounts.lockout.username_for_lockout"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = None
AXES_LOCKOUT_CALLABLE = "peerpath.accounts.lockout.locked_out_response"
AXES_VERBOSE = False
# What a failed log-in posted is kept; a two-factor or recovery code typed wrong is masked.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]
SILENCED_SYSTEM_CHECKS = [
    # axes.W006 asks to lock out by IP address too. Staff of a whole trust often share one
    # address, so one person's typos would lock everyone out. Accounts are locked by
    # username, and allauth separately rate-limits log-in attempts per IP address.
    "axes.W006",
]

# Sessions: end after 30 idle minutes, and at the latest 12 hours after log-in.
SESSION_COOKIE_AGE = env.int("PEERPATH_SESSION_IDLE_SECONDS", default=30 * 60)
# A request writes the session only when it changed, or to renew the idle timer at most once
# a minute (core.middleware.SessionLifetimeMiddleware): an idle limit within a minute of 30.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env.int("PEERPATH_SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="PeerPath <noreply@localhost>")
# Emails are sent by the worker; a mail server that hangs must not hold it for ever.
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=30)

# Background jobs (ADR-012) ----------------------------------------------------------------
# Code speaks only Django's Tasks API (the django-tasks backport); which queue runs the
# jobs is chosen here alone. "database" (the default): django-tasks-db keeps the queue in
# PeerPath's own database and `manage.py run_worker` runs it, so nothing else is needed.
# "rq": the same jobs on Redis through django-tasks-rq, for an organisation that outgrows
# one machine (README, "Switching the job queue").
TASKS_QUEUE = env.str("PEERPATH_TASKS_BACKEND", default="database")
if TASKS_QUEUE == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_QUEUE == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {
        "default": {"URL": env.str("PEERPATH_REDIS_URL", default="redis://127.0.0.1:6379/0")}
    }
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    raise ImproperlyConfigured("PEERPATH_TASKS_BACKEND must be 'database' or 'rq'.")

# Uploaded files (trainees' submissions) live outside the web root and are only served
# through a view that checks who is asking.
MEDIA_ROOT = Path(env.str("PEERPATH_MEDIA_DIR", default=str(DATA_DIR / "uploads")))
MEDIA_URL = "/uploads-not-served/"
PEERPATH_UPLOAD_MAX_BYTES = env.int("PEERPATH_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# The address PeerPath is reached at, for links in what is made outside a web request
# (a certificate PDF printed by a command). Inside a request, the request's own address.
PEERPATH_BASE_URL = env.str("PEERPATH_BASE_URL", default="")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Static files: committed under peerpath/static, served by WhiteNoise ----------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [APP_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}},
}

# PeerPath ---------------------------------------------------------------------------------
# How many reverse proxies in front of PeerPath append to X-Forwarded-For; the audit log
# records the address the nearest trusted proxy saw. 0: use the connection's address.
PEERPATH_PROXY_COUNT = env.int("PEERPATH_PROXY_COUNT", default=0)

# The audit log's retention in whole months (PostgreSQL: `manage.py audit_partitions` drops
# monthly partitions older than this, ADR-024). Unset: kept for ever.
PEERPATH_AUDIT_RETENTION_MONTHS: int | None = (
    env.int("PEERPATH_AUDIT_RETENTION_MONTHS")
    if env.str("PEERPATH_AUDIT_RETENTION_MONTHS", default="")
    else None
)
if PEERPATH_AUDIT_RETENTION_MONTHS is not None and PEERPATH_AUDIT_RETENTION_MONTHS < 1:
    raise ImproperlyConfigured("PEERPATH_AUDIT_RETENTION_MONTHS must be 1 or more, or unset.")
CSRF_FAILURE_VIEW = "peerpath.core.views.csrf_failure"
