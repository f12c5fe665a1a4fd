"""PostgreSQL: the aggregate that hashes a batch in chain order, for appending it in one statement
(chain_sql.chain_aggregate_sql)."""

from django.db import migrations

from doelbinding.processinglog import chain_sql


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            for statement in chain_sql.chain_aggregate_sql():
                cursor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP AGGREGATE IF EXISTS {chain_sql.CHAIN_AGGREGATE}(text, text)")
            cursor.execute(f"DROP FUNCTION IF EXISTS {chain_sql.CHAIN_AGGREGATE}_step(text, text, text)")


class Migration(migrations.Migration):
    dependencies = [("processinglog", "0005_append_function")]
    operations = [migrations.RunPython(forwards, backwards)]
