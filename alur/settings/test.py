"""Test profile: fast hashing, mail kept in memory, media in a throw-away folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="alur-test-media-"))
ALUR_ANCHOR_DIR = Path(tempfile.mkdtemp(prefix="alur-test-anchors-"))
AXES_ENABLED = True
ALUR_STRICT_RECORDS = True  # a tracked row committed without a trail entry recording it fails the test
