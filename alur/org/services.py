"""Changes to an office's data induk. Each one checks the policy, validates, and appends to the
office's hash-chained trail with the old and new values, in one transaction."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alur.audit.locking import lock_rows
from alur.audit.services import record
from alur.core.sop.vocabulary import tanggal
from alur.files.hashing import file_sha256
from alur.files.validators import check_and_hash, display_name

from .models import Employee, Office, Position, PositionHolding, StandIn, Unit
from .policies import require_manage_office
from .validators import clean_nip

EMPLOYEE_FIELDS = ("name", "nip", "rank", "email", "is_office_admin")
UNIT_FIELDS = ("name", "parent")
POSITION_FIELDS = ("name", "unit", "is_head")


def _plain(value):
    """A value as the trail stores it: dates as ISO text, records by their name."""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "_meta"):
        return str(value)
    return value


def _snapshot(instance, fields) -> dict:
    return {name: _plain(getattr(instance, name)) for name in fields}


def _changes(before: dict, after: dict) -> dict:
    return {name: {"lama": before[name], "baru": after[name]} for name in after if before[name] != after[name]}


# --- employees -----------------------------------------------------------------------------------

@transaction.atomic
def employee_create(*, user, office: Office, name: str, nip: str, rank: str = "", email: str = "",
                    is_office_admin: bool = False) -> Employee:
    require_manage_office(user, office)
    employee = Employee(office=office, name=name.strip(), nip=_nip(nip), rank=rank.strip(), email=email.strip(),
                        is_office_admin=is_office_admin)
    employee.full_clean()
    employee.save()
    record(office=office, kind="pegawai.ditambah", user=user,
           data={"pegawai": employee.pk, "baru": _snapshot(employee, EMPLOYEE_FIELDS)})
    return employee


@transaction.atomic
def employee_update(*, user, employee: Employee, name: str, nip: str, rank: str = "", email: str = "",
                    is_office_admin: bool = False) -> Employee:
    require_manage_office(user, employee.office)
    employee = lock_rows(Employee.objects).get(pk=employee.pk)
    before = _snapshot(employee, EMPLOYEE_FIELDS)
    if employee.is_office_admin and not is_office_admin and _is_last_admin(employee):
        raise ValidationError({"is_office_admin": _(
            "%(name)s adalah satu-satunya admin OPD; tetapkan admin lain lebih dahulu.") % {"name": employee.name}})
    employee.name, employee.nip, employee.rank = name.strip(), _nip(nip), rank.strip()
    employee.email, employee.is_office_admin = email.strip(), is_office_admin
    employee.full_clean()
    employee.save()
    changes = _changes(before, _snapshot(employee, EMPLOYEE_FIELDS))
    if changes:
        record(office=employee.office, kind="pegawai.diubah", user=user,
               data={"pegawai": employee.pk, "nama": employee.name, "perubahan": changes})
    return employee


@transaction.atomic
def employee_set_account(*, user, employee: Employee, username: str, password: str = ""):
    """Create or link the employee's log-in and (re)set its password. The password never enters the trail."""
    require_manage_office(user, employee.office)
    user_model = get_user_model()
    username = username.strip()
    try:
        user_model.username_validator(username)
    except ValidationError as exc:
        raise ValidationError({"username": exc.messages}) from None
    if not username:
        raise ValidationError({"username": _("Nama pengguna wajib diisi.")})
    account = employee.user
    if account is not None and not user.is_superuser:
        _require_office_only_account(account, employee)
    taken = user_model.objects.filter(username__iexact=username).exclude(pk=account.pk if account else None).first()
    if taken is not None:
        # Only a superuser may link an existing log-in: for an office admin, linking one would hand it
        # that log-in's reach (another office's grants, a reader's, a system admin's) with a new password.
        if account is not None or _is_linked(taken) or taken.is_superuser or taken.is_staff or not user.is_superuser:
            raise ValidationError({"username": _(
                "Nama pengguna \"%(name)s\" sudah dipakai akun lain. Admin OPD hanya boleh membuat akun baru "
                "atau mengubah akun pegawai OPD ini sendiri; pilih nama pengguna lain.") % {"name": username}})
        account = taken  # a superuser links an unlinked log-in of the same name
    old_username = employee.user.username if employee.user else None
    if account is None:
        if not password:
            raise ValidationError({"password1": _("Akun baru memerlukan kata sandi.")})
        account = user_model(username=username)
    account.username = username
    if password:
        try:
            validate_password(password, account)
        except ValidationError as exc:
            raise ValidationError({"password1": exc.messages}) from None
        account.set_password(password)
    account.save()
    if employee.user_id != account.pk:
        employee.user = account
        employee.save(update_fields=["user"])
    record(office=employee.office, kind="pegawai.akun_ditetapkan", user=user, data={
        "pegawai": employee.pk, "nama": employee.name, "nama_pengguna": {"lama": old_username, "baru": username},
        "kata_sandi_diganti": bool(password),
    })
    return account


def _nip(value: str) -> str:
    try:
        return clean_nip(value)
    except ValidationError as exc:
        raise ValidationError({"nip": exc.messages}) from None


def _is_last_admin(employee: Employee) -> bool:
    return not Employee.objects.filter(office=employee.office, is_office_admin=True).exclude(pk=employee.pk).exists()


def _require_office_only_account(account, employee: Employee) -> None:
    """An office admin manages a log-in only while it reaches nothing beyond the employee's own office."""
    if account.is_superuser or account.is_staff:
        raise ValidationError(_("Akun %(name)s adalah akun admin sistem; hanya admin sistem yang boleh mengubahnya.")
                              % {"name": account.username})
    if account.office_grants.exclude(office=employee.office).exists():
        raise ValidationError(_(
            "Akun %(name)s memegang izin baca OPD lain; hanya admin sistem yang boleh mengubahnya.")
            % {"name": account.username})


def _is_linked(account) -> bool:
    return Employee.objects.filter(user=account).exists()


# --- who holds a position, and who stands in ----------------------------------------------------

@transaction.atomic
def holding_record(*, user, position: Position, employee: Employee, start: date) -> PositionHolding:
    """`employee` holds `position` from `start`; the previous holding closes the day before. Nothing is deleted."""
    require_manage_office(user, position.office)
    _same_office(employee, position)
    holdings = lock_rows(PositionHolding.objects).filter(position=position)
    latest = holdings.order_by("-start").first()
    if latest and start <= latest.start:
        raise ValidationError({"start": _(
            "Tanggal mulai harus sesudah %(date)s, awal pemangku terakhir (%(name)s).")
            % {"date": tanggal(latest.start), "name": latest.employee.name}})
    previous = holdings.filter(end__isnull=True).order_by("-start").first() or (
        latest if latest and latest.end and latest.end >= start else None)
    closed = None
    if previous is not None:
        if previous.employee_id == employee.pk and previous.end is None:
            raise ValidationError({"employee": _("%(name)s sudah memangku jabatan ini.") % {"name": employee.name}})
        previous.end = start - timedelta(days=1)
        previous.save(update_fields=["end"])
        closed = {"pegawai": previous.employee.name, "selesai": previous.end.isoformat()}
    holding = PositionHolding(position=position, employee=employee, start=start)
    holding.full_clean()
    holding.save()
    record(office=position.office, kind="jabatan.pemangku_dicatat", user=user, data={
        "jabatan": position.name, "pegawai": employee.name, "mulai": start.isoformat(), "pemangku_sebelumnya": closed,
    })
    return holding


@transaction.atomic
def stand_in_record(*, user, position: Position, employee: Employee, kind: str, start: date, end: date,
                    basis: str) -> StandIn:
    """A Plt/Plh for `position` from `start` to `end`; refused if another stand-in covers any of those days."""
    require_manage_office(user, position.office)
    _same_office(employee, position)
    if not basis.strip():
        raise ValidationError({"basis": _("Isi dasar penunjukan, mis. nomor surat perintah Plt/Plh.")})
    stand_in = StandIn(position=position, employee=employee, kind=kind, start=start, end=end, basis=basis.strip())
    stand_in.full_clean()
    clash = (lock_rows(StandIn.objects).filter(position=position, start__lte=end, end__gte=start)
             .select_related("employee").first())
    if clash is not None:
        raise ValidationError(_(
            "Sudah ada %(prefix)s %(position)s (%(name)s) pada %(start)s s.d. %(end)s; rentang tanggal tidak "
            "boleh bertumpang tindih.") % {
            "prefix": clash.title_prefix, "position": position.name, "name": clash.employee.name,
            "start": tanggal(clash.start), "end": tanggal(clash.end)})
    stand_in.save()
    record(office=position.office, kind="plt_plh.dicatat", user=user, data={
        "jabatan": position.name, "pegawai": employee.name, "jenis": stand_in.title_prefix,
        "mulai": start.isoformat(), "selesai": end.isoformat(), "dasar": stand_in.basis,
    })
    return stand_in


def _same_office(employee: Employee, position: Position) -> None:
    if employee.office_id != position.office_id:
        raise ValidationError({"employee": _("Pegawai dan jabatan harus berada di OPD yang sama.")})


# --- units and positions -------------------------------------------------------------------------

@transaction.atomic
def unit_create(*, user, office: Office, name: str, parent: Unit | None = None) -> Unit:
    require_manage_office(user, office)
    unit = Unit(office=office, name=name.strip(), parent=parent)
    _check_unit(unit)
    unit.save()
    record(office=office, kind="unit.ditambah", user=user, data={"unit": unit.pk, "baru": _snapshot(unit, UNIT_FIELDS)})
    return unit


@transaction.atomic
def unit_update(*, user, unit: Unit, name: str, parent: Unit | None = None) -> Unit:
    require_manage_office(user, unit.office)
    before = _snapshot(unit, UNIT_FIELDS)
    ancestor = parent
    while ancestor is not None:
        if ancestor.pk == unit.pk:
            raise ValidationError({"parent": _("Unit induk tidak boleh unit ini sendiri atau bawahannya.")})
        ancestor = ancestor.parent
    unit.name, unit.parent = name.strip(), parent
    _check_unit(unit)
    unit.save()
    changes = _changes(before, _snapshot(unit, UNIT_FIELDS))
    if changes:
        record(office=unit.office, kind="unit.diubah", user=user,
               data={"unit": unit.pk, "nama": unit.name, "perubahan": changes})
    return unit


def _check_unit(unit: Unit) -> None:
    if Unit.objects.filter(office=unit.office, name__iexact=unit.name).exclude(pk=unit.pk).exists():
        raise ValidationError({"name": _("Unit kerja bernama \"%(name)s\" sudah ada.") % {"name": unit.name}})
    if unit.parent is not None and unit.parent.office_id != unit.office_id:
        raise ValidationError({"parent": _("Unit induk harus berada di OPD yang sama.")})
    unit.full_clean()


@transaction.atomic
def position_create(*, user, office: Office, name: str, unit: Unit, is_head: bool = False) -> Position:
    require_manage_office(user, office)
    position = Position(office=office, name=name.strip(), unit=unit, is_head=is_head, code=_free_code(office, name))
    _check_position(position)
    position.save()
    record(office=office, kind="jabatan.ditambah", user=user,
           data={"jabatan": position.pk, "baru": _snapshot(position, POSITION_FIELDS)})
    return position


@transaction.atomic
def position_update(*, user, position: Position, name: str, unit: Unit, is_head: bool = False) -> Position:
    """Renaming keeps the position's code, which SOP actor mappings refer to."""
    require_manage_office(user, position.office)
    before = _snapshot(position, POSITION_FIELDS)
    position.name, position.unit, position.is_head = name.strip(), unit, is_head
    _check_position(position)
    position.save()
    changes = _changes(before, _snapshot(position, POSITION_FIELDS))
    if changes:
        record(office=position.office, kind="jabatan.diubah", user=user,
               data={"jabatan": position.pk, "nama": position.name, "perubahan": changes})
    return position


def _check_position(position: Position) -> None:
    position.full_clean()
    if position.unit.office_id != position.office_id:
        raise ValidationError({"unit": _("Unit harus berada di OPD yang sama.")})
    if position.is_head:
        other = Position.objects.filter(office=position.office, is_head=True).exclude(pk=position.pk).first()
        if other is not None:
            raise ValidationError({"is_head": _(
                "OPD ini sudah punya kepala OPD: %(name)s. Lepaskan tanda itu di sana lebih dahulu.")
                % {"name": other.name}})


def _free_code(office: Office, name: str) -> str:
    base = slugify(name)[:50] or "jabatan"
    code, suffix = base, 2
    while Position.objects.filter(office=office, code=code).exists():
        code, suffix = f"{base}-{suffix}", suffix + 1
    return code


# --- the office's own settings -------------------------------------------------------------------

@transaction.atomic
def office_set_letter_number_template(*, user, office: Office, template: str) -> Office:
    require_manage_office(user, office)
    office = lock_rows(Office.objects).get(pk=office.pk)
    old = office.letter_number_template
    office.letter_number_template = template.strip()
    office.full_clean(validate_unique=False)
    if office.letter_number_template != old:
        office.save(update_fields=["letter_number_template"])
        record(office=office, kind="opd.format_nomor_diubah", user=user,
               data={"format_nomor_surat": {"lama": old, "baru": office.letter_number_template}})
    return office


LOGO_TYPES = (".png", ".jpg", ".jpeg")  # what a document cover and the SOP print can show
LOGO_MAX_BYTES = 2 * 1024 * 1024  # larger logos are not inlined into every print


def _check_logo(logo) -> str:
    """The logo's SHA-256 once it passes the upload checks (alur.files) and is a small PNG/JPEG."""
    name = display_name(getattr(logo, "name", "") or "?")
    if PurePath(name).suffix.lower() not in LOGO_TYPES:
        raise ValidationError({"logo": _("Logo %(name)s harus berupa gambar PNG atau JPG.") % {"name": name}})
    if logo.size > LOGO_MAX_BYTES:
        raise ValidationError({"logo": _("Logo %(name)s terlalu besar (%(kb)d KB; maksimum 2 MB).") % {
            "name": name, "kb": logo.size // 1024}})
    return check_and_hash(logo, field="logo")


@transaction.atomic
def office_set_identity(*, user, office: Office, seat: str, address: str, logo=None,
                        remove_logo: bool = False) -> Office:
    """The office's seat (the place its documents are signed in), address and logo; every change on
    the trail with the old and new value (the logo by its SHA-256)."""
    require_manage_office(user, office)
    sha256 = _check_logo(logo) if logo is not None else None
    office = lock_rows(Office.objects).get(pk=office.pk)
    old = {"kedudukan": office.seat, "alamat": office.address}
    office.seat, office.address = seat.strip(), address.strip()
    office.full_clean(validate_unique=False, exclude=["logo"])
    changes = {key: {"lama": old[key], "baru": new} for key, new in
               (("kedudukan", office.seat), ("alamat", office.address)) if old[key] != new}
    fields = [name for name, key in (("seat", "kedudukan"), ("address", "alamat")) if key in changes]
    old_logo = file_sha256(office.logo.name) if office.logo else ""
    if sha256 is not None and sha256 != old_logo:
        office.logo.save(display_name(logo.name), logo, save=False)
        changes["logo"] = {"lama": old_logo or "", "baru": sha256}
        fields.append("logo")
    elif remove_logo and office.logo:
        office.logo = ""
        changes["logo"] = {"lama": old_logo or "", "baru": ""}
        fields.append("logo")
    if changes:
        office.save(update_fields=fields)
        record(office=office, kind="opd.identitas_diubah", user=user, data=changes)
    return office
