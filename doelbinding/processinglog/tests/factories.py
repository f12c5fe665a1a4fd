"""Processing-log records for tests, against the demo world."""

from django.utils import timezone

from doelbinding.processinglog.services import Record
from doelbinding.register.models import ActivityVersion, Status


def record(controller, *, subject: str = "123456782", **changes) -> Record:
    version = ActivityVersion.objects.filter(activity__controller=controller, status=Status.ESTABLISHED).first()
    fields = {
        "controller_id": controller.pk,
        "occurred_at": timezone.now(),
        "actor_organisation_id": controller.pk,
        "action": "read",
        "subject_id": subject,
        "scope": "content",
        "domain": "wmo",
        "activity_id": version.pk,
        "activity_uri": version.uri,
        "purpose": "Beoordelen van de aanvraag",
        "outcome": "allowed",
        "actor_name": "Test",
        "actor_role": "consulent",
    }
    fields.update(changes)
    return Record(**fields)
