"""What the retention removed of each chain (RemovedRun), append-only like the log: on PostgreSQL the function of
0002 refuses UPDATE, DELETE and TRUNCATE of this table too."""

import django.db.models.deletion
from django.db import migrations, models

from doelbinding.processinglog import partitions

TABLE = "processinglog_removedrun"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {partitions.REFUSE}()"
        )
        cursor.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {partitions.REFUSE}()"
        )


class Migration(migrations.Migration):

    dependencies = [
        ('processinglog', '0003_bindings_reviews'),
        ('tenancy', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='RemovedRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stripe', models.PositiveSmallIntegerField(verbose_name='keten')),
                ('first_sequence', models.PositiveBigIntegerField(verbose_name='eerste volgnummer')),
                ('last_sequence', models.PositiveBigIntegerField(verbose_name='laatste volgnummer')),
                ('previous_hash', models.CharField(max_length=64, verbose_name='hash van het voorgaande item')),
                ('entry_hash', models.CharField(max_length=64, verbose_name='hash van het laatste item')),
                ('cutoff', models.DateField(verbose_name='verwijderd: alles van vóór')),
                ('removed_at', models.DateTimeField(auto_now_add=True, verbose_name='verwijderd op')),
                ('controller', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='tenancy.organisation')),
            ],
            options={
                'verbose_name': 'na de bewaartermijn verwijderde items',
                'verbose_name_plural': 'na de bewaartermijn verwijderde items',
                'constraints': [models.UniqueConstraint(fields=('controller', 'stripe', 'first_sequence'), name='removed_run_once')],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
