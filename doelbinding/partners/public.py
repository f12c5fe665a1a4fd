"""Public pages: the agreements a municipality made with its partners, for citizens, without login."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from doelbinding.core.authz import public
from doelbinding.partners import selectors
from doelbinding.partners.views import document_response
from doelbinding.register.selectors import municipality_by_slug


@public
@require_GET
def agreement_list(request, slug):
    controller = municipality_by_slug(slug)
    agreements = selectors.public_agreements(controller, today=timezone.localdate())
    return render(request, "partners/public_list.html", {"controller": controller, "agreements": agreements})


@public
@require_GET
def agreement_document(request, slug, uuid):
    controller = municipality_by_slug(slug)
    return document_response(selectors.public_document_get(controller, uuid, today=timezone.localdate()))
