"""Django settings, from environment variables only (documented in docs/settings.md)."""

from __future__ import annotations

import secrets
from pathlib import Path

from layak.conf.env import (
    SettingsError,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_str,
    sqlite_database,
)
from layak.conf.files import private_file, private_folder
from layak.conf.storage import file_storage

DATA_DIR = env_path("LAYAK_DATA_DIR", Path.cwd() / "data")
DEBUG = env_bool("DEBUG", False)
# "production" turns on the secure-cookie and HSTS settings and refuses the demo loader.
LAYAK_ENV = env_str("LAYAK_ENV", "development")
if LAYAK_ENV not in ("development", "production"):
    raise SettingsError(f"LAYAK_ENV={LAYAK_ENV!r}: use development or production")
PRODUCTION = LAYAK_ENV == "production"


def _secret_key() -> str:
    """SECRET_KEY from the environment; on a single machine, one generated once and kept."""
    configured = env_secret("SECRET_KEY")
    if configured:
        if len(configured) < 50:
            raise SettingsError("SECRET_KEY must be at least 50 characters long")
        return configured
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(64)
    try:
        private_file(key_file, key)
    except OSError as exc:
        raise SettingsError(
            f"LAYAK_DATA_DIR={DATA_DIR}: cannot keep the generated secret key there ({exc}); "
            "point LAYAK_DATA_DIR at a writable folder or set SECRET_KEY"
        ) from None
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

_database_url = env_str("DATABASE_URL", "")
DATABASES = {
    "default": (
        database_from_url(_database_url)
        if _database_url
        else sqlite_database(DATA_DIR / "layak.sqlite3")
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite would create the file with the umask's mode (often readable by everyone); an empty
    # file made here, 0600 in a 0700 folder, is a new database to SQLite, and its -wal and -shm
    # files take the same mode (docs/security.md).
    try:
        private_file(Path(DATABASES["default"]["NAME"]))
    except OSError as exc:
        raise SettingsError(
            f"{DATABASES['default']['NAME']}: cannot create the SQLite database there ({exc})"
        ) from None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # django_htmx is not an installed app: Layak uses its middleware only, and as an app it
    # would add its own copies of htmx (about 750 KB of scripts Layak never links) to the
    # static files every deployment collects, compresses and serves.
    "axes",
    "layak.cli",
    "layak.web",
    "layak.files",
    "layak.regions",
    "layak.accounts",
    "layak.audit",
    "layak.notices",
    "layak.evaluation",
    "layak.evidence",
    "layak.api",
    "layak.profil",
    "layak.roundtrip",
    "layak.mitra",
    "layak.forum",
    "layak.registries",
    "layak.reports",
    "layak.gugus",
    "layak.overview",
    "layak.public",
    "layak.ops",
    # Before django_tasks_db: its `db_worker` command is replaced by one with heartbeats and
    # recovery of tasks whose worker died (layak.worker, which also names it `run-worker`).
    "layak.worker",
    "django_tasks",
    "django_tasks_db",
]
AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    # First: a body over the limit is refused with 413 before anything reads it.
    "layak.web.limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before whitenoise, which answers static files itself: they carry these headers too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "layak.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "layak.web.language.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A session ends LAYAK_SESSION_HOURS after log-in; a password someone else chose must be
    # changed before anything else (layak.accounts.middleware).
    "layak.accounts.middleware.SessionLifetimeMiddleware",
    "layak.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Audits every 403 and every file download (layak.web.audit_trail, docs/audit.md).
    "layak.web.audit_trail.AccessAuditMiddleware",
    # Last, as django-axes requires: it turns locked-out log-ins into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failures for one username from one address lock that pair for 15 minutes: a whole
# office behind one address is not locked out by one person's typos. Twenty failures for one
# username from any addresses lock the account everywhere, so rotating addresses does not
# buy unlimited guesses (layak.accounts.lockout gives each way of counting its own limit; a
# wrong password typed on the password or token page counts too).
AXES_FAILURE_LIMIT = 5
LAYAK_ACCOUNT_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["username"]]
AXES_HANDLER = "layak.accounts.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
# Never kept in axes' record of a failed attempt (it keeps the rest of the form).
AXES_SENSITIVE_PARAMETERS = [
    "username",
    "ip_address",
    "password",
    "old_password",
    "new_password1",
    "new_password2",
]
AXES_LOCKOUT_TEMPLATE = "web/locked.html"
# Audits each refused attempt, then renders the template above (docs/audit.md).
AXES_LOCKOUT_CALLABLE = "layak.accounts.lockout.lockout_response"
AXES_VERBOSE = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Idle timeout: the session ends after this long without a request (to within a minute: the
# session is saved, moving its end on, at most once a minute; layak.accounts.middleware).
SESSION_COOKIE_AGE = env_int("LAYAK_IDLE_MINUTES", 30, minimum=5, maximum=24 * 60) * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Absolute lifetime: however busy, a session ends this many hours after log-in.
LAYAK_SESSION_HOURS = env_int("LAYAK_SESSION_HOURS", 12, minimum=1, maximum=7 * 24)
# Creating an API token needs the password typed within this many minutes (log-in counts).
PASSWORD_CONFIRM_MINUTES = 10

ROOT_URLCONF = "layak.urls"
WSGI_APPLICATION = "layak.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "layak.web.context.navigation",
                "layak.notices.context.unread",
                "layak.evaluation.context.cycle_menu",
            ],
        },
    },
]

# Argon2id with Django's parameters (2 passes over 100 MiB, 8 lanes): memory-hard, so a stolen
# database is slow to crack on graphics cards, and one check takes about 0.13 s on 2 cores
# (PBKDF2 with 1,000,000 iterations: 0.23 s). Hashes made before are still accepted and are
# rehashed with Argon2id at their next log-in (docs/security.md, "Passwords").
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
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # How guessable, estimated by zxcvbn with Indonesian words (layak.accounts.passwords).
    {
        "NAME": "layak.accounts.passwords.GuessabilityValidator",
        "OPTIONS": {"min_score": 3},
    },
]

LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
if not PRODUCTION:  # whitenoise warns at start-up when the folder is missing; it fills it later
    private_folder(STATIC_ROOT)
STORAGES = {
    # Evidence and other uploads, under names the system chooses: on the filesystem by default,
    # in S3-compatible object storage with LAYAK_STORAGE=s3 (layak.conf.storage).
    "default": file_storage(DATA_DIR),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Layak's stylesheets and htmx are for its own pages: no `Access-Control-Allow-Origin: *`.
WHITENOISE_ALLOW_ALL_ORIGINS = False
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# A request body larger than this is refused with 413 before it is read (layak.web.limits),
# except where a view allows more (the Profil Anak import: LAYAK_PROFIL_UPLOAD_MB).
LAYAK_REQUEST_MAX_BYTES = DATA_UPLOAD_MAX_MEMORY_SIZE
# Stored files and their folders are readable by the account running Layak only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Cookies: none is read by a script (htmx takes the CSRF token from the page), none is sent
# cross-site but on a top-level link (Lax: a link in a reminder e-mail keeps the session). In
# production each is Secure and named __Host-: the browser then binds it to this host, HTTPS and
# path /, so a sibling site under the same go.id domain can neither read nor overwrite it.
# Messages live in the session, so Layak sets no other cookie.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SECURE = PRODUCTION
if PRODUCTION:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# Pages move from HTTP to HTTPS; the API does not: a client that sent its token over plain
# HTTP is refused (layak.api.api), so the mistake shows instead of working on unnoticed.
SECURE_REDIRECT_EXEMPT = [r"^api/"]
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Deployment checks silenced on purpose, each with its reason (docs/security.md).
# security.W021: HSTS preload binds the whole registrable domain (a local government's go.id
# domain and every service under it); that is the domain owner's decision, not Layak's.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Background work (long Profil Anak imports) through Django's tasks API. The queue lives in the
# project's database; `layak run-worker` runs it (`layak run-demo` starts one next to the server).
# Tests switch to the ImmediateBackend (tests/conftest.py).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A task RUNNING this long whose worker has not written a heartbeat for as long lost its worker:
# it is retried (Profil Anak imports, up to LAYAK_TASK_RETRIES times) or reported (layak.worker).
LAYAK_WORKER_TIMEOUT = env_int("LAYAK_WORKER_TIMEOUT", 120, minimum=10, maximum=24 * 3600)
LAYAK_WORKER_HEARTBEAT = env_int("LAYAK_WORKER_HEARTBEAT", 15, minimum=1, maximum=3600)
LAYAK_TASK_RETRIES = env_int("LAYAK_TASK_RETRIES", 1, minimum=0, maximum=10)
if LAYAK_WORKER_HEARTBEAT * 2 > LAYAK_WORKER_TIMEOUT:
    raise SettingsError("LAYAK_WORKER_TIMEOUT must be at least twice LAYAK_WORKER_HEARTBEAT")
# The largest registry extract the web app accepts for a background import, in megabytes.
LAYAK_PROFIL_UPLOAD_MB = env_int("LAYAK_PROFIL_UPLOAD_MB", 512, minimum=1, maximum=64 * 1024)
# API requests per personal token per minute; more answer 429 with Retry-After (docs/api.md).
LAYAK_API_RATE = env_int("LAYAK_API_RATE", 120, minimum=1, maximum=100_000)
# A personal API token stops working this many days after it was made (docs/api.md).
LAYAK_API_TOKEN_DAYS = env_int("LAYAK_API_TOKEN_DAYS", 90, minimum=1, maximum=366)
# Retention of personal data (`layak apply-retention`, docs/operations.md): days, months or years
# after which finished task rows, log-in failure records, leftover Profil Anak extracts and Forum
# Anak members' data are deleted.
LAYAK_RETENSI_TUGAS_HARI = env_int("LAYAK_RETENSI_TUGAS_HARI", 30, minimum=1)
LAYAK_RETENSI_AKSES_HARI = env_int("LAYAK_RETENSI_AKSES_HARI", 90, minimum=1)
LAYAK_RETENSI_UNGGAHAN_HARI = env_int("LAYAK_RETENSI_UNGGAHAN_HARI", 7, minimum=1)
LAYAK_RETENSI_FORUM_BULAN = env_int("LAYAK_RETENSI_FORUM_BULAN", 12, minimum=0)
LAYAK_RETENSI_FORUM_USIA_TAHUN = env_int("LAYAK_RETENSI_FORUM_USIA_TAHUN", 1, minimum=0)

# E-mail (reminders of task-force action items): printed to the console unless SMTP is chosen;
# production defaults to SMTP with the server from the environment (docs/settings.md).
LAYAK_EMAIL = env_str("LAYAK_EMAIL", "smtp" if PRODUCTION else "console")
if LAYAK_EMAIL not in ("console", "smtp"):
    raise SettingsError(f"LAYAK_EMAIL={LAYAK_EMAIL!r}: use console or smtp")
EMAIL_BACKEND = f"django.core.mail.backends.{LAYAK_EMAIL}.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Layak <layak@localhost>")
# The address people open Layak at: the links in e-mailed notices start with it.
LAYAK_SITE_URL = env_str("LAYAK_SITE_URL", "http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
