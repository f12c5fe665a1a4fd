"""A small but real OpenID Connect provider for tests, standing in for a DigiD broker.

It listens on 127.0.0.1 on a free port, in a thread, and serves what a relying party needs: the discovery document,
`/authorize` (which, like a broker after a successful DigiD login, sends the browser straight back with a code),
`/token` (which checks the client's secret, the code, the redirect URI and the PKCE verifier, and returns an
RS256-signed ID token) and `/jwks`. Nothing is mocked: the application talks HTTP to it, and a browser can log in
through it.

    with Provider() as provider:
        settings.__dict__.update(provider.settings())   # or the `settings` fixture, one by one
        provider.claims = {"bsn": "999993653"}          # who logs in next
        provider.tampered = {"nonce": "something else"} # how the next ID token goes wrong (None drops a claim)

`Provider.follow(url)` does what the browser does at the provider: it asks for the authorization URL and returns
where the provider sends the browser back to.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "doelbinding-test"
KEY_ID = "broker-1"


@cache
def rsa_key(kid: str, variant: int = 0) -> RSAKey:
    """An RSA key with this key id, made once per test process (making one takes a moment); another `variant` is
    another key under the same id, as a forger would use."""
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


@dataclass
class Grant:
    redirect_uri: str
    code_challenge: str
    nonce: str
    claims: dict[str, Any]


class Provider:
    def __init__(self) -> None:
        self.key = rsa_key(KEY_ID)
        self.sign_with: RSAKey | None = None  # another key to sign with, for forged tokens
        self.client_id = CLIENT_ID
        self.client_secret = secrets.token_urlsafe(24)
        self.claims: dict[str, Any] = {}
        self.tampered: dict[str, Any] = {}
        self.error: str | None = None  # /authorize sends the browser back with this OAuth error
        self.grants: dict[str, Grant] = {}
        self.token_requests = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.issuer = self.url
        self._thread = threading.Thread(target=self._server.serve_forever, name="oidc-provider", daemon=True)

    def __enter__(self) -> Provider:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop listening: from now on the provider is unreachable."""
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def settings(self, **overrides: Any) -> dict[str, Any]:
        """The application's settings for this provider."""
        return {
            "CITIZEN_OIDC_ISSUER": self.issuer,
            "CITIZEN_OIDC_DISCOVERY_URL": f"{self.url}/.well-known/openid-configuration",
            "CITIZEN_OIDC_CLIENT_ID": self.client_id,
            "CITIZEN_OIDC_CLIENT_SECRET": self.client_secret,
            "CITIZEN_OIDC_BSN_CLAIM": "bsn",
            "CITIZEN_OIDC_SCOPES": ["openid"],
            "CITIZEN_OIDC_TIMEOUT_SECONDS": 5,
            **overrides,
        }

    @staticmethod
    def follow(authorization_url: str) -> str:
        """The browser at the provider: where /authorize redirects to (or its error page's status, raised)."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(authorization_url, timeout=5)
        except urllib.error.HTTPError as response:
            if response.code == 302:
                return response.headers["Location"]
            raise
        raise AssertionError("the provider did not redirect back")

    # --- the endpoints ----------------------------------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "scopes_supported": ["openid"],
        }

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        required = ["client_id", "redirect_uri", "state", "nonce", "code_challenge"]
        if (
            any(not query.get(name) for name in required)
            or query.get("response_type") != "code"
            or query.get("code_challenge_method") != "S256"
            or query["client_id"] != self.client_id
            or "openid" not in query.get("scope", "").split()
        ):
            return 400, {"Content-Type": "text/plain"}, b"invalid authorization request"
        back = {"state": query["state"]}
        if self.error:
            back["error"] = self.error
        else:
            code = secrets.token_urlsafe(24)
            self.grants[code] = Grant(query["redirect_uri"], query["code_challenge"], query["nonce"], dict(self.claims))
            back["code"] = code
        return 302, {"Location": f"{query['redirect_uri']}?{urlencode(back)}"}, b""

    def token(self, form: dict[str, str], authorization: str) -> tuple[int, dict[str, Any]]:
        self.token_requests += 1
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if authorization != f"Basic {expected}":
            return 401, {"error": "invalid_client"}
        grant = self.grants.pop(form.get("code", ""), None)  # a code is used once
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or form.get("redirect_uri") != grant.redirect_uri
            or challenge != grant.code_challenge
        ):
            return 400, {"error": "invalid_grant"}
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": secrets.token_hex(16),  # a pseudonym, unless the test's claims say otherwise
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            **grant.claims,
            **self.tampered,
        }
        claims = {name: value for name, value in claims.items() if value is not None}
        key = self.sign_with or self.key
        id_token = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)
        access_token = secrets.token_urlsafe(24)
        return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.metadata())
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/authorize":
                query = {name: values[0] for name, values in parse_qs(url.query).items()}
                self._send(*provider.authorize(query))
            else:
                self._send(404, {"Content-Type": "text/plain"}, b"not found")

        def do_POST(self) -> None:
            if urlsplit(self.path).path != "/token":
                self._send(404, {"Content-Type": "text/plain"}, b"not found")
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            form = {name: values[0] for name, values in parse_qs(body).items()}
            self._json(*provider.token(form, self.headers.get("Authorization", "")))

        def _json(self, status: int, data: dict[str, Any]) -> None:
            headers = {"Content-Type": "application/json", "Cache-Control": "no-store"}
            self._send(status, headers, json.dumps(data).encode())

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # quiet: the test output is for the tests
            pass

    return Handler
