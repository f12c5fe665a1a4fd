"""Fixtures shared by every test: the demo world's organisations and personas, built once per test database."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from doelbinding.accounts.models import User
from doelbinding.core.management.commands.demo_world import BUILDERS
from doelbinding.tenancy import demo
from doelbinding.tenancy.models import Organisation
from doelbinding.tenancy.selectors import CONTROLLER_SESSION_KEY

ANONYMOUS = "anonymous"


def load_world() -> demo.World:
    """The demo world of this issue; built when missing (a transactional test may have flushed it)."""
    if not Organisation.objects.filter(slug=demo.VOORBEELD).exists():
        world = demo.World()
        for build in BUILDERS:
            build(world, lambda label: None)
    return demo.World(
        organisations={o.slug: o for o in Organisation.objects.all()},
        users={u.username: u for u in User.objects.all()},
    )


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploaded and generated files of the whole test session go to a temporary directory, not to var/."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="session")
def django_db_setup(media_root, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_world()


@pytest.fixture(autouse=True)
def _processing_log_flushable(request):
    """PostgreSQL refuses to truncate the processing log (processinglog migration 0002). The flush that ends a
    transactional test is the one truncation tests need: it runs with the triggers off (replica role), and the
    next test starts with them on again. Set up after the database fixture, so torn down before its flush."""
    marker = request.node.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marker is not None and marker.kwargs.get("transaction")
    )
    if not transactional or connection.vendor != "postgresql":
        yield
        return
    request.getfixturevalue("_django_db_helper")
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = DEFAULT")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")


@pytest.fixture
def world(db) -> demo.World:
    return load_world()


def sign_in(client: Client, user, *, controller: Organisation | None = None) -> Client:
    """Log in as `user` with the second factor verified, acting for `controller` if given."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    if controller is not None:
        session[CONTROLLER_SESSION_KEY] = str(controller.uuid)
    session.save()
    return client


@pytest.fixture
def as_persona(world):
    """as_persona("fg") → a client logged in as that persona; "buitenstaander" acts for Gemeente Oostdal."""

    def make(username: str) -> Client:
        client = Client()
        if username == ANONYMOUS:
            return client
        controller = world.organisations[demo.OOSTDAL] if username in {"buitenstaander", "beheerder_regio"} else None
        return sign_in(client, world.users[username], controller=controller)

    return make
