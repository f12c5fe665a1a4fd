from django.conf import settings

# test_postgresql.py exercises the database's own guards and locks; SQLite has neither, so there is nothing to run.
collect_ignore = [] if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") else ["test_postgresql.py"]
