"""The public register: no login, established and non-confidential activities, in plain Dutch, as open data."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from doelbinding.core.authz import public
from doelbinding.register import exports, selectors
from doelbinding.register.columns import COLUMNS, rows


@public
@require_GET
def register(request, slug):
    controller = selectors.municipality_by_slug(slug)
    versions = selectors.public_versions(controller, timezone.localdate())
    return render(request, "register/public_list.html", {"controller": controller, "versions": versions})


@public
@require_GET
def activity(request, slug, number):
    controller = selectors.municipality_by_slug(slug)
    version = selectors.public_version_get(controller, number, timezone.localdate())
    return render(request, "register/public_detail.html", {"controller": controller, "version": version})


@public
@require_GET
def register_csv(request, slug):
    controller = selectors.municipality_by_slug(slug)
    versions = selectors.public_versions(controller, timezone.localdate())
    table = rows(versions.iterator(chunk_size=500), selectors.fg_contact(controller))
    return exports.csv_response(table, COLUMNS, f"verwerkingsregister-{slug}.csv")


@public
@require_GET
def register_json(request, slug):
    controller = selectors.municipality_by_slug(slug)
    versions = selectors.public_versions(controller, timezone.localdate())
    document = {
        "gemeente": controller.name,
        "peildatum": timezone.localdate().isoformat(),
        "velden": {c.key: str(c.header) for c in COLUMNS},
        "verwerkingen": list(rows(versions, selectors.fg_contact(controller))),
    }
    return HttpResponse(json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json")
