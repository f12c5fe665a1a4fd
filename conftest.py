"""Fixtures shared by every test: the demo world's organisations and personas, built once per test database."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.plugin import blocking_manager_key

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


# PostgreSQL: a copy of every table as the demo world left it, to put back after the flush that ends a
# transactional test, instead of building the world again (13-27 s a time there).
SNAPSHOT = "world_snapshot"
FLUSHED = pytest.StashKey[bool]()


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _snapshot_world() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SNAPSHOT}")
        for table in _tables():
            cursor.execute(f'CREATE TABLE {SNAPSHOT}."{table}" AS TABLE public."{table}"')


def _restore_world() -> None:
    """Put the snapshot back, with triggers and foreign-key checks off (replica role) while the rows go in. Ids
    come back as they were; the sequences were never reset, so new rows still get ids above them."""
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("TRUNCATE " + ", ".join(f'public."{t}"' for t in tables))
        for table in tables:
            cursor.execute(f'INSERT INTO public."{table}" SELECT * FROM {SNAPSHOT}."{table}"')  # noqa: S608
    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def django_db_setup(media_root, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_world()
        if connection.vendor == "postgresql":
            _snapshot_world()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush (PostgreSQL), the world comes back from its snapshot."""
    result = yield
    if item.stash.get(FLUSHED, False) and nextitem is not None:
        blocker = item.config.stash[blocking_manager_key]
        with blocker.unblock():
            _restore_world()
    return result


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
    request.node.stash[FLUSHED] = True
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
