"""Whom each professional works for (their caseload), for the FG's signal of access outside it (issue 5).

A person is on a user's caseload when the user is the contact of one of the person's involvements, the regisseur
of a case the person is in, or takes part in such a case, at any time since `since`.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from doelbinding.casework.models import Case, CaseParticipant, Involvement, Person


def caseloads(
    controller, users: set[int | None], subjects: set[str], *, since: date
) -> tuple[set[str], dict[int | None, set[str]]]:
    """(which of `subjects` case work holds for the controller, the BSNs on each of `users`' caseloads since
    `since`)."""
    known = set(Person.objects.filter(controller=controller, bsn__in=subjects).values_list("bsn", flat=True))
    held: dict[int | None, set[str]] = {user: set() for user in users}
    involvements = Involvement.objects.filter(controller=controller, contact_id__in=users).filter(
        Q(until__isnull=True) | Q(until__gte=since)
    )
    for user, bsn in involvements.values_list("contact_id", "person__bsn"):
        held[user].add(bsn)
    open_since = Q(closed_on__isnull=True) | Q(closed_on__gte=since)
    directed = Case.objects.filter(open_since, controller=controller, regisseur_id__in=users)
    for user, bsn in directed.values_list("regisseur_id", "persons__bsn"):
        if bsn:
            held[user].add(bsn)
    taking_part = CaseParticipant.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=since),
        Q(case__closed_on__isnull=True) | Q(case__closed_on__gte=since),
        case__controller=controller,
        user_id__in=users,
    )
    for user, bsn in taking_part.values_list("user_id", "case__persons__bsn"):
        if bsn:
            held[user].add(bsn)
    return known, held
