"""The one settings module. Everything that differs between machines comes from the environment.

docs/administrator.md lists every variable. With DEBUG on, development defaults apply; with DEBUG off,
SECRET_KEY and ALLOWED_HOSTS are required and the HTTPS protections are on.
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from doelbinding.env import Env
from doelbinding.logging import configure_logging

env = Env()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.text("DOELBINDING_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env.flag("DEBUG", False)
DEMO_MODE = env.flag("DOELBINDING_DEMO", False)

if DEBUG:
    SECRET_KEY = env.text("SECRET_KEY", "development-only-key-never-use-in-production-" + "x" * 20)
    ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
else:
    SECRET_KEY = env.required("SECRET_KEY", "when DEBUG is off (50 or more random characters)")
    if SECRET_KEY and len(SECRET_KEY) < 50:
        env.fail("SECRET_KEY must be at least 50 characters long.")
    ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        env.fail("ALLOWED_HOSTS is required when DEBUG is off (comma-separated host names).")

CSRF_TRUSTED_ORIGINS = env.items("CSRF_TRUSTED_ORIGINS", [])

DATABASE_URL = env.text("DATABASE_URL", f"sqlite:///{VAR_DIR / 'doelbinding.sqlite3'}")
if urlsplit(DATABASE_URL).scheme not in {"sqlite", "postgres", "postgresql"}:
    env.fail(f"DATABASE_URL must start with sqlite:// or postgres:// (got {DATABASE_URL!r}).")
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'doelbinding.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env.integer("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "doelbinding.core",
    "doelbinding.tenancy",
    "doelbinding.accounts",
    "doelbinding.register",
    "doelbinding.governance",
    "doelbinding.partners",
    "doelbinding.processinglog",
    "doelbinding.casework",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "doelbinding.accounts.middleware.SessionLifetimeMiddleware",
    "doelbinding.accounts.middleware.RequireSecondFactorMiddleware",
    "doelbinding.tenancy.middleware.ControllerMiddleware",
    "doelbinding.processinglog.middleware.FailClosedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "doelbinding.urls"
WSGI_APPLICATION = "doelbinding.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "doelbinding" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "doelbinding.core.context_processors.shell",
            ],
        },
    },
]

FORM_RENDERER = "doelbinding.core.forms.NldsFormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "two_factor:login"
TWO_FACTOR_PATCH_ADMIN = False
OTP_TOTP_ISSUER = "Doelbinding"

# Brute-force protection: lock a user name after AXES_FAILURE_LIMIT failures for the cool-off.
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_MINUTES = env.integer("AXES_COOLOFF_MINUTES", 15, minimum=1)
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_CALLABLE = "doelbinding.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "doelbinding.accounts.lockout.username_from_attempt"
AXES_VERBOSE = False
# axes.W006 wants the IP address as a lock key too. We lock the user name only: staff share the
# municipality's outgoing address, so an IP lock would let one mistyping colleague lock out a whole office,
# and rotating user agents or cookies does not get round a lock on the user name.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Idle time-out: the cookie expires after SESSION_IDLE_MINUTES without a request.
# Absolute time-out: SessionLifetimeMiddleware ends a session SESSION_ABSOLUTE_HOURS after login.
SESSION_COOKIE_AGE = env.integer("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_ABSOLUTE_SECONDS = env.integer("SESSION_ABSOLUTE_HOURS", 10, minimum=1) * 3600
SESSION_SAVE_EVERY_REQUEST = True
# The RASIC matrix posts one field per cell: at most 100 activities × 40 roles (governance/services.py).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

SECURE_HTTPS = env.flag("SECURE_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.flag("BEHIND_PROXY", False) else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
LOCALE_PATHS = [BASE_DIR / "doelbinding" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
if DEBUG:  # WhiteNoise serves from the finders then, but wants the directory to exist
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "doelbinding" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env.text("MEDIA_ROOT", str(VAR_DIR / "media")))  # never served: the application reads uploads
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# The register's spreadsheet import (register/spreadsheet.py): the largest upload and the most rows it reads.
REGISTER_IMPORT_MAX_BYTES = 20 * 1024 * 1024
REGISTER_IMPORT_MAX_ROWS = 100_000

EMAIL_BACKEND = env.text("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.text("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "doelbinding@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["doelbinding.api.authentication.ApiClientAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["doelbinding.api.permissions.HasScope"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "doelbinding.api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Doelbinding API",
    "DESCRIPTION": "API voor partnersystemen van gemeenten in het sociaal domein.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "REDOC_DIST": "SIDECAR",  # served from our own static files: no third-party requests
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Agreements that expire within this many days appear on the partners worklist and in the reminders.
PARTNERS_EXPIRY_WINDOW_DAYS = env.integer("PARTNERS_EXPIRY_WINDOW_DAYS", 90)
# The largest agreement document (PDF or DOCX) that may be uploaded.
PARTNERS_DOCUMENT_MAX_BYTES = env.integer("PARTNERS_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
# A processor's yearly report on its security measures is overdue this many days after the previous one.
PARTNERS_YEARLY_REPORT_DAYS = env.integer("PARTNERS_YEARLY_REPORT_DAYS", 365)

# The processing log: chains per municipality (more chains, less waiting between concurrent writers) and how long
# entries are kept (DESIGN.md §4).
PROCESSINGLOG_STRIPES = env.integer("PROCESSINGLOG_STRIPES", 16)
PROCESSINGLOG_RETENTION_DAYS = env.integer("PROCESSINGLOG_RETENTION_DAYS", 5 * 365)

# Citizen login: DigiD through an OIDC provider (a DigiD broker) that delivers the BSN in a claim of the ID token
# (docs/processinglog.md). Off until CITIZEN_OIDC_ISSUER is set; the start page then says it is not available.
CITIZEN_OIDC_ISSUER = env.text("CITIZEN_OIDC_ISSUER")
CITIZEN_OIDC_DISCOVERY_URL = env.text(
    "CITIZEN_OIDC_DISCOVERY_URL",
    f"{CITIZEN_OIDC_ISSUER.rstrip('/')}/.well-known/openid-configuration" if CITIZEN_OIDC_ISSUER else "",
)
CITIZEN_OIDC_CLIENT_ID = env.text("CITIZEN_OIDC_CLIENT_ID")
CITIZEN_OIDC_CLIENT_SECRET = env.text("CITIZEN_OIDC_CLIENT_SECRET")
CITIZEN_OIDC_BSN_CLAIM = env.text("CITIZEN_OIDC_BSN_CLAIM") or "bsn"  # brokers differ: some deliver it in "sub"
CITIZEN_OIDC_SCOPES = env.text("CITIZEN_OIDC_SCOPES", "openid").replace(",", " ").split()
CITIZEN_OIDC_TIMEOUT_SECONDS = env.integer("CITIZEN_OIDC_TIMEOUT_SECONDS", 10, minimum=1)
if CITIZEN_OIDC_ISSUER:
    CITIZEN_OIDC_CLIENT_ID = env.required("CITIZEN_OIDC_CLIENT_ID", "when CITIZEN_OIDC_ISSUER is set")
    CITIZEN_OIDC_CLIENT_SECRET = env.required("CITIZEN_OIDC_CLIENT_SECRET", "when CITIZEN_OIDC_ISSUER is set")
    if "openid" not in CITIZEN_OIDC_SCOPES:
        env.fail(f"CITIZEN_OIDC_SCOPES must include openid (got {' '.join(CITIZEN_OIDC_SCOPES)!r}).")
    for _name, _url in [("ISSUER", CITIZEN_OIDC_ISSUER), ("DISCOVERY_URL", CITIZEN_OIDC_DISCOVERY_URL)]:
        if not DEBUG and not _url.startswith("https://"):
            env.fail(f"CITIZEN_OIDC_{_name} must be an https:// URL when DEBUG is off (got {_url!r}).")

LOGGING = configure_logging(json=env.flag("LOG_JSON", not DEBUG), level=env.text("LOG_LEVEL", "INFO"))

env.check()
