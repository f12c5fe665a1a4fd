"""The partner API of the logboek: `/api/v1/verwerkingsacties/`, after the VNG Verwerkingenlogging API.

A partner system writes what its employees did with the personal data of the municipality's residents (POST,
scope `verwerkingsacties.schrijven`) and reads back what was processed about a person, under an activity or in a
trace (GET, scope `verwerkingsacties.lezen`). Field names are Dutch; docs/processinglog-api.md maps the codes.
Bad input writes nothing. Reading the log is itself processing of personal data: every read is logged as a
`search` under the activity of the entries it returned (see the docs).
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, routers, serializers, status
from rest_framework.decorators import action
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import BaseParser
from rest_framework.response import Response
from rest_framework.utils import json

from doelbinding.api.viewsets import ControllerScopedViewSet
from doelbinding.core.bsn import is_bsn
from doelbinding.policy import ApiScope
from doelbinding.processinglog import selectors, services
from doelbinding.processinglog.gate import trace_of
from doelbinding.processinglog.models import Action, Outcome, ProcessingAction, Scope
from doelbinding.register import selectors as register_selectors
from doelbinding.register.models import Status
from doelbinding.tenancy.models import Domain

MAX_SUBJECTS = 1000
MAX_BODY_BYTES = 256 * 1024
CLOCK_SKEW = timedelta(minutes=5)
READ_PURPOSE = "Verantwoording: verwerkingsacties uit het logboek opgevraagd via de API"

# Our codes → the codes of the API (Dutch, as the rest of the API).
ACTIONS = {
    Action.READ: "inzien",
    Action.SEARCH: "zoeken",
    Action.CREATE: "vastleggen",
    Action.UPDATE: "wijzigen",
    Action.DELETE: "verwijderen",
    Action.EXPORT: "exporteren",
    Action.PRINT: "afdrukken",
    Action.SHARE: "delen",
    Action.BREAK_GLASS: "noodtoegang",
}
SCOPES = {Scope.INVOLVEMENT: "dat", Scope.CONTENT: "wat", Scope.AGGREGATE: "gecumuleerd"}
OUTCOMES = {Outcome.ALLOWED: "toegestaan", Outcome.DENIED: "geweigerd"}

ACTIVITY_URI = re.compile(r"urn:doelbinding:(?P<slug>[-a-z0-9]+):verwerking:VA-(?P<number>\d{4,}):v(?P<version>\d+)")
TRACEPARENT = re.compile(r"00-(?P<trace>[0-9a-f]{32})-(?P<span>[0-9a-f]{16})-[0-9a-f]{2}", re.IGNORECASE)
TRACE_ID = re.compile(r"\A[0-9a-f]{32}\Z", re.IGNORECASE)
HEADER_LIMITS = {"x-verwerking": 200, "x-doelbinding": 300}  # the declared_processing / declared_purpose columns

UNKNOWN_ACTIVITY = _("Onbekende verwerkingsactiviteit.")


def _validate_bsn(value: str) -> None:
    if not is_bsn(value):
        raise serializers.ValidationError(
            _("Dit is geen geldig BSN: het moet uit 9 cijfers bestaan en de elfproef halen.")
        )


def activity_version(controller, uri: str):
    """The established (or since lapsed) version the URI names, of this controller only; None when unknown."""
    match = ACTIVITY_URI.fullmatch(uri)
    if match is None or match["slug"] != controller.slug:
        return None
    version = (
        register_selectors.versions_for(controller)
        .prefetch_related(None)
        .filter(activity__number=int(match["number"]), version=int(match["version"]))
        .exclude(status=Status.CONCEPT)
        .first()
    )
    return version if version is not None and version.uri == uri else None


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = format_lazy(
        _("Het verzoek is te groot: ten hoogste {kb} kB per verzoek."), kb=MAX_BODY_BYTES // 1024
    )
    default_code = "te_groot"


class LogNotWritten(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = _("Het logboek kan nu niet worden geschreven; er is niets vastgelegd. Probeer het later opnieuw.")
    default_code = "logboek_niet_beschikbaar"


class BoundedJSONParser(BaseParser):
    """JSON, read up to MAX_BODY_BYTES: a larger body is refused before it is parsed."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        body = stream.read(MAX_BODY_BYTES + 1)
        if len(body) > MAX_BODY_BYTES:
            raise PayloadTooLarge
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise exceptions.ParseError(_("Het verzoek is geen geldige JSON (UTF-8).")) from error


def context_of(request) -> dict:
    """The call's W3C trace context and declared processing and purpose, for the entries; refuses bad headers."""
    errors = {}
    for name, limit in HEADER_LIMITS.items():
        if len(request.headers.get(name, "")) > limit:
            errors[name] = [_("Ten hoogste %(limit)d tekens.") % {"limit": limit}]
    traceparent = request.headers.get("traceparent", "").strip()
    if traceparent and not _valid_traceparent(traceparent):
        errors["traceparent"] = [_("Ongeldige traceparent: verwacht 00-<32 hex>-<16 hex>-<2 hex> (W3C Trace Context).")]
    if errors:
        raise serializers.ValidationError(errors)
    return {
        **trace_of(request),
        "declared_processing": request.headers.get("x-verwerking", "").strip(),
        "declared_purpose": request.headers.get("x-doelbinding", "").strip(),
    }


def _valid_traceparent(value: str) -> bool:
    match = TRACEPARENT.fullmatch(value)
    return match is not None and set(match["trace"]) != {"0"} and set(match["span"]) != {"0"}


# Serializer docstrings are the descriptions of the OpenAPI document, so those of the API's shapes are in Dutch.
class StrictSerializer(serializers.Serializer):
    # Refuses fields it does not know, so a misspelt field cannot silently drop from the log.

    allowed_extra: frozenset[str] = frozenset()

    def to_internal_value(self, data):
        unexpected = {}
        if hasattr(data, "keys"):
            read_only = {name for name, field in self.fields.items() if field.read_only}
            for name in sorted(set(data.keys()) - set(self.fields) - self.allowed_extra):
                unexpected[name] = [_("Onbekend veld.")]
            for name in sorted(set(data.keys()) & read_only):
                unexpected[name] = [_("Dit veld bepaalt het logboek zelf; stuur het niet mee.")]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if not unexpected or not isinstance(error.detail, dict):
                raise
            raise serializers.ValidationError({**error.detail, **unexpected}) from error
        if unexpected:
            raise serializers.ValidationError(unexpected)
        return value


class CodeField(serializers.ChoiceField):
    """Our code in the database, the API's Dutch code on the wire."""

    def __init__(self, codes: dict, **kwargs):
        self.codes = {str(ours): theirs for ours, theirs in codes.items()}
        self.ours = {theirs: ours for ours, theirs in self.codes.items()}
        super().__init__(choices=[(theirs, ours.label) for ours, theirs in codes.items()], **kwargs)

    def to_internal_value(self, data):
        return self.ours[super().to_internal_value(data)]

    def to_representation(self, value):
        return self.codes.get(value, value)


class AwareDateTimeField(serializers.DateTimeField):
    default_error_messages = {"naive": _("Geef het tijdstip met een tijdzone, bijvoorbeeld 2025-03-01T09:30:00+01:00.")}

    def enforce_timezone(self, value):
        if timezone.is_naive(value):
            self.fail("naive")
        return super().enforce_timezone(value)


class BetrokkeneSerializer(StrictSerializer):
    """De persoon van wie gegevens zijn verwerkt."""

    soort = serializers.ChoiceField(
        source="subject_type", choices=["bsn"], default="bsn", help_text="Soort kenmerk; nu alleen `bsn`."
    )
    kenmerk = serializers.CharField(
        source="subject_id", validators=[_validate_bsn], help_text="Het BSN (9 cijfers, elfproef)."
    )


class UitvoerderSerializer(StrictSerializer):
    """Wie de verwerking uitvoerde: de organisatie (van de sleutel) en de medewerker."""

    organisatie = serializers.CharField(
        source="actor_organisation.name", read_only=True, help_text="De organisatie die de verwerking uitvoerde."
    )
    naam = serializers.CharField(
        source="actor_name",
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Naam van de medewerker; bij lezen alleen gevuld voor acties van uw eigen organisatie.",
    )
    rol = serializers.CharField(
        source="actor_role", max_length=40, required=False, allow_blank=True, help_text="Functie of rol."
    )

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.actor_organisation_id != self.context["request"].auth.organisation_id:
            data["naam"] = ""  # other organisations' staff are named to the municipality, not to each partner
        return data


class VerwerkingsactieSerializer(StrictSerializer):
    """Eén verwerking van de gegevens van één betrokkene. Bij vastleggen: één item per persoon in `betrokkenen`."""

    id = serializers.IntegerField(read_only=True)
    keten = serializers.IntegerField(source="stripe", read_only=True, help_text="De keten (stripe) van het item.")
    volgnummer = serializers.IntegerField(source="sequence", read_only=True, help_text="Volgnummer in de keten.")
    hash = serializers.CharField(source="entry_hash", read_only=True, help_text="SHA-256 over voorganger en item.")
    tijdstip = AwareDateTimeField(source="occurred_at", help_text="Wanneer de verwerking plaatsvond (met tijdzone).")
    tijdstipRegistratie = serializers.DateTimeField(source="recorded_at", read_only=True)
    handeling = CodeField(ACTIONS, source="action", help_text="Wat er met de gegevens gebeurde.")
    betrokkenen = BetrokkeneSerializer(
        many=True,
        write_only=True,
        min_length=1,
        max_length=MAX_SUBJECTS,
        error_messages={
            "min_length": _("Geef ten minste één betrokkene."),
            "max_length": format_lazy(_("Ten hoogste {n} betrokkenen per verzoek."), n=MAX_SUBJECTS),
        },
        help_text=f"De personen van wie gegevens zijn verwerkt; één item per persoon, ten hoogste {MAX_SUBJECTS}.",
    )
    betrokkene = BetrokkeneSerializer(source="*", read_only=True)
    reikwijdte = CodeField(
        SCOPES, source="scope", help_text="dat: betrokkenheid; wat: inhoud; gecumuleerd: geaggregeerde gegevens."
    )
    domein = serializers.CharField(
        source="domain",
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="Leeg: het domein van de activiteit.",
    )
    verwerkingsactiviteit = serializers.CharField(
        source="activity_uri",
        max_length=200,
        required=False,
        help_text="URI van de vastgestelde versie, bv. urn:doelbinding:<gemeente>:verwerking:VA-0001:v2; "
        "mag ook in de header x-verwerking.",
    )
    doel = serializers.CharField(source="purpose", max_length=300, help_text="Waarvoor de gegevens zijn verwerkt.")
    casus = serializers.CharField(
        source="case_reference", max_length=64, required=False, allow_blank=True, help_text="Kenmerk van de zaak."
    )
    uitvoerder = UitvoerderSerializer(source="*", required=False)
    systeem = serializers.CharField(source="application", read_only=True, help_text="De koppeling die schreef.")
    uitkomst = CodeField(OUTCOMES, source="outcome", read_only=True)
    vertrouwelijkheid = serializers.SerializerMethodField(help_text="Afgeleid van de verwerkingsactiviteit.")
    traceId = serializers.CharField(source="trace_id", read_only=True, help_text="Uit de header traceparent.")
    spanId = serializers.CharField(source="span_id", read_only=True, help_text="Uit de header traceparent.")
    opgegevenVerwerking = serializers.CharField(source="declared_processing", read_only=True)
    opgegevenDoel = serializers.CharField(source="declared_purpose", read_only=True)

    @extend_schema_field(serializers.ChoiceField(choices=["normaal", "vertrouwelijk", "opgeheven"]))
    def get_vertrouwelijkheid(self, entry) -> str:
        if not entry.confidential:
            return "normaal"
        if entry.confidential_until is not None and entry.confidential_until < timezone.localdate():
            return "opgeheven"
        return "vertrouwelijk"

    def validate_tijdstip(self, value):
        now = timezone.now()
        if value > now + CLOCK_SKEW:
            raise serializers.ValidationError(_("Het tijdstip ligt in de toekomst."))
        days = settings.PROCESSINGLOG_RETENTION_DAYS
        if value < now - timedelta(days=days):
            raise serializers.ValidationError(
                _("Het tijdstip ligt verder terug dan de bewaartermijn (%(days)d dagen).") % {"days": days}
            )
        return value

    def validate(self, attrs):
        request = self.context["request"]
        given = attrs.get("activity_uri", "").strip()
        header = request.headers.get("x-verwerking", "").strip()
        named = header if header.startswith("urn:doelbinding:") else ""
        if given and named and given != named:
            raise serializers.ValidationError(
                {"verwerkingsactiviteit": [_("Wijkt af van de verwerkingsactiviteit in de header x-verwerking.")]}
            )
        if not given and not named:
            raise serializers.ValidationError(
                {"verwerkingsactiviteit": [_("Verplicht: in het verzoek of in de header x-verwerking.")]}
            )
        version = activity_version(request.acting.controller, given or named)
        if version is None:
            raise serializers.ValidationError({"verwerkingsactiviteit": [UNKNOWN_ACTIVITY]})
        attrs["activity"] = version
        attrs["domain"] = attrs.get("domain") or version.domain
        if attrs["domain"] and attrs["domain"] not in Domain.names():
            raise serializers.ValidationError({"domein": [_("Onbekend domein.")]})
        return attrs


class FilterSerializer(StrictSerializer):
    """The query of a read: at least one filter, and nothing it does not know."""

    allowed_extra = frozenset({"limit", "offset"})

    betrokkene = serializers.CharField(required=False, validators=[_validate_bsn])
    verwerkingsactiviteit = serializers.CharField(required=False, max_length=200)
    traceId = serializers.RegexField(TRACE_ID, required=False, error_messages={"invalid": _("Verwacht 32 hex-tekens.")})

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(
                _("Geef ten minste één filter: betrokkene, verwerkingsactiviteit of traceId.")
            )
        if "verwerkingsactiviteit" in attrs:
            version = activity_version(self.context["request"].acting.controller, attrs["verwerkingsactiviteit"])
            if version is None:
                raise serializers.ValidationError({"verwerkingsactiviteit": [UNKNOWN_ACTIVITY]})
            attrs["activity"] = version
        return attrs


class LogPagination(LimitOffsetPagination):
    max_limit = MAX_SUBJECTS  # every returned entry is logged as read: bounded per call, like a write
    limit_query_description = f"Hoeveel verwerkingsacties per pagina (standaard 100, ten hoogste {MAX_SUBJECTS})."
    offset_query_description = "Vanaf welke verwerkingsactie (0 is de nieuwste)."


class LogSchema(AutoSchema):
    """A POST that answers with a list is not paginated, except the search (a read by POST)."""

    def _get_paginator(self):
        paged = self.method == "GET" or getattr(self.view, "action", None) == "zoeken"
        return super()._get_paginator() if paged else None


HEADERS = [
    OpenApiParameter(
        "traceparent",
        str,
        OpenApiParameter.HEADER,
        description="W3C Trace Context: 00-<trace-id, 32 hex>-<span-id, 16 hex>-<vlaggen, 2 hex>. "
        "Wordt vastgelegd als traceId en spanId.",
    ),
    OpenApiParameter(
        "x-verwerking",
        str,
        OpenApiParameter.HEADER,
        description="Uw verwerking (ten hoogste 200 tekens), vastgelegd als opgegevenVerwerking. Is het de URI van "
        "een verwerkingsactiviteit van de gemeente, dan geldt die als verwerkingsactiviteit.",
    ),
    OpenApiParameter(
        "x-doelbinding",
        str,
        OpenApiParameter.HEADER,
        description="Uw opgegeven doel (ten hoogste 300 tekens), vastgelegd als opgegevenDoel.",
    ),
]
BSN_NOT_IN_URL = _(
    "Een BSN hoort niet in een webadres: zoek op betrokkene met POST /api/v1/verwerkingsacties/zoeken/ en de "
    "filters in de body."
)
FILTERS = [
    OpenApiParameter("verwerkingsactiviteit", str, description="URI van een versie van een verwerkingsactiviteit."),
    OpenApiParameter("traceId", str, description="Trace-id (32 hex) uit traceparent."),
]
REFUSED = OpenApiResponse(description="Ongeldig verzoek; de fouten staan per veld of header. Er is niets vastgelegd.")
NO_KEY = OpenApiResponse(description="Geen geldige sleutel.")
NO_SCOPE = OpenApiResponse(description="De sleutel heeft de scope voor deze handeling niet.")
UNAVAILABLE = OpenApiResponse(description="Het logboek kan nu niet worden geschreven; er is niets vastgelegd.")
READ_RESPONSES = {
    200: VerwerkingsactieSerializer(many=True),
    400: REFUSED,
    401: NO_KEY,
    403: NO_SCOPE,
    503: UNAVAILABLE,
}


@extend_schema_view(
    list=extend_schema(
        summary="Verwerkingsacties opvragen per verwerkingsactiviteit of trace",
        description="Ten minste één filter is verplicht. Op betrokkene zoekt u met POST .../zoeken/: een BSN hoort "
        "niet in een webadres. Het opvragen wordt zelf als verwerking (zoeken) vastgelegd.",
        tags=["logboek"],
        parameters=[*FILTERS, *HEADERS],
        responses=READ_RESPONSES,
    ),
    zoeken=extend_schema(
        operation_id="verwerkingsacties_zoeken",
        summary="Verwerkingsacties zoeken per betrokkene, verwerkingsactiviteit of trace",
        description="De filters staan in de body, zodat een BSN nooit in een webadres staat; limit en offset in de "
        "query. Ten minste één filter is verplicht. Het zoeken wordt zelf als verwerking vastgelegd.",
        tags=["logboek"],
        parameters=HEADERS,
        request=FilterSerializer,
        responses=READ_RESPONSES,
    ),
    create=extend_schema(
        summary="Verwerkingsacties vastleggen (één per betrokkene)",
        description="Alles of niets: bij een fout wordt niets vastgelegd. Antwoordt met de vastgelegde items.",
        tags=["logboek"],
        parameters=HEADERS,
        request=VerwerkingsactieSerializer,
        responses={
            201: VerwerkingsactieSerializer(many=True),
            400: REFUSED,
            401: NO_KEY,
            403: NO_SCOPE,
            413: OpenApiResponse(description=f"Het verzoek is groter dan {MAX_BODY_BYTES // 1024} kB."),
            503: UNAVAILABLE,
        },
    ),
)
class VerwerkingsactieViewSet(ControllerScopedViewSet):
    serializer_class = VerwerkingsactieSerializer
    queryset_model = ProcessingAction
    parser_classes = [BoundedJSONParser]
    pagination_class = LogPagination
    schema = LogSchema()
    required_scopes = {
        "list": ApiScope.READ_PROCESSING_LOG,
        "zoeken": ApiScope.READ_PROCESSING_LOG,
        "create": ApiScope.WRITE_PROCESSING_LOG,
    }

    def scoped_queryset(self, controller):
        return selectors.visible_entries(controller, self.request.auth.organisation, today=timezone.localdate())

    def create(self, request):
        context = context_of(request)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        client, version = request.auth, data["activity"]
        common = {
            "controller_id": request.acting.controller.pk,
            "occurred_at": data["occurred_at"],
            "actor_organisation_id": client.organisation_id,
            "actor_system_id": client.pk,
            "actor_name": data.get("actor_name", ""),
            "actor_role": data.get("actor_role", ""),
            "application": client.name[:100],
            "action": data["action"],
            "scope": data["scope"],
            "domain": data["domain"],
            "activity_id": version.pk,
            "activity_uri": version.uri,
            "purpose": data["purpose"],
            "case_reference": data.get("case_reference", ""),
            "outcome": Outcome.ALLOWED,
            "confidential": version.confidential,
            "confidential_until": version.confidential_until,
            "client_address": request.META.get("REMOTE_ADDR", "")[:45],
            **context,
        }
        subjects = dict.fromkeys((s["subject_type"], s["subject_id"]) for s in data["betrokkenen"])
        records = [services.Record(**common, subject_type=kind, subject_id=id_) for kind, id_ in subjects]
        try:
            with transaction.atomic(durable=True):
                entries = services.append(records)
        except DatabaseError as error:
            raise LogNotWritten from error
        for entry in entries:
            entry.actor_organisation = client.organisation
        return Response(self.get_serializer(entries, many=True).data, status=status.HTTP_201_CREATED)

    def list(self, request):
        if "betrokkene" in request.query_params:  # refused without repeating it
            raise serializers.ValidationError({"betrokkene": [BSN_NOT_IN_URL]})
        return self._read(request, request.query_params)

    @action(detail=False, methods=["post"])
    def zoeken(self, request):
        """The read with its filters in the body: the way to ask by BSN."""
        return self._read(request, request.data)

    def _read(self, request, asked):
        context = context_of(request)
        filters = FilterSerializer(data=asked, context=self.get_serializer_context())
        filters.is_valid(raise_exception=True)
        query = filters.validated_data
        entries = self.get_queryset()
        if "betrokkene" in query:
            entries = entries.filter(subject_type="bsn", subject_id=query["betrokkene"])
        if "activity" in query:
            entries = entries.filter(activity_id=query["activity"].pk)
        if "traceId" in query:
            entries = entries.filter(trace_id=query["traceId"].lower())
        try:
            with transaction.atomic(durable=True):
                page = self.paginate_queryset(entries)
                services.append(self._reads(page, context))
        except DatabaseError as error:
            raise LogNotWritten from error
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _reads(self, page, context: dict) -> list[services.Record]:
        """One `search` entry per person and activity version on the page, under that activity."""
        client, now = self.request.auth, timezone.now()
        seen: dict[tuple, ProcessingAction] = {}
        for entry in page:
            seen.setdefault((entry.subject_type, entry.subject_id, entry.activity_id), entry)
        return [
            services.Record(
                controller_id=entry.controller_id,
                occurred_at=now,
                actor_organisation_id=client.organisation_id,
                actor_system_id=client.pk,
                application=client.name[:100],
                action=Action.SEARCH,
                subject_type=entry.subject_type,
                subject_id=entry.subject_id,
                scope=Scope.INVOLVEMENT,
                domain=entry.domain,
                activity_id=entry.activity_id,
                activity_uri=entry.activity_uri,
                purpose=READ_PURPOSE,
                outcome=Outcome.ALLOWED,
                confidential=entry.confidential,
                confidential_until=entry.confidential_until,
                client_address=self.request.META.get("REMOTE_ADDR", "")[:45],
                **context,
            )
            for entry in seen.values()
        ]


router = routers.SimpleRouter(trailing_slash=True)
router.register("verwerkingsacties", VerwerkingsactieViewSet, basename="verwerkingsactie")
