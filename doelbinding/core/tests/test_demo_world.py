"""`make demo`'s steps on a fresh SQLite database: migrate, build the world, print how to log in."""

from django.core.management import call_command
from django.core.management.base import CommandError

from tests.commands import manage


def test_demo_world_builds_on_a_fresh_database_and_prints_the_personas(tmp_path):
    env = {"DEBUG": "1", "LOG_LEVEL": "WARNING", "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.db'}"}
    assert manage("migrate", "--verbosity", "0", **env).returncode == 0
    result = manage("demo_world", **env)
    assert result.returncode == 0, result.stderr
    for persona in [
        "fg",
        "regisseur",
        "wmo_consulent",
        "jeugd_consulent",
        "teamleider",
        "manager",
        "klachtencoordinator",
        "ciso",
        "buitenstaander",
    ]:
        assert f"  {persona} " in result.stdout
    assert "Wachtwoord (voor iedereen): Doelbinding-demo-2026" in result.stdout
    assert "directeur" in result.stdout and "privacy_officer" in result.stdout and "wethouder" in result.stdout
    code = manage("demo_code", "fg", **env)
    assert code.returncode == 0 and code.stdout.startswith("code: ")
    again = manage("demo_world", **env)
    assert again.returncode != 0
    assert "niet leeg" in again.stderr


def test_demo_world_refuses_outside_demo_or_debug_mode(world, settings):
    settings.DEBUG = False
    settings.DEMO_MODE = False
    try:
        call_command("demo_world")
    except CommandError as error:
        assert "alleen in demo- of ontwikkelmodus" in str(error)
    else:
        raise AssertionError("demo_world ran outside demo mode")


def test_every_role_of_the_guidance_is_filled_in_the_demo(world):
    from doelbinding.policy import Role
    from doelbinding.tenancy.models import Membership

    filled = {role for m in Membership.objects.all() for role in m.roles}
    assert filled == set(Role.values)
