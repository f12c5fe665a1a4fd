"""The overview of a person's processing for an access request, as a PDF (WeasyPrint, no external fetches)."""

from django.template.loader import render_to_string
from django.utils import timezone


def overview_pdf(controller, *, entries, since, until, subject_id) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDF needs
    from weasyprint.urls import URLFetcher

    html = render_to_string(
        "processinglog/pdf/overview.html",
        {
            "controller": controller,
            "entries": entries,
            "since": since,
            "until": until,
            "subject_id": subject_id,
            "made_on": timezone.localdate(),
        },
    )
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
