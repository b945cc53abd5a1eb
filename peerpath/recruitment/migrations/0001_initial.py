"""Recruitment's models, moved from the training app. The tables exist already (made by
training's migrations, named `training_…`), so this only tells Django's model state about
them: nothing is created in the database. The selection `Appointment` is now
`SelectionBooking` and the `PanelNote` a `SelectionPanelNote` (same tables)."""

import datetime
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('organisations', '0005_add_organisation_version'),
        ('training', '0015_add_application_version'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Intake',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200)),
                        ('opens_on', models.DateField()),
                        ('closes_on', models.DateField()),
                        ('capacity', models.PositiveSmallIntegerField()),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('cohort', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='intakes', to='training.cohort')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='intakes', to='organisations.organisation')),
                        ('panel', models.ManyToManyField(blank=True, related_name='panel_intakes', to=settings.AUTH_USER_MODEL)),
                        ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='intakes', to='training.programme')),
                    ],
                    options={
                        'db_table': 'training_intake',
                        'ordering': ('-opens_on', 'title'),
                    },
                ),
                migrations.CreateModel(
                    name='Application',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('full_name', models.CharField(max_length=200)),
                        ('email', models.EmailField(max_length=254)),
                        ('phone', models.CharField(blank=True, max_length=40)),
                        ('interest', models.TextField(help_text='Why they are interested, in their words')),
                        ('stage', models.CharField(choices=[('interest', 'Expression of interest'), ('application', 'Application'), ('information_session', 'Information session'), ('group_interview', 'Group interview'), ('one_to_one', 'One-to-one interview'), ('offer', 'Offer'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn'), ('unsuccessful', 'Unsuccessful')], default='interest', max_length=30)),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('access_token', models.CharField(max_length=64, unique=True)),
                        ('lived_experience', models.TextField(blank=True)),
                        ('commitment_confirmed', models.BooleanField(default=False)),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='organisations.organisation')),
                        ('trainee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='applications', to=settings.AUTH_USER_MODEL)),
                        ('intake', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applications', to='recruitment.intake')),
                    ],
                    options={
                        'db_table': 'training_application',
                        'ordering': ('created_at',),
                    },
                ),
                migrations.CreateModel(
                    name='SelectionBooking',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('information_session', 'Information session'), ('group_interview', 'Group interview'), ('one_to_one', 'One-to-one interview')], max_length=30)),
                        ('starts_at', models.DateTimeField()),
                        ('place', models.CharField(max_length=300)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='bookings', to='recruitment.application')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation')),
                    ],
                    options={
                        'db_table': 'training_appointment',
                        'ordering': ('starts_at',),
                    },
                ),
                migrations.CreateModel(
                    name='SelectionPanelNote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('stage', models.CharField(choices=[('interest', 'Expression of interest'), ('application', 'Application'), ('information_session', 'Information session'), ('group_interview', 'Group interview'), ('one_to_one', 'One-to-one interview'), ('offer', 'Offer'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn'), ('unsuccessful', 'Unsuccessful')], max_length=30)),
                        ('note', models.TextField()),
                        ('score', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('at', models.DateTimeField(auto_now_add=True)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='panel_notes', to='recruitment.application')),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation')),
                    ],
                    options={
                        'db_table': 'training_panelnote',
                        'ordering': ('at', 'pk'),
                    },
                ),
                migrations.CreateModel(
                    name='StageChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_stage', models.CharField(blank=True, choices=[('interest', 'Expression of interest'), ('application', 'Application'), ('information_session', 'Information session'), ('group_interview', 'Group interview'), ('one_to_one', 'One-to-one interview'), ('offer', 'Offer'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn'), ('unsuccessful', 'Unsuccessful')], max_length=30)),
                        ('to_stage', models.CharField(choices=[('interest', 'Expression of interest'), ('application', 'Application'), ('information_session', 'Information session'), ('group_interview', 'Group interview'), ('one_to_one', 'One-to-one interview'), ('offer', 'Offer'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn'), ('unsuccessful', 'Unsuccessful')], max_length=30)),
                        ('reason', models.TextField()),
                        ('at', models.DateTimeField(auto_now_add=True)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='stage_changes', to='recruitment.application')),
                        ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation')),
                    ],
                    options={
                        'db_table': 'training_stagechange',
                        'ordering': ('pk',),
                    },
                ),
                migrations.CreateModel(
                    name='CriterionAnswer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('meets', models.BooleanField()),
                        ('evidence', models.TextField()),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='recruitment.application')),
                        ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='training.eligibilitycriterion')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation')),
                    ],
                    options={
                        'db_table': 'training_criterionanswer',
                        'constraints': [models.UniqueConstraint(fields=('application', 'criterion'), name='answer_unique')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='intake',
                    constraint=models.CheckConstraint(condition=models.Q(('opens_on__gte', datetime.date(1900, 1, 1)), ('opens_on__lte', datetime.date(2100, 12, 31))), name='intake_opens_on_in_range', violation_error_message='The opening date must be between 1900 and 2100.'),
                ),
                migrations.AddConstraint(
                    model_name='intake',
                    constraint=models.CheckConstraint(condition=models.Q(('closes_on__gte', datetime.date(1900, 1, 1)), ('closes_on__lte', datetime.date(2100, 12, 31))), name='intake_closes_on_in_range', violation_error_message='The closing date must be between 1900 and 2100.'),
                ),
                migrations.AddConstraint(
                    model_name='intake',
                    constraint=models.CheckConstraint(condition=models.Q(('closes_on__gte', models.F('opens_on'))), name='intake_closes_after_opening'),
                ),
                migrations.AddConstraint(
                    model_name='intake',
                    constraint=models.CheckConstraint(condition=models.Q(('capacity__gte', 1)), name='intake_capacity'),
                ),
                migrations.AddIndex(
                    model_name='application',
                    index=models.Index(fields=['intake', 'stage'], name='application_intake_stage'),
                ),
                migrations.AddConstraint(
                    model_name='application',
                    constraint=models.UniqueConstraint(fields=('intake', 'email'), name='application_one_per_person_per_intake'),
                ),
                migrations.AddConstraint(
                    model_name='selectionpanelnote',
                    constraint=models.CheckConstraint(condition=models.Q(('score__isnull', True), models.Q(('score__gte', 1), ('score__lte', 5)), _connector='OR'), name='panel_score_one_to_five'),
                ),
            ],
        ),
    ]
