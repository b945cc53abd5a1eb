"""Choose the settings module from DJANGO_ENV (production unless told otherwise)."""

import os

ENVIRONMENTS = ("local", "test", "production")


def use_settings_for_environment() -> None:
    environment = os.environ.get("DJANGO_ENV", "production")
    if environment not in ENVIRONMENTS:
        raise SystemExit(
            f"DJANGO_ENV must be one of {', '.join(ENVIRONMENTS)}, not {environment!r}"
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"peerpath.config.settings.{environment}")
