"""The coordinator's, trainer's and trainee's sections of the home page."""

from django.http import HttpRequest

from peerpath.core.home import HomeSection
from peerpath.core.roles import Role


def coordinator_section(request: HttpRequest) -> HomeSection:
    return HomeSection(
        role=Role.COORDINATOR,
        heading="Recruitment and training",
        template="home/_summary.jinja",
        data={
            "summary": "No intakes or cohorts yet. "
            "Programmes, intakes and cohorts will appear here."
        },
    )


def trainer_section(request: HttpRequest) -> HomeSection:
    return HomeSection(
        role=Role.TRAINER,
        heading="Teaching",
        template="home/_summary.jinja",
        data={"summary": "No training sessions to run yet."},
    )


def trainee_section(request: HttpRequest) -> HomeSection:
    return HomeSection(
        role=Role.TRAINEE,
        heading="Your training",
        template="home/_summary.jinja",
        data={"summary": "You are not enrolled on a course yet."},
    )
