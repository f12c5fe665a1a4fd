"""PostgreSQL: partition the processing log by month and refuse UPDATE, DELETE and TRUNCATE in the database.

SQLite keeps the plain table; there the application refuses changes (models.AppendOnlyQuerySet).
"""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone

from doelbinding.processinglog import partitions

TABLE = partitions.TABLE
REFUSE = partitions.REFUSE


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s", [TABLE, "%pkey"])
        indexes = [row[0].replace(f"ON public.{TABLE} ", f"ON {TABLE} ") for row in cursor.fetchall()]
        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_plain")
        cursor.execute(
            f"CREATE TABLE {TABLE} (LIKE {TABLE}_plain INCLUDING DEFAULTS INCLUDING IDENTITY) "
            "PARTITION BY RANGE (occurred_at)"
        )
        cursor.execute(f"DROP TABLE {TABLE}_plain")
        cursor.execute(f"ALTER TABLE {TABLE} ADD PRIMARY KEY (id, occurred_at)")
        for definition in indexes:
            cursor.execute(definition)
        cursor.execute(
            f"CREATE FUNCTION {REFUSE}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'Het logboek is alleen aan te vullen: % is niet toegestaan.', TG_OP "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
        cursor.execute(
            f"CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION {REFUSE}()"
        )
        cursor.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION {REFUSE}()"
        )
        today = timezone.localdate()
        partitions.ensure(cursor, today - timedelta(days=settings.PROCESSINGLOG_RETENTION_DAYS), today + timedelta(days=366))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {TABLE} CASCADE")
        cursor.execute(f"DROP FUNCTION {REFUSE}()")
        cursor.execute(f"CREATE TABLE {TABLE} (id bigint)")  # 0001's reversal drops it again


class Migration(migrations.Migration):
    dependencies = [("processinglog", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
