"""PostgreSQL: the processing log as a table partitioned by month, whose partitions the retention drops whole.

The table is created by migration 0001 as Django defines it and turned into a partitioned one by 0002 while it
is still empty. Every partition gets the TRUNCATE guard of its parent (row triggers are inherited, statement
triggers are not). `ensure` creates the partitions a period needs and is idempotent.
"""

from __future__ import annotations

from datetime import date

TABLE = "processinglog_processingaction"
REFUSE = "processinglog_refuse_change"


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def name_of(month: date) -> str:
    return f"{TABLE}_p{month:%Y%m}"


def months(first: date, last: date) -> list[date]:
    """The first days of every month from `first`'s month up to and including `last`'s."""
    result, month = [], month_start(first)
    while month <= last:
        result.append(month)
        month = next_month(month)
    return result


def ensure(cursor, first: date, last: date) -> list[str]:
    """Create the missing monthly partitions from `first` to `last`; returns the names created."""
    cursor.execute("SELECT relname FROM pg_class WHERE relname LIKE %s", [f"{TABLE}_p%"])
    existing = {row[0] for row in cursor.fetchall()}
    created = []
    for month in months(first, last):
        name = name_of(month)
        if name in existing:
            continue
        cursor.execute(
            f"CREATE TABLE {name} PARTITION OF {TABLE} FOR VALUES FROM (%s) TO (%s)",
            [month.isoformat(), next_month(month).isoformat()],
        )
        cursor.execute(
            f"CREATE TRIGGER {name}_no_truncate BEFORE TRUNCATE ON {name} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {REFUSE}()"
        )
        created.append(name)
    return created


def partitions(cursor) -> list[tuple[str, date]]:
    """Every monthly partition with its first day, oldest first."""
    cursor.execute(
        "SELECT child.relname FROM pg_inherits JOIN pg_class parent ON parent.oid = inhparent "
        "JOIN pg_class child ON child.oid = inhrelid WHERE parent.relname = %s ORDER BY child.relname",
        [TABLE],
    )
    found = []
    for (name,) in cursor.fetchall():
        stamp = name.rsplit("_p", 1)[1]
        found.append((name, date(int(stamp[:4]), int(stamp[4:]), 1)))
    return found


def drop(cursor, name: str) -> None:
    """Detach and drop one partition: the only way entries leave the log (retention)."""
    cursor.execute(f"ALTER TABLE {TABLE} DETACH PARTITION {name}")
    cursor.execute(f"DROP TABLE {name}")
