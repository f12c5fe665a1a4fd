"""The bench's database (a temporary SQLite file set up by __main__, or the PostgreSQL database of
bench.postgres) filled with the demo world's organisations, staff and registers, and the cookies of a signed-in
persona."""

import sys

from django.core.management import call_command
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from doelbinding.register import demo as register_demo
from doelbinding.tenancy import demo


def build() -> demo.World:
    print("bench: migrating the temporary database", file=sys.stderr)
    call_command("migrate", verbosity=0, interactive=False)
    world = demo.World()

    def progress(label: str) -> None:
        print(f"bench: demo world: {label}", file=sys.stderr)

    demo.build(world, progress=progress)
    # The registers: the processing log names a register activity (an ActivityVersion) in every entry.
    register_demo.build(world, progress)
    return world


def signed_in_cookie(user) -> str:
    """A Cookie header for `user`, logged in with the second factor verified (as conftest.sign_in does),
    carrying the CSRF cookie a browser would have after its first page so no request has to mint one."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session.save()
    response = client.get("/")
    if response.status_code != 200:
        raise SystemExit(f"bench: {user.username} does not reach the landing page (HTTP {response.status_code})")
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
