"""The demo's wellbeing: idempotent, as the rest of `seed_demo_data`.

Jordan Reid (PSW) has a wellbeing plan with one part, "What helps me at work", shared with
their supervisor, and one check-in that only they can see. Priya Shah (trainee) keeps a
short plan and a check-in of her own too.
"""

from datetime import timedelta

from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.organisations.models import Organisation
from peerpath.wellbeing import services
from peerpath.wellbeing.models import CheckIn, WellbeingPlan

PSW_EMAIL = "psw@peerpath.example"
TRAINEE_EMAIL = "trainee@peerpath.example"

PLAN = {
    "keeps_me_well": (
        "A walk by the river most mornings. Cooking with my brother on Sundays.\n"
        "Keeping my evenings free of work messages."
    ),
    "early_signs": "I stop answering friends' messages and sleep badly for more than a few days.",
    "helps_at_work": (
        "Ten minutes to write up and breathe after a hard visit, and a quick debrief with "
        "Sam or a peer colleague the same day."
    ),
    "adjustments": "Team meetings on Tuesday afternoons rather than first thing on Monday.",
}


def _seed_worker(
    organisation: Organisation,
    email: str,
    plan: dict[str, str],
    shared: list[str],
    check_in: dict[str, object],
) -> int:
    worker = User.objects.filter(email=email).first()
    if worker is None:
        return 0
    created = 0
    if not WellbeingPlan.objects.filter(organisation=organisation, worker=worker).exists():
        services.plan_save(
            organisation=organisation,
            content=plan,
            shared=shared,
            expected_version=0,
            by=worker,
        )
        created += 2  # the plan and its first version
    if not CheckIn.objects.filter(organisation=organisation, worker=worker).exists():
        services.check_in_add(organisation=organisation, data=check_in, by=worker)
        created += 1
    return created


def seed_wellbeing(organisation: Organisation) -> int:
    """Create what is missing; return how many records were new."""
    today = timezone.localdate()
    return _seed_worker(
        organisation,
        PSW_EMAIL,
        PLAN,
        ["helps_at_work"],
        {
            "on": today - timedelta(days=6),
            "how_i_am": "A full week, two new referrals. Tired but glad of the work.",
            "what_would_help": "A quieter Friday to catch up on notes.",
            "shared": False,
        },
    ) + _seed_worker(
        organisation,
        TRAINEE_EMAIL,
        {"keeps_me_well": "Time with my daughter after college, and my allotment."},
        [],
        {"on": today - timedelta(days=3), "how_i_am": "Placement is going well. A bit nervous."},
    )
