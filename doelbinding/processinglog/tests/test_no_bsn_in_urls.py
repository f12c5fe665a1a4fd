"""A BSN never appears in a URL (it would land in the server's access log and the browser's history): the FG's
search and the access-request overview are POSTed with CSRF, the PDF of the overview too (hidden fields), and a
GET that carries a BSN anyway is refused without being used or repeated. Driven as a browser would: each next
request is taken from a form or link of the page before, and every URL requested, every redirect and every link
or form action of every page is checked."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from conftest import sign_in
from doelbinding.processinglog import demo
from doelbinding.processinglog.models import ProcessingAction

CITIZEN = demo.DEMO_CITIZEN
URL_ATTRIBUTES = {"href", "action", "formaction", "src", "hx-get", "hx-post", "hx-push-url"}


class Page(HTMLParser):
    """The URLs in a page (links, form actions, sources) and its forms with their method and hidden fields."""

    def __init__(self, html: str):
        super().__init__()
        self.urls: list[str] = []
        self.forms: list[dict] = []
        self._open = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [value for name, value in attrs.items() if name in URL_ATTRIBUTES and value]
        if tag == "form":
            self._open = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"), "fields": {}}
            self.forms.append(self._open)
        elif tag == "input" and self._open is not None and attrs.get("type") == "hidden":
            self._open["fields"][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None

    def form_to(self, action: str) -> dict:
        return next(form for form in self.forms if form["action"] == action)


class Browser:
    """A client with CSRF checks on, as in a browser, that keeps every URL it asked for and every response."""

    def __init__(self, user):
        self.client = sign_in(Client(enforce_csrf_checks=True), user)
        self.requested: list[str] = []
        self.responses = []

    def _keep(self, response):
        meta = response.request
        self.requested.append(f"{meta['PATH_INFO']}?{meta.get('QUERY_STRING', '')}")
        self.responses.append(response)
        return response

    def get(self, url: str, params: dict | None = None):
        return self._keep(self.client.get(url, params or {}))

    def submit(self, form: dict, **fields):
        assert form["method"] == "post" and "csrfmiddlewaretoken" in form["fields"]
        return self._keep(self.client.post(form["action"], form["fields"] | fields))

    def assert_no_url_holds(self, bsn: str):
        assert not [url for url in self.requested if bsn in url]
        for response in self.responses:
            assert bsn not in response.get("Location", "")
            if "html" in response.get("Content-Type", ""):
                assert not [url for url in Page(response.content.decode()).urls if bsn in url], response.request


def test_the_fg_searches_by_bsn_without_the_bsn_in_any_url(world, as_persona):
    browser = Browser(world.users["fg"])
    start = browser.get("/logboek/")
    form = Page(start.content.decode()).form_to("/logboek/")
    before = ProcessingAction.objects.filter(subject_id=CITIZEN, action="search").count()
    found = browser.submit(form, subject_id=CITIZEN)
    assert found.status_code == 200 and CITIZEN in found.content.decode()
    assert found.context["entries"] and {e.subject_id for e in found.context["entries"]} == {CITIZEN}
    assert ProcessingAction.objects.filter(subject_id=CITIZEN, action="search").count() == before + 1
    # On from the results, the way the FG goes: the worklist and its links to an employee's day, back to the search.
    worklist = browser.get("/logboek/opvallend/")
    for link in [url for url in Page(worklist.content.decode()).urls if url.startswith("/logboek/?")]:
        assert browser.get(link).status_code == 200
    again = Page(browser.get("/logboek/").content.decode()).form_to("/logboek/")
    assert browser.submit(again, subject_id=CITIZEN, since="2000-01-01").status_code == 200
    browser.assert_no_url_holds(CITIZEN)


def test_the_access_overview_and_its_pdf_without_the_bsn_in_any_url(world):
    browser = Browser(world.users["klachtencoordinator"])
    form = Page(browser.get("/logboek/inzageverzoek/").content.decode()).form_to("/logboek/inzageverzoek/")
    overview = browser.submit(form, subject_id=CITIZEN)
    assert overview.status_code == 200 and "Maatwerkvoorziening Wmo" in overview.content.decode()
    pdf_form = Page(overview.content.decode()).form_to("/logboek/inzageverzoek.pdf")
    assert pdf_form["fields"]["subject_id"] == CITIZEN  # in a POSTed hidden field, not in the link
    before = ProcessingAction.objects.filter(subject_id=CITIZEN, action="export").count()
    pdf = browser.submit(pdf_form)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert ProcessingAction.objects.filter(subject_id=CITIZEN, action="export").count() == before + 1
    browser.assert_no_url_holds(CITIZEN)


def test_a_search_without_its_csrf_token_is_refused(world):
    browser = Browser(world.users["fg"])
    response = browser.client.post("/logboek/", {"subject_id": CITIZEN})
    assert response.status_code == 403 and CITIZEN not in response.content.decode()


@pytest.mark.parametrize("url", ["/logboek/", "/logboek/inzageverzoek/", "/logboek/inzageverzoek.pdf"])
def test_a_bsn_in_a_url_is_refused_neither_used_nor_repeated(world, as_persona, url):
    before = ProcessingAction.objects.filter(subject_id=CITIZEN).count()
    response = as_persona("fg").get(url, {"subject_id": CITIZEN, "since": "2020-01-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert CITIZEN not in page and "hoort niet in een webadres" in page
    assert ProcessingAction.objects.filter(subject_id=CITIZEN).count() == before
