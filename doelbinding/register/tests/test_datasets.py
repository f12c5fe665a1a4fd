"""Data sets per task package and their extension requests: demo, services, selectors and pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doelbinding.policy import Role
from doelbinding.register.datasets import rules, selectors, services
from doelbinding.register.datasets.demo import PACKAGES
from doelbinding.register.demo import FLAWS
from doelbinding.register.models import (
    DataCategory,
    DatasetStatus,
    ExtensionRequest,
    ExtensionState,
    ExtensionStep,
    StepKind,
    StepOutcome,
    TaskDataset,
)
from doelbinding.tenancy import demo

WHY = "De taak kan niet zonder."


def _voorbeeld(world):
    return world.organisations[demo.VOORBEELD]


def _dataset(world, role=Role.CONSULENT, domain="wmo") -> TaskDataset:
    return TaskDataset.objects.get(controller=_voorbeeld(world), role=role, domain=domain, task="")


def _categories(*codes):
    return list(DataCategory.objects.filter(code__in=codes))


def _file(world, dataset=None, codes=("schulden",)) -> ExtensionRequest:
    return services.extension_request_file(
        actor=world.users["manager"], dataset=dataset or _dataset(world), categories=_categories(*codes), motivation=WHY
    )


def _step(world, request, username, kind, outcome=""):
    return services.extension_step_record(
        actor=world.users[username], request=request, kind=kind, outcome=outcome, text=WHY
    )


def test_the_models_choices_are_the_rules_values():
    assert set(ExtensionState.values) == {s.value for s in rules.State}
    assert set(StepKind.values) == {k.value for k in rules.Kind}
    assert set(StepOutcome.values) == {o.value for o in rules.Outcome}


@pytest.mark.parametrize("slug", list(FLAWS))
def test_every_demo_municipality_has_established_sets_for_the_main_roles(world, slug):
    datasets = selectors.datasets_for(world.organisations[slug])
    established = [d for d in datasets if d.status == DatasetStatus.ESTABLISHED]
    assert len(established) == len(PACKAGES)
    assert {d.role for d in established} >= {Role.CONSULENT, Role.REGISSEUR, Role.SOCIAL_WORKER}
    assert all(d.established_by is not None and d.purpose_limitation and d.subsidiarity for d in established)


def test_voorbeeld_has_requests_in_every_state_and_their_steps_replay_to_it(world):
    requests = selectors.extension_requests_for(_voorbeeld(world))
    assert {r.state for r in requests} == {"filed", "awaiting_advice", "referred", "approved", "rejected"}
    for request in requests:
        steps = [rules.Step(rules.Kind(s.kind), s.outcome, s.text) for s in selectors.extension_steps(request)]
        assert rules.replay(steps) == request.state
    assert {r.state for r in selectors.extension_requests_for(_voorbeeld(world), open_only=True)} == {
        "filed",
        "awaiting_advice",
        "referred",
    }


def test_dataset_categories_are_the_established_sets_of_the_role_in_the_domain(world):
    voorbeeld = _voorbeeld(world)
    wmo = selectors.dataset_categories(voorbeeld, Role.CONSULENT, "wmo")
    assert {"naw", "bsn", "ondersteuningsbehoefte", "gezondheid"} <= wmo and "schulden" not in wmo
    assert "schulden" in selectors.dataset_categories(voorbeeld, Role.CONSULENT, "schulden")
    # The regisseur's set holds in every domain; the volunteer's is still a concept.
    assert "veiligheidsrisicos" in selectors.dataset_categories(voorbeeld, Role.REGISSEUR, "jeugd")
    assert selectors.dataset_categories(voorbeeld, Role.VOLUNTEER, "wmo") == set()
    assert selectors.dataset_categories(voorbeeld, Role.CONSULENT, "leerplicht") == set()


def test_dataset_categories_stay_within_the_municipality(world):
    oostdal = world.organisations[demo.OOSTDAL]
    head = world.users["afdelingshoofd_regio"]
    dataset = services.dataset_create(
        actor=head,
        controller=oostdal,
        fields={"role": Role.ADMIN_SUPPORT, "purpose": "p", "purpose_limitation": "a", "proportionality": "b"}
        | {"subsidiarity": "c"},
        categories=_categories("naw"),
    )
    services.dataset_establish(actor=head, dataset=dataset)
    assert selectors.dataset_categories(oostdal, Role.ADMIN_SUPPORT, "wmo") == {"naw"}
    assert selectors.dataset_categories(_voorbeeld(world), Role.ADMIN_SUPPORT, "wmo") == set()


def test_the_whole_procedure_with_a_referral_adds_the_categories_as_a_new_established_state(world):
    dataset = _dataset(world)
    request = _file(world, dataset, ("schulden", "bankgegevens"))
    assert request.state == "filed"
    _step(world, request, "manager", rules.Kind.ADVICE_QUESTION, rules.Outcome.ADVICE_NEEDED)
    _step(world, request, "privacy_officer", rules.Kind.ADVICE, rules.Outcome.POSITIVE)
    _step(world, request, "directeur", rules.Kind.REFERRAL)
    assert "schulden" not in selectors.dataset_categories(_voorbeeld(world), Role.CONSULENT, "wmo")
    _step(world, request, "wethouder", rules.Kind.COLLEGE_DECISION, rules.Outcome.APPROVED)

    request.refresh_from_db()
    assert request.state == "approved"
    assert [(s.kind, s.actor.username) for s in selectors.extension_steps(request)] == [
        ("request", "manager"),
        ("advice_question", "manager"),
        ("advice", "privacy_officer"),
        ("referral", "directeur"),
        ("college_decision", "wethouder"),
    ]
    assert {"schulden", "bankgegevens"} <= selectors.dataset_categories(_voorbeeld(world), Role.CONSULENT, "wmo")
    dataset.refresh_from_db()
    assert dataset.established_by == world.users["wethouder"]
    latest = selectors.dataset_changes(dataset)[0]
    assert latest["reason"] == "uitbreiding goedgekeurd" and latest["who"] == world.users["wethouder"]
    assert latest["what"] == ["categorieën erbij: Bankrekening en betaalgegevens, Schulden en schuldeisers"]


def test_a_rejection_leaves_the_set_as_it_was(world):
    before = selectors.dataset_categories(_voorbeeld(world), Role.CONSULENT, "wmo")
    request = _file(world)
    _step(world, request, "manager", rules.Kind.ADVICE_QUESTION, rules.Outcome.NO_ADVICE_NEEDED)
    _step(world, request, "directeur", rules.Kind.DECISION, rules.Outcome.REJECTED)
    request.refresh_from_db()
    assert request.state == "rejected"
    assert selectors.dataset_categories(_voorbeeld(world), Role.CONSULENT, "wmo") == before


def test_a_step_out_of_turn_is_refused_with_its_reason_and_saves_nothing(world):
    request = _file(world)
    with pytest.raises(ValidationError, match="Eerst bepaalt het afdelingshoofd"):
        _step(world, request, "directeur", rules.Kind.DECISION, rules.Outcome.APPROVED)
    with pytest.raises(ValidationError, match="daarom heeft gevraagd"):
        _step(world, request, "privacy_officer", rules.Kind.ADVICE, rules.Outcome.POSITIVE)
    request.refresh_from_db()
    assert request.state == "filed" and request.steps.count() == 1


@pytest.mark.parametrize(
    ("username", "kind", "outcome"),
    [
        ("privacy_officer", rules.Kind.ADVICE_QUESTION, rules.Outcome.NO_ADVICE_NEEDED),
        ("manager", rules.Kind.DECISION, rules.Outcome.APPROVED),
        ("wethouder", rules.Kind.DECISION, rules.Outcome.APPROVED),
    ],
)
def test_each_step_belongs_to_its_role(world, username, kind, outcome):
    request = _file(world)
    if kind == rules.Kind.DECISION:
        _step(world, request, "manager", rules.Kind.ADVICE_QUESTION, rules.Outcome.NO_ADVICE_NEEDED)
    with pytest.raises(PermissionDenied):
        _step(world, request, username, kind, outcome)


def test_only_an_established_set_gains_categories_by_request_and_only_new_ones(world):
    concept = TaskDataset.objects.get(controller=_voorbeeld(world), role=Role.VOLUNTEER)
    with pytest.raises(ValidationError, match="vastgestelde set"):
        _file(world, concept)
    with pytest.raises(ValidationError, match="hoort al bij de gegevensset"):
        _file(world, codes=("naw",))
    with pytest.raises(PermissionDenied):
        services.extension_request_file(
            actor=world.users["fg"], dataset=_dataset(world), categories=_categories("schulden"), motivation=WHY
        )


def test_an_established_set_can_be_narrowed_but_not_widened_by_editing(world):
    dataset = _dataset(world)
    fields = {name: getattr(dataset, name) for name in services.DATASET_FIELDS}
    current = list(dataset.categories.all())
    with pytest.raises(ValidationError, match="uitbreidingsverzoek"):
        services.dataset_edit(
            actor=world.users["manager"],
            dataset=dataset,
            fields=fields,
            categories=[*current, *_categories("schulden")],
        )
    services.dataset_edit(actor=world.users["manager"], dataset=dataset, fields=fields, categories=current[1:])
    assert dataset.categories.count() == len(current) - 1


def test_steps_are_append_only(world):
    step = ExtensionStep.objects.first()
    step.text = "anders"
    with pytest.raises(ValueError, match="never changed"):
        step.save()
    with pytest.raises(ValueError, match="never deleted"):
        step.delete()


# --- pages ------------------------------------------------------------------------------------------------


def _dataset_post(**changes) -> dict:
    data = {
        "role": Role.ADMIN_SUPPORT,
        "domain": "jeugd",
        "task": "",
        "purpose": "Afspraken plannen.",
        "categories": [c.pk for c in _categories("naw", "contactgegevens")],
        "purpose_limitation": "Alleen voor afspraken.",
        "proportionality": "Geen inhoud.",
        "subsidiarity": "Zonder contactgegevens geen afspraak.",
    }
    return data | changes


def test_the_head_of_department_creates_and_establishes_a_set_through_the_pages(as_persona, world):
    manager = as_persona("manager")
    response = manager.post("/register/gegevenssets/nieuw/", _dataset_post())
    assert response.status_code == 302
    detail = response["Location"]
    assert "Dit is een concept" in manager.get(detail).content.decode()
    assert manager.post(detail + "vaststellen/").status_code == 302
    page = manager.get(detail).content.decode()
    assert "Vastgesteld" in page and "Marco Arends" in page and "Uitbreiding aanvragen" in page
    assert selectors.dataset_categories(_voorbeeld(world), Role.ADMIN_SUPPORT, "jeugd") == {"naw", "contactgegevens"}


def test_dataset_form_errors_are_dutch_and_save_nothing(as_persona, world):
    before = TaskDataset.objects.count()
    response = as_persona("manager").post(
        "/register/gegevenssets/nieuw/", _dataset_post(role="", subsidiarity="", categories=[])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies een rol of geef de taak een naam." in page
    assert page.count("Fout: Dit veld is vereist.") == 2
    assert TaskDataset.objects.count() == before


def test_editing_an_established_set_cannot_add_a_category(as_persona, world):
    dataset = _dataset(world)
    codes = [*dataset.categories.values_list("code", flat=True), "schulden"]
    data = _dataset_post(role=Role.CONSULENT, domain="wmo", categories=[c.pk for c in _categories(*codes)])
    response = as_persona("manager").post(f"/register/gegevenssets/{dataset.uuid}/wijzigen/", data)
    assert response.status_code == 200
    assert "alleen uitgebreid via een gemotiveerd uitbreidingsverzoek" in response.content.decode()
    assert "schulden" not in set(dataset.categories.values_list("code", flat=True))


def test_filing_a_request_without_motivation_saves_nothing(as_persona, world):
    dataset = _dataset(world)
    before = ExtensionRequest.objects.count()
    url = f"/register/gegevenssets/{dataset.uuid}/uitbreiding/"
    response = as_persona("manager").post(url, {"categories": [c.pk for c in _categories("schulden")]})
    assert response.status_code == 200
    assert "Fout: Dit veld is vereist." in response.content.decode()
    assert ExtensionRequest.objects.count() == before


def test_the_request_page_offers_each_user_only_the_step_that_is_theirs_now(as_persona, world):
    request = _file(world)
    url = f"/register/uitbreidingen/{request.uuid}/"
    assert "Is advies nodig?" in as_persona("manager").get(url).content.decode()
    assert "Advies geven" not in as_persona("privacy_officer").get(url).content.decode()
    _step(world, request, "manager", rules.Kind.ADVICE_QUESTION, rules.Outcome.ADVICE_NEEDED)
    assert "Advies geven" in as_persona("privacy_officer").get(url).content.decode()
    assert "Besluiten" not in as_persona("directeur").get(url).content.decode()
    _step(world, request, "privacy_officer", rules.Kind.ADVICE, rules.Outcome.NEGATIVE)
    page = as_persona("directeur").get(url).content.decode()
    assert "Besluit vastleggen" in page and "Voorleggen aan het college" in page
    assert "Collegebesluit vastleggen" not in as_persona("wethouder").get(url).content.decode()


def test_a_step_posted_out_of_turn_shows_the_reason_and_saves_nothing(as_persona, world):
    request = _file(world)
    url = f"/register/uitbreidingen/{request.uuid}/"
    response = as_persona("directeur").post(url + "besluit/", {"decision-outcome": "approved", "decision-text": WHY})
    assert response.status_code == 200
    assert "Eerst bepaalt het afdelingshoofd" in response.content.decode()
    assert request.steps.count() == 1


def test_a_step_without_motivation_shows_the_form_with_its_error(as_persona, world):
    request = _file(world)
    url = f"/register/uitbreidingen/{request.uuid}/adviesvraag/"
    response = as_persona("manager").post(url, {"advice_question-outcome": "advice_needed"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Controleer uw invoer" in page and 'href="#id_advice_question-text"' in page
    assert request.steps.count() == 1
