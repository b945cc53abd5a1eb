"""The competence framework: shared reference data, the same for every organisation.

A framework version is imported once and never changed: a revision is a new version with
new rows, so evidence, marks and observations that point at a statement of an older version
keep pointing at exactly the words that were assessed. `StatementMapping` records how
statements of one version correspond to another.
"""

from django.db import models


class Framework(models.Model):
    name = models.CharField(max_length=200)
    part = models.CharField(max_length=100)
    version = models.PositiveIntegerField()
    source = models.CharField(max_length=300, blank=True)
    publication_note = models.TextField(blank=True)
    # The curriculum's overarching aims, objectives and learning and teaching strategy:
    # lists of {"text", "points"} (and "heading" for the strategy), shown as written.
    aims = models.JSONField(default=list)
    objectives = models.JSONField(default=list)
    teaching_strategy = models.JSONField(default=list)
    content_sha256 = models.CharField(max_length=64)
    is_current = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name", "-version")
        constraints = (
            models.UniqueConstraint(
                fields=("name", "part", "version"), name="framework_version_unique"
            ),
            models.UniqueConstraint(
                fields=("name", "part"),
                condition=models.Q(is_current=True),
                name="framework_one_current_version",
            ),
        )

    def __str__(self) -> str:
        return f"{self.name}, {self.part} (version {self.version})"


class Section(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="sections")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    # The document's outline words some titles differently from its body; both are kept.
    outline_title = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("framework", "number")
        constraints = (
            models.UniqueConstraint(fields=("framework", "number"), name="section_number_unique"),
        )

    def __str__(self) -> str:
        return f"Section {self.number}: {self.title}"


class Area(models.Model):
    """Section 3 groups its units into two areas."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="areas")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="areas")
    title = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("section", "order")

    def __str__(self) -> str:
        return self.title


class Unit(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="units")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="units")
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    code = models.CharField(max_length=10)  # "3.5"
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    outline_title = models.CharField(max_length=300, blank=True)
    aims = models.TextField()
    # Filled by selectors.curriculum_units (not a column): the unit's statements, in order.
    statement_list: "list[Statement]"

    class Meta:
        ordering = ("framework", "order")
        constraints = (
            models.UniqueConstraint(fields=("framework", "code"), name="unit_code_unique"),
        )

    def __str__(self) -> str:
        return f"Unit {self.code}: {self.title}"


class StatementGroup(models.Model):
    """A sub-heading inside a unit that groups the statements under it."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="groups")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="groups")
    title = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("unit", "order")

    def __str__(self) -> str:
        return self.title


class Statement(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="statements")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="statements")
    group = models.ForeignKey(
        StatementGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    number = models.PositiveSmallIntegerField()  # position in the unit, from 1
    ref = models.CharField(max_length=20)  # "3.5.3": stable within a framework version
    text = models.TextField()
    # Sub-bullets as written: [{"text", "points": [{"text", "points": []}]}] (two levels).
    points = models.JSONField(default=list)
    # Lower-case text of the statement and its sub-bullets, for search on any database.
    search_text = models.TextField()

    class Meta:
        ordering = ("framework", "unit__order", "number")
        constraints = (
            models.UniqueConstraint(fields=("framework", "ref"), name="statement_ref_unique"),
            models.UniqueConstraint(fields=("unit", "number"), name="statement_number_unique"),
        )

    def __str__(self) -> str:
        return f"{self.ref} {self.text}"


class MappingKind(models.TextChoices):
    UNCHANGED = "unchanged", "Unchanged"
    REVISED = "revised", "Revised wording"
    MOVED = "moved", "Moved"
    SPLIT = "split", "Split"
    MERGED = "merged", "Merged"


class StatementMapping(models.Model):
    """How a statement of one framework version corresponds to one of a later version."""

    from_statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="mappings_forward"
    )
    to_statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="mappings_back"
    )
    kind = models.CharField(max_length=20, choices=MappingKind.choices)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("from_statement", "to_statement"), name="statement_mapping_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.from_statement.ref} → {self.to_statement.ref} ({self.kind})"
