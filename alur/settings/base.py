"""Settings shared by every profile; everything that differs per machine comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent  # the alur package
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("ALUR_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def client_ip_meta_order(header: str) -> tuple[str, ...]:
    """request.META keys to read the client address from: the proxy's header (if any), then REMOTE_ADDR."""
    header = header.strip()
    if not header:
        return ("REMOTE_ADDR",)
    key = header.upper().replace("-", "_")
    return (key if key.startswith("HTTP_") else f"HTTP_{key}", "REMOTE_ADDR")


SECRET_KEY = os.environ.get("SECRET_KEY", "alur-dev-only-not-secret")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# alur.web comes first so that its templates (log-in, password change, error pages) win over
# django.contrib.admin's registration templates.
INSTALLED_APPS = [
    "alur.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "csp",
    "alur.org",
    "alur.sop",
    "alur.workdays",
    "alur.audit",
    "alur.files",
    "alur.runs",
    "alur.kinerja",
    "alur.dashboard",
    "alur.documents",
    "alur.sim",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "alur.web.permissions_policy.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp), in every profile so the browser tests meet it too. Scripts
# only from Alur's own static files: no template has an inline <script> or on…= handler
# (tests/web/test_headers.py checks). Styles also allow 'unsafe-inline': the SOP documents and
# their SVG flowcharts carry inline styles shared with the PDF renderer (WeasyPrint), Bootstrap
# and htmx set style attributes, and a style cannot run script. Images: data: for Bootstrap's
# SVG icons in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

ROOT_URLCONF = "alur.urls"
WSGI_APPLICATION = "alur.wsgi.application"

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
                "alur.web.context_processors.navigation",
            ],
        },
    },
]

# SQLite in WAL mode (synchronous=NORMAL, the setting SQLite recommends with WAL) is the embedded
# default; DATABASE_URL selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'alur.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Log-in throttling (django-axes): AXES_FAILURE_LIMIT failures lock that username from that address,
# and AXES_IP_FAILURE_LIMIT failures across any usernames lock the address itself, for 15 minutes
# (alur.web.throttling counts both). An office often reaches Alur from one shared address, hence the
# larger per-address limit.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_IP_FAILURE_LIMIT = int(os.environ.get("AXES_IP_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "alur.web.throttling.AlurAxesHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client address. Directly served, it is REMOTE_ADDR. Behind a reverse proxy, set CLIENT_IP_HEADER
# to a header the proxy itself sets to the client's address, overwriting whatever the client sent
# (nginx: `proxy_set_header X-Real-IP $remote_addr;` and CLIENT_IP_HEADER=X-Real-IP). Otherwise any
# client could pick its own address and escape the limits. Read by django-axes through django-ipware.
AXES_IPWARE_META_PRECEDENCE_ORDER = client_ip_meta_order(os.environ.get("CLIENT_IP_HEADER", ""))
AXES_RESET_ON_SUCCESS = True

# A session ends after a working day (SESSION_COOKIE_AGE seconds, default 10 hours, not Django's two
# weeks): a shared office computer left logged in does not stay open into the next days. Optionally
# also when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(10 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
# Demo accounts share a published password: `alur demo` and `alur generate` refuse to create them
# where this is off (the production profile).
ALUR_DEMO_DATA_ALLOWED = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "staticfiles"))
# Bootstrap and htmx come from the npm registry at install time (package.json), never the repo.
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
# Uploads: unguessable names, no URL (served only by views that check access), rolled-back files removed.
STORAGES = {
    "default": {"BACKEND": "alur.files.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Signed daily digests of every office's trail head (alur audit anchor), kept outside the database.
ALUR_ANCHOR_DIR = Path(os.environ.get("ALUR_ANCHOR_DIR", VAR_DIR / "anchors"))
ALUR_ANCHOR_KEY = os.environ.get("ALUR_ANCHOR_KEY", "")  # HMAC key; SECRET_KEY when empty
ALUR_ANCHOR_EMAIL = env_list("ALUR_ANCHOR_EMAIL")  # also mail each digest to these addresses

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "alur@localhost")

# Unexpected errors: django.request logs them with their traceback (at ERROR) and the user sees
# templates/500.html. Everything goes to the console (the service manager keeps it); LOG_FILE adds
# a file as well.
LOG_FILE = os.environ.get("LOG_FILE", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        **({"file": {"class": "logging.handlers.WatchedFileHandler", "filename": LOG_FILE, "formatter": "plain"}}
           if LOG_FILE else {}),
    },
    "root": {"handlers": ["console", *(["file"] if LOG_FILE else [])], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},  # to the handlers above, once
        "django.request": {"level": "ERROR", "propagate": True},
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING"), "propagate": True},
    },
}
