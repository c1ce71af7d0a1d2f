"""Demo performance data of the demo DPMPTSP: Renstra 2021–2026, PK 2022–2026, budget, and
realisations 2022–2026 (2026 up to triwulan III). ALL FIGURES ARE INVENTED for demonstration.

Idempotent: a second run finds the Renstra and changes nothing. The rows are seed data, written in
one transaction with one trail entry saying so (not one entry per row, as an act would)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from alur.audit import records
from alur.audit.services import record
from alur.org.models import Employee, Position, Unit

from .models import (
    BudgetLine,
    Evidence,
    Indicator,
    IndicatorTarget,
    Kegiatan,
    PaguIndikatif,
    PerjanjianKinerja,
    Program,
    QuarterTarget,
    Realisasi,
    Renja,
    RenjaLine,
    Renstra,
    RenstraRevision,
    Sasaran,
    SubKegiatan,
    Tujuan,
)
from .setup import name_planning_unit, setting_for
from .snapshots import renstra_snapshot, year_snapshot
from .windows import quarter_end

START, END = 2021, 2026
TARGET_YEARS = range(2022, 2027)
PPMEP = "Subbag Perencanaan Program, Monitoring, Evaluasi dan Pelaporan"
PM = "Bidang Penanaman Modal"
PP = "Bidang Pelayanan Perizinan"
UMUM = "Subbag Umum dan Keuangan"
D = Decimal

TUJUAN = [
    ("T1", "Meningkatnya investasi daerah", [
        ("S1.1", "Meningkatnya nilai realisasi investasi"),
        ("S1.2", "Meningkatnya iklim investasi yang kondusif"),
    ]),
    ("T2", "Meningkatnya kualitas pelayanan perizinan dan akuntabilitas kinerja", [
        ("S2.1", "Meningkatnya kepuasan masyarakat terhadap pelayanan perizinan"),
        ("S2.2", "Meningkatnya kecepatan pelayanan perizinan"),
        ("S2.3", "Meningkatnya akuntabilitas kinerja perangkat daerah"),
    ]),
]

# code, sasaran, name, kind, satuan, polarity, aggregation, is_iku, unit, position, baseline, targets 2022–2026,
# definisi, formula, sumber data; band (low, high) for rentang
INDICATORS = [
    ("IKU-01", "S1.1", "Nilai realisasi investasi PMA dan PMDN", "jumlah", "Rp miliar", "naik", "kumulatif", True,
     PM, "kabid-pm", "410", ["450", "480", "520", "560", "600"],
     "Nilai investasi yang terealisasi di kabupaten menurut Laporan Kegiatan Penanaman Modal (LKPM).",
     "Jumlah nilai realisasi investasi PMA + PMDN dalam satu tahun", "LKPM (Online Single Submission)", None),
    ("IKU-02", "S1.1", "Jumlah proyek investasi baru", "jumlah", "proyek", "naik", "kumulatif", True,
     PM, "kabid-pm", "38", ["40", "44", "48", "52", "56"],
     "Proyek PMA/PMDN baru yang tercatat memulai realisasi pada tahun berjalan.",
     "Jumlah proyek baru (kumulatif per triwulan)", "OSS RBA dan LKPM", None),
    ("IND-03", "S1.2", "Persentase permasalahan investasi yang difasilitasi hingga selesai", "persentase", "%",
     "naik", "rata_rata", False, PM, "kabid-pm", "70", ["75", "78", "80", "85", "90"],
     "Permasalahan yang diadukan pelaku usaha dan selesai difasilitasi dibanding seluruh permasalahan masuk.",
     "Permasalahan selesai / permasalahan masuk × 100%", "Register fasilitasi Bidang Penanaman Modal", None),
    ("IND-04", "S1.2", "Jumlah kegiatan promosi investasi di luar daerah", "jumlah", "kegiatan", "naik", "kumulatif",
     False, PM, "kabid-pm", "2", ["2", "3", "0", "2", "3"],
     "Pameran/forum promosi investasi yang diikuti di luar kabupaten (2024: ditiadakan karena refocusing anggaran).",
     "Jumlah kegiatan promosi yang dilaksanakan", "Laporan kegiatan promosi", None),
    ("IKU-05", "S2.1", "Indeks Kepuasan Masyarakat (IKM) pelayanan perizinan", "indeks", "indeks", "naik",
     "nilai_akhir", True, PP, "kabid-pp", "78,2", ["80", "81", "82", "83", "85"],
     "Nilai survei kepuasan masyarakat (PermenPAN-RB 14/2017) atas layanan perizinan; diukur akhir tahun.",
     "Rata-rata tertimbang nilai unsur pelayanan × 25", "Survei Kepuasan Masyarakat", None),
    ("IND-06", "S2.1", "Persentase pengaduan layanan yang ditindaklanjuti", "persentase", "%", "naik", "rata_rata",
     False, PP, "kabid-pp", "85", ["88", "90", "92", "95", "100"],
     "Pengaduan yang ditanggapi dan ditindaklanjuti dalam 5 hari kerja dibanding pengaduan masuk.",
     "Pengaduan ditindaklanjuti / pengaduan masuk × 100%", "SP4N-LAPOR! dan buku pengaduan", None),
    ("IKU-07", "S2.2", "Rata-rata lama penerbitan izin", "rasio", "hari", "turun", "rata_rata", True,
     PP, "kabid-pp", "7", ["6", "5", "5", "4", "3"],
     "Rata-rata hari kerja sejak berkas lengkap sampai izin terbit.",
     "Jumlah hari proses seluruh izin / jumlah izin terbit", "Aplikasi SiCantik", None),
    ("IND-08", "S2.2", "Persentase izin terbit tepat waktu sesuai standar pelayanan", "persentase", "%", "naik",
     "rata_rata", False, PP, "kabid-pp", "82", ["85", "88", "90", "92", "95"],
     "Izin yang terbit dalam waktu standar pelayanan dibanding seluruh izin terbit.",
     "Izin tepat waktu / izin terbit × 100%", "Aplikasi SiCantik", None),
    ("IND-09", "S2.2", "Jumlah izin dan non-izin yang diterbitkan", "jumlah", "dokumen", "naik", "kumulatif",
     False, PP, "kabid-pp", "1850", ["1900", "2000", "2100", "2200", "2300"],
     "Dokumen izin dan non-izin yang diterbitkan dalam tahun berjalan.",
     "Jumlah dokumen terbit (kumulatif)", "Aplikasi SiCantik dan OSS RBA", None),
    ("IKU-10", "S2.3", "Nilai evaluasi SAKIP perangkat daerah", "indeks", "nilai", "naik", "nilai_akhir", True,
     PPMEP, "kasubbag-ppmep", "60,5", ["62", "65", "68", "70", "72"],
     "Nilai hasil evaluasi AKIP oleh Inspektorat (PermenPAN-RB 88/2021); ditetapkan akhir tahun.",
     "Nilai evaluasi AKIP (0–100)", "Laporan Hasil Evaluasi AKIP Inspektorat", None),
    ("IND-11", "S2.3", "Persentase dokumen perencanaan dan pelaporan kinerja yang tepat waktu", "persentase", "%",
     "naik", "rata_rata", False, PPMEP, "kasubbag-ppmep", "80", ["85", "90", "95", "100", "100"],
     "Renja, PK, LKjIP dan laporan triwulan yang disampaikan sebelum batas waktu.",
     "Dokumen tepat waktu / dokumen wajib × 100%", "Arsip Subbag PPMEP", None),
    ("IND-12", "S2.3", "Persentase penyerapan anggaran", "persentase", "%", "rentang", "nilai_akhir", False,
     UMUM, "kasubbag-umum", "88", ["95", "95", "95", "95", "95"],
     "Realisasi belanja dibanding pagu; baik bila berada dalam rentang 90–100%.",
     "Realisasi belanja / pagu × 100%", "SIPD", ("90", "100")),
]

# National standards where one exists for the indicator (the LKjIP compares against them).
NATIONAL_STANDARDS = {
    "IKU-05": ("76.61", "PermenPAN-RB 14/2017: batas bawah mutu pelayanan B (Baik), nilai konversi IKM"),
    "IKU-10": ("70", "PermenPAN-RB 88/2021: predikat BB di atas 70"),
}

PROGRAMS = [
    ("2.18.01", "S2.3", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", UMUM, "2400", [
        ("2.18.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", PPMEP, "180", [
            ("2.18.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", "75"),
            ("2.18.01.2.01.0007", "Evaluasi Kinerja Perangkat Daerah", "105")]),
        ("2.18.01.2.02", "Administrasi Keuangan Perangkat Daerah", UMUM, "2220", [
            ("2.18.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", "2220")]),
    ]),
    ("2.18.03", "S1.1", "Program Promosi Penanaman Modal", PM, "260", [
        ("2.18.03.2.01", "Penyelenggaraan Promosi Penanaman Modal", PM, "260", [
            ("2.18.03.2.01.0001", "Pelaksanaan Kegiatan Promosi Penanaman Modal", "260")]),
    ]),
    ("2.18.04", "S2.2", "Program Pelayanan Penanaman Modal", PP, "540", [
        ("2.18.04.2.01", "Pelayanan Perizinan dan Non Perizinan secara Terpadu Satu Pintu", PP, "540", [
            ("2.18.04.2.01.0001", "Penyediaan Pelayanan Terpadu Perizinan dan Non Perizinan", "390"),
            ("2.18.04.2.01.0002", "Pemantauan Pemenuhan Standar Pelayanan", "150")]),
    ]),
    ("2.18.05", "S1.2", "Program Pengendalian Pelaksanaan Penanaman Modal", PM, "310", [
        ("2.18.05.2.01", "Pengendalian Pelaksanaan Penanaman Modal", PM, "310", [
            ("2.18.05.2.01.0001", "Pemantauan dan Pembinaan LKPM", "310")]),
    ]),
]
MILLION = D(1_000_000)
# Realisation as a share of the quarter's target, cycling per indicator and quarter (invented).
FACTORS = [D("0.96"), D("1.04"), D("0.91"), D("1.02"), D("0.87"), D("1.08"), D("0.99"), D("0.94"), D("1.01")]
# 2026 triwulan III items left in flight so every page has something to show.
IN_FLIGHT = {"IND-03": "diajukan", "IND-06": "diajukan", "IND-08": "dikembalikan", "IND-11": "diajukan"}
LEFT_EMPTY_2026_Q3 = {"IND-09"}  # for the Kabid to enter (the browser journey)


def _quarter_targets(target: Decimal, aggregation: str, whole: bool) -> list[Decimal]:
    if aggregation != "kumulatif":
        return [target] * 4
    share = (target // 4) if whole else (target / 4).quantize(D("0.01"))  # a count splits in whole units
    return [share, share, share, target - 3 * share]


def _factor(index: int, year: int, triwulan: int, polarity: str) -> Decimal:
    factor = FACTORS[(index * 7 + year * 3 + triwulan) % len(FACTORS)]
    return (2 - factor) if polarity == "turun" else factor


@transaction.atomic
def load_demo_kinerja(office) -> int:
    """Create the demo performance data once; return the number of rows created (0 = already there)."""
    if setting_for(office).planning_unit_id is None:  # named, never guessed; an admin's choice stays
        name_planning_unit(office, Unit.objects.get(office=office, name=PPMEP))
    if Renstra.objects.filter(office=office, start_year=START).exists():
        return 0
    units = {u.name: u for u in Unit.objects.filter(office=office)}
    positions = {p.code: p for p in Position.objects.filter(office=office)}
    created = 0
    renstra = Renstra.objects.create(office=office, title="Rencana Strategis DPMPTSP", start_year=START,
                                     end_year=END, status=Renstra.Status.DITETAPKAN)
    sasaran: dict[str, Sasaran] = {}
    for t_code, t_name, children in TUJUAN:
        tujuan = Tujuan.objects.create(renstra=renstra, code=t_code, name=t_name)
        for s_code, s_name in children:
            sasaran[s_code] = Sasaran.objects.create(tujuan=tujuan, code=s_code, name=s_name)
    created += 1 + len(TUJUAN) + len(sasaran)
    indicators: list[tuple[Indicator, tuple]] = []
    for order, spec in enumerate(INDICATORS, start=1):
        (code, s_code, name, kind, satuan, polarity, aggregation, is_iku, unit, position, baseline, targets,
         definisi, formula, sumber, band) = spec
        indicator = Indicator.objects.create(
            renstra=renstra, sasaran=sasaran[s_code], code=code, name=name, kind=kind, satuan=satuan,
            polarity=polarity, aggregation=aggregation, is_iku=is_iku, unit=units[unit],
            position=positions.get(position), baseline=D(baseline.replace(",", ".")), order=order,
            definisi=definisi, formula=formula, sumber_data=sumber,
            alasan=(f"Mengukur langsung ketercapaian sasaran strategis {sasaran[s_code].name.lower()}; "
                    f"datanya tersedia setiap triwulan dari {sumber}.") if is_iku else "",
            band_low=D(band[0]) if band else None, band_high=D(band[1]) if band else None,
            national_standard=D(NATIONAL_STANDARDS[code][0]) if code in NATIONAL_STANDARDS else None,
            national_standard_source=NATIONAL_STANDARDS[code][1] if code in NATIONAL_STANDARDS else "")
        indicators.append((indicator, spec))
    created += len(indicators)
    targets, quarters = [], []
    for indicator, spec in indicators:
        for year, value in zip(TARGET_YEARS, spec[11], strict=True):
            target = D(value)
            targets.append(IndicatorTarget(indicator=indicator, year=year, value=target))
            shares = _quarter_targets(target, indicator.aggregation, indicator.kind == Indicator.Kind.JUMLAH)
            quarters += [QuarterTarget(indicator=indicator, year=year, triwulan=q, value=v)
                         for q, v in enumerate(shares, start=1)]
    IndicatorTarget.objects.bulk_create(targets)
    QuarterTarget.objects.bulk_create(quarters)
    created += len(targets) + len(quarters)
    created += _load_programs(renstra, units, sasaran)
    created += _load_renja_and_pk(office, renstra)
    created += _load_realisations(office, indicators)
    # Ditetapkan in the Renstra's first year, as a Renstra is (invented date).
    ditetapkan = timezone.make_aware(datetime.combine(datetime(renstra.start_year, 6, 30).date(), time(10)))
    RenstraRevision.objects.create(renstra=renstra, number=0, ditetapkan_at=min(ditetapkan, timezone.now()),
                                   snapshot=renstra_snapshot(renstra))
    record(office=office, kind="kinerja.demo.muat", data={"renstra": renstra.pk, "baris": created,
                                                         "catatan": "data demo; angka rekaan"})
    records.baseline(office, reason="data demo dimuat", kind="demo.dimuat")  # the rows written in bulk above
    return created


def _growth(year: int) -> Decimal:
    return D(1) + D("0.04") * (year - 2022)


def _load_programs(renstra, units, sasaran) -> int:
    """Pagu indikatif that adds up: each sub-kegiatan's amount grows 4 % a year, a kegiatan's pagu is
    the sum of its sub-kegiatan's and a programme's the sum of its kegiatan's; the year's budget lines
    split the programme's pagu over the quarters without losing a rupiah to rounding."""
    created = 0
    pagu, budget = [], []
    for p_index, (code, s_code, name, unit, _amount, kegiatan) in enumerate(PROGRAMS):
        program = Program.objects.create(renstra=renstra, sasaran=sasaran[s_code], code=code, name=name,
                                         unit=units[unit])
        created += 1
        program_pagu = dict.fromkeys(TARGET_YEARS, D(0))
        for k_code, k_name, k_unit, _k_amount, subs in kegiatan:
            keg = Kegiatan.objects.create(program=program, code=k_code, name=k_name, unit=units[k_unit])
            created += 1
            kegiatan_pagu = dict.fromkeys(TARGET_YEARS, D(0))
            for s_code_, s_name, s_amount in subs:
                sub = SubKegiatan.objects.create(kegiatan=keg, code=s_code_, name=s_name, unit=units[k_unit])
                created += 1
                for year in TARGET_YEARS:
                    amount = (D(s_amount) * MILLION * _growth(year)).quantize(D("1"))
                    kegiatan_pagu[year] += amount
                    pagu.append(PaguIndikatif(sub_kegiatan=sub, year=year, amount=amount))
            for year in TARGET_YEARS:
                program_pagu[year] += kegiatan_pagu[year]
                pagu.append(PaguIndikatif(kegiatan=keg, year=year, amount=kegiatan_pagu[year]))
        for year in TARGET_YEARS:
            annual = program_pagu[year]
            pagu.append(PaguIndikatif(program=program, year=year, amount=annual))
            share = (annual / 4).quantize(D("1"))
            for q in range(1, 5):
                # Absorption differs per programme and quarter (invented); 2026's last quarter is ahead.
                share_real = D(0) if (year == 2026 and q == 4) else (
                    D("0.98") - D("0.03") * p_index - D("0.01") * ((year + q) % 3))
                quarter_pagu = share if q < 4 else annual - 3 * share
                budget.append(BudgetLine(program=program, year=year, triwulan=q, pagu=quarter_pagu,
                                         realisasi=(quarter_pagu * share_real).quantize(D("1"))))
    PaguIndikatif.objects.bulk_create(pagu)
    BudgetLine.objects.bulk_create(budget)
    return created + len(pagu) + len(budget)


def _load_renja_and_pk(office, renstra) -> int:
    head = Employee.objects.filter(office=office, holdings__position__is_head=True).first()
    created = 0
    programs = list(Program.objects.filter(renstra=renstra).prefetch_related("pagu"))
    # Each programme line carries the first indicator of the sasaran it serves, with that year's target.
    first_indicator = {}
    for indicator in Indicator.objects.filter(renstra=renstra, sasaran__isnull=False).order_by("order", "code"):
        first_indicator.setdefault(indicator.sasaran_id, indicator)
    targets = {(t.indicator_id, t.year): t.value for t in IndicatorTarget.objects.filter(indicator__renstra=renstra)}
    for year in TARGET_YEARS:
        renja = Renja.objects.create(office=office, renstra=renstra, year=year)
        lines = []
        for p in programs:
            indicator = first_indicator.get(p.sasaran_id)
            amounts = {x.year: x.amount for x in p.pagu.all()}
            lines.append(RenjaLine(renja=renja, code=p.code, name=p.name, program=p, indicator=indicator,
                                   target=targets.get((indicator.pk, year)) if indicator else None,
                                   pagu=amounts[year], lokasi="Kabupaten Tanjung Jabung Barat", sumber_dana="APBD",
                                   target_maju=targets.get((indicator.pk, year + 1)) if indicator else None,
                                   pagu_maju=amounts.get(year + 1)))
        if year == 2026:  # an unplanned line, flagged on the page as serving nothing in the Renstra
            lines.append(RenjaLine(renja=renja, code="2.18.99", name="Kegiatan tambahan di luar Renstra",
                                   pagu=D(25) * MILLION, lokasi="Kuala Tungkal", sumber_dana="APBD"))
        RenjaLine.objects.bulk_create(lines)
        created += 1 + len(lines)
        if head is None:
            continue
        signed = timezone.make_aware(datetime.combine(datetime(year, 1, 31).date(), time(10)))
        PerjanjianKinerja.objects.create(
            office=office, renstra=renstra, year=year, pihak_pertama=head, pihak_pertama_title="Kepala Dinas",
            pihak_kedua_name="H. Rahmat Hidayat, S.E., M.M. (fiktif)",
            pihak_kedua_title="Bupati Tanjung Jabung Barat", signed_at=signed, snapshot=year_snapshot(renstra, year))
        created += 1
    return created


def _demo_dates(year: int, triwulan: int, index: int, now: datetime) -> tuple[datetime, datetime, datetime]:
    """Submitted a week or so after the quarter ended (varying per indicator), verified three days
    later, approved two days after that — never in the future — so the SAKIP year page shows a
    history rather than everything handed in on the day the demo was loaded."""
    submitted = timezone.make_aware(datetime.combine(quarter_end(year, triwulan), time(10))) + timedelta(
        days=6 + index % 6)
    return tuple(min(moment, now) for moment in (submitted, submitted + timedelta(days=3),
                                                 submitted + timedelta(days=5)))


def _load_realisations(office, indicators) -> int:
    rows, evidence_notes = [], []
    now = timezone.now()
    for index, (indicator, _spec) in enumerate(indicators):
        quarter_targets = {(q.year, q.triwulan): q.value for q in indicator.quarter_targets.all()}
        for year in TARGET_YEARS:
            for q in range(1, 5):
                if year == 2026 and (q == 4 or (q == 3 and indicator.code in LEFT_EMPTY_2026_Q3)):
                    continue
                target = quarter_targets[(year, q)]
                # A count (proyek, kegiatan, dokumen) is a whole number; other kinds keep two decimals.
                step = D("1") if indicator.kind == Indicator.Kind.JUMLAH else D("0.01")
                value = (target * _factor(index, year, q, indicator.polarity)).quantize(step)
                if indicator.kind == Indicator.Kind.PERSENTASE:
                    value = min(value, D(100))  # a share of a whole never exceeds 100 %
                state = Realisasi.State.DISAHKAN
                if year == 2026 and q == 3:
                    state = IN_FLIGHT.get(indicator.code, Realisasi.State.DIVERIFIKASI)
                submitted, verified, approved = _demo_dates(year, q, index, now)
                rows.append(Realisasi(
                    indicator=indicator, year=year, triwulan=q, value=value, state=state,
                    faktor_pendorong="Koordinasi rutin dengan perangkat daerah terkait (data demo).",
                    faktor_penghambat="" if value >= target else "Keterbatasan sumber daya (data demo).",
                    langkah_perbaikan="" if value >= target else "Penjadwalan ulang kegiatan (data demo).",
                    return_reason=("Bukti dukung belum memuat rekap per bulan; lengkapi."
                                   if state == Realisasi.State.DIKEMBALIKAN else ""),
                    submitted_at=submitted, verified_at=verified if state in Realisasi.COUNTED else None,
                    approved_at=approved if state == Realisasi.State.DISAHKAN else None))
    Realisasi.objects.bulk_create(rows)
    for realisasi in Realisasi.objects.filter(indicator__renstra__office=office):
        evidence_notes.append(Evidence(realisasi=realisasi, kind=Evidence.Kind.NOTE,
                                       note="Rekap data triwulan dari sumber data indikator (data demo)."))
    Evidence.objects.bulk_create(evidence_notes)
    return len(rows) + len(evidence_notes)
