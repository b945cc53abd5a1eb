"""The audit log, partitioned by month on PostgreSQL (ADR-024), with the indexes of the
admin's audit search.

On PostgreSQL, `core_auditevent` becomes a table partitioned BY RANGE (at): one partition a
month from its oldest row's month to three months ahead, and a DEFAULT partition. Its rows
move across inside this migration; its primary key becomes (id, at) in the database (a
partitioned table's key must hold the partition key; `id` stays unique from its identity,
and Django keeps `id` as the model's key). The append-only triggers (core.0002, core.0003)
are made again on the parent: the row trigger reaches every partition, and each partition
gets its own TRUNCATE trigger and the parent's grants (core/audit_partitions.py). Later
months' partitions are made by `manage.py audit_partitions`, run by the owner.

The free-text search reads trigram (pg_trgm) indexes of the two labels; pg_trgm is a trusted
extension, which the owner that runs migrations may create in its own database.

SQLite keeps one plain table and only gets the new indexes.
"""

from django.db import migrations, models
from django.utils import timezone

from peerpath.core import audit_partitions

TRIGRAM = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX audit_labels_trgm ON core_auditevent USING gin (
    (upper(actor_label::text)) gin_trgm_ops, (upper(object_label::text)) gin_trgm_ops
);
"""


def partition(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            audit_partitions.rebuild(cursor, partitioned=True, today=timezone.now().date())


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            audit_partitions.rebuild(cursor, partitioned=False, today=timezone.now().date())


def trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGRAM)
        with schema_editor.connection.cursor() as cursor:
            # Each partition's copy of an index named after its parent index.
            audit_partitions.name_indexes(cursor)


def no_trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS audit_labels_trgm")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_audit_role_and_subject")]

    operations = [
        migrations.RunPython(partition, unpartition),
        migrations.RemoveIndex(model_name="auditevent", name="audit_org_at"),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["organisation_id", "-at", "-id"], name="audit_org_at_id"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["organisation_id", "action", "-at"], name="audit_org_action_at"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["organisation_id", "outcome", "-at"], name="audit_org_outcome_at"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["actor_id", "-at"], name="audit_actor_at"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["object_type", "object_id", "-at"], name="audit_object_at"
            ),
        ),
        migrations.RunPython(trigram, no_trigram),
    ]
