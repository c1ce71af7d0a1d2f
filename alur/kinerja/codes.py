"""The codes of a Renstra's rows, checked the same way by the structure services and the imports:
a short code for tujuan, sasaran and indicators ("T1", "S1.2", "IKU-01"), a dotted code for the
programme, kegiatan and sub-kegiatan ("2.18.02", its child "2.18.02.2.01")."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SHORT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")  # tujuan, sasaran, indicator: "T1", "S1.2", "IKU-01"
DOTTED_CODE = re.compile(r"^\d+(\.\d+)+$")  # programme: "2.18.02"
CODE_TAIL = re.compile(r"^\d+(\.\d+)*$")  # what a kegiatan/sub-kegiatan adds after its parent's code and a dot


def short_code(value, label: str, max_length: int = 30) -> str:
    code = (value or "").strip()
    if not code:
        raise ValidationError({"code": _("Kode %(label)s wajib diisi.") % {"label": label}})
    if len(code) > max_length or not SHORT_CODE.match(code):
        raise ValidationError({"code": _("Kode %(label)s '%(code)s' tidak sah: gunakan huruf, angka, titik atau "
                                         "tanda hubung tanpa spasi (mis. T1, S1.2, IKU-01), paling panjang %(n)s "
                                         "karakter.") % {"label": label, "code": code, "n": max_length}})
    return code


def dotted_code(value, label: str, parent_code: str | None = None) -> str:
    """A programme code ("2.18.02") or a child's code: its parent's code, a dot, then numbers."""
    code = (value or "").strip()
    if not code:
        raise ValidationError({"code": _("Kode %(label)s wajib diisi.") % {"label": label}})
    if len(code) > 40 or not DOTTED_CODE.match(code):
        raise ValidationError({"code": _("Kode %(label)s '%(code)s' tidak sah: gunakan angka bertitik, mis. "
                                         "2.18.02.") % {"label": label, "code": code}})
    if parent_code is not None and not (code.startswith(parent_code + ".")
                                        and CODE_TAIL.match(code[len(parent_code) + 1:])):
        raise ValidationError({"code": _("Kode %(label)s '%(code)s' harus diawali kode induknya '%(parent)s' "
                                         "diikuti titik, mis. %(parent)s.01.") % {
                                             "label": label, "code": code, "parent": parent_code}})
    return code
