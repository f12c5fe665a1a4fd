"""Login with the second factor, lockout, identical failure responses, session time-outs, logout, reset."""

import re
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from doelbinding.accounts.middleware import LOGIN_AT_SESSION_KEY
from doelbinding.accounts.personas import DEMO_PASSWORD, current_code

LOGIN_URL = "/inloggen/"
GENERIC_FAILURE = "Voer een juiste gebruikersnaam en wachtwoord in"


def password_step(client: Client, username: str, password: str = DEMO_PASSWORD):
    return client.post(
        LOGIN_URL,
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )


def token_step(client: Client, code: str):
    return client.post(LOGIN_URL, {"login_view-current_step": "token", "token-otp_token": code})


def log_in(client: Client, username: str):
    password_step(client, username)
    device = TOTPDevice.objects.get(user__username=username)
    return token_step(client, current_code(device))


def test_login_with_password_and_second_factor_reaches_the_landing_page(world):
    client = Client()
    response = password_step(client, "fg")
    assert response.status_code == 200
    assert "code van zes cijfers" in response.content.decode()
    response = token_step(client, current_code(TOTPDevice.objects.get(user__username="fg")))
    assert response.status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Welkom, Fatima" in home.content.decode()
    assert "Gemeente Voorbeeld" in home.content.decode()


def test_wrong_code_keeps_the_user_out(world):
    client = Client()
    password_step(client, "fg")
    response = token_step(client, "000000")
    assert response.status_code == 200
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("path", ["/", "/organisaties/", "/autorisaties/", "/account/"])
def test_password_alone_reaches_no_page(world, path):
    client = Client()
    password_step(client, "fg")  # stops before the second factor
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_staff_without_a_second_factor_must_set_one_up_first(world):
    TOTPDevice.objects.filter(user__username="teamleider").delete()
    client = Client()
    response = password_step(client, "teamleider")
    assert response.status_code == 302  # logged in with the password only
    for path in ["/", "/medewerkers/", "/autorisaties/", "/account/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/account/tweede-factor/instellen/"
    assert client.get("/account/tweede-factor/instellen/").status_code == 200


def _normalised(response) -> str:
    """The page without its per-request CSRF tokens."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def test_unknown_user_and_wrong_password_get_identical_responses(world):
    unknown = password_step(Client(), "niemand", "Geheim-wachtwoord-1")
    wrong = password_step(Client(), "fg", "Geheim-wachtwoord-1")
    assert unknown.status_code == wrong.status_code == 200
    assert GENERIC_FAILURE in wrong.content.decode()
    assert _normalised(unknown).replace("niemand", "fg") == _normalised(wrong)


@pytest.mark.parametrize("username", ["fg", "niemand"])
def test_five_wrong_passwords_lock_the_user_name_for_the_cool_off(world, settings, username):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert password_step(client, username, "fout-wachtwoord").status_code == 200
    locked = password_step(client, username, "fout-wachtwoord")
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    # Even the right password is refused during the cool-off.
    assert password_step(Client(), username, DEMO_PASSWORD).status_code == 429


def test_lockout_ends_after_the_cool_off(world, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, "ciso", "fout-wachtwoord")
    assert password_step(Client(), "ciso").status_code == 429
    past = timezone.now() - timezone.timedelta(minutes=settings.AXES_COOLOFF_MINUTES + 1)
    AccessAttempt.objects.filter(username="ciso").update(attempt_time=past)
    assert log_in(Client(), "ciso").status_code == 302


def test_lockout_of_one_user_does_not_lock_another(world, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        password_step(client, "manager", "fout-wachtwoord")
    assert log_in(Client(), "regisseur").status_code == 302


def test_idle_time_out_ends_the_session(world, settings):
    client = Client()
    log_in(client, "fg")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert client.get("/")["Location"].startswith(LOGIN_URL)


def test_absolute_time_out_ends_an_active_session(world, settings):
    client = Client()
    log_in(client, "fg")
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get("/", follow=True)
    assert response.redirect_chain[0][0] == LOGIN_URL
    assert "Uw sessie is verlopen" in response.content.decode()
    assert client.get("/").status_code == 302


def test_logout_ends_the_session_on_the_server(world):
    client = Client()
    log_in(client, "fg")
    cookie = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=cookie).exists()
    assert client.post("/uitloggen/").status_code == 302
    assert not Session.objects.filter(session_key=cookie).exists()
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get("/")["Location"].startswith(LOGIN_URL)


def test_password_reset_sends_one_link_and_still_needs_the_second_factor(world):
    client = Client()
    response = client.post("/wachtwoord/vergeten/", {"email": "fg@voorbeeld.invalid"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/wachtwoord/herstellen/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new_password = "Nieuw-en-lang-wachtwoord-2026"
    done = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    fresh = Client()
    assert password_step(fresh, "fg", new_password).status_code == 200  # on to the second factor
    assert fresh.get("/").status_code == 302


def test_password_reset_answers_the_same_for_an_unknown_address(world):
    known = Client().post("/wachtwoord/vergeten/", {"email": "fg@voorbeeld.invalid"})
    unknown = Client().post("/wachtwoord/vergeten/", {"email": "onbekend@voorbeeld.invalid"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_reset_form_errors_are_dutch_and_change_nothing(world):
    client = Client()
    client.post("/wachtwoord/vergeten/", {"email": "fg@voorbeeld.invalid"})
    link = re.search(r"https?://[^/]+(/wachtwoord/herstellen/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    old_hash = world.users["fg"].password
    response = client.post(form_url, {"new_password1": "kort", "new_password2": "anders"})
    assert response.status_code == 200
    assert "De twee wachtwoordvelden komen niet overeen" in response.content.decode()
    world.users["fg"].refresh_from_db()
    assert world.users["fg"].password == old_hash


def test_the_code_step_speaks_of_the_code_from_the_app(world):
    client = Client()
    page = password_step(client, "fg").content.decode()
    assert "Code uit uw app" in page
    response = token_step(client, "12ab")
    assert "Een code bestaat uit zes cijfers." in response.content.decode()
    assert 'aria-describedby="id_token-otp_token_error"' in response.content.decode()
