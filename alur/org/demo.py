"""The demo office: DPMPTSP Kabupaten Tanjung Jabung Barat with every position its SOPs name.

People and NIPs are invented (valid by the NIP rules); log-ins share one demo password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from alur.audit import records

from .models import Employee, Office, Position, PositionHolding, Unit

DEMO_PASSWORD = "alur-demo-2026"
OFFICE_CODE = "dpmptsp-tanjabbar"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    name: str
    nip: str
    rank: str
    position_code: str
    position_name: str
    unit: str
    is_head: bool = False
    is_admin: bool = False


UNITS = [
    ("Pimpinan", None),
    ("Sekretariat", None),
    ("Subbag Perencanaan Program, Monitoring, Evaluasi dan Pelaporan", "Sekretariat"),
    ("Subbag Umum dan Keuangan", "Sekretariat"),
    ("Bidang Penanaman Modal", None),
    ("Bidang Pelayanan Perizinan", None),
]
PPMEP = "Subbag Perencanaan Program, Monitoring, Evaluasi dan Pelaporan"

PEOPLE = [
    DemoPerson("kadis", "Dr. Hendra Wijaya, S.E., M.Si.", "197205141998031004", "Pembina Utama Muda (IV/c)",
               "kepala-dinas", "Kepala Dinas", "Pimpinan", is_head=True),
    DemoPerson("sekdis", "Rina Marlina, S.Sos., M.M.", "197808222003122002", "Pembina (IV/a)",
               "sekretaris", "Sekretaris Dinas", "Sekretariat"),
    DemoPerson("kasubbag", "Ahmad Fauzi, S.T.", "198203102006041003", "Penata Tingkat I (III/d)",
               "kasubbag-ppmep", "Kasubbag Perencanaan Program, Monitoring, Evaluasi dan Pelaporan", PPMEP),
    DemoPerson("perencana", "Dewi Lestari, S.E.", "198906152014022001", "Penata (III/c)",
               "perencana", "Perencana / Analis Perencanaan, Evaluasi dan Pelaporan", PPMEP),
    DemoPerson("timsakip", "Budi Santoso, S.Kom.", "198701202011011002", "Penata Muda Tingkat I (III/b)",
               "tim-sakip", "Ketua Tim SAKIP", PPMEP),
    DemoPerson("staf", "Siti Nurhaliza, A.Md.", "199404032019032005", "Pengatur (II/c)",
               "staf-perencanaan", "Staf Perencanaan", PPMEP),
    DemoPerson("kasubbagumum", "Yusuf Hidayat, S.AP.", "198011112005011004", "Penata Tingkat I (III/d)",
               "kasubbag-umum", "Kasubbag Umum dan Keuangan", "Subbag Umum dan Keuangan"),
    DemoPerson("kabidpm", "Irwan Kurniawan, S.H.", "197911052002121003", "Pembina (IV/a)",
               "kabid-pm", "Kepala Bidang Penanaman Modal", "Bidang Penanaman Modal"),
    DemoPerson("kabidpp", "Maria Ulfa, S.E., M.M.", "198112242006042006", "Pembina (IV/a)",
               "kabid-pp", "Kepala Bidang Pelayanan Perizinan", "Bidang Pelayanan Perizinan"),
    DemoPerson("admin", "Andi Pratama, S.Kom.", "199008082015031002", "Penata Muda (III/a)",
               "pranata-komputer", "Pranata Komputer (Admin Alur)", "Subbag Umum dan Keuangan",
               is_admin=True),
]
HOLDING_START = date(2024, 1, 2)


class DemoDataRefused(Exception):
    """Demo log-ins (with the published DEMO_PASSWORD) asked for where settings forbid them."""


def require_demo_data_allowed() -> None:
    if not settings.ALUR_DEMO_DATA_ALLOWED:
        raise DemoDataRefused(
            "Perintah ini membuat akun dengan kata sandi demo yang diumumkan "
            f"({DEMO_PASSWORD}); tidak boleh dijalankan pada profil produksi. Gunakan profil "
            "alur.settings.dev pada database terpisah untuk demo atau pengukuran.")


@transaction.atomic
def load_demo_office() -> tuple[Office, int]:
    """Create or complete the demo office. Returns it and how many rows were created (0 = no change)."""
    require_demo_data_allowed()
    created = 0
    office, made = Office.objects.get_or_create(
        code=OFFICE_CODE,
        defaults={
            "name": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
            "short_code": "DPM-PTSP",
            "government": "Pemerintah Kabupaten Tanjung Jabung Barat",
            "address": "Jl. Prof. Dr. Sri Soedewi Maschun Sofwan, S.H., Kuala Tungkal, Jambi",
            "seat": "Kuala Tungkal",
            "letter_number_template": "503/{nomor:02d}/{kode}/{tahun}",
        },
    )
    created += made
    if not office.seat:  # a demo office loaded before the seat was office data: complete it
        office.seat = "Kuala Tungkal"
        office.save(update_fields=["seat"])
    units: dict[str, Unit] = {}
    for name, parent in UNITS:
        unit, made = Unit.objects.get_or_create(
            office=office, name=name, defaults={"parent": units.get(parent) if parent else None}
        )
        units[name] = unit
        created += made
    user_model = get_user_model()
    for person in PEOPLE:
        position, made = Position.objects.get_or_create(
            office=office, code=person.position_code,
            defaults={"name": person.position_name, "unit": units[person.unit], "is_head": person.is_head},
        )
        created += made
        user, made = user_model.objects.get_or_create(username=person.username)
        if made:
            user.set_password(DEMO_PASSWORD)  # the office admin works in Alur's Data induk, not Django admin
            user.save()
            created += 1
        employee, made = Employee.objects.get_or_create(
            nip=person.nip,
            defaults={
                "office": office, "name": person.name, "rank": person.rank, "user": user,
                "is_office_admin": person.is_admin, "email": f"{person.username}@dpmptsp.example.go.id",
            },
        )
        created += made
        _, made = PositionHolding.objects.get_or_create(
            employee=employee, position=position, defaults={"start": HOLDING_START}
        )
        created += made
    if created:
        records.baseline(office, reason="data demo dimuat", kind="demo.dimuat")  # loaded rows, recorded as loaded
    return office, created
