import sys

from django.core.management.base import BaseCommand, CommandError

from alur.audit import records
from alur.org.models import Office
from alur.runs.models import Run
from alur.runs.verify import iter_runs, verify_runs


class Command(BaseCommand):
    help = "Alur SOP: `alur runs verify-replay` membangun ulang setiap alur dari jejak audit dan memeriksa datanya."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        replay = sub.add_parser(
            "verify-replay",
            help="Putar ulang jejak setiap alur; bandingkan dengan status, tugas, versi dokumen (dan isi berkasnya), "
                 "paraf/tanda tangan dan nomor surat yang tersimpan.")
        replay.add_argument("ids", nargs="*", type=int, help="ID alur (bawaan: semua).")
        replay.add_argument("--no-files", action="store_true", help="Jangan hitung ulang SHA-256 isi berkas.")
        replay.add_argument("--progress", type=int, default=250, metavar="N",
                            help="Tulis kemajuan ke stderr setiap N alur (bawaan 250; 0 = tidak).")

    def handle(self, *args, action, ids=(), no_files=False, progress=250, **options):
        runs = Run.objects.filter(pk__in=ids) if ids else Run.objects.all()
        total = runs.count()
        if ids and total < len(set(ids)):
            missing = sorted(set(ids) - set(runs.values_list("pk", flat=True)))
            raise CommandError(f"Alur tidak ditemukan: {', '.join(map(str, missing))}.")
        codes = dict(Office.objects.values_list("pk", "code"))
        bad = checked = 0
        for _run, problems in verify_runs(iter_runs(runs), office_codes=codes, files=not no_files):
            checked += 1
            if problems:
                bad += 1
                for problem in problems:
                    self.stderr.write(f"BERBEDA {problem}")
            if progress and checked % progress == 0:
                self.stderr.write(f"{checked}/{total} alur diperiksa")
                sys.stderr.flush()
        self.stdout.write(f"{checked - bad} alur cocok, {bad} berbeda.")
        differing = 0 if ids else self._records(files=not no_files)
        if bad:
            raise CommandError("Ada alur yang datanya tidak cocok dengan jejaknya.")
        if differing:
            raise CommandError("Ada data yang tidak cocok dengan jejak yang mencatatnya.")

    def _records(self, *, files: bool) -> int:
        """Without ids, every record an entry recorded (alur.audit.records), as `alur audit verify` checks them."""
        differing = 0
        for office in Office.objects.order_by("code"):
            for problem in records.check_office(office, files=files):
                differing += 1
                self.stderr.write(f"BERBEDA {problem}")
        self.stdout.write(f"Data tercatat: {differing} berbeda.")
        return differing
