"""The authorization matrix: every URL pattern and API route × every persona → the expected status.

A route without an expectation fails `test_every_route_has_an_expectation`, so a new page cannot forget it.
Object pages point at records of Gemeente Voorbeeld; `buitenstaander` works for Oostdal and Westveen and must
get 404 on each of them, exactly as for a record that does not exist.
"""

import pytest

from conftest import ANONYMOUS
from tests.routes import Route, all_routes, object_of_route, url_for

PERSONAS = [
    "fg",
    "regisseur",
    "wmo_consulent",
    "jeugd_consulent",
    "teamleider",
    "manager",
    "klachtencoordinator",
    "ciso",
    "beheerder",
    "buitenstaander",
]
EVERYONE = [*PERSONAS, ANONYMOUS]
LOGIN = 302  # anonymous staff pages redirect to the login page


def outcome(default: int, anonymous: int = LOGIN, **per_persona: int) -> dict[str, int]:
    result = dict.fromkeys(PERSONAS, default)
    result[ANONYMOUS] = anonymous
    result.update(per_persona)
    return result


def only(allowed: set[str], *, ok: int = 200, other_controller: int = 403) -> dict[str, int]:
    """200 for the allowed personas, 403 for the other staff, `other_controller` for buitenstaander."""
    result = {p: (ok if p in allowed else 403) for p in PERSONAS}
    result["buitenstaander"] = other_controller if "buitenstaander" not in allowed else ok
    result[ANONYMOUS] = LOGIN
    return result


PUBLIC = outcome(200, anonymous=200)
ALL_STAFF = outcome(200)
SUPERVISORS_AND_MANAGERS = {"fg", "ciso", "teamleider", "manager", "beheerder"}
API_NEEDS_KEY = outcome(401, anonymous=401)


def admin(beheerder: int = 200) -> dict[str, int]:
    """Technical management: application managers only; it does not exist (404) for everyone else."""
    return outcome(404, beheerder=beheerder)


CASEWORKERS = {"regisseur", "wmo_consulent", "jeugd_consulent"}
# Case work: buitenstaander is a Wmo consulent of Oostdal, so a page without a Voorbeeld record answers them too.
CASEWORK = {
    "casework:home": only(CASEWORKERS | {"buitenstaander"}),
    "casework:aggregates": ALL_STAFF,
    "casework:person_search": only(CASEWORKERS | {"buitenstaander"}),
    "casework:person_create": only(CASEWORKERS | {"buitenstaander"}),
    "casework:person_detail": only(CASEWORKERS, other_controller=404),
    "casework:known_elsewhere": only(CASEWORKERS, other_controller=404),  # the form; the look needs a purpose
    "casework:break_glass": only(CASEWORKERS, other_controller=404),  # the form; the look is a POST with a reason
    "casework:involvement_create": only(CASEWORKERS, other_controller=404),
    "casework:domain_file": only({"wmo_consulent"}, other_controller=404),  # the Wmo file: Wmo only
    "casework:entry_create": only({"wmo_consulent"}, other_controller=404),
    "casework:case_create": only({"regisseur"}, other_controller=404),
    "casework:case_detail": only(CASEWORKERS, other_controller=404),  # the regisseur and both participants
    "casework:triage_create": only({"regisseur"}, other_controller=404),
    "casework:case_phase": outcome(405, buitenstaander=404),  # POST only
    "casework:participant_leave": outcome(405, buitenstaander=404),  # POST only
    "casework:case_reassess": outcome(405, buitenstaander=404),
    "casework:case_regisseur": outcome(405, buitenstaander=404),
    "casework:participant_create": only({"regisseur"}, other_controller=404),
    "casework:exchange_create": only(CASEWORKERS, other_controller=404),
    "casework:anonymous_summary": only(CASEWORKERS, other_controller=404),  # the form; the summary is a POST
    "casework:exchange_detail": only(CASEWORKERS, other_controller=404),
    "casework:exchange_content": only(CASEWORKERS, other_controller=404),  # provider Jeugd, recipients in the case
    "casework:exchange_decide": outcome(405, buitenstaander=404),
    "casework:exchange_withdraw": outcome(405, buitenstaander=404),
    "casework:exchange_cancel": outcome(405, buitenstaander=404),
}

GOVERNANCE_EDITORS = {"fg", "manager"}
WORKSHOP_PARTICIPANTS = {"fg", "manager", "ciso", "teamleider"}  # of Voorbeeld's demo workshop
GOVERNANCE = {
    "governance:home": ALL_STAFF,
    "governance:setup": only(GOVERNANCE_EDITORS, ok=405),  # POST only
    "governance:role_list": ALL_STAFF,
    "governance:role_create": only(GOVERNANCE_EDITORS),
    "governance:role_detail": outcome(200, buitenstaander=404),
    "governance:role_edit": only(GOVERNANCE_EDITORS, other_controller=404),
    "governance:role_assign": only(GOVERNANCE_EDITORS, ok=405, other_controller=404),
    "governance:assignment_end": only(GOVERNANCE_EDITORS, ok=405, other_controller=404),
    "governance:matrix": ALL_STAFF,
    "governance:activity_create": only(GOVERNANCE_EDITORS, ok=405),
    "governance:activity_remove": only(GOVERNANCE_EDITORS, ok=405, other_controller=404),
    "governance:matrix_xlsx": ALL_STAFF,
    "governance:matrix_pdf": ALL_STAFF,
    "governance:matrix_import": only(GOVERNANCE_EDITORS),
    "governance:chart": ALL_STAFF,
    "governance:chart_svg": ALL_STAFF,
    "governance:chart_pdf": ALL_STAFF,
    "governance:step_plans": ALL_STAFF,
    "governance:workshop_list": ALL_STAFF,
    "governance:workshop_create": only(GOVERNANCE_EDITORS),
    "governance:workshop_detail": outcome(200, buitenstaander=404),
    "governance:proposal": only(WORKSHOP_PARTICIPANTS, other_controller=404),  # participants only
    **{
        f"governance:{name}": outcome(405, buitenstaander=404)  # POST only; the editor check follows
        for name in [
            "participant_add",
            "participant_remove",
            "roles_choose",
            "proposal_adopt",
            "workshop_step",
            "workshop_assign",
            "follow_up_add",
            "workshop_finish",
        ]
    },
    "governance:follow_up_done": only(GOVERNANCE_EDITORS, ok=405, other_controller=404),
}

EXPECTATIONS: dict[str, dict[str, int]] = {
    "core:home": ALL_STAFF,
    "core:policy": ALL_STAFF,
    "core:theme": PUBLIC,
    "core:health": PUBLIC,
    "two_factor:login": PUBLIC,
    "two_factor:profile": ALL_STAFF,
    "two_factor:setup": outcome(302),  # already set up: on to the completion page
    "two_factor:qr": outcome(404),  # only during set-up
    "two_factor:setup_complete": ALL_STAFF,
    "two_factor:backup_tokens": ALL_STAFF,
    "accounts:logout": outcome(405),  # POST only
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:password_change": ALL_STAFF,
    "tenancy:choose_controller": ALL_STAFF,
    "tenancy:organisation_list": ALL_STAFF,
    "tenancy:organisation_detail": outcome(200, buitenstaander=404),
    "tenancy:staff_list": only(SUPERVISORS_AND_MANAGERS),
    "tenancy:staff_detail": only(SUPERVISORS_AND_MANAGERS, other_controller=404),
    "tenancy:staff_edit": only({"beheerder"}, other_controller=404),
    "register:activity_list": ALL_STAFF,
    "register:worklist": ALL_STAFF,
    "register:activity_create": only({"fg"}),
    "register:activity_detail": outcome(200, buitenstaander=404),
    "register:version_detail": outcome(200, buitenstaander=404),
    "register:activity_edit": only({"fg"}, other_controller=404),
    "register:activity_establish": only({"manager"}, ok=405, other_controller=404),  # POST only
    "register:export_xlsx": ALL_STAFF,
    "register:export_csv": ALL_STAFF,
    "register:export_pdf": ALL_STAFF,
    "register:import_upload": only({"fg"}),
    "register:import_check": only({"fg"}, ok=302),  # nothing uploaded yet: back to the upload step
    "register:import_confirm": only({"fg"}, ok=405),  # POST only
    "register:import_cancel": only({"fg"}, ok=405),  # POST only
    "register:brp_list": ALL_STAFF,
    "register:brp_create": only({"fg"}),
    "register:brp_detail": outcome(200, buitenstaander=404),
    "register:brp_edit": only({"fg"}, other_controller=404),
    "register:dataset_list": ALL_STAFF,
    "register:dataset_create": only({"manager"}),
    "register:dataset_detail": outcome(200, buitenstaander=404),
    "register:dataset_edit": only({"manager"}, other_controller=404),
    "register:dataset_establish": only({"manager"}, ok=405, other_controller=404),
    "register:extension_create": only({"manager"}, other_controller=404),
    "register:extension_detail": outcome(200, buitenstaander=404),
    "register:extension_advice_question": only({"manager"}, ok=405, other_controller=404),
    "register:extension_advice": only({"fg"}, ok=405, other_controller=404),
    # The directie and the college decide; none of the personas holds those roles.
    "register:extension_decision": only(set(), other_controller=404),
    "register:extension_referral": only(set(), other_controller=404),
    "register:extension_college_decision": only(set(), other_controller=404),
    "partners:partner_list": ALL_STAFF,
    "partners:partner_create": only({"fg"}),
    "partners:partner_detail": outcome(200, buitenstaander=404),
    "partners:partner_edit": only({"fg"}, other_controller=404),
    "partners:agreement_list": ALL_STAFF,
    "partners:agreement_create": only({"fg"}),
    "partners:agreement_detail": outcome(200, buitenstaander=404),
    "partners:agreement_edit": only({"fg"}, other_controller=404),
    "partners:agreement_checklist": only({"fg"}, other_controller=404),
    "partners:worklist": ALL_STAFF,
    "partners:stakeholder_map": ALL_STAFF,
    "partners:stakeholder_map_svg": ALL_STAFF,
    "partners:document_upload": only({"fg"}, other_controller=404),
    "partners:document_download": outcome(200, buitenstaander=404),
    "partners:obligation_create": only({"fg", "ciso"}, other_controller=404),
    "partners:information_sharing": outcome(200, buitenstaander=404),
    "partners:information_share_remove": only({"fg"}, ok=405, other_controller=404),  # POST only
    "partners:draft_docx": outcome(200, buitenstaander=404),
    "partners:draft_pdf": outcome(200, buitenstaander=404),
    "processinglog:search": only({"fg", "ciso"}),
    "processinglog:unusual": only({"fg", "ciso"}),
    "processinglog:review": only({"fg"}, ok=405),  # POST only
    "processinglog:access_overview": only({"fg", "klachtencoordinator"}),
    "processinglog:access_overview_pdf": only({"fg", "klachtencoordinator"}, ok=400),  # no person asked for
    **CASEWORK,
    **GOVERNANCE,
    "openbaar_logboek:my_log": PUBLIC,
    "openbaar_logboek:demo_login": outcome(404, anonymous=404),  # demo mode only
    "openbaar_logboek:logout": outcome(405, anonymous=405),  # POST only
    # Citizen login with DigiD exists only once an OIDC provider is configured (test_citizen_oidc.py).
    "openbaar_logboek:digid_login": outcome(404, anonymous=404),
    "openbaar_logboek:digid_callback": outcome(404, anonymous=404),
    "openbaar:register": PUBLIC,
    "openbaar:activity": PUBLIC,
    "openbaar:register_csv": PUBLIC,
    "openbaar:register_json": PUBLIC,
    "openbaar_afspraken:agreement_list": PUBLIC,
    "openbaar_afspraken:agreement_document": PUBLIC,
    "api:schema": PUBLIC,
    "api:docs": PUBLIC,
    "api:organisatie-list": API_NEEDS_KEY,
    "api:organisatie-detail": API_NEEDS_KEY,
    "api:verwerkingsactiviteit-list": API_NEEDS_KEY,
    "api:verwerkingsactiviteit-detail": API_NEEDS_KEY,
    "api:verwerkingsactie-list": API_NEEDS_KEY,
    "api:verwerkingsactie-zoeken": API_NEEDS_KEY,
    "admin:index": admin(),
    "admin:login": outcome(302, anonymous=302),
    "admin:logout": admin(beheerder=405),
    "admin:password_change": admin(),
    "admin:password_change_done": admin(),
    "admin:autocomplete": admin(beheerder=403),  # refuses a request without its parameters
    "admin:jsi18n": admin(),
    "admin:view_on_site": admin(beheerder=404),  # no model has a public page
    "admin:app_list": admin(),
    "beheer/(?P<url>.*)$": admin(beheerder=404),
    "admin:auth_user_password_change": admin(),
}
for model in ["tenancy_organisation", "tenancy_membership", "tenancy_apiclient", "tenancy_domain", "accounts_user"]:
    for view in ["changelist", "add", "history", "delete", "change"]:
        EXPECTATIONS[f"admin:{model}_{view}"] = admin()
    if model != "tenancy_domain" and model != "accounts_user":
        EXPECTATIONS[f"admin:{model}_simple_history"] = admin()
    app, name = model.split("_", 1)
    EXPECTATIONS[f"beheer/{app}/{name}/<path:object_id>/"] = admin(beheerder=302)
# Keys are issued by command (shown once); domains are shared reference data, shown but not edited.
EXPECTATIONS["admin:tenancy_apiclient_add"] = admin(beheerder=403)
EXPECTATIONS["admin:tenancy_domain_add"] = admin(beheerder=403)
EXPECTATIONS["admin:tenancy_domain_delete"] = admin(beheerder=403)

ROUTES = all_routes()


def test_every_route_has_an_expectation():
    keys = {route.key for route in ROUTES}
    assert keys - EXPECTATIONS.keys() == set(), "routes without an expectation in the authorization matrix"
    assert EXPECTATIONS.keys() - keys == set(), "expectations for routes that no longer exist"


def test_every_expectation_names_every_persona():
    for key, expected in EXPECTATIONS.items():
        assert set(expected) == set(EVERYONE), key


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.key)
def test_route_answers_each_persona_as_expected(route: Route, world, as_persona):
    url = url_for(route, world)
    actual = {who: as_persona(who).get(url).status_code for who in EVERYONE}
    assert actual == EXPECTATIONS[route.key]


def test_anonymous_staff_pages_redirect_to_login(as_persona, world):
    response = as_persona(ANONYMOUS).get("/medewerkers/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/?next=")


# Domains are shared reference data, not a municipality's records; the admin's bare object URL only redirects
# to the change page without looking anything up; API objects are checked with partner keys in test_api.py.
OBJECT_ROUTES = [
    r for r in ROUTES if object_of_route(r) not in {None, "domain"} and r.name is not None and not r.is_api
]


def test_object_routes_are_covered():
    """Guards the next test against silently shrinking: every model with pages is in it."""
    models = {
        "organisation",
        "membership",
        "apiclient",
        "user",
        "activity",
        "brpusage",
        "dataset",
        "extension",
        "partner",
        "agreement",
        "person",
        "case",
        "exchange",
        "governance_role",
        "governance_assignment",
        "governance_activity",
        "workshop",
        "follow_up",
    }
    assert {object_of_route(r) for r in OBJECT_ROUTES} == models


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.key)
def test_another_municipality_gets_404_for_every_object(route: Route, world, as_persona):
    """Someone who may use the page for their own municipality gets 404 for Voorbeeld's record."""
    outsider = "beheerder_regio" if route.is_admin else "buitenstaander"
    assert as_persona(outsider).get(url_for(route, world)).status_code == 404
