"""The retention sweep of case work: exactly the expired records without a hold go, with what hangs under them and
their history; every held record stays; one processing-log entry per data subject per destroyed record; a batch
whose log cannot be written stays whole. Records are made with the ORM (the sweep reads only what is stored).

The tests run in Gemeente Westveen after a first sweep there has removed what the demo world left due."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from doelbinding.casework import retention
from doelbinding.casework.models import (
    Case,
    Exchange,
    FileEntry,
    Household,
    Involvement,
    Person,
    Phase,
    TriageDecision,
)
from doelbinding.processinglog.demo import synthetic_bsn
from doelbinding.processinglog.models import ProcessingAction
from doelbinding.register.models import Activity
from doelbinding.tenancy import demo

TODAY = timezone.localdate()
PAST, FUTURE = TODAY - timedelta(days=1), TODAY + timedelta(days=30)
_numbers = itertools.count(700_000)


@dataclass
class Made:
    controller: object
    activity: object
    author: object
    cases: list[Case] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    after: int = 0  # the log entries of a test have higher ids


@pytest.fixture
def made(world) -> Made:
    controller = world.organisations[demo.WESTVEEN]
    retention.sweep(gemeente=controller.slug)  # what the demo world left due there
    activity = Activity.objects.filter(controller=controller, versions__status="established").order_by("number")[0]
    last = ProcessingAction.objects.order_by("-id").values_list("id", flat=True).first() or 0
    return Made(controller, activity, world.users["regisseur_regio"], after=last)


def household(m: Made, hold: str = "") -> Household:
    return Household.objects.create(controller=m.controller, name="Gezin Test", synthetic=True, hold_reason=hold)


def person(m: Made, home: Household | None = None, hold: str = "") -> Person:
    number = next(_numbers)
    return Person.objects.create(
        controller=m.controller,
        bsn=synthetic_bsn(number),
        given_names="Test",
        family_name=f"Persoon {number}",
        birth_date=date(1980, 1, 1),
        household=home,
        synthetic=True,
        hold_reason=hold,
    )


def involvement(m: Made, who: Person, *, due: date | None, hold: str = "", entries: int = 0) -> Involvement:
    ended = None if due is None else min(due, TODAY) - timedelta(days=400)
    made = Involvement.objects.create(
        controller=m.controller,
        person=who,
        domain="wmo",
        organisation=m.controller,
        since=date(2010, 1, 1),
        until=ended,
        activity=m.activity,
        destruction_due=due,
        hold_reason=hold,
    )
    for n in range(entries):
        FileEntry.objects.create(
            controller=m.controller,
            involvement=made,
            kind="note",
            title=f"Aantekening {n}",
            content="Wat besproken is.",
            author=m.author,
            written_at=timezone.now(),
        )
    m.involvements.append(made)
    return made


def case(m: Made, persons: list[Person], *, due: date | None, hold: str = "", home: Household | None = None) -> Case:
    closed = due is not None
    made = Case.objects.create(
        controller=m.controller,
        reference=f"T-{next(_numbers)}",
        household=home,
        referring_domain="wmo",
        phase=Phase.CLOSED if closed else Phase.CONFERENCE,
        regisseur=m.author,
        purpose="Een plan voor het gezin.",
        activity=m.activity,
        opened_on=date(2012, 1, 1),
        closed_on=date(2013, 1, 1) if closed else None,
        destruction_due=due,
        hold_reason=hold,
    )
    made.persons.set(persons)
    m.cases.append(made)
    return made


def exchange(m: Made, on: Case, entries: list[FileEntry]) -> Exchange:
    triage = TriageDecision.objects.create(
        case=on,
        moment="multi_problem",
        multi_problem=True,
        collaboration_needed=True,
        within_collaboration_purpose=True,
        purpose="Samen een plan maken.",
        necessity="Nodig.",
        proportionality="Alleen wat nodig is.",
        subsidiarity="Geen lichter middel.",
        route="case_direction",
        decided_by=m.author,
        decided_at=timezone.now(),
    )
    made = Exchange.objects.create(
        controller=m.controller,
        case=on,
        triage=triage,
        provider_domain="wmo",
        recipient_domain="jeugd",
        purpose="Afstemmen.",
        requested_by=m.author,
        requested_at=timezone.now(),
        assessment_outcome="allowed",
    )
    made.persons.set(on.persons.all())
    made.entries.set(entries)
    return made


def deletes(m: Made) -> list[ProcessingAction]:
    return list(
        ProcessingAction.objects.filter(
            controller=m.controller, action="delete", application=retention.APPLICATION, id__gt=m.after
        ).order_by("id")
    )


def exists(model, pk) -> bool:
    return model.objects.filter(pk=pk).exists()


# --- the property ---------------------------------------------------------------------------------------------------

hold = st.sampled_from(["", "", "Lopend inzageverzoek"])
due = st.sampled_from([None, PAST, TODAY, FUTURE])
an_involvement = st.fixed_dictionaries({"due": due, "hold": hold, "entries": st.integers(0, 2)})
a_person = st.fixed_dictionaries({"hold": hold, "involvements": st.lists(an_involvement, max_size=2)})
a_family = st.fixed_dictionaries(
    {
        "household": st.one_of(st.none(), hold),
        "persons": st.lists(a_person, min_size=1, max_size=2),
        "case": st.one_of(st.none(), st.fixed_dictionaries({"due": due, "hold": hold, "shares": st.booleans()})),
    }
)


def _expected(families: list[dict], built: list[dict]) -> dict[str, set[int]]:
    """What must go, by the rules of retention.py written out for the generated families."""
    gone: dict[str, set[int]] = {"cases": set(), "involvements": set(), "persons": set(), "households": set()}
    kept_exchanges: set[int] = set()
    for family, parts in zip(families, built, strict=True):
        home_held = bool(family["household"])
        persons_held = [bool(p["hold"]) or home_held for p in family["persons"]]
        spec, made_case = family["case"], parts["case"]
        if made_case is not None:
            due_case = spec["due"] is not None and spec["due"] <= TODAY
            if due_case and not spec["hold"] and not home_held and not any(persons_held):
                gone["cases"].add(made_case.pk)
            elif parts["shared"] is not None:
                kept_exchanges.add(parts["shared"])
        for held, p_spec, p_made in zip(persons_held, family["persons"], parts["persons"], strict=True):
            for i_spec, i_made in zip(p_spec["involvements"], p_made["involvements"], strict=True):
                due_inv = i_spec["due"] is not None and i_spec["due"] <= TODAY
                if due_inv and not i_spec["hold"] and not held and i_made.pk not in kept_exchanges:
                    gone["involvements"].add(i_made.pk)
            touched = any(i.pk in gone["involvements"] for i in p_made["involvements"]) or (
                made_case is not None and made_case.pk in gone["cases"]
            )
            left = [i for i in p_made["involvements"] if i.pk not in gone["involvements"]]
            in_case = made_case is not None and made_case.pk not in gone["cases"]
            if touched and not held and not left and not in_case:
                gone["persons"].add(p_made["person"].pk)
        home = parts["household"]
        if home is not None and not home_held:
            members_left = [p for p in parts["persons"] if p["person"].pk not in gone["persons"]]
            case_left = made_case is not None and made_case.pk not in gone["cases"]
            touched = len(members_left) < len(parts["persons"]) or (
                made_case is not None and made_case.pk in gone["cases"]
            )
            if touched and not members_left and not case_left:
                gone["households"].add(home.pk)
    return gone


def _build(m: Made, families: list[dict]) -> list[dict]:
    built = []
    for family in families:
        home = None if family["household"] is None else household(m, family["household"])
        persons = []
        for p_spec in family["persons"]:
            p_made = person(m, home, p_spec["hold"])
            persons.append(
                {
                    "person": p_made,
                    "involvements": [involvement(m, p_made, **i) for i in p_spec["involvements"]],
                }
            )
        spec, made_case, shared = family["case"], None, None
        if spec is not None:
            made_case = case(m, [p["person"] for p in persons], due=spec["due"], hold=spec["hold"], home=home)
            entries = list(FileEntry.objects.filter(involvement__person__in=[p["person"] for p in persons])[:1])
            if spec["shares"] and entries:
                exchange(m, made_case, entries)
                shared = entries[0].involvement_id
        built.append({"household": home, "persons": persons, "case": made_case, "shared": shared})
    return built


def test_the_sweep_destroys_exactly_the_expired_unheld_records_and_never_touches_a_held_one(made):
    """The sweep never touches held records: hypothesis mixes held and unheld, expired and running records."""

    @examples(
        max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(families=st.lists(a_family, min_size=1, max_size=4), batch=st.integers(1, 3))
    def check(families, batch):
        with transaction.atomic():
            built = _build(made, families)
            before = len(deletes(made))
            expected = _expected(families, built)
            all_cases = [f["case"] for f in built if f["case"] is not None]
            all_involvements = [i for f in built for p in f["persons"] for i in p["involvements"]]
            all_persons = [p["person"] for f in built for p in f["persons"]]
            all_households = [f["household"] for f in built if f["household"] is not None]
            subjects = {c.pk: sorted(c.persons.values_list("bsn", flat=True)) for c in all_cases}

            result = retention.sweep(gemeente=made.controller.slug, batch_size=batch)

            for model, kind, records in [
                (Case, "cases", all_cases),
                (Involvement, "involvements", all_involvements),
                (Person, "persons", all_persons),
                (Household, "households", all_households),
            ]:
                gone = {r.pk for r in records if not exists(model, r.pk)}
                assert gone == expected[kind], kind
                assert result.controllers[0].destroyed[kind] == len(expected[kind]), kind
                for record in records:
                    if record.hold_reason:
                        assert exists(model, record.pk), f"a held {kind} record went"
            for record in all_involvements:
                if record.pk in expected["involvements"]:
                    assert not FileEntry.objects.filter(involvement_id=record.pk).exists()
                    assert not Involvement.history.filter(id=record.pk).exists()
            by_pk = {i.pk: i for i in all_involvements}
            want = sorted(
                [bsn for pk in expected["cases"] for bsn in subjects[pk]]
                + [by_pk[pk].person.bsn for pk in expected["involvements"]]
                + [p.bsn for p in all_persons if p.pk in expected["persons"]]
            )
            assert sorted(e.subject_id for e in deletes(made)[before:]) == want
            transaction.set_rollback(True)

    check()


# --- the log, the batches, the command -------------------------------------------------------------------------------


def test_each_destroyed_record_is_logged_per_data_subject_under_its_register_activity(made):
    home = household(made)
    anna, tim = person(made, home), person(made, home)
    closed = case(made, [anna, tim], due=PAST, home=home)
    involvement(made, anna, due=PAST, entries=2)

    result = retention.sweep(gemeente=made.controller.slug)

    found = result.controllers[0]
    assert found.destroyed["cases"] == 1 and found.destroyed["involvements"] == 1
    assert found.destroyed["entries"] == 2 and found.destroyed["persons"] == 2 and found.destroyed["households"] == 1
    entries = deletes(made)
    version = made.activity.versions.get(status="established")
    cases_first = sorted([(anna.bsn, "content", closed.reference), (tim.bsn, "content", closed.reference)])
    assert sorted((e.subject_id, e.scope, e.case_reference) for e in entries[:2]) == cases_first
    assert (entries[2].subject_id, entries[2].scope, entries[2].domain) == (anna.bsn, "content", "wmo")  # had entries
    assert sorted((e.subject_id, e.scope) for e in entries[3:]) == sorted(  # the persons, left with nothing
        [(anna.bsn, "involvement"), (tim.bsn, "involvement")]
    )
    assert {e.action for e in entries} == {"delete"} and {e.outcome for e in entries} == {"allowed"}
    assert {e.activity_id for e in entries} == {version.pk} and {e.activity_uri for e in entries} == {version.uri}
    assert {e.actor_name for e in entries} == {retention.ACTOR_NAME}
    assert not Person.history.filter(id__in=[anna.pk, tim.pk]).exists()
    assert not Case.history.filter(id=closed.pk).exists() and not Household.history.filter(id=home.pk).exists()
    assert found.log_entries == len(entries) == 5


def test_a_case_goes_with_its_triage_and_exchanges_and_then_frees_the_entries_it_held(made):
    anna = person(made)
    shared = involvement(made, anna, due=PAST, entries=1)
    closed = case(made, [anna], due=PAST)
    swap = exchange(made, closed, list(shared.entries.all()))
    open_case = case(made, [person(made)], due=None)
    still = involvement(made, open_case.persons.get(), due=PAST, entries=1)
    exchange(made, open_case, list(still.entries.all()))

    result = retention.sweep(gemeente=made.controller.slug)

    assert not exists(Case, closed.pk) and not exists(Exchange, swap.pk) and not exists(Involvement, shared.pk)
    assert not TriageDecision.objects.filter(case_id=closed.pk).exists()
    assert exists(Involvement, still.pk)  # its entry is shared with a case that still runs
    assert result.controllers[0].bound == 1


def test_a_log_failure_mid_sweep_leaves_that_batch_whole(made, monkeypatch):
    persons = [person(made) for _ in range(5)]
    for who in persons:
        involvement(made, who, due=None)  # each keeps a running involvement, so only the expired ones go
    expired = [involvement(made, who, due=PAST, entries=1) for who in persons]
    real_append, calls = retention.services.append, []

    def failing(records, **options):
        calls.append(len(records))
        if len(calls) == 2:
            raise DatabaseError("logboek niet bereikbaar")
        return real_append(records, **options)

    monkeypatch.setattr(retention.services, "append", failing)
    out = StringIO()
    with pytest.raises(CommandError, match="teruggedraaid"):
        call_command("sweep_retention", gemeente=made.controller.slug, batch=2, stdout=out)

    gone = [i for i in expired if not exists(Involvement, i.pk)]
    assert gone == expired[:2]  # the first batch, committed with its log entries
    assert all(FileEntry.objects.filter(involvement=i).exists() for i in expired[2:])
    assert sorted(e.subject_id for e in deletes(made)) == sorted(p.bsn for p in persons[:2])
    assert "2 betrokkenheden vernietigd" in out.getvalue()


def test_dry_run_says_in_dutch_what_would_go_and_changes_nothing(made):
    anna = person(made)
    expired = involvement(made, anna, due=PAST)
    held = involvement(made, person(made, hold="Klacht in behandeling"), due=PAST)
    out = StringIO()

    call_command("sweep_retention", "--dry-run", gemeente=made.controller.slug, stdout=out)

    text = out.getvalue()
    assert "Gemeente Westveen: 1 betrokkenheden, 1 betrokkenen zou(den) worden vernietigd" in text
    assert f"betrokkenheid {expired.uuid}" in text and "blijft staan door een blokkade" in text
    assert "Proefdraaien: er is niets vernietigd" in text
    assert exists(Involvement, expired.pk) and exists(Person, anna.pk) and exists(Involvement, held.pk)
    assert deletes(made) == []


def test_the_command_reports_progress_per_batch_and_refuses_an_unknown_municipality(made):
    for _ in range(3):
        involvement(made, person(made), due=TODAY)
    out = StringIO()
    call_command("sweep_retention", gemeente=made.controller.slug, batch=2, stdout=out)
    lines = out.getvalue().splitlines()
    assert "  Gemeente Westveen: 2 betrokkenheden vernietigd" in lines
    assert "  Gemeente Westveen: 3 betrokkenheden vernietigd" in lines
    assert "Gemeente Westveen: 3 betrokkenheden, 3 betrokkenen vernietigd" in lines
    with pytest.raises(CommandError, match="geen gemeente"):
        call_command("sweep_retention", gemeente="gemeente-nergens", stdout=StringIO())


def test_records_without_a_destruction_date_are_reported_not_guessed(made):
    ended = involvement(made, person(made), due=None)
    ended.until = TODAY - timedelta(days=10)
    ended.save(update_fields=["until"])
    result = retention.sweep(gemeente=made.controller.slug)
    assert exists(Involvement, ended.pk) and result.controllers[0].no_period["involvements"] >= 1
