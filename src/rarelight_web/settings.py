"""Django settings, read from the environment (see the README's Configuration section)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from rarelight import config

ENV = os.environ.get("RARELIGHT_ENV", "development").strip().lower()
if ENV not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"RARELIGHT_ENV={ENV!r} is not understood; use 'development' (default) or 'production'"
    )
PRODUCTION = ENV == "production"
DEBUG = os.environ.get("RARELIGHT_DEBUG", "") == "1" and not PRODUCTION

DATA_DIR = config.data_dir()
DATA_DIR.mkdir(parents=True, exist_ok=True)
BASE_DIR = Path(__file__).resolve().parent


def _secret_key() -> str:
    key = os.environ.get("RARELIGHT_SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "RARELIGHT_ENV=production needs RARELIGHT_SECRET_KEY (a long random string, "
            "e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`)"
        )
    # Development: a random key kept in the data folder, so sessions survive a restart.
    path = DATA_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _allowed_hosts() -> list[str]:
    hosts = [
        h.strip() for h in os.environ.get("RARELIGHT_ALLOWED_HOSTS", "").split(",") if h.strip()
    ]
    if PRODUCTION and not hosts:
        raise ImproperlyConfigured(
            "RARELIGHT_ENV=production needs RARELIGHT_ALLOWED_HOSTS, a comma-separated list of the "
            "host names the site answers to, e.g. rarelight.example.org"
        )
    return hosts or ["127.0.0.1", "localhost", "[::1]", "testserver"]


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _allowed_hosts()

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "csp",
    "rarelight_web.catalog",
    "rarelight_web.diagnosis",
    "rarelight_web.accounts",
    "rarelight_web.records",
    "rarelight_web.community",
    "rarelight_web.registry",
    "rarelight_web.triage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "rarelight_web.urls"
WSGI_APPLICATION = "rarelight_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rarelight_web.context.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'rarelight.sqlite3'}",
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: people sign in with their email address; passwords are hashed with Argon2.
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "records:list"
LOGOUT_REDIRECT_URL = "catalog:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day
# Failed sign-ins allowed per email address and per IP address within the window (see
# accounts/throttle.py); counted in the cache, which is per process (waitress runs one).
LOGIN_THROTTLE = {
    "per_email": int(os.environ.get("RARELIGHT_LOGIN_FAILURES_PER_EMAIL", "5")),
    "per_ip": int(os.environ.get("RARELIGHT_LOGIN_FAILURES_PER_IP", "20")),
    "window_minutes": int(os.environ.get("RARELIGHT_LOGIN_WINDOW_MINUTES", "15")),
}
# Community submissions accepted per client IP within the window (see community/throttle.py).
COMMUNITY_THROTTLE = {
    "per_ip": int(os.environ.get("RARELIGHT_COMMUNITY_SUBMISSIONS_PER_IP", "5")),
    "window_minutes": int(os.environ.get("RARELIGHT_COMMUNITY_WINDOW_MINUTES", "60")),
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rarelight"}
}

# Email (password reset links, invitations): SMTP when RARELIGHT_SMTP_HOST is set, else files in
# RARELIGHT_EMAIL_FILE_PATH when that is set, else printed to the console.
DEFAULT_FROM_EMAIL = os.environ.get("RARELIGHT_EMAIL_FROM", "Rarelight <noreply@localhost>")
if os.environ.get("RARELIGHT_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["RARELIGHT_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("RARELIGHT_SMTP_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("RARELIGHT_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("RARELIGHT_SMTP_PASSWORD", "")
    _SMTP_SECURITY = os.environ.get("RARELIGHT_SMTP_SECURITY", "starttls").strip().lower()
    if _SMTP_SECURITY not in {"starttls", "ssl", "none"}:
        raise ImproperlyConfigured(
            f"RARELIGHT_SMTP_SECURITY={_SMTP_SECURITY!r} is not understood; use starttls, ssl or none"
        )
    EMAIL_USE_TLS = _SMTP_SECURITY == "starttls"
    EMAIL_USE_SSL = _SMTP_SECURITY == "ssl"
    EMAIL_TIMEOUT = 20
elif os.environ.get("RARELIGHT_EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["RARELIGHT_EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "uploads"
# Uploads are refused above their limit while they stream in (upload_limits.SizeLimit):
# RARELIGHT_UPLOAD_MAX_MB for care-record reports and anything else, more for exome VCFs.
RARELIGHT_UPLOAD_MAX_MB = int(os.environ.get("RARELIGHT_UPLOAD_MAX_MB", "20"))
FILE_UPLOAD_HANDLERS = [
    "rarelight_web.upload_limits.SizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o600  # health data: readable by the app's user only
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Security headers apply everywhere; HTTPS-only settings in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("RARELIGHT_SSL_REDIRECT", "1") != "0"
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"rarelight": {"level": "INFO"}, "rarelight_web": {"level": "INFO"}},
}

# Exome triage uploads (rarelight_web.triage): the largest VCF accepted, in bytes.
TRIAGE_MAX_UPLOAD_BYTES = int(os.environ.get("RARELIGHT_TRIAGE_MAX_UPLOAD_MB", "200")) * 1024 * 1024
UPLOAD_LIMITS = {"/triage/": "TRIAGE_MAX_UPLOAD_BYTES"}  # URL prefix → the setting with its limit
