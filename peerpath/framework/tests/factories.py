"""Factories for the competence framework: a framework version, its sections, units and
statements. Each part belongs to the framework of what it hangs from."""

import factory

from peerpath.framework.models import (
    Area,
    Framework,
    MappingKind,
    Section,
    Statement,
    StatementGroup,
    StatementMapping,
    Unit,
)


class FrameworkFactory(factory.django.DjangoModelFactory):
    """A framework version that is not the current one (`is_current=True` makes it so)."""

    class Meta:
        model = Framework

    name = "Peer Support Worker Competence Framework"
    part = "Part 2"
    version = factory.Sequence(lambda n: n + 1)
    content_sha256 = factory.Sequence(lambda n: f"{n:064x}")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Core competences"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    section = factory.SubFactory(SectionFactory)
    framework = factory.SelfAttribute("section.framework")
    title = "Working with people"
    order = factory.Sequence(lambda n: n + 1)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    section = factory.SubFactory(SectionFactory)
    framework = factory.SelfAttribute("section.framework")
    code = factory.Sequence(lambda n: f"9.{n + 1}")
    order = factory.Sequence(lambda n: n + 1)
    title = "Sharing lived experience"
    aims = "To draw on lived experience in a way that helps."


class StatementGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementGroup

    unit = factory.SubFactory(UnitFactory)
    framework = factory.SelfAttribute("unit.framework")
    title = "Knowledge"
    order = factory.Sequence(lambda n: n + 1)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    unit = factory.SubFactory(UnitFactory)
    framework = factory.SelfAttribute("unit.framework")
    number = factory.Sequence(lambda n: n + 1)
    ref = factory.LazyAttribute(lambda s: f"{s.unit.code}.{s.number}")
    text = "An ability to share lived experience purposefully."
    search_text = factory.LazyAttribute(lambda s: s.text.lower())


class StatementMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatementMapping

    from_statement = factory.SubFactory(StatementFactory)
    to_statement = factory.SubFactory(StatementFactory)
    kind = MappingKind.UNCHANGED
