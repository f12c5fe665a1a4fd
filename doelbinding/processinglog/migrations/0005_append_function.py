"""PostgreSQL: the function that appends one entry in one statement (chain_sql.append_function_sql).

The function's text comes from chain_sql at the time this migration runs; a later change to the log's fields or to
the canonical serialisation needs a migration that replaces it again (the PostgreSQL tests append through it and
check every hash against rules.entry_hash, so a stale function fails them)."""

from django.db import migrations

from doelbinding.processinglog import chain_sql


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(chain_sql.append_function_sql())


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP FUNCTION IF EXISTS {chain_sql.APPEND_FUNCTION}")


class Migration(migrations.Migration):
    dependencies = [("processinglog", "0004_removed_runs")]
    operations = [migrations.RunPython(forwards, backwards)]
