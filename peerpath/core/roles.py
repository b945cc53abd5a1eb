"""The roles a membership can grant, and which of them count as staff."""

from django.db import models


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", "Organisation admin"
    COORDINATOR = "coordinator", "Peer development coordinator"
    TRAINER = "trainer", "Trainer"
    SUPERVISOR = "supervisor", "Peer supervisor"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
    # Staff outside the caseload who may need a crisis plan at once (hazard H11): they
    # open one only through urgent access, with a reason, for a few hours (oversight).
    ON_CALL = "on_call", "On-call or crisis team"
    PSW = "psw", "Peer support worker"
    TRAINEE = "trainee", "Trainee"
    PERSON = "person", "Person supported"
    CARER = "carer", "Carer"


ALL_ROLES: frozenset[Role] = frozenset(Role)
# Staff hold other people's information, so they must use two-factor authentication.
NON_STAFF_ROLES: frozenset[Role] = frozenset({Role.TRAINEE, Role.PERSON, Role.CARER})
STAFF_ROLES: frozenset[Role] = ALL_ROLES - NON_STAFF_ROLES
