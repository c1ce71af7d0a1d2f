"""Monthly summaries of the timing rows, a month and a bucket on every timing row.

The timing tables are a cache of the runs' own records: this migration empties them (and the
stamps), so the next `alur dashboard refresh` (or the next page read) rebuilds every row with its
month and bucket, and the summaries with them.

(The partial indexes on open runs and tasks that the "Now" page reads are declared on the runs
models: run_open, task_open.)
"""

import django.db.models.deletion
from django.db import migrations, models


def clear_timings(apps, schema_editor):
    for name in ("TaskTiming", "RunTiming", "TimingStamp"):
        apps.get_model("dashboard", name).objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('dashboard', '0003_watermarks'),
        ('org', '0003_alter_employee_nip'),
        ('sop', '0002_sop_link'),
        ('runs', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(clear_timings, migrations.RunPython.noop),
        migrations.AddField(
            model_name='runtiming',
            name='bucket',
            field=models.PositiveSmallIntegerField(default=0), preserve_default=False,
        ),
        migrations.AddField(
            model_name='runtiming',
            name='month',
            field=models.DateField(default='2000-01-01'), preserve_default=False,
        ),
        migrations.AddField(
            model_name='tasktiming',
            name='bucket',
            field=models.PositiveSmallIntegerField(default=0), preserve_default=False,
        ),
        migrations.AddField(
            model_name='tasktiming',
            name='month',
            field=models.DateField(default='2000-01-01'), preserve_default=False,
        ),
        migrations.CreateModel(
            name='MinutesBucket',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('step_no', models.PositiveIntegerField()),
                ('bucket', models.PositiveSmallIntegerField()),
                ('n', models.PositiveIntegerField()),
                ('office', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.office')),
                ('revision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sop.soprevision')),
                ('sop', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sop.sop')),
            ],
            options={
                'indexes': [models.Index(fields=['sop', 'month'], name='minutesbucket_sop_month'), models.Index(fields=['office', 'month'], name='minutesbucket_office_month')],
            },
        ),
        migrations.CreateModel(
            name='PersonMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('n', models.PositiveIntegerField()),
                ('late', models.PositiveIntegerField()),
                ('late_minutes', models.BigIntegerField()),
                ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='org.employee')),
                ('office', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.office')),
                ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='org.unit')),
            ],
            options={
                'indexes': [models.Index(fields=['office', 'month'], name='personmonth_office_month')],
            },
        ),
        migrations.CreateModel(
            name='RunMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('n', models.PositiveIntegerField()),
                ('on_time', models.PositiveIntegerField()),
                ('no_standard', models.PositiveIntegerField()),
                ('lead_minutes', models.BigIntegerField()),
                ('send_backs', models.PositiveIntegerField()),
                ('standard_minutes', models.PositiveIntegerField(blank=True, null=True)),
                ('office', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.office')),
                ('revision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sop.soprevision')),
                ('sop', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sop.sop')),
            ],
            options={
                'indexes': [models.Index(fields=['sop', 'month'], name='runmonth_sop_month'), models.Index(fields=['office', 'month'], name='runmonth_office_month')],
            },
        ),
        migrations.CreateModel(
            name='StepMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField()),
                ('step_no', models.PositiveIntegerField()),
                ('n', models.PositiveIntegerField()),
                ('total_minutes', models.BigIntegerField()),
                ('within', models.PositiveIntegerField()),
                ('decided', models.PositiveIntegerField()),
                ('tidak', models.PositiveIntegerField()),
                ('office', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='org.office')),
                ('revision', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sop.soprevision')),
                ('sop', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sop.sop')),
            ],
            options={
                'indexes': [models.Index(fields=['sop', 'month'], name='stepmonth_sop_month'), models.Index(fields=['office', 'month'], name='stepmonth_office_month')],
            },
        ),
    ]
