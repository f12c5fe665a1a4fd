"""A year of processing-log history in the demo world: staff reading and searching the data of synthetic
persons, a partner system logging through the API, a confidential investigation, and the unusual access the
FG's worklist must show (emergency access, refused attempts, a day of far too many look-ups).

BSNs are synthetic and pass the elfproef. `DEMO_CITIZEN` is the person whose history the citizen view shows.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from stdnum.nl import bsn as bsn_number

from doelbinding.processinglog import services
from doelbinding.processinglog.models import ActivityBinding, Use
from doelbinding.register.demo import LOGBOOK
from doelbinding.register.models import ActivityVersion, Status
from doelbinding.tenancy.demo import OOSTDAL, VOORBEELD, WESTVEEN


def synthetic_bsn(n: int) -> str:
    """The n-th nine-digit number from 900000000 up whose check digit works out (synthetic by their range)."""
    base = 90000000 + n * 7
    while True:
        stem = f"{base:08d}"
        check = sum(int(d) * w for d, w in zip(stem, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            candidate = stem + str(check)
            if bsn_number.is_valid(candidate):
                return candidate
        base += 1


DEMO_CITIZEN = synthetic_bsn(0)
PERSONS = [synthetic_bsn(n) for n in range(60)]

# Who reads what: (persona, domain, register activity, purpose).
ROUTINES = [
    ("wmo_consulent", "wmo", "Maatwerkvoorziening Wmo", "Beoordelen van de aanvraag voor een maatwerkvoorziening"),
    ("wmo_consulent", "wmo", "Melding en vraagverheldering Wmo", "Het gesprek over de hulpvraag voorbereiden"),
    ("jeugd_consulent", "jeugd", "Toegang jeugdhulp", "Beslissen over de toegang tot jeugdhulp"),
    ("regisseur", "zorg-veiligheid", "Casusoverleg Zorg- en Veiligheidshuis", "Casusregie bij meervoudige problemen"),
]


def _versions(controller) -> dict[str, ActivityVersion]:
    return {
        v.name: v for v in ActivityVersion.objects.filter(activity__controller=controller, status=Status.ESTABLISHED)
    }


def _record(controller, user, version, day, *, subject, action="read", scope="content", domain="", purpose, **extra):
    when = timezone.make_aware(datetime.combine(day, time(9))) + timedelta(minutes=extra.pop("minute", 0))
    return services.Record(
        controller_id=controller.pk,
        occurred_at=when,
        actor_user_id=user.pk if user else None,
        actor_name=user.get_full_name() if user else extra.pop("actor_name", ""),
        actor_role=extra.pop("role", ""),
        actor_organisation_id=extra.pop("organisation_id", controller.pk),
        action=action,
        subject_id=subject,
        scope=scope,
        domain=domain,
        activity_id=version.pk,
        activity_uri=version.uri,
        purpose=purpose,
        outcome=extra.pop("outcome", "allowed"),
        confidential=version.confidential,
        confidential_until=version.confidential_until,
        **extra,
    )


def _history(world, controller, versions, today, rng) -> list[services.Record]:
    roles = {"wmo_consulent": "consulent", "jeugd_consulent": "consulent", "regisseur": "regisseur"}
    records = []
    for days_ago in range(365, 0, -1):
        day = today - timedelta(days=days_ago)
        if day.weekday() >= 5:
            continue
        for persona, domain, activity, purpose in ROUTINES:
            for minute in range(rng.randint(0, 3)):
                subject = DEMO_CITIZEN if rng.random() < 0.08 else rng.choice(PERSONS)
                records.append(
                    _record(
                        controller,
                        world.users[persona],
                        versions[activity],
                        day,
                        subject=subject,
                        domain=domain,
                        purpose=purpose,
                        role=roles[persona],
                        minute=minute * 7,
                    )
                )
    # A fraud investigation into the demo citizen, still confidential: the citizen does not see it yet.
    investigator = world.users["wmo_consulent"]
    for days_ago in (40, 33):
        records.append(
            _record(
                controller,
                investigator,
                versions["Fraudeonderzoek bijstand"],
                today - timedelta(days=days_ago),
                subject=DEMO_CITIZEN,
                domain="werk-inkomen",
                purpose="Onderzoek naar de rechtmatigheid van de bijstand",
                role="consulent",
            )
        )
    # The partner logs its own processing through the API: Zorggroep De Linde delivers the support.
    linde = world.organisations["zorg-de-linde"]
    for days_ago in (60, 30, 10):
        records.append(
            _record(
                controller,
                None,
                versions["Maatwerkvoorziening Wmo"],
                today - timedelta(days=days_ago),
                subject=DEMO_CITIZEN,
                domain="wmo",
                purpose="Leveren van de toegekende ondersteuning",
                actor_name="Wijkverpleegkundige",
                role="Zorgverlener",
                organisation_id=linde.pk,
                application="Zorggroep De Linde — cliëntdossier",
            )
        )
    return records


def _unusual(world, controller, versions, today) -> list[services.Record]:
    """What the FG's worklist must show: emergency access, refused attempts and a day of far too many reads."""
    jeugd, regisseur, wmo = world.users["jeugd_consulent"], world.users["regisseur"], world.users["wmo_consulent"]
    records = [
        _record(
            controller,
            jeugd,
            versions["Toegang jeugdhulp"],
            today - timedelta(days=3),
            subject=PERSONS[5],
            action="break_glass",
            domain="jeugd",
            purpose="Acute zorg over de veiligheid van een kind",
            role="consulent",
        )
    ]
    records += [
        _record(
            controller,
            wmo,
            versions["Toegang jeugdhulp"],
            today - timedelta(days=5),
            subject=PERSONS[n],
            domain="jeugd",
            purpose="Inzien jeugddossier",
            role="consulent",
            outcome="denied",
            minute=n,
        )
        for n in range(3)
    ]
    records += [
        _record(
            controller,
            regisseur,
            versions["Casusoverleg Zorg- en Veiligheidshuis"],
            today - timedelta(days=2),
            subject=PERSONS[n % len(PERSONS)],
            scope="involvement",
            domain="zorg-veiligheid",
            purpose="Casusregie bij meervoudige problemen",
            role="regisseur",
            minute=n % 500,
        )
        for n in range(120)
    ]
    return records


def build(world, progress) -> None:
    today = timezone.localdate()
    rng = random.Random(2026)  # noqa: S311 - synthetic demo data, not security
    for slug in (VOORBEELD, OOSTDAL, WESTVEEN):
        controller = world.organisations[slug]
        progress(f"logboek {controller.name}")
        versions = _versions(controller)
        for use in Use.values:
            ActivityBinding.objects.create(controller=controller, use=use, activity=versions[LOGBOOK].activity)
        if slug != VOORBEELD:
            continue
        records = sorted(
            _history(world, controller, versions, today, rng) + _unusual(world, controller, versions, today),
            key=lambda r: r.occurred_at,
        )
        for start in range(0, len(records), 500):
            with transaction.atomic():
                services.append(records[start : start + 500])
