"""The stored log: appended in chains, append-only in the application, verified by `verify_log`, which names the
first broken entry. What only PostgreSQL does (triggers, partitions, concurrent writers) is in test_postgresql.py."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from doelbinding.processinglog import selectors, services
from doelbinding.processinglog.models import AppendOnlyError, ChainHead, ProcessingAction
from doelbinding.processinglog.tests.factories import record
from doelbinding.tenancy import demo


def _fresh(world):
    """A municipality whose log the demo world leaves empty, so each test starts its chains from nothing."""
    return world.organisations[demo.OOSTDAL]


def _write(controller, n: int) -> list[ProcessingAction]:
    written = []
    for i in range(n):
        with transaction.atomic():
            written += services.append([record(controller, subject=f"{100000000 + i}")])
    return written


def test_entries_chain_per_stripe_and_verify(world, settings):
    settings.PROCESSINGLOG_STRIPES = 3
    controller = _fresh(world)
    _write(controller, 30)
    counted, breaks = selectors.verify_controller(controller.pk)
    assert counted >= 30 and breaks == []
    heads = ChainHead.objects.filter(controller=controller)
    assert heads.count() == 3
    assert sum(h.sequence for h in heads) == ProcessingAction.objects.filter(controller=controller).count()


def test_one_append_writes_one_entry_per_subject_in_one_chain(world):
    with transaction.atomic():
        entries = services.append([record(_fresh(world), subject=s) for s in ("111222333", "222333444")])
    assert len({e.stripe for e in entries}) == 1
    assert entries[1].previous_hash == entries[0].entry_hash and entries[1].sequence == entries[0].sequence + 1


@pytest.mark.parametrize("returning", [True, False])
def test_a_batch_continues_the_chain_it_locks_and_verifies(world, settings, returning):
    """A batch after single entries on the same chain: the head moves to its end, every link and hash holds, and
    without `returning` nothing comes back but everything is written."""
    settings.PROCESSINGLOG_STRIPES = 1
    controller = _fresh(world)
    _write(controller, 2)
    with transaction.atomic():
        returned = services.append(
            [record(controller, subject=f"{200000000 + i}") for i in range(25)], returning=returning
        )
    _write(controller, 1)
    assert len(returned) == (25 if returning else 0)
    stored = list(ProcessingAction.objects.filter(controller=controller).order_by("sequence"))
    assert [e.sequence for e in stored] == list(range(1, 29))
    assert [e.subject_id for e in stored[2:27]] == [f"{200000000 + i}" for i in range(25)]
    if returning:
        assert [(e.pk, e.entry_hash) for e in returned] == [(e.pk, e.entry_hash) for e in stored[2:27]]
    head = ChainHead.objects.get(controller=controller)
    assert (head.sequence, head.entry_hash) == (28, stored[-1].entry_hash)
    assert selectors.verify_controller(controller.pk) == (28, [])


@pytest.mark.django_db(transaction=True)
def test_writing_outside_a_transaction_is_refused(world):
    """An entry committed on its own could outlive the access it records, or precede it: never."""
    before = ProcessingAction.objects.count()
    with pytest.raises(RuntimeError):
        services.append([record(_fresh(world))])
    assert ProcessingAction.objects.count() == before


def test_the_application_cannot_change_or_remove_entries(world):
    entry = _write(_fresh(world), 1)[0]
    entry.purpose = "iets anders"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        ProcessingAction.objects.filter(pk=entry.pk).update(purpose="iets anders")
    with pytest.raises(AppendOnlyError):
        ProcessingAction.objects.filter(pk=entry.pk).delete()
    assert ProcessingAction.objects.get(pk=entry.pk).purpose == "Beoordelen van de aanvraag"


def _tamper(sql: str, params) -> None:
    """What someone with direct database access could do: bypass the application (and PostgreSQL's triggers)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


@pytest.mark.parametrize("tampering", ["edit", "delete"])
def test_verify_log_names_the_first_broken_entry_and_fails(world, tampering, settings):
    settings.PROCESSINGLOG_STRIPES = 1
    entries = _write(_fresh(world), 5)
    target = entries[2]
    if tampering == "edit":
        _tamper("UPDATE processinglog_processingaction SET subject_id = %s WHERE id = %s", ["999999999", target.pk])
    else:
        _tamper("DELETE FROM processinglog_processingaction WHERE id = %s", [target.pk])
    errors = StringIO()
    with pytest.raises(CommandError, match="gebroken"):
        call_command("verify_log", stdout=StringIO(), stderr=errors)
    named = target.pk if tampering == "edit" else entries[3].pk
    assert (
        f"volgnummer {target.sequence if tampering == 'edit' else entries[3].sequence} (item {named})"
        in errors.getvalue()
    )


def test_verify_log_passes_an_untouched_log_and_reports_progress(world):
    _write(_fresh(world), 4)
    out = StringIO()
    call_command("verify_log", "--voortgang", "2", stdout=out)
    assert "alle ketens in orde" in out.getvalue() and "items gecontroleerd" in out.getvalue()


def test_export_chain_heads_writes_every_head(world, tmp_path):
    _write(_fresh(world), 3)
    target = tmp_path / "koppen.json"
    call_command("export_chain_heads", "--bestand", str(target), stdout=StringIO())
    document = json.loads(target.read_text())
    assert {(k["gemeente"], k["keten"]) for k in document["ketens"]} == {
        (h.controller.slug, h.stripe) for h in ChainHead.objects.select_related("controller")
    }
