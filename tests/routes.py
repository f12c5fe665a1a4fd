"""Every URL pattern of the project, with a way to build a concrete URL for it from the demo world."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from doelbinding.accounts.models import User
from doelbinding.casework.models import Case, Exchange, Person
from doelbinding.governance import demo as governance_demo
from doelbinding.governance.models import Activity as GovernanceActivity
from doelbinding.governance.models import Assignment, FollowUp, GovernanceRole, Workshop
from doelbinding.partners.models import Agreement, Partner
from doelbinding.policy import Role
from doelbinding.register.models import Activity, BrpUsage, ExtensionRequest, TaskDataset
from doelbinding.tenancy import demo
from doelbinding.tenancy.models import ApiClient, Domain, Membership, Organisation


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the full pattern for unnamed patterns
    pattern: str
    name: str | None

    @property
    def is_admin(self) -> bool:
        return self.pattern.startswith("beheer/")

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/v1/")


def all_routes() -> list[Route]:
    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace) if x) or None
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                yield Route(key=name or prefix + str(p.pattern), pattern=prefix + str(p.pattern), name=name)

    return list(walk(get_resolver().url_patterns))


def voorbeeld_objects(world: demo.World) -> dict[str, object]:
    """One object of Gemeente Voorbeeld per model that has pages."""
    voorbeeld = world.organisations[demo.VOORBEELD]
    return {
        "organisation": world.organisations["zorg-de-linde"],
        "membership": Membership.objects.get(user=world.users["fg"], organisation=voorbeeld),
        "apiclient": ApiClient.objects.filter(controller=voorbeeld).first(),
        "domain": Domain.objects.get(code="wmo"),
        "user": world.users["fg"],
        "activity": Activity.objects.get(controller=voorbeeld, number=1),
        "brpusage": BrpUsage.objects.filter(controller=voorbeeld).first(),
        "dataset": TaskDataset.objects.get(controller=voorbeeld, role=Role.CONSULENT, domain="wmo"),
        "extension": ExtensionRequest.objects.filter(controller=voorbeeld).first(),
        "partner": Partner.objects.filter(controller=voorbeeld).first(),
        # A covenant with a document, a draft and information shares: every agreement page applies to it.
        "agreement": Agreement.objects.get(controller=voorbeeld, title="Convenant Zorg en Veiligheid Midden"),
        "governance_role": GovernanceRole.objects.get(controller=voorbeeld, code="fg"),
        "governance_assignment": Assignment.objects.filter(controller=voorbeeld, role__code="fg").first(),
        "governance_activity": GovernanceActivity.objects.get(controller=voorbeeld, name=governance_demo.OWN_ACTIVITY),
        "workshop": Workshop.objects.filter(controller=voorbeeld).first(),
        "follow_up": FollowUp.objects.filter(controller=voorbeeld).first(),
    }


# Pages of one object, found by its uuid: route name → key in `voorbeeld_objects`.
UUID_ROUTES = {
    "register:brp_detail": "brpusage",
    "register:brp_edit": "brpusage",
    "register:dataset_detail": "dataset",
    "register:dataset_edit": "dataset",
    "register:dataset_establish": "dataset",
    "register:extension_create": "dataset",
    "register:extension_detail": "extension",
    "register:extension_advice_question": "extension",
    "register:extension_advice": "extension",
    "register:extension_decision": "extension",
    "register:extension_referral": "extension",
    "register:extension_college_decision": "extension",
    "partners:partner_detail": "partner",
    "partners:partner_edit": "partner",
    "partners:agreement_detail": "agreement",
    "partners:agreement_edit": "agreement",
    "partners:agreement_checklist": "agreement",
    "partners:document_upload": "agreement",
    "partners:obligation_create": "agreement",
    "partners:information_sharing": "agreement",
    "partners:draft_docx": "agreement",
    "partners:draft_pdf": "agreement",
    "governance:role_detail": "governance_role",
    "governance:role_edit": "governance_role",
    "governance:role_assign": "governance_role",
    "governance:assignment_end": "governance_assignment",
    "governance:activity_remove": "governance_activity",
    "governance:follow_up_done": "follow_up",
    **{
        f"governance:{name}": "workshop"
        for name in [
            "workshop_detail",
            "participant_add",
            "participant_remove",
            "roles_choose",
            "proposal",
            "proposal_adopt",
            "workshop_step",
            "workshop_assign",
            "follow_up_add",
            "workshop_finish",
        ]
    },
}
# Pages of one object within an agreement: route name → how to find that object's URL argument.
AGREEMENT_PART_ROUTES = {
    "partners:document_download": ("document", lambda agreement: agreement.documents.first().uuid),
    "partners:information_share_remove": ("share", lambda agreement: agreement.information_shares.first().pk),
}


# Case-work pages: route name → (object, extra URL arguments). The objects are the test case file
# (casework/tests/casefile.py), built once per test database transaction when a case-work route needs them.
CASEWORK_ROUTES = {
    **{
        f"casework:{name}": ("person", {})
        for name in [
            "person_detail",
            "known_elsewhere",
            "break_glass",
            "involvement_create",
            "case_create",
        ]
    },
    "casework:domain_file": ("person", {"domain": "wmo"}),
    "casework:entry_create": ("person", {"domain": "wmo"}),
    **{
        f"casework:{name}": ("case", {})
        for name in [
            "case_detail",
            "triage_create",
            "case_phase",
            "case_reassess",
            "case_regisseur",
            "participant_create",
            "exchange_create",
            "anonymous_summary",
        ]
    },
    "casework:participant_leave": ("case", {"participant": 1}),
    **{
        f"casework:{name}": ("exchange", {})
        for name in ["exchange_detail", "exchange_content", "exchange_decide", "exchange_withdraw", "exchange_cancel"]
    },
}


def casework_objects(world: demo.World) -> dict[str, object]:
    from doelbinding.casework.tests import casefile

    anna = Person.objects.filter(controller=world.organisations[demo.VOORBEELD], bsn=casefile.bsn("anna")).first()
    if anna is None:
        built = casefile.build(world)
        return {"person": built.persons["anna"], "case": built.cases["family"], "exchange": built.exchanges["family"]}
    case = Case.objects.get(persons=anna)
    return {"person": anna, "case": case, "exchange": Exchange.objects.get(case=case)}


ADMIN_MODELS = {
    "organisation": Organisation,
    "membership": Membership,
    "apiclient": ApiClient,
    "domain": Domain,
    "user": User,
}


def url_for(route: Route, world: demo.World) -> str:
    """A concrete URL for the route, pointing at objects of Gemeente Voorbeeld."""
    if route.name and route.name.startswith("casework:"):  # also binds case work to the register
        found = casework_objects(world)
        if route.name in CASEWORK_ROUTES:
            key, extra = CASEWORK_ROUTES[route.name]
            return reverse(route.name, kwargs={"uuid": found[key].uuid, **extra})
    objects = voorbeeld_objects(world)
    if route.name is None:
        if "(?P<url>" in route.pattern:
            return "/beheer/bestaat-niet/"
        model = route.pattern.split("/")[2]
        return f"/beheer/{route.pattern.split('/')[1]}/{model}/{objects[model].pk}/"
    name = route.name
    if name == "core:theme":
        return reverse(name, kwargs={"name": "standaard"})
    if name == "accounts:password_reset_confirm":
        return reverse(name, kwargs={"uidb64": "MQ", "token": "ongeldig-token"})
    if name in {"tenancy:organisation_detail", "api:organisatie-detail"}:
        return reverse(name, kwargs={"uuid": objects["organisation"].uuid})
    if name in {"tenancy:staff_detail", "tenancy:staff_edit"}:
        return reverse(name, kwargs={"uuid": objects["membership"].uuid})
    if name in {
        "register:activity_detail",
        "register:activity_edit",
        "register:activity_establish",
        "api:verwerkingsactiviteit-detail",
    }:
        return reverse(name, kwargs={"uuid": objects["activity"].uuid})
    if name == "register:version_detail":
        return reverse(name, kwargs={"uuid": objects["activity"].uuid, "number": 1})
    if name in UUID_ROUTES:
        return reverse(name, kwargs={"uuid": objects[UUID_ROUTES[name]].uuid})
    if name in AGREEMENT_PART_ROUTES:
        argument, part = AGREEMENT_PART_ROUTES[name]
        agreement = objects["agreement"]
        return reverse(name, kwargs={"uuid": agreement.uuid, argument: part(agreement)})
    if name == "openbaar_afspraken:agreement_document":
        return reverse(name, kwargs={"slug": demo.VOORBEELD, "uuid": objects["agreement"].uuid})
    if name == "openbaar_logboek:digid_callback":  # one callback for every municipality, as the broker knows it
        return reverse(name)
    if name.startswith("openbaar"):
        kwargs = {"slug": demo.VOORBEELD, **({"number": 1} if name == "openbaar:activity" else {})}
        return reverse(name, kwargs=kwargs)
    if name == "admin:app_list":
        return reverse(name, kwargs={"app_label": "tenancy"})
    if name == "admin:view_on_site":
        return "/beheer/r/1/1/"
    if name == "admin:auth_user_password_change":
        return reverse(name, kwargs={"id": objects["user"].pk})
    if name.startswith("admin:") and name.count("_") >= 2:
        model = next((m for m in ADMIN_MODELS if f"_{m}_" in name), None)
        if model is not None:
            obj = objects[model]
            if name.endswith("_simple_history"):
                return reverse(name, args=[obj.pk, obj.history.latest().history_id])
            if name.endswith(("_history", "_delete", "_change")):
                return reverse(name, kwargs={"object_id": obj.pk})
    return reverse(name)


def object_of_route(route: Route) -> str | None:
    """Which model's object the route shows, if it shows one."""
    if route.name in {"tenancy:organisation_detail", "api:organisatie-detail"}:
        return "organisation"
    if route.name in {"tenancy:staff_detail", "tenancy:staff_edit"}:
        return "membership"
    if route.name in {
        "register:activity_detail",
        "register:activity_edit",
        "register:activity_establish",
        "register:version_detail",
        "api:verwerkingsactiviteit-detail",
    }:
        return "activity"
    if route.name in UUID_ROUTES:
        return UUID_ROUTES[route.name]
    if route.name in CASEWORK_ROUTES:
        return CASEWORK_ROUTES[route.name][0]
    if route.name in AGREEMENT_PART_ROUTES:
        return "agreement"
    if route.is_admin and (
        "object_id" in route.pattern or "history/([^/]+)" in route.pattern or "<id>" in route.pattern
    ):
        return next((m for m in ADMIN_MODELS if f"/{m}/" in route.pattern), None)
    return None
