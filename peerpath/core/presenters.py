"""What the home page shows for each role, with honest empty states."""

from dataclasses import dataclass, field

from django.urls import reverse

from .roles import Role


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class HomeSection:
    role: Role
    heading: str
    summary: str
    links: list[Link] = field(default_factory=list)


_EMPTY: dict[Role, tuple[str, str]] = {
    Role.COORDINATOR: (
        "Recruitment and training",
        "No intakes or cohorts yet. Programmes, intakes and cohorts will appear here.",
    ),
    Role.TRAINER: ("Teaching", "No training sessions to run yet."),
    Role.SUPERVISOR: ("Supervision", "No supervision sessions booked yet."),
    Role.SAFEGUARDING_LEAD: ("Safeguarding", "No open safeguarding concerns."),
    Role.PSW: ("Your caseload", "No people on your caseload yet."),
    Role.TRAINEE: ("Your training", "You are not enrolled on a course yet."),
    Role.PERSON: (
        "Your recovery",
        "Your goals and plans will appear here once you and your peer support worker "
        "start writing them together.",
    ),
    Role.CARER: ("Shared with you", "Nothing has been shared with you yet."),
}


def home_sections(roles: frozenset[Role], counts: dict[str, int]) -> list[HomeSection]:
    """One section per role the user holds in this organisation, in the order of Role."""
    sections = []
    for role in Role:
        if role not in roles:
            continue
        if role == Role.ORG_ADMIN:
            members, teams = counts.get("members", 0), counts.get("teams", 0)
            sections.append(
                HomeSection(
                    role=role,
                    heading="Your organisation",
                    summary=(
                        f"{members} {'person' if members == 1 else 'people'} with roles, "
                        f"in {teams} {'team' if teams == 1 else 'teams'}."
                    ),
                    links=[
                        Link("People and roles", reverse("organisations:member-list")),
                        Link("Invite someone", reverse("organisations:member-invite")),
                        Link("Teams", reverse("organisations:team-list")),
                        Link("Audit log", reverse("core:audit-list")),
                        Link("Organisation settings", reverse("organisations:settings")),
                    ],
                )
            )
        else:
            heading, summary = _EMPTY[role]
            sections.append(HomeSection(role=role, heading=heading, summary=summary))
    return sections
