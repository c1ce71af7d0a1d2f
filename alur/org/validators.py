"""Django-side wrappers around the pure validators in alur.core."""

from django.core.exceptions import ValidationError

from alur.core import errors
from alur.core.nip import normalize_nip, validate_nip


def nip_validator(value: str) -> None:
    try:
        validate_nip(value)
    except errors.ValidationError as exc:
        raise ValidationError(exc.message, code=exc.code) from None


def clean_nip(value: str) -> str:
    nip_validator(value)
    return normalize_nip(value)
