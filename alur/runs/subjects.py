"""What a run may be *about*: a small registry of subject kinds, each naming one model.

A run links its subject explicitly (`Run.subject_type` + `Run.subject_id`), so dashboards can ask
"the runs about this year's IKU" in SQL. A later app registers its kind in its AppConfig.ready():

    from alur.runs.subjects import register
    register("iku", "kinerja.IkuYear", _("IKU tahunan"))

The subject must belong to the run's office (checked through the model's `office_id`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class SubjectKind:
    key: str  # stored in Run.subject_type
    model_label: str  # "app_label.ModelName"
    label: str
    office_field: str = "office"  # lookup from the subject to its office, e.g. "sop__office"

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)


_KINDS: dict[str, SubjectKind] = {}


def register(key: str, model_label: str, label: str, office_field: str = "office") -> None:
    if len(key) > 40:
        raise ValueError(f"subject kind {key!r} is longer than Run.subject_type allows")
    _KINDS[key] = SubjectKind(key, model_label, label, office_field)


def check_office(kind: SubjectKind, instance: models.Model, office_id: int) -> None:
    """Refuse a subject from another office: a run is only ever about its own office's data."""
    found = kind.model._default_manager.filter(pk=instance.pk, **{f"{kind.office_field}_id": office_id}).exists()
    if not found:
        raise ValidationError(_("Pokok alur berasal dari OPD lain."))


def kind_of(instance: models.Model) -> SubjectKind:
    for kind in _KINDS.values():
        if isinstance(instance, kind.model):
            return kind
    raise ValidationError(_("%(what)s tidak dapat menjadi pokok alur.") % {"what": instance._meta.verbose_name})


def resolve(subject_type: str, subject_id: int | None):
    """The subject record of a run, or None (no subject, or a kind no longer registered)."""
    kind = _KINDS.get(subject_type)
    if kind is None or subject_id is None:
        return None
    return kind.model._default_manager.filter(pk=subject_id).first()


def label_of(subject_type: str) -> str:
    kind = _KINDS.get(subject_type)
    return str(kind.label) if kind else subject_type


register("surat_masuk", "runs.IncomingLetter", gettext_lazy("Surat masuk"))
register("revisi_sop", "sop.SopRevision", gettext_lazy("Revisi SOP"), office_field="sop__office")
