"""The BRP usage register (seed 002 §3 item 2): demo content, services, scoping, pages and history."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from doelbinding.register.brp import demo as brp_demo
from doelbinding.register.brp import selectors as brp_selectors
from doelbinding.register.brp import services as brp_services
from doelbinding.register.demo import FLAWS
from doelbinding.register.models import Activity, BrpUsage, DataCategory, Provision, ProvisionMethod
from doelbinding.tenancy import demo


def _voorbeeld(world):
    return world.organisations[demo.VOORBEELD]


def _post_data(world, **changes) -> dict:
    data = {
        "task": "Parkeervergunning mantelzorgers",
        "task_description": "Vaststellen of de aanvrager op het adres van de zorgvrager woont.",
        "data_categories": [DataCategory.objects.get(code="naw").pk],
        "brp_elements": "",
        "provision_methods": [ProvisionMethod.CONSULT_ADDRESS],
        "legal_basis": Provision.objects.get(code="wet-brp-3-8").pk,
        "activity": Activity.objects.get(controller=_voorbeeld(world), number=6).pk,
        "third_party_conditions": "",
        "report_back_duty": "Twijfel melden bij burgerzaken.",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("slug", list(FLAWS))
def test_every_demo_municipality_has_its_brp_tasks_linked_to_its_own_register(world, slug):
    controller = world.organisations[slug]
    usages = list(brp_selectors.brp_usages_for(controller))
    assert {u.task for u in usages} == {t.task for t in brp_demo.TASKS}
    assert all(u.activity is not None and u.activity.controller == controller for u in usages)
    assert all(u.legal_basis.law.code == "wet-brp" and u.provision_methods and u.report_back_duty for u in usages)
    assert any(u.third_party_conditions for u in usages)


def test_another_municipality_sees_none_of_voorbeelds_tasks(world):
    usage = brp_selectors.brp_usages_for(_voorbeeld(world)).first()
    with pytest.raises(Http404):
        brp_selectors.brp_usage_get(world.organisations[demo.OOSTDAL], usage.uuid)


def test_create_through_the_page_and_see_it_with_its_history(as_persona, world):
    fg = as_persona("fg")
    response = fg.post("/register/brp/nieuw/", _post_data(world))
    assert response.status_code == 302
    usage = BrpUsage.objects.get(controller=_voorbeeld(world), task="Parkeervergunning mantelzorgers")
    assert usage.provision_methods == [ProvisionMethod.CONSULT_ADDRESS]
    page = fg.get(response["Location"]).content.decode()
    assert "Raadplegen op adresniveau" in page and "Wet BRP" in page
    assert "Fatima Goudsmit" in page and "aangemaakt" in page  # the history says who and why
    assert "Parkeervergunning mantelzorgers" in as_persona("wmo_consulent").get("/register/brp/").content.decode()


def test_form_errors_are_dutch_and_save_nothing(as_persona, world):
    before = BrpUsage.objects.count()
    data = _post_data(world, task="", data_categories=[], provision_methods=[], report_back_duty="")
    response = as_persona("fg").post("/register/brp/nieuw/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Fout: Dit veld is vereist.") == 4
    assert "Controleer uw invoer" in page
    assert BrpUsage.objects.count() == before


def test_a_task_name_is_used_once_per_municipality(as_persona, world):
    before = BrpUsage.objects.count()
    response = as_persona("fg").post("/register/brp/nieuw/", _post_data(world, task=brp_demo.TASKS[0].task))
    assert response.status_code == 200
    assert "bestaat al" in response.content.decode()
    assert BrpUsage.objects.count() == before


def test_only_wet_brp_articles_and_own_activities_can_be_chosen(as_persona, world):
    oostdal_activity = Activity.objects.filter(controller=world.organisations[demo.OOSTDAL]).first()
    data = _post_data(world, activity=oostdal_activity.pk, legal_basis=Provision.objects.get(code="avg-6-1-e").pk)
    response = as_persona("fg").post("/register/brp/nieuw/", data)
    assert response.status_code == 200
    assert response.content.decode().count("Fout: Selecteer een geldige keuze") == 2
    assert not BrpUsage.objects.filter(task=data["task"]).exists()


def test_the_service_refuses_another_municipalitys_activity(world):
    oostdal_activity = Activity.objects.filter(controller=world.organisations[demo.OOSTDAL]).first()
    fields = _post_data(world, activity=oostdal_activity)
    fields["legal_basis"] = Provision.objects.get(code="wet-brp-3-8")
    with pytest.raises(ValidationError) as error:
        brp_services.brp_usage_create(
            actor=world.users["fg"],
            controller=_voorbeeld(world),
            fields=fields,
            data_categories=DataCategory.objects.filter(code="naw"),
        )
    assert "activity" in error.value.message_dict


def test_editing_records_who_changed_which_categories(as_persona, world):
    usage = brp_selectors.brp_usages_for(_voorbeeld(world)).get(task="Intake schuldhulpverlening")
    codes = [*usage.data_categories.values_list("code", flat=True), "contactgegevens"]
    data = _post_data(
        world,
        task=usage.task,
        data_categories=list(DataCategory.objects.filter(code__in=codes).values_list("pk", flat=True)),
    )
    fg = as_persona("fg")
    assert fg.post(f"/register/brp/{usage.uuid}/wijzigen/", data).status_code == 302
    changes = brp_selectors.brp_usage_changes(usage)
    assert len(changes) == 2
    assert changes[0]["who"] == world.users["fg"] and changes[0]["reason"] == "gewijzigd"
    assert "categorieën erbij: Contactgegevens (telefoon, e-mail)" in changes[0]["what"]
    assert "Wijze van verstrekking gewijzigd" in changes[0]["what"]
    assert "Categorieën erbij: Contactgegevens" in fg.get(f"/register/brp/{usage.uuid}/").content.decode()
