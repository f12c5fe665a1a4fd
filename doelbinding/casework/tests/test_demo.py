"""The demo world's case work obeys the rules the services impose, though it is written in bulk: synthetic persons
with valid BSNs, one regisseur per household with open cases, no exchange without a triage decision of its case,
phases with what they need, retention dates from the register, stored assessments that are the engine's; and it
leaves the retention sweep work to do and records it must leave alone.

The tests' shared world does not hold it (demo_world.DEMO_ONLY): this module builds it once, in a transaction
around its tests that is rolled back at the end."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from doelbinding.accounts.models import User
from doelbinding.casework import demo, exchange_rules, retention, rules, selectors
from doelbinding.casework.exchange_facts import Outcome
from doelbinding.casework.models import (
    OPEN_PHASES,
    Case,
    CaseParticipant,
    Exchange,
    ExchangeStatus,
    FileEntry,
    Involvement,
    Person,
    Phase,
)
from doelbinding.processinglog.demo import PERSONS
from doelbinding.register.models import ActivityVersion, Status
from doelbinding.tenancy.demo import OOSTDAL, VOORBEELD, WESTVEEN, World
from doelbinding.tenancy.models import Organisation

TODAY = timezone.localdate()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = World(
            organisations={o.slug: o for o in Organisation.objects.all()},
            users={u.username: u for u in User.objects.all()},
        )
        started = timezone.now()
        demo.build(built, lambda label: None)
        built.seconds = (timezone.now() - started).total_seconds()  # type: ignore[attr-defined]
        yield built
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _db(world, db):
    """The module's world first, then each test's own transaction inside it."""


def _controller(world, slug):
    return world.organisations[slug]


def test_thousands_of_synthetic_persons_with_valid_fictitious_bsns(world):
    assert world.seconds < 20  # a few seconds on the development VM; make demo must stay fast
    voorbeeld = _controller(world, VOORBEELD)
    persons = Person.objects.filter(controller=voorbeeld)
    assert persons.count() >= 2_000
    for slug in (OOSTDAL, WESTVEEN):
        assert Person.objects.filter(controller=_controller(world, slug)).count() >= 50
    demo_persons = Person.objects.filter(family_name__in=demo.FAMILY_NAMES, given_names__in=demo.FIRST_NAMES)
    assert not demo_persons.filter(synthetic=False).exists()
    bsns = list(demo_persons.values_list("bsn", flat=True))
    assert all(rules.is_bsn(bsn) and bsn.startswith("9") for bsn in bsns)
    assert not set(bsns) & set(PERSONS)  # the log demo's and the tests' numbers stay theirs
    domains = set(Involvement.objects.filter(controller=voorbeeld).values_list("domain", flat=True))
    assert domains == set(demo.DOMAINS)


def test_the_same_seed_gives_the_same_names():
    def names():
        rng = random.Random(demo.SEED)  # noqa: S311 - the demo's generator
        place = demo.Place(None, VOORBEELD, rng, {}, {}, None, [], None, TODAY, {})
        return demo._household_names(place, 5)

    assert names() == names()


def test_about_two_hundred_cases_in_every_phase(world):
    phases = dict(
        Case.objects.filter(controller=_controller(world, VOORBEELD))
        .values_list("phase")
        .annotate(n=Count("pk"))
        .values_list("phase", "n")
    )
    assert set(phases) == set(Phase.values) and 180 <= sum(phases.values()) <= 220
    for slug in (OOSTDAL, WESTVEEN):
        assert Case.objects.filter(controller=_controller(world, slug)).count() >= 5


def test_one_regisseur_per_household_and_person_with_open_cases(world):
    by_household, by_person = defaultdict(set), defaultdict(set)
    for case in Case.objects.filter(phase__in=OPEN_PHASES).prefetch_related("persons"):
        if case.household_id:
            by_household[case.household_id].add(case.regisseur_id)
        for person in case.persons.all():
            by_person[person.pk].add(case.regisseur_id)
            assert person.household_id == case.household_id
    assert all(len(regisseurs) == 1 for regisseurs in by_household.values())
    assert all(len(regisseurs) == 1 for regisseurs in by_person.values())


def test_phases_have_what_they_need_and_retention_dates_follow_the_register(world):
    retention_of = {
        v.activity_id: v.retention_period for v in ActivityVersion.objects.filter(status=Status.ESTABLISHED)
    }
    cases = Case.objects.annotate(decisions=Count("triage_decisions"))
    for case in cases:
        if case.phase in rules.NEEDS_TRIAGE_DECISION or case.phase == Phase.DEESCALATION:
            assert case.decisions and case.regisseur_id, case.reference
        if case.phase == Phase.REFERRAL:
            assert not case.decisions and case.regisseur_id is None, case.reference
        if case.phase == Phase.CLOSED:
            assert case.closed_on and case.opened_on <= case.closed_on < TODAY
            assert case.destruction_due == rules.destruction_due(case.closed_on, retention_of[case.activity_id])
        else:
            assert case.closed_on is None and case.destruction_due is None
        assert case.opened_on <= TODAY
    for involvement in Involvement.objects.select_related("person"):
        assert not rules.period_problems(involvement.since, involvement.until, today=TODAY)
        assert involvement.since >= involvement.person.birth_date
        expected = rules.destruction_due(involvement.until, retention_of[involvement.activity_id])
        assert involvement.destruction_due == expected
    for participant in CaseParticipant.objects.select_related("case"):
        assert bool(participant.partner_id) != bool(participant.domain)
        if participant.partner_id:
            assert participant.case.covenant.parties.filter(pk=participant.partner_id).exists()


def test_no_exchange_without_triage_and_assessments_are_the_engines(world):
    exchanges = Exchange.objects.select_related("case", "triage", "recipient_partner").prefetch_related(
        "entries__involvement", "persons", "categories"
    )
    assert exchanges.count() >= 100
    assert set(exchanges.values_list("status", flat=True)) == set(ExchangeStatus.values)
    for exchange in exchanges:
        assert exchange.triage.case_id == exchange.case_id
        assert exchange.triage.decided_at < exchange.requested_at
        assert exchange.recipient_domain != exchange.provider_domain
        persons = {p.pk for p in exchange.persons.all()}
        assert persons <= set(exchange.case.persons.values_list("pk", flat=True))
        for entry in exchange.entries.all():
            assert entry.involvement.domain == exchange.provider_domain
            assert entry.involvement.person_id in persons
        assessment = exchange_rules.assess(selectors.exchange_facts(exchange, list(exchange.categories.all())))
        assert exchange.assessment_outcome == assessment.outcome
        assert [r["text"] for r in exchange.assessment_reasons] == [r.text for r in assessment.reasons]
        if exchange.status in (ExchangeStatus.ALLOWED, ExchangeStatus.WITHDRAWN):
            assert exchange.assessment_outcome != Outcome.REFUSED
        if exchange.status not in (ExchangeStatus.REQUESTED, ExchangeStatus.CANCELLED):
            assert exchange.decided_at and exchange.decided_at.date() < TODAY and exchange.informed_how
    entries = FileEntry.objects.prefetch_related("data_categories")
    assert all(e.data_categories.all() for e in entries[:500])


def test_the_sweep_has_work_to_show_and_records_to_leave_alone(world):
    voorbeeld = _controller(world, VOORBEELD)
    assert retention.destroyable_cases(voorbeeld, TODAY).exists()
    assert retention.destroyable_involvements(voorbeeld, TODAY).count() >= 20
    expired_cases = retention.expired_cases(voorbeeld, TODAY)
    expired_involvements = retention.expired_involvements(voorbeeld, TODAY)
    assert expired_cases.filter(retention._case_held()).exists()
    assert expired_involvements.filter(retention._involvement_held()).count() >= 3
    assert Involvement.objects.filter(controller=voorbeeld, until__isnull=False, destruction_due__isnull=True).exists()


def test_the_fg_sees_a_look_up_outside_the_caseload(world):
    from doelbinding.processinglog import selectors as log_selectors

    signals = log_selectors.unusual_access(_controller(world, VOORBEELD), today=TODAY)
    outside = [s for s in signals if s.kind == "caseload"]
    assert [(s.user_id, s.count) for s in outside] == [(world.users["wi_consulent"].pk, 3)]
