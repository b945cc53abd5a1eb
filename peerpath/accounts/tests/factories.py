from typing import Any

import factory
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model

TEST_PASSWORD = "correct-horse-battery-staple"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a known password. `UserFactory(authenticator=True)` adds a TOTP app."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@riverside.example")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def authenticator(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            TOTP.activate(obj, TEST_TOTP_SECRET)
