"""The environment: bad values stop start-up with one clear message; production settings pass --deploy."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doelbinding.env import FALSE_WORDS, TRUE_WORDS, ConfigurationError, Env
from tests.commands import manage


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("YES", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("off", False),
        ("", False),
    ],
)
def test_flag_words(raw, expected):
    env = Env({"DEBUG": raw})
    assert env.flag("DEBUG", not expected) is expected
    env.check()


@given(st.text(max_size=12))
def test_flag_accepts_only_known_words(raw):
    env = Env({"X": raw})
    value = env.flag("X", False)
    if raw.strip().lower() in TRUE_WORDS | FALSE_WORDS:
        assert value is (raw.strip().lower() in TRUE_WORDS)
        env.check()
    else:
        with pytest.raises(ConfigurationError, match="X="):
            env.check()


@given(st.integers(min_value=-1000, max_value=1000))
def test_integer_respects_its_minimum(number):
    env = Env({"N": str(number)})
    value = env.integer("N", 7, minimum=1)
    if number >= 1:
        assert value == number
        env.check()
    else:
        assert value == 7
        with pytest.raises(ConfigurationError):
            env.check()


def test_every_problem_is_listed_at_once():
    env = Env({"A": "maybe", "B": "vijf"})
    env.flag("A", False)
    env.integer("B", 1)
    env.required("C", "always")
    with pytest.raises(ConfigurationError) as error:
        env.check()
    message = str(error.value)
    assert "A='maybe'" in message and "B='vijf'" in message and "C is required always" in message


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SECRET_KEY is required when DEBUG is off"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS is required when DEBUG is off"),
        ({"SECRET_KEY": "te-kort", "ALLOWED_HOSTS": "a.nl"}, "SECRET_KEY must be at least 50 characters"),
        ({"DEBUG": "misschien"}, "DEBUG='misschien' is not valid"),
        ({"DEBUG": "1", "DATABASE_URL": "mysql://root@localhost/x"}, "DATABASE_URL must start with sqlite://"),
        ({"DEBUG": "1", "SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES='0' is not valid"),
        (
            {"DEBUG": "1", "CITIZEN_OIDC_ISSUER": "https://makelaar.example.nl", "CITIZEN_OIDC_SCOPES": "bsn"},
            "CITIZEN_OIDC_CLIENT_SECRET is required when CITIZEN_OIDC_ISSUER is set",
        ),
        (
            {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "a.nl", "CITIZEN_OIDC_ISSUER": "http://makelaar.example.nl"},
            "CITIZEN_OIDC_ISSUER must be an https:// URL when DEBUG is off",
        ),
    ],
)
def test_wrong_environment_stops_start_up_with_a_clear_message(env, message):
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="p" * 20 + "-Zq8!rT2@vW5#yU7$iO9%" + "k" * 20,
        ALLOWED_HOSTS="doelbinding.example.nl",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
