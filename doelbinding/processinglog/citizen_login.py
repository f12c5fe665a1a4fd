"""Citizen login with DigiD through an OIDC provider that delivers the BSN, as the DigiD brokers do (issue 5).

The authorization-code flow with PKCE, state and nonce, and the checks of the ID token (signature against the
provider's published keys, issuer, audience, expiry, nonce) are authlib's Django client. What this module adds:
the configuration from settings, the municipality remembered in the session together with the state, the BSN
taken from the configured claim and held to the elfproef, and every failure turned into one `LoginFailed` with a
Dutch message. It never writes the citizen into the session; citizens.py does that, as for the demo login.

The BSN is never logged and never part of a URL: it only travels inside the ID token, from the provider's token
endpoint to us.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import requests
import structlog
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from joserfc.errors import JoseError

from doelbinding.core.bsn import is_bsn

log = structlog.get_logger(__name__)

NAME = "digid"
PENDING_PREFIX = f"_state_{NAME}_"  # authlib keeps each login under way in the session under this prefix + state

MESSAGES = {
    "refused": _("Het inloggen met DigiD is afgebroken of niet gelukt. U bent niet ingelogd."),
    "state": _(
        "Deze inlogpoging is verlopen of hoort niet bij deze browser. U bent niet ingelogd; begin opnieuw met inloggen."
    ),
    "token": _("Het antwoord van DigiD kon niet worden gecontroleerd. U bent niet ingelogd."),
    "no_bsn": _("DigiD heeft geen burgerservicenummer meegestuurd. U bent niet ingelogd."),
    "invalid_bsn": _(
        "Het burgerservicenummer dat DigiD meestuurde is niet geldig (de elfproef klopt niet). U bent niet ingelogd."
    ),
    "unreachable": _("DigiD is op dit moment niet bereikbaar. Probeer het later opnieuw."),
}


class LoginFailed(Exception):
    """The login did not succeed; `reason` is for the log, `message` for the citizen."""

    def __init__(self, reason: str, *, controller: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.message = MESSAGES[reason]
        self.status = 502 if reason == "unreachable" else 400
        self.controller = controller  # the municipality's slug, when the login got far enough to know it


@dataclass(frozen=True)
class Config:
    issuer: str
    discovery_url: str
    client_id: str
    client_secret: str
    bsn_claim: str
    scopes: tuple[str, ...]
    timeout: int


@dataclass(frozen=True)
class CitizenLogin:
    controller: str  # slug
    bsn: str


def config() -> Config | None:
    """The provider from settings, or None when citizen login is not set up."""
    if not settings.CITIZEN_OIDC_ISSUER:
        return None
    return Config(
        issuer=settings.CITIZEN_OIDC_ISSUER,
        discovery_url=settings.CITIZEN_OIDC_DISCOVERY_URL,
        client_id=settings.CITIZEN_OIDC_CLIENT_ID,
        client_secret=settings.CITIZEN_OIDC_CLIENT_SECRET,
        bsn_claim=settings.CITIZEN_OIDC_BSN_CLAIM,
        scopes=tuple(settings.CITIZEN_OIDC_SCOPES),
        timeout=settings.CITIZEN_OIDC_TIMEOUT_SECONDS,
    )


def is_configured() -> bool:
    return config() is not None


@functools.lru_cache(maxsize=4)
def _client(provider: Config) -> DjangoOAuth2App:
    """One client per configuration, so the provider's metadata and keys are fetched once; authlib fetches the keys
    again when a token names a key it does not know yet (key rotation)."""
    return OAuth().register(
        NAME,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=provider.discovery_url,
        client_kwargs={
            "scope": " ".join(provider.scopes),
            "code_challenge_method": "S256",
            "default_timeout": provider.timeout,
        },
    )


def _configured_client() -> tuple[Config, DjangoOAuth2App]:
    current = config()
    if current is None:
        raise RuntimeError("citizen login is not configured")
    return current, _client(current)


def begin(request, *, controller: str, redirect_uri: str) -> str:
    """Where to send the citizen to log in for the municipality `controller` (slug). The state, nonce and PKCE
    verifier are kept in the session with the municipality, until the provider sends the citizen back."""
    _, client = _configured_client()
    try:
        authorization = client.create_authorization_url(redirect_uri)
    except (requests.RequestException, RuntimeError, ValueError, KeyError) as error:
        # RuntimeError: authlib finds no authorization endpoint in what the provider published.
        log.warning("citizen_login_failed", reason="unreachable", controller=controller, error=type(error).__name__)
        raise LoginFailed("unreachable", controller=controller) from error
    client.save_authorize_data(request, redirect_uri=redirect_uri, controller=controller, **authorization)
    return authorization["url"]


def complete(request) -> CitizenLogin:
    """The provider sent the citizen back: check everything, and return whom they logged in as, for which
    municipality. Any failure raises `LoginFailed`; the login under way is forgotten either way."""
    current, client = _configured_client()
    state = request.GET.get("state")
    pending = client.framework.get_state_data(request.session, state) if state else None
    controller = pending.get("controller") if pending else None
    try:
        bsn = _bsn(current, client, request, pending)
    except LoginFailed as failure:
        failure.controller = controller
        forget(request)
        log.warning("citizen_login_failed", reason=failure.reason, controller=controller, error=_cause(failure))
        raise
    forget(request)
    log.info("citizen_logged_in", controller=controller)
    return CitizenLogin(controller=pending["controller"], bsn=bsn)


def _bsn(current: Config, client: DjangoOAuth2App, request, pending: dict | None) -> str:
    if pending is None:
        raise LoginFailed("state")
    if request.GET.get("error"):  # the citizen cancelled at DigiD, or the provider refused
        raise LoginFailed("refused")
    claims_options = {  # ours rather than authlib's default, which takes the issuer from the provider's metadata
        "iss": {"essential": True, "value": current.issuer},
        "aud": {"essential": True, "value": current.client_id},
    }
    try:
        token = client.authorize_access_token(request, claims_options=claims_options)
    except requests.RequestException as error:  # unreachable, or it answered with something that is not JSON
        raise LoginFailed("unreachable") from error
    except (AuthlibBaseError, JoseError, ValueError, KeyError, TypeError) as error:
        raise LoginFailed("token") from error
    claims = token.get("userinfo")  # the ID token's checked claims; absent when the provider sent no ID token
    if not claims:
        raise LoginFailed("token")
    bsn = claims.get(current.bsn_claim)
    if bsn in (None, ""):
        raise LoginFailed("no_bsn")
    if not isinstance(bsn, str) or not is_bsn(bsn):
        raise LoginFailed("invalid_bsn")
    return bsn


def _cause(failure: LoginFailed) -> str | None:
    """The kind of error behind a failure, for the log: only its class, since a message might quote a claim."""
    return type(failure.__cause__).__name__ if failure.__cause__ else None


def under_way(request) -> bool:
    """Whether a login was started in this session and has not come back yet."""
    return any(key.startswith(PENDING_PREFIX) for key, _value in request.session.items())


def forget(request) -> None:
    """Drop every login under way from the session."""
    for key in [k for k, _value in request.session.items() if k.startswith(PENDING_PREFIX)]:
        del request.session[key]
